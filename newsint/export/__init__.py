"""Writers over the store: one JSON object, JSON lines, the document table as CSV, places as GeoJSON, or
events in ACLED's CSV layout (`newsint.export.acled`).

The JSON object's section names are a contract later stages fill: documents, entities, places,
times, claims, events, stories. Sections are streamed, so exports of any size fit in memory.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any, TextIO

from newsint import query
from newsint.events.taxonomy import CLASSES
from newsint.export.acled import write_acled_csv
from newsint.model import Article, Claim, Event, Figure, Place, PlaceMention, Statement, Story, TimeExpr
from newsint.store import Store
from newsint.store.geo import StoredPlaceMention

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
        "story": article.story,
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
        "places": [_place_mention(p) for p in article.places],
        "times": [_time(t) for t in article.times],
        "claims": list(_claims_of(article)),
        "figures": [_figure(f) for f in article.figures if f.claim is None],
        "events": list(_events_of(article)),
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


def _place_fields(place: Place | None) -> dict[str, Any]:
    if place is None:
        return {"lat": None, "lon": None, "kind": None, "country": None, "admin1": None, "geonames_id": None}
    return {
        "lat": place.lat,
        "lon": place.lon,
        "kind": place.kind,
        "country": place.country,
        "admin1": place.admin1,
        "geonames_id": place.geonames_id,
    }


def _place_mention(mention: PlaceMention) -> dict[str, Any]:
    return {
        "start": mention.start,
        "end": mention.end,
        "text": mention.text,
        "entity": mention.entity,
        "how": mention.how,
        "name": mention.place.name if mention.place else None,
        **_place_fields(mention.place),
        "reason": mention.reason,
        **({} if mention.caption is None else {"caption": mention.caption}),
    }


def _time(expr: TimeExpr) -> dict[str, Any]:
    return {
        "start": expr.start,
        "end": expr.end,
        "text": expr.text,
        "value": expr.value,
        "type": expr.type,
        "mod": expr.mod,
        "anchored": expr.anchored,
    }


def places(store: Store) -> Iterable[dict[str, Any]]:
    """Every resolved place with the mentions that name it, then the names no entry fitted (no coordinates)."""
    for summary in store.places():
        mentions = store.place_mentions(summary.id)
        yield {
            "id": summary.id,
            "entity": _main_entity(mentions),
            "name": summary.place.name,
            **_place_fields(summary.place),
            "mentions": [_stored_mention(m) for m in mentions],
        }
    unresolved: dict[str, list[StoredPlaceMention]] = defaultdict(list)
    for mention in store.place_mentions(None):
        unresolved[mention.text].append(mention)
    for name, mentions in unresolved.items():
        yield {
            "id": None,
            "entity": _main_entity(mentions),
            "name": name,
            **_place_fields(None),
            "reason": mentions[0].reason,
            "mentions": [_stored_mention(m) for m in mentions],
        }


def _main_entity(mentions: list[StoredPlaceMention]) -> str | None:
    """The entity id most of a place's mentions belong to (places named only in captions have none)."""
    counts = Counter(m.entity for m in mentions if m.entity).most_common(1)
    return counts[0][0] if counts else None


def _stored_mention(mention: StoredPlaceMention) -> dict[str, Any]:
    where = {} if mention.caption is None else {"caption": mention.caption}
    return {"doc": mention.doc, **where, "start": mention.start, "end": mention.end, "text": mention.text}


def times(store: Store) -> Iterable[dict[str, Any]]:
    for doc, expr in store.times():
        yield {"doc": doc, **_time(expr)}


def _figure(figure: Figure) -> dict[str, Any]:
    return {
        "start": figure.start,
        "end": figure.end,
        "text": figure.text,
        "value": figure.value,
        "low": figure.low,
        "high": figure.high,
        "unit": figure.unit,
        "what": figure.what,
        "qualifier": figure.qualifier,
        "per": figure.per,
        "per_what": figure.per_what,
    }


def claim_id(article_id: str, index: int) -> str:
    """A claim's id: its article and its position among the article's claims."""
    return f"{article_id}:c{index}"


def _claim(article: Article, index: int, claim: Claim) -> dict[str, Any]:
    return {
        "id": claim_id(article.id, index),
        "doc": article.id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "direct": claim.direct,
        "cue": claim.cue,
        "cue_span": [claim.cue_start, claim.cue_end],
        "speaker": claim.speaker or None,
        "speaker_span": None if claim.speaker_start is None else [claim.speaker_start, claim.speaker_end],
        "speaker_entity": claim.speaker_entity or None,
        "via": list(claim.via),
        "hedge": claim.hedge,
        "hedge_cue": claim.hedge_cue or None,
        "hedge_span": None if claim.hedge_start is None else [claim.hedge_start, claim.hedge_end],
        "figures": [_figure(f) for f in article.figures if f.claim == index],
    }


