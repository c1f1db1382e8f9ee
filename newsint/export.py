"""Writers over the store: one JSON object, JSON lines, or the document table as CSV.

The JSON object's section names are a contract later stages fill: documents, entities, places,
times, claims, events, stories. Documents and entities are streamed, so exports of any size fit in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, TextIO

from newsint.model import Article
from newsint.store import Store

SECTIONS = ("places", "times", "claims", "events", "stories")
FORMATS = ("json", "jsonl", "csv")
CSV_COLUMNS = (
    "id",
    "source",
    "outlet",
    "title",
    "authors",
    "published",
    "published_confidence",
    "language",
    "duplicate_of",
    "words",
    "text",
)


def document(article: Article) -> dict[str, Any]:
    """The export form of one article."""
    return {
        "id": article.id,
        "source": article.source,
        "outlet": article.outlet,
        "title": article.title,
        "authors": article.authors,
        "published": article.published.isoformat() if article.published else None,
        "published_confidence": article.published_confidence,
        "published_method": article.published_method,
        "language": article.language,
        "text": article.text,
        "captions": article.captions,
        "removed": [{"text": r.text, "reason": r.reason} for r in article.removed],
        "duplicate_of": article.duplicate_of,
        "entities": [
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "roles": e.roles,
                "mentions": [{"start": m.start, "end": m.end, "text": m.text, "how": m.how} for m in e.mentions],
            }
            for e in article.entities
        ],
        "provenance": {
            "input": article.provenance.input_path,
            "sha256": article.provenance.sha256,
            "locator": article.provenance.locator,
        },
    }


def entities(store: Store) -> Iterable[dict[str, Any]]:
    """The export form of every cross-document entity, with each mention's article and span."""
    for entity in store.entities():
        yield {
            "id": entity.id,
            "name": entity.name,
            "type": entity.type,
            "aliases": entity.aliases,
            "mentions": [
                {"doc": doc, "start": start, "end": end, "text": text}
                for doc, start, end, text in store.entity_mentions(entity.id)
            ],
        }


def _write_list(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    out.write("[")
    count = 0
    for item in items:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(item, ensure_ascii=False))
        count += 1
    out.write("\n]" if count else "]")
    return count


def write_json(store: Store, out: TextIO) -> int:
    out.write('{"documents": ')
    count = _write_list((document(a) for a in store.articles()), out)
    out.write(', "entities": ')
    _write_list(entities(store), out)
    for section in SECTIONS:
        out.write(f', "{section}": []')
    out.write("}\n")
    return count


def write_jsonl(store: Store, out: TextIO) -> int:
    count = 0
    for article in store.articles():
        out.write(json.dumps(document(article), ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(store: Store, out: TextIO) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for article in store.articles():
        row = document(article)
        row["authors"] = "; ".join(article.authors)
        row["words"] = article.word_count
        writer.writerow([row[column] for column in CSV_COLUMNS])
        count += 1
    return count


WRITERS = {"json": write_json, "jsonl": write_jsonl, "csv": write_csv}
