"""Re-analysis rows: which stage version made each article's annotations, and resumable re-analysis jobs.

A job first clears the old annotations of the stages it re-runs (one transaction), then writes the new ones a
batch at a time (one transaction each, with the job's position), so a job killed at any point goes on from its
last batch and the store never holds half a batch. Story assignment is order-dependent and cross-document, so a
job that re-runs `stories` clears every story and assigns every article again, in the order they were stored.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date

import newsint.store.claims as claim_rows
import newsint.store.entities as entity_rows
import newsint.store.events as event_rows
import newsint.store.geo as geo_rows
import newsint.store.stories as story_rows
from newsint.errors import ConfigError
from newsint.model import Article, StoryState
from newsint.store.articles import sentence_spans

#: The per-article tables each stage's annotations live in (what clearing a stage deletes).
STAGE_TABLES: dict[str, tuple[str, ...]] = {
    "places": ("place_mentions",),
    "times": ("times",),
    "claims": ("figures", "claims"),
    "figures": ("figures",),
    "events": ("events",),
}
#: The `articles` column each stage fills, and its value when cleared.
STAGE_COLUMNS: dict[str, tuple[str, str]] = {
    "nlp": ("sentences", "'[]'"),
    "embed": ("embedding", "NULL"),
    "sentence_vectors": ("sentence_vectors", "NULL"),
}
#: `articles` columns made from a stage's output by a later step: cleared with it, made again when needed.
MADE_FROM: dict[str, tuple[str, ...]] = {"nlp": ("sentence_vectors",)}


@dataclass(frozen=True, slots=True)
class Reanalysis:
    """A re-analysis job as stored: what it re-runs, on which articles, and how far it got."""

    id: int
    stages: tuple[str, ...]
    profile: str
    since: date | None
    cleared: bool
    position: int


def record_versions(db: sqlite3.Connection, rows: Iterable[tuple[str, str, str]], now: str) -> None:
    """(article id, stage, version) of annotations just written."""
    db.executemany(
        "INSERT OR REPLACE INTO article_stages VALUES (?, ?, ?, ?)", [(*row, now) for row in rows]
    )


def version_counts(db: sqlite3.Connection) -> list[tuple[str, str, int]]:
    """(stage, version, articles) of every stage version that made stored annotations."""
    rows = db.execute("SELECT stage, version, count(*) FROM article_stages GROUP BY stage, version ORDER BY 1, 2")
    return [(str(s), str(v), int(n)) for s, v, n in rows]


def open_job(db: sqlite3.Connection, stages: tuple[str, ...], profile: str, since: date | None, now: str) -> Reanalysis:
    """The unfinished job with these options (to go on with it), else a new one; ConfigError when an unfinished
    job with other options holds the store (its articles would be left half-analysed)."""
    row = db.execute(
        "SELECT id, stages, profile, since, cleared, position FROM reanalyses WHERE finished_at IS NULL "
        "ORDER BY id DESC LIMIT 1"
    ).fetchone()
    wanted = (list(stages), profile, since.isoformat() if since else None)
    if row is not None:
        found = _job(row)
        if (list(found.stages), found.profile, found.since.isoformat() if found.since else None) != wanted:
            raise ConfigError(
                f"re-analysis {found.id} (stages {', '.join(found.stages)}, profile {found.profile}, since "
                f"{found.since or 'the start'}) is unfinished: run it again with those options to finish it first"
            )
        return found
    cursor = db.execute(
        "INSERT INTO reanalyses (stages, profile, since, started_at) VALUES (?, ?, ?, ?)",
        (json.dumps(wanted[0]), profile, wanted[2], now),
    )
    return Reanalysis(int(cursor.lastrowid or 0), stages, profile, since, False, 0)


def unfinished_job(db: sqlite3.Connection) -> Reanalysis | None:
    row = db.execute(
        "SELECT id, stages, profile, since, cleared, position FROM reanalyses WHERE finished_at IS NULL "
        "ORDER BY id DESC LIMIT 1"
    ).fetchone()
    return None if row is None else _job(row)


def _job(row: tuple[object, ...]) -> Reanalysis:
    id_, stages, profile, since, cleared, position = row
    return Reanalysis(int(str(id_)), tuple(json.loads(str(stages))), str(profile),
                      date.fromisoformat(str(since)) if since else None, bool(cleared), int(str(position)))  # fmt: skip


def _selected(since: date | None) -> tuple[str, list[object]]:
    """The SQL of the ids a job takes and its parameters."""
    return ("SELECT id FROM articles WHERE published >= ?", [since.isoformat()]) if since else (
        "SELECT id FROM articles", []
    )


def clear(
    db: sqlite3.Connection, job: Reanalysis, entity_name: Callable[[dict[str, int]], str]
) -> None:
    """Delete the annotations the job's stages made on its articles (every story, when it re-runs `stories`)
    and mark the job cleared; call inside one transaction."""
    selected, params = _selected(job.since)
    stages = set(job.stages)
    for stage in stages & set(STAGE_TABLES):
        for table in STAGE_TABLES[stage]:
            db.execute(f"DELETE FROM {table} WHERE article_id IN ({selected})", params)
    for stage in stages & set(STAGE_COLUMNS):
        column, empty = STAGE_COLUMNS[stage]
        db.execute(f"UPDATE articles SET {column} = {empty} WHERE id IN ({selected})", params)
    for stage in stages & set(MADE_FROM):
        for column in MADE_FROM[stage]:
            db.execute(f"UPDATE articles SET {column} = NULL WHERE id IN ({selected})", params)
    if "entities" in stages:
        _clear_entities(db, selected, params, entity_name)
    if "stories" in stages:
        db.execute("UPDATE articles SET story = NULL, story_score = NULL")
        db.execute("DELETE FROM stories")
        db.execute("DELETE FROM article_stages WHERE stage = 'stories'")
    marks = ", ".join("?" * len(stages))
    db.execute(f"DELETE FROM article_stages WHERE stage IN ({marks}) AND article_id IN ({selected})",
               [*sorted(stages), *params])  # fmt: skip
    db.execute("UPDATE reanalyses SET cleared = 1 WHERE id = ?", (job.id,))


def _clear_entities(
    db: sqlite3.Connection, selected: str, params: list[object], entity_name: Callable[[dict[str, int]], str]
) -> None:
    """Delete the selected articles' entity mentions; the entities they touched are counted and named again from
    the mentions left, and those no article names any more are deleted."""
    touched = [str(row[0]) for row in db.execute(
        f"SELECT DISTINCT entity_id FROM article_entities WHERE article_id IN ({selected})", params
    )]  # fmt: skip
    db.execute(f"DELETE FROM mentions WHERE article_id IN ({selected})", params)
    db.execute(f"DELETE FROM article_entities WHERE article_id IN ({selected})", params)
    for entity_id in touched:
        db.execute("DELETE FROM entity_aliases WHERE entity_id = ?", (entity_id,))
        if db.execute("SELECT 1 FROM article_entities WHERE entity_id = ? LIMIT 1", (entity_id,)).fetchone() is None:
            db.execute("DELETE FROM entities WHERE id = ?", (entity_id,))
            continue
        db.execute(
            "INSERT INTO entity_aliases SELECT entity_id, text, count(*) FROM mentions "
            "WHERE entity_id = ? AND how != 'role' GROUP BY text",
            (entity_id,),
        )
        counts = dict(db.execute("SELECT alias, mentions FROM entity_aliases WHERE entity_id = ?", (entity_id,)))
        db.execute(
            "UPDATE entities SET name = :name, mentions = (SELECT count(*) FROM mentions WHERE entity_id = :id), "
            "documents = (SELECT count(*) FROM article_entities WHERE entity_id = :id) WHERE id = :id",
            {"name": entity_name(counts), "id": entity_id},
        )


def write(
    db: sqlite3.Connection,
    job: Reanalysis,
    batch: list[tuple[int, bool, Article]],
    versions: Mapping[str, str],
    join_stories: Callable[[list[Article], Callable[[str], StoryState | None]], Collection[StoryState]],
    date_period: event_rows.DatePeriod,
    entity_name: Callable[[dict[str, int]], str],
    now: str,
    generation: int,
) -> None:
    """Write one batch of a job (call inside one transaction): the new annotations of the articles it re-ran,
    the story of every article (when it re-runs `stories`), the versions, and the job's position."""
    stages = set(job.stages)
    rerun = [article for _, again, article in batch if again]
    for stage in stages & set(STAGE_COLUMNS):
        column, _ = STAGE_COLUMNS[stage]
        values = [(_column_value(stage, a), a.id) for a in rerun]
        db.executemany(f"UPDATE articles SET {column} = ? WHERE id = ?", values)
    if "entities" in stages:
        entity_rows.write_entities(db, rerun, entity_name)
    if stages & {"places", "times"}:
        geo_rows.write_places_and_times(db, rerun)
    if stages & {"claims", "figures"}:
        claim_rows.write_claims_and_figures(db, rerun)
    if "events" in stages:
        event_rows.write_events(db, rerun, date_period)
    rows = [(a.id, stage, versions.get(stage, "")) for a in rerun for stage in job.stages]
    if "stories" in stages:
        everyone = [article for _, _, article in batch]
        db.executemany(
            "UPDATE articles SET story = ?, story_score = ? WHERE id = ?",
            [(a.story, a.story_score, a.id) for a in everyone],
        )
        joining = [a for a in everyone if a.story]
        if joining:
            states = join_stories(joining, lambda story: story_rows.read_state(db, story))
            story_rows.write_states(db, states, now, generation)
        rows += [(a.id, "stories", versions.get("stories", "")) for _, again, a in batch if not again]
    record_versions(db, rows, now)
    db.execute("UPDATE reanalyses SET position = ? WHERE id = ?", (max(rowid for rowid, _, _ in batch), job.id))


def _column_value(stage: str, article: Article) -> object:
    if stage == "nlp":
        return sentence_spans(article)
    if stage == "sentence_vectors":
        return article.sentence_vectors
    return article.embedding


def finish(db: sqlite3.Connection, job: Reanalysis, now: str) -> None:
    db.execute("UPDATE reanalyses SET finished_at = ? WHERE id = ?", (now, job.id))


def count_pending(db: sqlite3.Connection, job: Reanalysis) -> int:
    """How many articles the job has still to write."""
    selected, params = _selected(None if "stories" in job.stages else job.since)
    where = f"id IN ({selected}) AND rowid > ?"
    return int(db.execute(f"SELECT count(*) FROM articles WHERE {where}", [*params, job.position]).fetchone()[0])


def selected_ids(db: sqlite3.Connection, job: Reanalysis, ids: Collection[str]) -> set[str]:
    """Which of `ids` the job re-runs its stages on."""
    if job.since is None:
        return set(ids)
    found: set[str] = set()
    wanted = list(ids)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = db.execute(
            f"SELECT id FROM articles WHERE published >= ? AND id IN ({', '.join('?' * len(chunk))})",
            (job.since.isoformat(), *chunk),
        )
        found.update(str(row[0]) for row in rows)
    return found