def _claims_of(article: Article) -> Iterable[dict[str, Any]]:
    for index, claim in enumerate(article.claims):
        yield _claim(article, index, claim)


def claims(store: Store) -> Iterable[dict[str, Any]]:
    """Every claim of every article with the figures inside it, in article and text order."""
    for article in store.articles():
        yield from _claims_of(article)


def event_id(article_id: str, index: int) -> str:
    """An event's id: its article and its position among the article's events."""
    return f"{article_id}:e{index}"


def _event(article: Article, index: int, event: Event) -> dict[str, Any]:
    kind = CLASSES.get(event.subtype)
    return {
        "id": event_id(article.id, index),
        "type": event.subtype,
        "acled_type": kind.acled_type if kind and kind.acled_type else None,
        "acled_subtype": kind.acled_subtype if kind and kind.acled_subtype else None,
        "plover": kind.plover if kind and kind.plover else None,
        "date": event.date or None,
        "date_precision": event.date_precision or None,
        "date_from_published": event.date_from_published,
        "place": event.place.name if event.place else event.place_text or None,
        "lat": event.place.lat if event.place else None,
        "lon": event.place.lon if event.place else None,
        "actors": list(event.actors),
        "targets": list(event.targets),
        "fatalities": event.fatalities,
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "summary": event.summary or None,
        "trigger": event.trigger,
        "score": event.score,
        "evidence": [
            {"doc": article.id, "start": s.start, "end": s.end, "text": article.span_text(s)} for s in event.evidence
        ],
    }


def _events_of(article: Article) -> Iterable[dict[str, Any]]:
    for index, event in enumerate(article.events):
        yield _event(article, index, event)


def events(store: Store) -> Iterable[dict[str, Any]]:
    """Every event of every article with the sentences that report it, in article order."""
    for article in store.articles():
        yield from _events_of(article)


def statement_ref(statement: Statement) -> dict[str, Any]:
    """Where a statement stands: its article, span and text, the outlet and the speaker (null: the outlet's voice)."""
    return {
        "doc": statement.doc,
        "start": statement.start,
        "end": statement.end,
        "text": statement.text,
        "outlet": statement.outlet,
        "speaker": statement.speaker or None,
    }


def story_item(story: Story) -> dict[str, Any]:
    """The export form of an analysed story."""
    return {
        "id": story.id,
        "label": story.label,
        "docs": story.docs,
        "start": story.start.isoformat() if story.start else None,
        "end": story.end.isoformat() if story.end else None,
        "corroborations": [
            {"claims": [statement_ref(s) for s in c.statements], "sources": len(c.sources), "what": c.what or None}
            for c in story.corroborations
        ],
        "conflicts": [
            {
                "a": [statement_ref(s) for s in c.a],
                "b": [statement_ref(s) for s in c.b],
                "what": c.what,
                "a_says": c.a_says,
                "b_says": c.b_says,
            }
            for c in story.conflicts
        ],
        "timeline": [
            {
                "date": e.date,
                "precision": e.precision or None,
                "date_from_published": e.date_from_published,
                e.kind: e.text,
                "sources": [statement_ref(s) for s in e.evidence],
                "independent_sources": len(e.sources),
            }
            for e in story.timeline
        ],
    }


def stories(store: Store) -> Iterable[dict[str, Any]]:
    """Every story, biggest first, analysed across its articles: one story in memory at a time."""
    for summary in query.stories(store):
        yield story_item(query.analysed_story(store, summary)[0])


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
    out.write(', "places": ')
    _write_list(places(store), out)
    out.write(', "times": ')
    _write_list(times(store), out)
    out.write(', "claims": ')
    _write_list(claims(store), out)
    out.write(', "events": ')
    _write_list(events(store), out)
    out.write(', "stories": ')
    _write_list(stories(store), out)
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


def write_geojson(store: Store, out: TextIO) -> int:
    """A GeoJSON FeatureCollection: one point a resolved place, with the documents that name it."""
    titles = store.titles()
    features = []
    for summary in store.places():
        place = summary.place
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
                "properties": {
                    "id": summary.id,
                    "name": place.name,
                    "kind": place.kind,
                    "country": place.country,
                    "admin1": place.admin1,
                    "geonames_id": place.geonames_id,
                    "mentions": summary.mentions,
                    "names": summary.names,
                    "documents": [{"id": d, "title": titles.get(d)} for d in summary.documents],
                },
            }
        )
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)


WRITERS = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
    "acled-csv": write_acled_csv,
}
FORMATS = tuple(WRITERS)
