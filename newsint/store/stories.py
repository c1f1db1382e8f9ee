"""Story rows: each story's assignment state, written with the articles that join it, read back as data.

A story's state (`StoryState`: summed embeddings, name counts, dates) is updated in the transaction that writes
its new articles, by the rule the writer passes in (`BatchRules.join_stories`), so the stored state is the
assignment index's and the next ingest goes on from it without re-clustering.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import numpy as np

from newsint.model import Article, StoryState

_COLUMNS = "id, size, vector_sum, names, display, start, end"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _state(row: tuple[Any, ...]) -> StoryState:
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


def article_stories(db: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """(article id, story id) of every stored article with a story."""
    for doc, story in db.execute("SELECT id, story FROM articles WHERE story IS NOT NULL"):
        yield str(doc), str(story)


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


def write_states(db: sqlite3.Connection, states: Iterable[StoryState], now: str, generation: int) -> None:
    """Upsert story states, marked with the batch's generation (the rowid of a stored story is kept: the order
    stories opened)."""
    db.executemany(
        f"INSERT INTO stories ({_COLUMNS}, updated_at, generation) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET size = excluded.size, vector_sum = excluded.vector_sum, "
        "names = excluded.names, display = excluded.display, start = excluded.start, end = excluded.end, "
        "updated_at = excluded.updated_at, generation = excluded.generation",
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
                generation,
            )
            for s in states
        ],
    )


def resolve_story(db: sqlite3.Connection, story_id: str) -> str | None:
    """The story with this id, or with the only id starting with it."""
    rows = db.execute(
        "SELECT id FROM stories WHERE id >= ? AND id < ? LIMIT 2", (story_id, story_id + "\uffff")
    ).fetchall()
    return str(rows[0][0]) if len(rows) == 1 else None


def story_sources(db: sqlite3.Connection) -> Iterator[tuple[str, str | None, str | None, str, str, str | None]]:
    """(story, outlet, meta url, input path, source, title) of every article with a story, by publication date
    (undated last), then as stored: what listings name a story's outlets and first title from."""
    yield from db.execute(
        "SELECT story, outlet, json_extract(meta, '$.url'), input_path, source, title FROM articles "
        "WHERE story IS NOT NULL ORDER BY published IS NULL, published, rowid"
    )


def stories_with_word(db: sqlite3.Connection, phrase: str) -> set[str]:
    """The stories whose articles contain an FTS5 phrase."""
    rows = db.execute(
        "SELECT DISTINCT a.story FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid "
        "WHERE articles_fts MATCH ? AND a.story IS NOT NULL",
        (phrase,),
    )
    return {str(story) for (story,) in rows}


#: (id, title, published, duplicate_of, outlet, meta url, input path) of an article of a story.
StoryHead = tuple[str, str | None, str | None, str | None, str | None, str | None, str]


def story_heads(db: sqlite3.Connection, story_id: str) -> list[StoryHead]:
    """(id, title, published, duplicate_of, outlet, meta url, input path) of a story's articles, by publication
    date (undated last), then as stored: what a story's list of articles shows, without their annotations."""
    rows = db.execute(
        "SELECT id, title, published, duplicate_of, outlet, json_extract(meta, '$.url'), input_path FROM articles "
        "WHERE story = ? ORDER BY published IS NULL, published, rowid",
        (story_id,),
    )
    return [tuple(row) for row in rows]
