"""The JSON object of every section, and the documents as JSON lines.

The JSON object's section names are a contract later stages fill: documents, entities, places, times, claims,
events, stories. Sections are streamed, so exports of any size fit in memory.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from newsint import query
from newsint.export.convert import as_dict
from newsint.export.items import claims_of, document, event, place_fields, stored_mention, story_item, time_expr
from newsint.query import ALL, Selection, Store
from newsint.store.geo import StoredPlaceMention

ENTITY_MENTION_KEYS = ("doc", "start", "end", "text")


def entities(store: Store, selection: Selection) -> Iterable[dict[str, Any]]:
    """The export form of every cross-document entity, with each mention's article and span."""
    kept = query.selected_ids(store, selection)
    for entity in query.entities(store):
        rows = query.entity_mentions(store, entity.id)
        mentions = [dict(zip(ENTITY_MENTION_KEYS, row, strict=True)) for row in rows if kept is None or row[0] in kept]
        if mentions:
            yield as_dict(entity, drop=("documents",), extra={"mentions": mentions})


def _main_entity(mentions: list[StoredPlaceMention]) -> str | None:
    """The entity id most of a place's mentions belong to (places named only in captions have none)."""
    counts = Counter(m.entity for m in mentions if m.entity).most_common(1)
    return counts[0][0] if counts else None


def places(store: Store, selection: Selection) -> Iterable[dict[str, Any]]:
    """Every resolved place with the mentions that name it, then the names no entry fitted (no coordinates)."""
    kept = query.selected_ids(store, selection)
    for summary in query.places(store):
        mentions = [m for m in query.place_mentions(store, summary.id) if kept is None or m.doc in kept]
        if not mentions:
            continue
        yield {
            "id": summary.id,
            "entity": _main_entity(mentions),
            "name": summary.place.name,
            **place_fields(summary.place),
            "mentions": [stored_mention(m) for m in mentions],
        }
    unresolved: dict[str, list[StoredPlaceMention]] = defaultdict(list)
    for mention in query.place_mentions(store, None):
        if kept is None or mention.doc in kept:
            unresolved[mention.text].append(mention)
    for name, mentions in unresolved.items():
        yield {
            "id": None,
            "entity": _main_entity(mentions),
            "name": name,
            **place_fields(None),
            "reason": mentions[0].reason,
            "mentions": [stored_mention(m) for m in mentions],
        }


def times(store: Store, selection: Selection) -> Iterable[dict[str, Any]]:
    kept = query.selected_ids(store, selection)
    for doc, expr in query.times(store):
        if kept is None or doc in kept:
            yield {"doc": doc, **time_expr(expr)}


def claims(store: Store, selection: Selection) -> Iterable[dict[str, Any]]:
    """Every claim of every article with the figures inside it, in article and text order."""
    for article in query.articles(store, where=selection.documents):
        yield from claims_of(article)


def events(store: Store, selection: Selection) -> Iterable[dict[str, Any]]:
    """Every event of every article with the sentences that report it, in article order; of the selected types
    and dates (an event's own), from the articles the selection keeps whatever their publication date."""
    for article in query.articles(store, where=selection.articles):
        for index, found in enumerate(article.events):
            if selection.keeps_event(found):
                yield event(article.id, article.text, index, found)


def stories(store: Store, selection: Selection) -> Iterable[dict[str, Any]]:
    """Every story (or every story of a selected article), biggest first, analysed across its articles: one
    story in memory at a time."""
    kept = query.selected_ids(store, selection)
    wanted = None if kept is None else {story for doc, story in query.article_stories(store) if doc in kept}
    for summary in query.stories(store):
        if wanted is None or summary.id in wanted:
            yield story_item(query.analysed_story(store, summary))


def documents(store: Store, selection: Selection) -> Iterable[dict[str, Any]]:
    for article in query.articles(store, where=selection.documents):
        yield document(article)


#: The JSON object's sections, in the order it gives them.
SECTIONS: dict[str, Callable[[Store, Selection], Iterable[dict[str, Any]]]] = {
    "documents": documents,
    "entities": entities,
    "places": places,
    "times": times,
    "claims": claims,
    "events": events,
    "stories": stories,
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


def write_json(store: Store, out: TextIO, selection: Selection = ALL) -> int:
    """One JSON object of every section, of what the selection keeps; the number of documents."""
    counts = []
    for number, (name, section) in enumerate(SECTIONS.items()):
        out.write(("{" if number == 0 else ", ") + json.dumps(name) + ": ")
        counts.append(_write_list(section(store, selection), out))
    out.write("}\n")
    return counts[0]


def write_jsonl(store: Store, out: TextIO, selection: Selection = ALL) -> int:
    """A JSON line a document."""
    count = 0
    for item in documents(store, selection):
        out.write(json.dumps(item, ensure_ascii=False) + "\n")
        count += 1
    return count
