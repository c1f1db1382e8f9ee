"""Story rows: each story's assignment state, written with the articles that join it, read back as an index.

A story's state (`StoryState`: summed embeddings, name counts, dates) is updated in the transaction that
writes its new articles, by the same `StoryState.add` the in-memory index used, so the stored state is the
index's state and the next ingest goes on from it without re-clustering.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from newsint.model import Article
from newsint.stories.statements import source_label

# newsint.stories.cluster is imported where it is used: it loads spaCy (through newsint.nlp), which would make
# every command that opens a store start seconds slower.
if TYPE_CHECKING:
    from newsint.stories.cluster import StoryIndex, StoryState

# Picking a story for a free-text query (`story_for_query`).
QUERY_TEXT_WEIGHT = 0.5  # how much the query's words found in the story's articles add to the cosine
QUERY_MIN_SCORE = 0.35  # below this, no story matches the query
_WORD = re.compile(r"[^\W_][\w'’-]*[^\W_]", re.UNICODE)

_COLUMNS = "id, size, vector_sum, names, display, start, end"


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as listings show it: its label, how many articles, their dates and outlets."""

    id: str
    label: str
    size: int
    start: date | None
    end: date | None
    outlets: list[str]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _state(row: tuple[Any, ...]) -> StoryState:
    from newsint.stories.cluster import StoryState

    id_, size, vector_sum, names, display, start, end = row
    return StoryState(
        id_,
        np.frombuffer(vector_sum, dtype="<f4").astype(np.float32),
        int(size),
        Counter(json.loads(names)),
        _day(start),
        _day(end),
        json.loads(display),
    )


def read_state(db: sqlite3.Connection, story_id: str) -> StoryState | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM stories WHERE id = ?", (story_id,)).fetchone()
    return None if row is None else _state(row)


def read_states(db: sqlite3.Connection) -> Iterator[StoryState]:
    """Every stored story in the order it was opened (an upsert keeps the rowid)."""
    for row in db.execute(f"SELECT {_COLUMNS} FROM stories ORDER BY rowid"):
        yield _state(row)


def unassigned(db: sqlite3.Connection, ids: Iterable[str]) -> set[str]:
    """Which of `ids` are stored without a story (stored before schema 6), asked in chunks."""
    ids = list(ids)
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        query = f"SELECT id FROM articles WHERE story IS NULL AND id IN ({', '.join('?' * len(chunk))})"
        found.update(str(row[0]) for row in db.execute(query, chunk))
    return found


def assign_stored(db: sqlite3.Connection, articles: list[Article]) -> None:
    """Write the embedding, story and fit of stored articles that had no story."""
    db.executemany(
        "UPDATE articles SET embedding = ?, story = ?, story_score = ? WHERE id = ? AND story IS NULL",
        [(a.embedding, a.story, a.story_score, a.id) for a in articles],
    )


def write_stories(db: sqlite3.Connection, articles: list[Article], now: str) -> None:
    """Add each article with a story to that story's state, as `StoryIndex.assign` did, and upsert it.

    `articles` are the batch's new articles and the stored ones that had no story yet, in batch order (the order
    the stories stage added them in). An article without an embedding has no keys and leaves its story's state
    as it is.
    """
    if not any(article.story for article in articles):
        return
    from newsint.nlp.encoder import DIMENSIONS
    from newsint.stories.cluster import StoryState, story_keys

    changed: dict[str, StoryState] = {}
    for article in articles:
        if article.story is None:
            continue
        keys = story_keys(article)
        if keys is None:
            continue
        state = changed.get(article.story) or read_state(db, article.story)
        if state is None:
            state = StoryState(article.story, np.zeros(DIMENSIONS, dtype=np.float32))
        state.add(keys)
        changed[article.story] = state
    db.executemany(
        f"INSERT INTO stories ({_COLUMNS}, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET size = excluded.size, vector_sum = excluded.vector_sum, "
        "names = excluded.names, display = excluded.display, start = excluded.start, end = excluded.end, "
        "updated_at = excluded.updated_at",
        [
            (
                s.id,
                s.size,
                np.asarray(s.vector_sum, dtype="<f4").tobytes(),
                json.dumps(dict(s.names), ensure_ascii=False),
                json.dumps(s.display, ensure_ascii=False),
                s.start.isoformat() if s.start else None,
                s.end.isoformat() if s.end else None,
                now,
            )
            for s in changed.values()
        ],
    )


