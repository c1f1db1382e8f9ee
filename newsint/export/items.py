"""The export form of each kind of item: an article, its entities, places, times, claims, figures and events,
and an analysed story. Every form is a plain dict in a fixed key order (`convert.as_dict`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from newsint.events.taxonomy import CLASSES, EventClass
from newsint.export.convert import Convert, as_dict, field_names, isoformat, or_none
from newsint.model import (
    Article,
    Claim,
    Conflict,
    Corroboration,
    Entity,
    Event,
    Figure,
    Mention,
    Place,
    PlaceMention,
    Removed,
    Statement,
    Story,
    TimeExpr,
    TimelineEntry,
)
from newsint.query import StoredPlaceMention

#: A place's coordinates and what kind of place it is: the keys every place-bearing item has (null: unresolved).
PLACE_KEYS = field_names(Place, drop=("name", "population"))
TIME_KEYS = ("start", "end", "text", "value", "type", "mod", "anchored")
FIGURE_KEYS = (
    "start", "end", "text", "value", "low", "high", "unit", "what", "kind", "phrase", "qualifier", "per", "per_what",
)  # fmt: skip
CLAIM_KEYS = (
    "id", "doc", "start", "end", "text", "direct", "cue", "cue_span", "speaker", "speaker_span", "speaker_entity",
    "via", "hedge", "hedge_cue", "hedge_span", "figures",
)  # fmt: skip
EVENT_KEYS = (
    "id", "type", "acled_type", "acled_subtype", "plover", "date", "date_precision", "date_from_published", "place",
    "lat", "lon", "actors", "targets", "fatalities", "negated", "hypothetical", "summary", "trigger", "score",
    "evidence",
)  # fmt: skip
DOCUMENT_KEYS = (
    "id", "source", "outlet", "title", "authors", "published", "published_confidence", "published_method",
    "language", "text", "captions", "removed", "duplicate_of", "story", "entities", "places", "times", "claims",
    "figures", "events", "provenance",
)  # fmt: skip


def each(form: Callable[[Any], dict[str, Any]]) -> Callable[[Iterable[Any]], list[dict[str, Any]]]:
    """A converter of a list of items, each by `form`."""
    return lambda items: [form(item) for item in items]


def claim_id(article_id: str, index: int) -> str:
    """A claim's id: its article and its position among the article's claims."""
    return f"{article_id}:c{index}"


def event_id(article_id: str, index: int) -> str:
    """An event's id: its article and its position among the article's events."""
    return f"{article_id}:e{index}"


def _span(start: int | None, end: int | None) -> list[int | None] | None:
    return None if start is None else [start, end]


def mention(found: Mention) -> dict[str, Any]:
    return as_dict(found, drop=("score",))


def entity(found: Entity) -> dict[str, Any]:
    """An article's entity with its mentions there."""
    return as_dict(found, ("id", "name", "type", "roles", "mentions"), convert={"mentions": each(mention)})


def place_fields(place: Place | None) -> dict[str, Any]:
    if place is None:
        return dict.fromkeys(PLACE_KEYS)
    return as_dict(place, PLACE_KEYS)


def place_mention(found: PlaceMention) -> dict[str, Any]:
    """A place named in an article: the span, the entry it resolved to (or why none) and the caption if any."""
    keys = ("start", "end", "text", "entity", "how", "name", *PLACE_KEYS, "reason", "caption")
    place = {"name": found.place.name if found.place else None, **place_fields(found.place)}
    return as_dict(found, keys, extra=place, omit_none=("caption",))


def stored_mention(found: StoredPlaceMention) -> dict[str, Any]:
    """Where a place is named across articles: the article, the caption if any, and the span."""
    return as_dict(found, drop=("entity", "reason"), omit_none=("caption",))


def time_expr(expr: TimeExpr) -> dict[str, Any]:
    return as_dict(expr, TIME_KEYS)


def figure(found: Figure) -> dict[str, Any]:
    return as_dict(found, FIGURE_KEYS)


_CLAIM_CONVERT: dict[str, Convert] = {"speaker": or_none, "speaker_entity": or_none, "via": list, "hedge_cue": or_none}


