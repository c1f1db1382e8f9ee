"""Entity rows: written with their articles, read back onto them, listed for the CLI and export.

Kept apart from `sqlite.py` so each file stays about one thing; `Store` calls these inside its own
transactions and is still the only way in.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from newsint.model import Article, Entity, Mention


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """A cross-document entity as listed: its name, type, other names, and how much it is mentioned."""

    id: str
    name: str
    type: str
    aliases: list[str]
    mentions: int
    documents: int


def write_entities(
    db: sqlite3.Connection, articles: Iterable[Article], entity_name: Callable[[dict[str, int]], str]
) -> None:
    """Store the entities and mentions of newly stored articles and refresh the entities they touch; an entity's
    name is `entity_name` of its written forms and their counts."""
    touched: set[str] = set()
    for article in articles:
        for entity in article.entities:
            touched.add(entity.id)
            db.execute(
                "INSERT OR IGNORE INTO entities (id, type, name) VALUES (?, ?, ?)",
                (entity.id, entity.type, entity.name),
            )
            db.execute(
                "INSERT INTO article_entities VALUES (?, ?, ?, ?, ?)",
                (article.id, entity.id, entity.name, entity.type, json.dumps(entity.roles, ensure_ascii=False)),
            )
            db.executemany(
                "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(article.id, entity.id, m.start, m.end, m.text, m.how, m.score) for m in entity.mentions],
            )
            aliases = Counter(m.text for m in entity.mentions if m.how != "role")
            db.executemany(
                "INSERT INTO entity_aliases VALUES (?, ?, ?) "
                "ON CONFLICT (entity_id, alias) DO UPDATE SET mentions = mentions + excluded.mentions",
                [(entity.id, alias, count) for alias, count in aliases.items()],
            )
    for entity_id in touched:
        counts = dict(db.execute("SELECT alias, mentions FROM entity_aliases WHERE entity_id = ?", (entity_id,)))
        db.execute(
            "UPDATE entities SET name = :name, mentions = (SELECT count(*) FROM mentions WHERE entity_id = :id), "
            "documents = (SELECT count(*) FROM article_entities WHERE entity_id = :id), "
            "type = (SELECT type FROM article_entities WHERE entity_id = :id GROUP BY type "
            "ORDER BY count(*) DESC, type LIMIT 1) WHERE id = :id",
            {"name": entity_name(counts), "id": entity_id},
        )


def read_entities(db: sqlite3.Connection, article_id: str) -> list[Entity]:
    """An article's entities with their mentions, as the entity stage made them."""
    mentions: dict[str, list[Mention]] = defaultdict(list)
    for entity_id, start, end, text, how, score in db.execute(
        "SELECT entity_id, start_char, end_char, text, how, score FROM mentions WHERE article_id = ? "
        "ORDER BY start_char",
        (article_id,),
    ):
        mentions[entity_id].append(Mention(start, end, text, how, score))
    rows = db.execute(
        "SELECT entity_id, name, type, roles FROM article_entities WHERE article_id = ?",
        (article_id,),
    )
    entities = [
        Entity(name=name, type=kind, mentions=mentions[entity_id], roles=json.loads(roles), id=entity_id)
        for entity_id, name, kind, roles in rows
    ]
    return sorted(entities, key=lambda e: e.mentions[0].start if e.mentions else 0)


def entity_aliases(db: sqlite3.Connection) -> Iterator[tuple[str, str, str, int]]:
    """(entity id, type, alias, mentions) for every stored name form: what linking needs to start from."""
    yield from db.execute(
        "SELECT a.entity_id, e.type, a.alias, a.mentions FROM entity_aliases a JOIN entities e ON e.id = a.entity_id"
    )


def aliases_matching(db: sqlite3.Connection, text: str) -> list[tuple[str, str]]:
    """(entity id, written form) of every alias and name of the entities whose name or one of whose aliases is
    `text` (ASCII letters in any case), the most mentioned entities and forms first."""
    rows = db.execute(
        "WITH matched AS (SELECT id, mentions FROM entities WHERE name = :text COLLATE NOCASE "
        "UNION SELECT e.id, e.mentions FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
        "WHERE a.alias = :text COLLATE NOCASE), "
        "forms AS (SELECT m.id, m.mentions AS entity_mentions, a.alias AS form, a.mentions AS form_mentions "
        "FROM matched m JOIN entity_aliases a ON a.entity_id = m.id "
        "UNION ALL SELECT m.id, m.mentions, e.name, -1 FROM matched m JOIN entities e ON e.id = m.id) "
        "SELECT id, form FROM forms GROUP BY id, form "
        "ORDER BY max(entity_mentions) DESC, id, max(form_mentions) DESC, form",
        {"text": text},
    )
    return [(str(entity_id), str(form)) for entity_id, form in rows]


def entity_roles(db: sqlite3.Connection) -> Iterator[tuple[str, str]]:
    """(entity id, role) for every role an article gave an entity."""
    for entity_id, roles in db.execute("SELECT entity_id, roles FROM article_entities WHERE roles != '[]'"):
        for role in json.loads(roles):
            yield entity_id, role


def list_entities(
    db: sqlite3.Connection,
    kind: str | None = None,
    article_id: str | None = None,
    limit: int = -1,
    entity_id: str | None = None,
) -> list[EntitySummary]:
    """Entities by mention count, optionally of one type, in one article, or the one with an id."""
    where, params = [], []
    if entity_id is not None:
        where.append("e.id = ?")
        params.append(entity_id)
    if kind:
        where.append("e.type = ?")
        params.append(kind)
    if article_id:
        where.append("e.id IN (SELECT entity_id FROM article_entities WHERE article_id = ?)")
        params.append(article_id)
    query = (
        "SELECT e.id, e.name, e.type, e.mentions, e.documents, "
        "(SELECT json_group_array(alias) FROM "
        "(SELECT alias FROM entity_aliases WHERE entity_id = e.id ORDER BY mentions DESC, alias)) "
        f"FROM entities e {'WHERE ' + ' AND '.join(where) if where else ''} "
        "ORDER BY e.mentions DESC, e.name LIMIT ?"
    )
    return [
        EntitySummary(entity_id, name, kind_, json.loads(aliases), mentions, documents)
        for entity_id, name, kind_, mentions, documents, aliases in db.execute(query, (*params, limit))
    ]


def entity_mentions(db: sqlite3.Connection, entity_id: str) -> list[tuple[str, int, int, str]]:
    """(article id, start, end, text) of every mention of an entity, in article order."""
    rows = db.execute(
        "SELECT article_id, start_char, end_char, text FROM mentions WHERE entity_id = ? "
        "ORDER BY article_id, start_char",
        (entity_id,),
    )
    return [(str(a), int(s), int(e), str(t)) for a, s, e, t in rows]