def story_index(db: sqlite3.Connection) -> StoryIndex:
    """Every stored story, with `of_doc` filled from the articles' stories."""
    from newsint.stories.cluster import StoryIndex

    index = StoryIndex(read_states(db))
    rows = db.execute("SELECT id, story FROM articles WHERE story IS NOT NULL")
    index.of_doc.update((str(doc), str(story)) for doc, story in rows)
    return index


def resolve_story(db: sqlite3.Connection, story_id: str) -> str | None:
    """The story with this id, or with the only id starting with it."""
    rows = db.execute(
        "SELECT id FROM stories WHERE id >= ? AND id < ? LIMIT 2", (story_id, story_id + "\uffff")
    ).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def list_stories(db: sqlite3.Connection, story_id: str | None = None, limit: int = -1) -> list[StorySummary]:
    """Stories by size, then the latest first (undated last), then the order they were opened; or one story.

    The label is `StoryState.label` (its most shared names, weighted by their rarity across stories); a story
    whose articles name nothing (a language the entity model does not read) is labelled by its first title.
    """
    index = story_index(db)
    states = [s for s in index.states if story_id is None or s.id == story_id]
    states.sort(key=lambda s: (-s.size, -(s.end or date.min).toordinal(), index.position[s.id]))
    if limit >= 0:
        states = states[:limit]
    outlets: dict[str, list[str]] = {s.id: [] for s in states}
    titles: dict[str, str] = {}
    rows = db.execute(
        "SELECT story, outlet, json_extract(meta, '$.url'), input_path, source, title FROM articles "
        "WHERE story IS NOT NULL ORDER BY published IS NULL, published, rowid"
    )
    for story, outlet, url, input_path, source, title in rows:
        if story in outlets:
            label = source_label(outlet, url, input_path, source)
            if label not in outlets[story]:
                outlets[story].append(label)
            if title and story not in titles:
                titles[story] = title
    return [
        StorySummary(
            s.id,
            s.label(index.name_counts, index.articles) or titles.get(s.id, ""),
            s.size,
            s.start,
            s.end,
            outlets[s.id],
        )
        for s in states
    ]


def _query_words(text: str) -> list[str]:
    """The query's distinct content words (English function words left out), as FTS5 phrases."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if len(word) > 2 and word not in STOP_WORDS and word not in words:
            words.append(word)
    return ['"' + word.replace('"', '""') + '"' for word in words]


def story_for_query(db: sqlite3.Connection, vector: np.ndarray, text: str) -> str | None:
    """The story best matching a query: `vector` is the query's unit embedding, `text` the query itself.

    A story scores the cosine between the query and its centroid, plus QUERY_TEXT_WEIGHT times the share of
    the query's content words that its articles contain (full-text index), each word weighted by its rarity
    across stories as assignment weighs names (log((1 + stories) / (1 + stories with it)) + 1; a word no story
    has weighs most, so an unknown word lowers every story's share). So a place or a name in the query lifts
    the story that names it above stories of the same kind elsewhere. None when the store has no story or the
    best score is below QUERY_MIN_SCORE.
    """
    from newsint.stories.cluster import rarity

    states = list(read_states(db))
    if not states:
        return None
    position = {s.id: i for i, s in enumerate(states)}
    scores = np.stack([s.centroid for s in states]) @ np.asarray(vector, dtype=np.float32)
    words = _query_words(text)
    found: list[set[str]] = []
    for word in words:
        rows = db.execute(
            "SELECT DISTINCT a.story FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
            "WHERE articles_fts MATCH ? AND a.story IS NOT NULL",
            (word,),
        )
        found.append({str(story) for (story,) in rows})
    weights = [rarity(len(stories), len(states)) for stories in found]
    total = sum(weights)
    for stories, weight in zip(found, weights, strict=True):
        for story in stories:
            if story in position:
                scores[position[story]] += QUERY_TEXT_WEIGHT * weight / total
    best = int(np.argmax(scores))
    return states[best].id if float(scores[best]) >= QUERY_MIN_SCORE else None
