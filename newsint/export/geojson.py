"""The resolved places and the located events as one GeoJSON FeatureCollection (RFC 7946: lon, lat)."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, TextIO

from newsint import query
from newsint.export.convert import as_dict
from newsint.export.items import event_id
from newsint.model import Event
from newsint.query import ALL, Selection, Store
from newsint.store.geo import PlaceSummary

PROPERTY_KEYS = ("name", "kind", "country", "admin1", "admin2", "geonames_id")
EVENT_PROPERTY_KEYS = (
    "feature", "id", "name", "country", "type", "acled_type", "acled_subtype", "date", "date_precision",
    "date_from_published", "actors", "targets", "fatalities", "summary", "title", "evidence",
)  # fmt: skip


def feature(summary: PlaceSummary, titles: dict[str, str | None]) -> dict[str, Any]:
    """A point with the place's entry and the documents (id and title) that name it."""
    place = summary.place
    properties = {
        "feature": "place",
        "id": summary.id,
        **as_dict(place, PROPERTY_KEYS),
        **as_dict(summary, ("mentions", "names")),
        "documents": [{"id": d, "title": titles.get(d)} for d in summary.documents],
    }
    return _point(place.lon, place.lat, properties)


def event_feature(doc: str, index: int, event: Event, titles: dict[str, str | None]) -> dict[str, Any] | None:
    """A point at the event's place with its class, date, actors, targets, fatalities and the sentences that tell
    it (document, start, end); None for an event without a resolved place."""
    place = event.place
    if place is None:
        return None
    kind = query.event_class(event.subtype)
    properties = {
        "feature": "event",
        "id": event_id(doc, index),
        "name": place.name,
        "country": place.country or None,
        "type": event.subtype,
        "acled_type": kind.acled_type or None if kind else None,
        "acled_subtype": kind.acled_subtype or None if kind else None,
        "date": event.date or None,
        "date_precision": event.date_precision or None,
        "date_from_published": event.date_from_published,
        "actors": list(event.actors),
        "targets": list(event.targets),
        "fatalities": event.fatalities,
        "summary": event.summary or None,
        "title": titles.get(doc),
        "evidence": [{"doc": doc, "start": s.start, "end": s.end} for s in event.evidence],
    }
    return _point(place.lon, place.lat, {key: properties[key] for key in EVENT_PROPERTY_KEYS})


def _point(lon: float, lat: float, properties: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def write_geojson(store: Store, out: TextIO, selection: Selection = ALL) -> int:
    """A GeoJSON FeatureCollection: one point a resolved place, with the documents that name it, then one point a
    located event that happened (negated and hypothetical events are left off the map), by date. Of a selection:
    the places its articles name, with those articles, and its events (types, dates)."""
    titles = query.titles(store)
    kept = query.selected_ids(store, selection)
    found = query.places(store)
    if kept is not None:
        found = [replace(s, documents=[d for d in s.documents if d in kept]) for s in found]
        found = [s for s in found if s.documents]
    features = [feature(summary, titles) for summary in found]
    rows = query.events(store, selection.event_types, since=selection.since, until=selection.until,
                        where=selection.articles or None)  # fmt: skip
    for doc, index, event in rows:
        point = None if event.negated or event.hypothetical else event_feature(doc, index, event, titles)
        if point is not None:
            features.append(point)
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
