"""SQLite store: WAL, FTS5 over title and text, a versioned schema, one transaction per batch.

A batch of articles, the sightings of exact duplicates, the inputs finished with it and the
errors met on the way are written in one transaction, so a crash never leaves half an article
and an input is only marked done once everything read from it is stored.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Protocol

import newsint.store.claims as claim_rows
import newsint.store.entities as entity_rows
import newsint.store.events as event_rows
import newsint.store.geo as geo_rows
import newsint.store.reanalysis as reanalysis_rows
import newsint.store.stories as story_rows
import newsint.store.views as view_rows
import newsint.store.watch as watch_rows
from newsint.errors import ConfigError, InputError
from newsint.model import Article, Claim, Event, StoryState, TimeExpr
from newsint.store.articles import (
    COLUMNS,
    PLACEHOLDERS,
    ArticleFilter,
    article_row,
    filter_sql,
    row_article,
    write_sentence_vectors,
)
from newsint.store.entities import EntitySummary
from newsint.store.geo import PlaceSummary, StoredPlaceMention
from newsint.store.reanalysis import Reanalysis


class BatchRules(Protocol):
    """What the store asks the domain while it writes a batch, in the batch's transaction: it computes nothing
    itself (`newsint.batch.RULES` answers)."""

    def entity_name(self, aliases: dict[str, int]) -> str:
        """The name an entity is listed by, from each written form and how often it was written."""
        ...

    def date_period(self, value: str) -> tuple[date, date] | None:
        """The first and last day a TIMEX3 value covers; None without a calendar period."""
        ...

    def join_stories(
        self, articles: list[Article], stored: Callable[[str], StoryState | None]
    ) -> Collection[StoryState]:
        """The states of the stories `articles` join (new articles, and stored ones getting their story), each
        read with `stored` and grown by its articles."""
        ...


@dataclass(frozen=True, slots=True)
class InputRecord:
    """An input read to its end: its bytes' sha256, where it was, and how many articles it gave."""

    sha256: str
    path: str
    size: int
    articles: int


@dataclass(frozen=True, slots=True)
class StoredError:
    path: str
    locator: str
    reason: str
    at: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: str
    rank: float


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("newsint.store").joinpath("migrations")
    scripts = sorted((p for p in folder.iterdir() if p.name.endswith(".sql")), key=lambda p: p.name)
    return [(int(p.name.split("_", 1)[0]), p.read_text(encoding="utf-8")) for p in scripts]


_ID_CHUNK = 500
#: The longest a full-text search may run before it is stopped with a message.
SEARCH_SECONDS = 5.0
SEARCH_CHECK_STEPS = 10_000  # SQLite virtual-machine steps between two looks at the clock


