"""Claim and figure rows: written with their articles, read back onto them, listed for the CLI and export."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from newsint.model import Article, Claim, Figure

_CLAIM_COLUMNS = (
    "start_char, end_char, text, direct, cue, cue_start, cue_end, speaker, speaker_start, speaker_end, "
    "speaker_entity, via, hedge, hedge_cue, hedge_start, hedge_end"
)
_FIGURE_COLUMNS = (
    "start_char, end_char, text, value, low, high, qualifier, unit, what, per, per_what, claim, kind, phrase"
)


def write_claims_and_figures(db: sqlite3.Connection, articles: Iterable[Article]) -> None:
    for article in articles:
        db.executemany(
            f"INSERT OR IGNORE INTO claims (article_id, {_CLAIM_COLUMNS}) VALUES ({', '.join('?' * 17)})",
            [
                (article.id, c.start, c.end, c.text, int(c.direct), c.cue, c.cue_start, c.cue_end, c.speaker,
                 c.speaker_start, c.speaker_end, c.speaker_entity, json.dumps(list(c.via)), c.hedge, c.hedge_cue,
                 c.hedge_start, c.hedge_end)
                for c in article.claims
            ],
        )  # fmt: skip
        db.executemany(
            f"INSERT OR IGNORE INTO figures (article_id, {_FIGURE_COLUMNS}) VALUES ({', '.join('?' * 15)})",
            [
                (article.id, f.start, f.end, f.text, f.value, f.low, f.high, f.qualifier, f.unit, f.what, f.per,
                 f.per_what, f.claim, f.kind, f.phrase)
                for f in article.figures
            ],
        )  # fmt: skip


def _claim(row: tuple[object, ...]) -> Claim:
    values = list(row)
    values[3] = bool(values[3])
    values[11] = tuple(json.loads(str(values[11])))
    return Claim(*values)  # type: ignore[arg-type]


def read_claims(db: sqlite3.Connection, article_id: str) -> list[Claim]:
    rows = db.execute(
        f"SELECT {_CLAIM_COLUMNS} FROM claims WHERE article_id = ? ORDER BY start_char, end_char, cue_start",
        (article_id,),
    )
    return [_claim(row) for row in rows]


def read_figures(db: sqlite3.Connection, article_id: str) -> list[Figure]:
    rows = db.execute(f"SELECT {_FIGURE_COLUMNS} FROM figures WHERE article_id = ? ORDER BY start_char", (article_id,))
    return [Figure(*row) for row in rows]


def list_claims(
    db: sqlite3.Connection,
    speaker: str | None = None,
    article_id: str | None = None,
    hedges: tuple[str, ...] = (),
    limit: int = -1,
) -> list[tuple[str, Claim]]:
    """(article id, claim) in article and text order; `speaker` matches the speaker as written or the
    canonical name of the speaker's entity (case-insensitive substring)."""
    where, params = ["1"], []
    if speaker:
        where.append(
            "(c.speaker LIKE ? OR c.speaker_entity IN (SELECT id FROM entities WHERE name LIKE ?) "
            "OR c.speaker_entity IN (SELECT entity_id FROM entity_aliases WHERE alias LIKE ?))"
        )
        params += [f"%{speaker}%"] * 3
    if article_id:
        where.append("c.article_id = ?")
        params.append(article_id)
    if hedges:
        where.append(f"c.hedge IN ({', '.join('?' * len(hedges))})")
        params += list(hedges)
    rows = db.execute(
        f"SELECT c.article_id, {', '.join('c.' + c.strip() for c in _CLAIM_COLUMNS.split(','))} FROM claims c "
        f"JOIN articles a ON a.id = c.article_id WHERE {' AND '.join(where)} "
        "ORDER BY a.rowid, c.start_char, c.end_char, c.cue_start LIMIT ?",
        (*params, limit),
    )
    return [(str(row[0]), _claim(row[1:])) for row in rows]