def claim(article: Article, index: int, found: Claim) -> dict[str, Any]:
    """A claim of an article with the figures inside it; spans as [start, end], null where there is none."""
    spans = {
        "cue_span": [found.cue_start, found.cue_end],
        "speaker_span": _span(found.speaker_start, found.speaker_end),
        "hedge_span": _span(found.hedge_start, found.hedge_end),
    }
    figures = [figure(f) for f in article.figures if f.claim == index]
    extra = {"id": claim_id(article.id, index), "doc": article.id, **spans, "figures": figures}
    return as_dict(found, CLAIM_KEYS, convert=_CLAIM_CONVERT, extra=extra)


def claims_of(article: Article) -> Iterable[dict[str, Any]]:
    for index, found in enumerate(article.claims):
        yield claim(article, index, found)


def _classes(kind: EventClass | None) -> dict[str, str | None]:
    """An event class's ACLED type and sub-type and PLOVER class, null where it has none."""
    return {key: (getattr(kind, key) or None) if kind else None for key in ("acled_type", "acled_subtype", "plover")}


_EVENT_CONVERT: dict[str, Convert] = {
    "date": or_none,
    "date_precision": or_none,
    "actors": list,
    "targets": list,
    "summary": or_none,
}


def event(doc: str, text: str, index: int, found: Event) -> dict[str, Any]:
    """An event of the article `doc` (whose text is `text`) with its classes, where it happened and the sentences
    that report it."""
    place = found.place
    extra = {
        "id": event_id(doc, index),
        "type": found.subtype,
        **_classes(CLASSES.get(found.subtype)),
        "place": place.name if place else found.place_text or None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
        "evidence": [
            {"doc": doc, "start": s.start, "end": s.end, "text": text[s.start : s.end]} for s in found.evidence
        ],
    }
    return as_dict(found, EVENT_KEYS, convert=_EVENT_CONVERT, extra=extra)


def events_of(article: Article) -> Iterable[dict[str, Any]]:
    for index, found in enumerate(article.events):
        yield event(article.id, article.text, index, found)


def _removed(part: Removed) -> dict[str, Any]:
    return as_dict(part)


_DOCUMENT_CONVERT: dict[str, Convert] = {
    "published": isoformat,
    "removed": each(_removed),
    "entities": each(entity),
    "places": each(place_mention),
    "times": each(time_expr),
    "figures": lambda figures: [figure(f) for f in figures if f.claim is None],  # a claim's figures are in it
    "provenance": lambda provenance: as_dict(provenance, rename={"input_path": "input"}),
}


def document(article: Article) -> dict[str, Any]:
    """The export form of one article."""
    extra = {"claims": list(claims_of(article)), "events": list(events_of(article))}
    return as_dict(article, DOCUMENT_KEYS, convert=_DOCUMENT_CONVERT, extra=extra)


def statement_ref(statement: Statement) -> dict[str, Any]:
    """Where a statement stands: its article, span and text, the outlet and the speaker (null: the outlet's voice)."""
    return as_dict(statement, ("doc", "start", "end", "text", "outlet", "speaker"), convert={"speaker": or_none})


_REFS = each(statement_ref)


def _corroboration(found: Corroboration) -> dict[str, Any]:
    convert: dict[str, Convert] = {"statements": _REFS, "sources": len, "what": or_none}
    return as_dict(found, rename={"statements": "claims"}, convert=convert)


def _conflict(found: Conflict) -> dict[str, Any]:
    """A dispute: its `kind` (`model.CONFLICT_KINDS`), each side and what it says, and what third parties say."""
    keys = ("a", "b", "what", "a_says", "b_says", "kind", "third")
    return as_dict(found, keys, convert={"a": _REFS, "b": _REFS, "third": _REFS})


def _timeline_entry(entry: TimelineEntry) -> dict[str, Any]:
    """The text under the entry's kind ("event": …); `sources` are the statements, `independent_sources` their
    number of independent sources."""
    keys = ("date", "precision", "date_from_published", "text", "evidence", "sources")
    rename = {"text": entry.kind, "evidence": "sources", "sources": "independent_sources"}
    convert: dict[str, Convert] = {"precision": or_none, "evidence": _REFS, "sources": len}
    return as_dict(entry, keys, rename=rename, convert=convert)


_STORY_CONVERT: dict[str, Convert] = {
    "start": isoformat,
    "end": isoformat,
    "corroborations": each(_corroboration),
    "conflicts": each(_conflict),
    "timeline": each(_timeline_entry),
}


def story_item(story: Story) -> dict[str, Any]:
    """The export form of an analysed story."""
    return as_dict(story, convert=_STORY_CONVERT)