class Store:
    """A newsint database. Open with `Store.open(path)`; use as a context manager to close it."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: Path | str) -> Store:
        path = Path(path)
        if path.is_dir():
            raise ConfigError(f"{path}: is a directory, not a database file")
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=30)
            connection.execute("PRAGMA busy_timeout=30000")  # first: another process may be creating the file
            connection.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError as exc:
            raise ConfigError(f"{path}: not a newsint database ({exc})") from None
        connection.execute("PRAGMA synchronous=NORMAL")
        connection.execute("PRAGMA foreign_keys=ON")
        store = cls(connection, path)
        store.migrate()
        return store

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])

    def migrate(self) -> None:
        """Apply every migration newer than the database, each in its own write transaction. The version is read
        again once the transaction holds the write lock, so processes opening one database at once apply each
        migration once: the others find it done and go on."""
        migrations = _migrations()
        latest = migrations[-1][0]
        if (found := self.schema_version) > latest:
            raise ConfigError(f"{self.path}: schema version {found} is newer than this newsint ({latest})")
        for version, script in migrations:
            if version <= self.schema_version:
                continue
            self.db.execute("BEGIN IMMEDIATE")
            try:
                if version > self.schema_version:
                    for statement in _statements(script):
                        self.db.execute(statement)
                    self.db.execute(f"PRAGMA user_version={version}")
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

    # -- writing -----------------------------------------------------------------------------

    def write_batch(
        self,
        articles: list[Article],
        done: Collection[InputRecord] = (),
        errors: Collection[InputError] = (),
        run_id: int | None = None,
        pipeline: str = "",
        *,
        rules: BatchRules,
        versions: Mapping[str, str] | None = None,
    ) -> list[bool]:
        """Store a batch in one transaction; returns, per article, whether it was new. `versions` names the
        version of each stage that annotated the articles (recorded for the new ones)."""
        now = _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            known = self._stored_ids([article.id for article in articles])
            # Articles stored before stories existed (schema 5) get theirs when they are ingested again.
            unassigned = story_rows.unassigned(self.db, known)
            fresh: list[bool] = []
            new: list[Article] = []
            backfill: list[Article] = []
            joining: list[Article] = []  # both, in batch order: the order the stories stage added them in
            for article in articles:
                fresh.append(article.id not in known)
                if fresh[-1]:
                    known.add(article.id)
                    new.append(article)
                    joining.append(article)
                elif article.id in unassigned and article.story is not None:
                    unassigned.discard(article.id)
                    backfill.append(article)
                    joining.append(article)
            self.db.executemany(
                f"INSERT INTO articles ({COLUMNS}) VALUES ({PLACEHOLDERS})",
                [article_row(article, now) for article in new],
            )
            entity_rows.write_entities(self.db, new, rules.entity_name)
            geo_rows.write_places_and_times(self.db, new)
            claim_rows.write_claims_and_figures(self.db, new)
            event_rows.write_events(self.db, new, rules.date_period)
            reanalysis_rows.record_versions(
                self.db, [(a.id, stage, version) for a in new for stage, version in (versions or {}).items()], now
            )
            story_rows.assign_stored(self.db, backfill)
            if joining:
                generation = view_rows.next_generation(self.db)
                if any(article.story for article in joining):
                    states = rules.join_stories(joining, lambda story: story_rows.read_state(self.db, story))
                    story_rows.write_states(self.db, states, now, generation)
            self.db.executemany(
                "INSERT OR IGNORE INTO sightings VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (a.id, a.source, a.provenance.input_path, a.provenance.sha256, a.provenance.locator, now)
                    for a in articles
                ],
            )
            self.db.executemany(
                "INSERT OR REPLACE INTO inputs VALUES (?, ?, ?, ?, ?, ?)",
                [(d.sha256, pipeline, d.path, d.size, d.articles, now) for d in done],
            )
            self.db.executemany(
                "INSERT INTO errors (run_id, path, locator, reason, at) VALUES (?, ?, ?, ?, ?)",
                [(run_id, e.path, e.locator, e.reason, now) for e in errors],
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return fresh

    def _stored_ids(self, ids: list[str]) -> set[str]:
        """Which of `ids` are stored already, asked in chunks below SQLite's parameter limit."""
        known: set[str] = set()
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start : start + _ID_CHUNK]
            query = f"SELECT id FROM articles WHERE id IN ({', '.join('?' * len(chunk))})"
            known.update(row[0] for row in self.db.execute(query, chunk))
        return known

    def start_run(self, command: str) -> int:
        cursor = self.db.execute("INSERT INTO runs (started_at, command) VALUES (?, ?)", (_now(), command))
        return int(cursor.lastrowid or 0)

    def finish_run(self, run_id: int, stats: dict[str, int]) -> None:
        self.db.execute("UPDATE runs SET finished_at = ?, stats = ? WHERE id = ?", (_now(), json.dumps(stats), run_id))

    # -- reading -----------------------------------------------------------------------------

    def input_done(self, sha256: str, pipeline: str) -> bool:
        row = self.db.execute("SELECT 1 FROM inputs WHERE sha256 = ? AND pipeline = ?", (sha256, pipeline)).fetchone()
        return row is not None

    def count(self, where: ArticleFilter | None = None) -> int:
        """How many articles are stored, or kept by `where`."""
        condition, params = filter_sql(where)
        return int(self._filtered(f"SELECT count(*) FROM articles WHERE {condition}", params).fetchone()[0])

    def get(self, article_id: str) -> Article | None:
        """The article with this id, or with the only id starting with it."""
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM articles WHERE id >= ? AND id < ? LIMIT 2",
            (article_id, article_id + "\uffff"),
        ).fetchall()
        if len(rows) != 1:
            return None
        return self._annotated(row_article(rows[0]))

    def articles(
        self, limit: int | None = None, offset: int = 0, where: ArticleFilter | None = None
    ) -> Iterator[Article]:
        """Articles in the order they were stored, with every annotation; those `where` keeps."""
        condition, params = filter_sql(where)
        cursor = self._filtered(
            f"SELECT {COLUMNS} FROM articles WHERE {condition} ORDER BY rowid LIMIT ? OFFSET ?",
            (*params, -1 if limit is None else limit, offset),
        )
        for row in cursor:
            yield self._annotated(row_article(row))

    def article_ids(self, where: ArticleFilter | None = None) -> set[str]:
        """The ids of the articles `where` keeps."""
        condition, params = filter_sql(where)
        return {str(row[0]) for row in self._filtered(f"SELECT id FROM articles WHERE {condition}", params)}

    def _filtered(self, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        """Run a read whose filter may hold an FTS5 query: a malformed one is a ConfigError, not a crash."""
        try:
            return self.db.execute(sql, params)
        except sqlite3.OperationalError as exc:
            raise ConfigError(f"bad search query: {exc}") from None

    def _annotated(self, article: Article) -> Article:
        """The article with the entities, places, times, claims, figures and events the stages gave it."""
        article.entities = entity_rows.read_entities(self.db, article.id)
        article.places = geo_rows.read_places(self.db, article.id)
        article.times = geo_rows.read_times(self.db, article.id)
        article.claims = claim_rows.read_claims(self.db, article.id)
        article.figures = claim_rows.read_figures(self.db, article.id)
        article.events = event_rows.read_events(self.db, article.id)
        return article

    def titles(self) -> dict[str, str | None]:
        """Every article's title by id, without loading the articles."""
        return {str(i): t for i, t in self.db.execute("SELECT id, title FROM articles")}

    def outlets(self) -> dict[str, str | None]:
        """Every article's outlet by id, without loading the articles."""
        return {str(i): o for i, o in self.db.execute("SELECT id, outlet FROM articles")}

    def fingerprints(self) -> Iterator[tuple[str, str | None, bytes]]:
        cursor = self.db.execute(
            "SELECT id, duplicate_of, fingerprint FROM articles WHERE fingerprint IS NOT NULL ORDER BY rowid"
        )
        yield from cursor

    def site_line_keys(self, site: str) -> Iterator[bytes]:
        """The packed line keys of every stored article of one site (newsint/text/sitechrome.py)."""
        cursor = self.db.execute("SELECT line_keys FROM articles WHERE site = ? AND line_keys IS NOT NULL", (site,))
        for (packed,) in cursor:
            yield packed

    def sightings(self, article_id: str) -> list[tuple[str, str]]:
        """(source, locator) of every input the article was seen in."""
        rows = self.db.execute(
            "SELECT source, locator FROM sightings WHERE article_id = ? ORDER BY seen_at", (article_id,)
        )
        return [(str(s), str(loc)) for s, loc in rows]

    def search(self, query: str, limit: int = 20, where: ArticleFilter | None = None) -> list[SearchHit]:
        """FTS5 search ranked by BM25 (title weighted above text), with a highlighted snippet; among the articles
        `where` keeps."""
        condition, params = filter_sql(where, "a")
        deadline = time.monotonic() + SEARCH_SECONDS
        self.db.set_progress_handler(lambda: time.monotonic() > deadline, SEARCH_CHECK_STEPS)
        try:
            # Ranked first, and snippets made for the hits shown only: a snippet costs as much as its matches.
            ranked = self.db.execute(
                "SELECT articles_fts.rowid, bm25(articles_fts, 5.0, 1.0) AS rank FROM articles_fts "
                "JOIN articles a ON a.rowid = articles_fts.rowid "
                f"WHERE articles_fts MATCH ? AND {condition} ORDER BY rank LIMIT ?",
                (query, *params, limit),
            ).fetchall()
            marks = ", ".join("?" * len(ranked))
            shown = {
                row[0]: row[1:]
                for row in self.db.execute(
                    "SELECT articles_fts.rowid, a.id, a.title, a.outlet, a.published, "
                    "snippet(articles_fts, 1, '[', ']', ' … ', 12) FROM articles_fts "
                    "JOIN articles a ON a.rowid = articles_fts.rowid "
                    f"WHERE articles_fts MATCH ? AND articles_fts.rowid IN ({marks})",
                    (query, *(rowid for rowid, _ in ranked)),
                )
            } if ranked else {}  # fmt: skip
        except sqlite3.OperationalError as exc:
            if "interrupted" in str(exc):
                raise ConfigError(f"the search ran over {SEARCH_SECONDS:.0f} s: ask for fewer or rarer words") from None
            raise ConfigError(f"bad search query {query!r}: {exc}") from None
        finally:
            self.db.set_progress_handler(None, 0)
        return [
            SearchHit(str(doc), title, outlet, published, str(snippet), float(rank))
            for rowid, rank in ranked
            if rowid in shown
            for doc, title, outlet, published, snippet in [shown[rowid]]
        ]

    def entity_aliases_matching(self, text: str) -> list[tuple[str, str]]:
        """(entity id, written form) of every alias and name of the entities whose name or one of whose aliases
        is `text` (ASCII letters in any case): the spellings a search for one of them should also find."""
        return entity_rows.aliases_matching(self.db, text)

    def article_embeddings(
        self, chunk: int = 1024, where: ArticleFilter | None = None
    ) -> Iterator[list[tuple[str, bytes]]]:
        """(article id, embedding bytes) of every article with an embedding that `where` keeps, in the order they
        were stored, read `chunk` rows at a time so that a caller holds one chunk at once."""
        condition, params = filter_sql(where)
        cursor = self._filtered(
            f"SELECT id, embedding FROM articles WHERE embedding IS NOT NULL AND {condition} ORDER BY rowid", params
        )
        while rows := cursor.fetchmany(chunk):
            yield [(str(article_id), bytes(embedding)) for article_id, embedding in rows]

    def article_heads(
        self, ids: Collection[str], chars: int = 400
    ) -> dict[str, tuple[str | None, str | None, str | None, str]]:
        """(title, outlet, published, the first `chars` characters of the text, all of it for -1) of each of these
        articles, by id; an id not stored is left out."""
        heads: dict[str, tuple[str | None, str | None, str | None, str]] = {}
        wanted = list(ids)
        for start in range(0, len(wanted), _ID_CHUNK):
            chunk = wanted[start : start + _ID_CHUNK]
            rows = self.db.execute(
                f"SELECT id, title, outlet, published, substr(text, 1, ?) FROM articles "
                f"WHERE id IN ({', '.join('?' * len(chunk))})",
                (chars if chars >= 0 else 2**31 - 1, *chunk),
            )
            heads.update({str(i): (t, o, p, str(h or "")) for i, t, o, p, h in rows})
        return heads

    def entity_aliases(self) -> Iterator[tuple[str, str, str, int]]:
        """(entity id, type, alias, mentions) rows, to start cross-document linking from."""
        return entity_rows.entity_aliases(self.db)

    def entity_roles(self) -> Iterator[tuple[str, str]]:
        """(entity id, role) rows: the descriptions articles gave entities, for linking to start from."""
        return entity_rows.entity_roles(self.db)

    def entities(self, kind: str | None = None, article_id: str | None = None, limit: int = -1) -> list[EntitySummary]:
        """Cross-document entities by mention count, optionally of one type or in one article."""
        return entity_rows.list_entities(self.db, kind, article_id, limit)

    def entity(self, entity_id: str) -> EntitySummary | None:
        """The cross-document entity with this id, or None."""
        found = entity_rows.list_entities(self.db, entity_id=entity_id, limit=1)
        return found[0] if found else None

    def entity_mentions(self, entity_id: str) -> list[tuple[str, int, int, str]]:
        """(article id, start, end, text) of every mention of an entity."""
        return entity_rows.entity_mentions(self.db, entity_id)

    def places(self, kind: str | None = None, article_id: str | None = None, limit: int = -1) -> list[PlaceSummary]:
        """Resolved places by mention count, optionally of one kind or named in one article."""
        return geo_rows.list_places(self.db, kind, article_id, limit)

    def unresolved_places(self, limit: int = -1) -> list[tuple[str, str, int]]:
        """(name, reason, mentions) of place names that no gazetteer entry fitted."""
        return geo_rows.unresolved_places(self.db, limit)

    def place_mentions(self, place_id: str | None) -> list[StoredPlaceMention]:
        """Every mention of a place; with None, the mentions no gazetteer entry fitted."""
        return geo_rows.place_mentions(self.db, place_id)

    def times(self, article_id: str | None = None) -> list[tuple[str, TimeExpr]]:
        """(article id, time expression) of every stored time expression, or of one article's."""
        return geo_rows.all_times(self.db, article_id)

    def claims(
        self, speaker: str | None = None, article_id: str | None = None, hedges: tuple[str, ...] = (), limit: int = -1
    ) -> list[tuple[str, Claim]]:
        """(article id, claim) of every stored claim, optionally by speaker (name or entity), article and hedge."""
        return claim_rows.list_claims(self.db, speaker, article_id, hedges, limit)

    def events(
        self,
        subtypes: Collection[str] | None = None,
        place: str | None = None,
        since: date | None = None,
        article_id: str | None = None,
        limit: int = -1,
        *,
        until: date | None = None,
        where: ArticleFilter | None = None,
        reported_dates: bool = False,
        latest_first: bool = False,
        actor: str | None = None,
    ) -> list[tuple[str, int, Event]]:
        """(article id, index in the article, event) by date: optionally of some subtype codes, at a place,
        ending on or after `since` and starting on or before `until`, in one article, of the articles `where`
        keeps, only those the text dates, with an actor or target (`events.list_events`)."""
        return event_rows.list_events(
            self.db, subtypes, place, since, article_id, limit, until=until, where=where,
            reported_dates=reported_dates, latest_first=latest_first, actor=actor,
        )  # fmt: skip

    def outlet_grounds(self, min_score: float) -> dict[str, Counter[tuple[str, str]]]:
        """Per outlet, (country, first-level division) of the places its stored articles name (geo/home.py)."""
        return geo_rows.outlet_grounds(self.db, min_score)

    def story_states(self) -> Iterator[StoryState]:
        """Every stored story's assignment state, in the order the stories opened."""
        return story_rows.read_states(self.db)

    def article_stories(self) -> Iterator[tuple[str, str]]:
        """(article id, story id) of every stored article with a story."""
        return story_rows.article_stories(self.db)

    def resolve_story(self, story_id: str) -> str | None:
        """The story with this id, or with the only id starting with it."""
        return story_rows.resolve_story(self.db, story_id)

    def story_sources(self) -> Iterator[tuple[str, str | None, str | None, str, str, str | None]]:
        """(story, outlet, url, input path, source, title) of every article with a story, by date, then as stored."""
        return story_rows.story_sources(self.db)

    def stories_with_word(self, phrase: str) -> set[str]:
        """The stories whose articles contain an FTS5 phrase."""
        return story_rows.stories_with_word(self.db, phrase)

    def story_heads(self, story_id: str) -> list[story_rows.StoryHead]:
        """(id, title, published, duplicate_of, outlet, url, input path) of a story's articles, by date."""
        return story_rows.story_heads(self.db, story_id)

    def story_articles(self, story_id: str) -> list[Article]:
        """The articles of a story (id or unique prefix), by publication date (undated last), then as stored."""
        found = story_rows.resolve_story(self.db, story_id)
        if found is None:
            return []
        rows = self.db.execute(
            f"SELECT {COLUMNS} FROM articles WHERE story = ? ORDER BY published IS NULL, published, rowid",
            (found,),
        )
        return [self._annotated(row_article(row)) for row in rows.fetchall()]

    # -- re-analysis -------------------------------------------------------------------------

    def version_counts(self) -> list[tuple[str, str, int]]:
        """(stage, version, articles) of every stage version that made stored annotations."""
        return reanalysis_rows.version_counts(self.db)

    def unfinished_reanalysis(self) -> Reanalysis | None:
        return reanalysis_rows.unfinished_job(self.db)

    def open_reanalysis(
        self, stages: tuple[str, ...], profile: str, since: date | None, rules: BatchRules
    ) -> Reanalysis:
        """The re-analysis job with these options (the unfinished one, else a new one), its old annotations
        cleared (`reanalysis.clear`) in one transaction."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            job = reanalysis_rows.open_job(self.db, stages, profile, since, _now())
            if not job.cleared:
                reanalysis_rows.clear(self.db, job, rules.entity_name)
                view_rows.next_generation(self.db)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        return replace(job, cleared=True)

    def reanalysis_batch(self, job: Reanalysis, limit: int) -> list[tuple[int, bool, Article]]:
        """The next articles of a job after its position, in stored order, with their stored annotations:
        (rowid, whether the job re-runs its stages on it or only assigns its story, the article)."""
        condition = "1" if "stories" in job.stages or job.since is None else "published >= ?"
        params: list[Any] = [] if condition == "1" else [job.since.isoformat() if job.since else None]
        rows = self.db.execute(
            f"SELECT rowid, {COLUMNS} FROM articles WHERE rowid > ? AND {condition} ORDER BY rowid LIMIT ?",
            (job.position, *params, limit),
        ).fetchall()
        articles = [(int(row[0]), self._annotated(row_article(row[1:]))) for row in rows]
        again = reanalysis_rows.selected_ids(self.db, job, [a.id for _, a in articles])
        return [(rowid, article.id in again, article) for rowid, article in articles]

    def write_reanalysis(
        self, job: Reanalysis, batch: list[tuple[int, bool, Article]], versions: Mapping[str, str], rules: BatchRules
    ) -> None:
        """Write one batch of a job in one transaction (`reanalysis.write`)."""
        now = _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            generation = view_rows.next_generation(self.db)
            reanalysis_rows.write(self.db, job, batch, versions, rules.join_stories, rules.date_period,
                                  rules.entity_name, now, generation)  # fmt: skip
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def finish_reanalysis(self, job: Reanalysis) -> None:
        reanalysis_rows.finish(self.db, job, _now())

    def reanalysis_pending(self, job: Reanalysis) -> int:
        """How many articles the job has still to write."""
        return reanalysis_rows.count_pending(self.db, job)

    # -- stored views ------------------------------------------------------------------------

    def generation(self) -> tuple[str, int]:
        """(this database's instance id, how many batches have changed its articles): what a view of the whole
        corpus is keyed by."""
        return view_rows.generation(self.db)

    def story_generation(self, story_id: str) -> int | None:
        """The generation of the batch that last changed the story (None for an unknown story)."""
        return view_rows.story_generation(self.db, story_id)

    def view(self, name: str, key: str) -> str | None:
        """A stored view's text when it was stored under `key`, else None."""
        return view_rows.read_view(self.db, name, key)

    def keep_view(self, name: str, key: str, body: str) -> bool:
        """Store (or replace) a view; False when the database would not take it (busy, read-only)."""
        return view_rows.write_view(self.db, name, key, body, _now())

    def keep_sentence_vectors(self, articles: list[Article]) -> bool:
        """Keep sentence embeddings made for stored articles that had none (`articles.write_sentence_vectors`)."""
        return write_sentence_vectors(self.db, articles)

    def errors(self, limit: int = 1000) -> list[StoredError]:
        rows = self.db.execute("SELECT path, locator, reason, at FROM errors ORDER BY id DESC LIMIT ?", (limit,))
        return [StoredError(*row) for row in rows]

    # -- watch state -------------------------------------------------------------------------
    # What `newsint watch` remembers between polls (newsint/store/watch.py, schema 10).

    def watch_source(self, source: str) -> watch_rows.WatchSource | None:
        """A watched source's state, or None before its first poll."""
        return watch_rows.read_source(self.db, source)

    def watch_sources(self) -> list[watch_rows.WatchSource]:
        """Every watched source's state, by name."""
        return watch_rows.read_sources(self.db)

    def watch_seen(self, source: str) -> dict[str, str]:
        """Item → version of everything the source's polls have taken in."""
        return watch_rows.seen_items(self.db, source)

    def watch_validators(self, url: str) -> watch_rows.Validators:
        """The ETag and Last-Modified of the URL's last good response."""
        return watch_rows.read_validators(self.db, url)

    def watch_finish_poll(
        self,
        source: str,
        kind: str,
        items: Collection[tuple[str, str]],
        validators: Collection[watch_rows.Validators] = (),
    ) -> None:
        """Record a good poll in one transaction: its items taken in, its validators, failures cleared."""
        watch_rows.finish_poll(self.db, source, kind, items, validators, _now())

    def watch_failed(self, source: str, kind: str, reason: str, retry_at: str) -> int:
        """Record a failed poll; returns how many polls of the source have failed in a row."""
        return watch_rows.record_failure(self.db, source, kind, reason, retry_at, _now())

    def watch_article_mark(self) -> int:
        """A mark after the newest article: `watch_articles_after` lists what is stored after it."""
        return watch_rows.article_mark(self.db)

    def watch_articles_after(self, mark: int, input_paths: Collection[str]) -> list[str]:
        """Ids of the articles stored after `mark` from these inputs, in the order they were stored."""
        return watch_rows.articles_after(self.db, mark, input_paths)


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [s for s in statements if s]
