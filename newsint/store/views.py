"""Stored views and the generation counter: what the query layer computed once, kept until its key changes.

The store knows no view's meaning: the query layer names each view and says the key it is valid under (a
story's analysis: the generation that last changed the story, and its label). A view is a cache, so one that
cannot be written (the database is busy past the timeout, or read-only) is left out and computed again next time.
"""

from __future__ import annotations

import sqlite3


def generation(db: sqlite3.Connection) -> tuple[str, int]:
    """(this database's instance id, how many batches have changed its articles)."""
    rows = dict(db.execute("SELECT key, value FROM meta WHERE key IN ('instance', 'generation')").fetchall())
    return str(rows["instance"]), int(rows["generation"])


def next_generation(db: sqlite3.Connection) -> int:
    """Count one more batch that changed articles; call inside the batch's transaction."""
    db.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")
    return generation(db)[1]


def read_view(db: sqlite3.Connection, name: str, key: str) -> str | None:
    """The view's text when it was stored under `key`, else None."""
    row = db.execute("SELECT body FROM views WHERE name = ? AND key = ?", (name, key)).fetchone()
    return None if row is None else str(row[0])


def write_view(db: sqlite3.Connection, name: str, key: str, body: str, now: str) -> bool:
    """Store (or replace) a view; False when the database would not take it."""
    try:
        db.execute(
            "INSERT INTO views VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET key = excluded.key, "
            "body = excluded.body, stored_at = excluded.stored_at",
            (name, key, body, now),
        )
    except sqlite3.OperationalError:
        return False
    return True


def story_generation(db: sqlite3.Connection, story_id: str) -> int | None:
    """The generation of the batch that last changed the story; None for an unknown story."""
    row = db.execute("SELECT generation FROM stories WHERE id = ?", (story_id,)).fetchone()
    return None if row is None else int(row[0])
