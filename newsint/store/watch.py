"""What `newsint watch` remembers between polls: the sources, the items each has taken in, HTTP validators.

A poll's items and validators are written in one transaction after its articles are stored (`finish_poll`),
so a poll cut short by a crash or a signal leaves nothing behind and is taken again whole; a failed poll only
counts a failure and the time back-off allows the next one (`record_failure`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class WatchSource:
    """A watched source's state: when it was polled, how many polls in a row failed, when the next may run."""

    source: str
    kind: str
    last_poll: str | None
    last_ok: str | None
    failures: int
    retry_at: str | None
    last_error: str | None


@dataclass(frozen=True, slots=True)
class Validators:
    """The validators of a URL's last good response, for a conditional GET."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


_SOURCE_COLUMNS = "source, kind, last_poll, last_ok, failures, retry_at, last_error"


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def read_source(db: sqlite3.Connection, source: str) -> WatchSource | None:
    row = db.execute(f"SELECT {_SOURCE_COLUMNS} FROM watch_sources WHERE source = ?", (source,)).fetchone()
    return None if row is None else WatchSource(*row)


def read_sources(db: sqlite3.Connection) -> list[WatchSource]:
    rows = db.execute(f"SELECT {_SOURCE_COLUMNS} FROM watch_sources ORDER BY source")
    return [WatchSource(*row) for row in rows]


def seen_items(db: sqlite3.Connection, source: str) -> dict[str, str]:
    """Item → version of everything the source's polls have taken in."""
    rows = db.execute("SELECT item, version FROM watch_items WHERE source = ?", (source,))
    return {str(item): str(version) for item, version in rows}


def read_validators(db: sqlite3.Connection, url: str) -> Validators:
    row = db.execute("SELECT etag, last_modified FROM watch_http WHERE url = ?", (url,)).fetchone()
    return Validators(url) if row is None else Validators(url, row[0], row[1])


def _upsert_source(db: sqlite3.Connection, source: str, kind: str) -> None:
    db.execute("INSERT OR IGNORE INTO watch_sources (source, kind) VALUES (?, ?)", (source, kind))


def finish_poll(
    db: sqlite3.Connection,
    source: str,
    kind: str,
    items: Collection[tuple[str, str]],
    validators: Collection[Validators],
    now: str,
) -> None:
    """A good poll: its (item, version) pairs taken in, the validators of what it fetched, failures cleared."""
    with _transaction(db):
        _upsert_source(db, source, kind)
        db.execute(
            "UPDATE watch_sources SET last_poll = ?, last_ok = ?, failures = 0, retry_at = NULL, last_error = NULL "
            "WHERE source = ?",
            (now, now, source),
        )
        db.executemany(
            "INSERT INTO watch_items VALUES (?, ?, ?, ?) "
            "ON CONFLICT(source, item) DO UPDATE SET version = excluded.version, seen_at = excluded.seen_at",
            [(source, item, version, now) for item, version in items],
        )
        db.executemany(
            "INSERT OR REPLACE INTO watch_http VALUES (?, ?, ?, ?)",
            [(v.url, v.etag, v.last_modified, now) for v in validators],
        )


def record_failure(db: sqlite3.Connection, source: str, kind: str, reason: str, retry_at: str, now: str) -> int:
    """A failed poll: one more failure in a row, its reason, and when back-off allows the next; returns the count."""
    with _transaction(db):
        _upsert_source(db, source, kind)
        db.execute(
            "UPDATE watch_sources SET last_poll = ?, failures = failures + 1, retry_at = ?, last_error = ? "
            "WHERE source = ?",
            (now, retry_at, reason, source),
        )
        row = db.execute("SELECT failures FROM watch_sources WHERE source = ?", (source,)).fetchone()
    return int(row[0])


def article_mark(db: sqlite3.Connection) -> int:
    """The newest article's rowid: the articles a poll stores come after it."""
    return int(db.execute("SELECT coalesce(max(rowid), 0) FROM articles").fetchone()[0])


def articles_after(db: sqlite3.Connection, mark: int, input_paths: Collection[str]) -> list[str]:
    """The ids of the articles stored after `mark` from these inputs (or members of them: "a.zip:b.html"), in
    the order they were stored."""
    found: set[tuple[int, str]] = set()
    for path in input_paths:
        found.update(
            db.execute(
                "SELECT rowid, id FROM articles WHERE rowid > ? AND (input_path = ? OR substr(input_path, 1, ?) = ?)",
                (mark, path, len(path) + 1, path + ":"),
            )
        )
    return [str(article_id) for _, article_id in sorted(found)]
