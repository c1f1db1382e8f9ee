"""Place and time rows: written with their articles, read back onto them, listed for the CLI and export."""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from newsint.model import Article, Place, PlaceMention, TimeExpr

#: A place's columns in `Place`'s field order, so that `Place(*row)` reads them (the places table as `p`).
PLACE_COLUMNS = "p.name, p.lat, p.lon, p.kind, p.country, p.admin1, p.geonames_id, p.population, p.admin2"


@dataclass(frozen=True, slots=True)
class PlaceSummary:
    """A place as listed: the entry, how often articles name it, and which articles."""

    id: str
    place: Place
    mentions: int
    documents: list[str]
    names: list[str]


def place_id(place: Place) -> str:
    """A stable id: the GeoNames id when there is one, else the entry's kind, country and name."""
    if place.geonames_id is not None:
        return f"gn:{place.geonames_id}"
    return f"{place.kind}:{place.country}:{place.name}"


def write_place(db: sqlite3.Connection, place: Place) -> str:
    """Store a gazetteer entry once, whoever names it first (a mention or an event); returns its id. An entry
    stored before schema 13 gains its second-level division the first time an article names it again."""
    pid = place_id(place)
    db.execute(
        "INSERT INTO places (id, name, lat, lon, kind, country, admin1, geonames_id, population, admin2) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET admin2 = excluded.admin2 WHERE places.admin2 = '' AND excluded.admin2 != ''",
        (pid, place.name, place.lat, place.lon, place.kind, place.country, place.admin1, place.geonames_id,
         place.population, place.admin2),
    )  # fmt: skip
    return pid


def write_places_and_times(db: sqlite3.Connection, articles: Iterable[Article]) -> None:
    for article in articles:
        for mention in article.places:
            pid = None if mention.place is None else write_place(db, mention.place)
            db.execute(
                "INSERT OR IGNORE INTO place_mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id,
                    -1 if mention.caption is None else mention.caption,
                    mention.start,
                    mention.end,
                    mention.text,
                    pid,
                    mention.how,
                    mention.entity,
                    mention.reason,
                    mention.score,
                ),
            )
        db.executemany(
            "INSERT OR IGNORE INTO times VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article.id, t.start, t.end, t.text, t.type, t.value, t.mod, int(t.anchored)) for t in article.times],
        )


def read_places(db: sqlite3.Connection, article_id: str) -> list[PlaceMention]:
    rows = db.execute(
        "SELECT m.caption, m.start_char, m.end_char, m.text, m.how, m.entity_id, m.reason, m.score, m.place_id, "
        f"{PLACE_COLUMNS} FROM place_mentions m LEFT JOIN places p ON p.id = m.place_id WHERE m.article_id = ? "
        "ORDER BY m.caption, m.start_char",
        (article_id,),
    )
    return [
        PlaceMention(
            start,
            end,
            text,
            Place(*entry) if pid is not None else None,
            how,
            entity,
            reason,
            score,
            None if caption < 0 else caption,
        )
        for caption, start, end, text, how, entity, reason, score, pid, *entry in rows
    ]


def read_times(db: sqlite3.Connection, article_id: str) -> list[TimeExpr]:
    rows = db.execute(
        "SELECT start_char, end_char, text, type, value, mod, anchored FROM times WHERE article_id = ? "
        "ORDER BY start_char",
        (article_id,),
    )
    return [TimeExpr(s, e, text, kind, value, mod, bool(anchored)) for s, e, text, kind, value, mod, anchored in rows]


def list_places(
    db: sqlite3.Connection, kind: str | None = None, article_id: str | None = None, limit: int = -1
) -> list[PlaceSummary]:
    """Resolved places by how many mentions name them, optionally of one kind or in one article."""
    where, params = ["m.place_id IS NOT NULL"], []
    if kind:
        where.append("p.kind = ?")
        params.append(kind)
    if article_id:
        where.append("m.place_id IN (SELECT place_id FROM place_mentions WHERE article_id = ?)")
        params.append(article_id)
    rows = db.execute(
        f"SELECT m.place_id, {PLACE_COLUMNS}, count(*) AS n, "
        "json_group_array(DISTINCT m.article_id), json_group_array(DISTINCT m.text) "
        f"FROM place_mentions m JOIN places p ON p.id = m.place_id WHERE {' AND '.join(where)} "
        "GROUP BY m.place_id ORDER BY n DESC, p.name LIMIT ?",
        (*params, limit),
    )
    return [PlaceSummary(row[0], Place(*row[1:10]), row[10], json.loads(row[11]), json.loads(row[12])) for row in rows]


def unresolved_places(db: sqlite3.Connection, limit: int = -1) -> list[tuple[str, str, int]]:
    """(name, reason, mentions) of place names no entry fitted, most frequent first."""
    rows = db.execute(
        "SELECT text, reason, count(*) AS n FROM place_mentions WHERE place_id IS NULL GROUP BY text, reason "
        "ORDER BY n DESC, text LIMIT ?",
        (limit,),
    )
    return [(str(t), str(r), int(n)) for t, r, n in rows]


def outlet_grounds(db: sqlite3.Connection, min_score: float) -> dict[str, Counter[tuple[str, str]]]:
    """Per outlet, (country, first-level division) of the distinct places each of its stored articles names
    with at least `min_score` and no reason (geo/home.py counts new articles the same way)."""
    rows = db.execute(
        "SELECT a.outlet, p.country, p.admin1, count(*) FROM "
        "(SELECT DISTINCT article_id, place_id FROM place_mentions "
        " WHERE place_id IS NOT NULL AND reason = '' AND score >= ?) m "
        "JOIN articles a ON a.id = m.article_id JOIN places p ON p.id = m.place_id "
        "WHERE a.outlet IS NOT NULL AND a.outlet != '' AND p.country != '' GROUP BY a.outlet, p.country, p.admin1",
        (min_score,),
    )
    grounds: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    for outlet, country, admin1, n in rows:
        grounds[str(outlet)][(str(country), str(admin1))] += int(n)
    return dict(grounds)


@dataclass(frozen=True, slots=True)
class StoredPlaceMention:
    """Where a place is named: the article, the caption (None: the text) and the span there."""

    doc: str
    caption: int | None
    start: int
    end: int
    text: str
    entity: str
    reason: str


def place_mentions(db: sqlite3.Connection, place_id: str | None) -> list[StoredPlaceMention]:
    """Every mention of a place; with None, the mentions no entry fitted."""
    condition = "place_id IS NULL" if place_id is None else "place_id = ?"
    rows = db.execute(
        "SELECT article_id, caption, start_char, end_char, text, entity_id, reason FROM place_mentions "
        f"WHERE {condition} ORDER BY article_id, caption, start_char",
        () if place_id is None else (place_id,),
    )
    return [StoredPlaceMention(a, None if c < 0 else c, s, e, t, ent, r) for a, c, s, e, t, ent, r in rows]


def all_times(db: sqlite3.Connection, article_id: str | None = None) -> list[tuple[str, TimeExpr]]:
    """(article id, time expression) for every stored time expression, or those of one article."""
    rows = db.execute(
        "SELECT article_id, start_char, end_char, text, type, value, mod, anchored FROM times "
        f"{'WHERE article_id = ?' if article_id else ''} ORDER BY article_id, start_char",
        (article_id,) if article_id else (),
    )
    return [(str(a), TimeExpr(s, e, t, k, v, m, bool(an))) for a, s, e, t, k, v, m, an in rows]
