"""The resolved places as a GeoJSON FeatureCollection."""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, TextIO

from newsint import query
from newsint.export.convert import as_dict
from newsint.query import ALL, Selection, Store
from newsint.store.geo import PlaceSummary

PROPERTY_KEYS = ("name", "kind", "country", "admin1", "geonames_id")


def feature(summary: PlaceSummary, titles: dict[str, str | None]) -> dict[str, Any]:
    """A point with the place's entry and the documents (id and title) that name it."""
    place = summary.place
    properties = {
        "id": summary.id,
        **as_dict(place, PROPERTY_KEYS),
        **as_dict(summary, ("mentions", "names")),
        "documents": [{"id": d, "title": titles.get(d)} for d in summary.documents],
    }
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": properties,
    }


def write_geojson(store: Store, out: TextIO, selection: Selection = ALL) -> int:
    """A GeoJSON FeatureCollection: one point a resolved place, with the documents that name it (of a selection:
    the places its articles name, with those articles)."""
    titles = query.titles(store)
    kept = query.selected_ids(store, selection)
    found = query.places(store)
    if kept is not None:
        found = [replace(s, documents=[d for d in s.documents if d in kept]) for s in found]
        found = [s for s in found if s.documents]
    features = [feature(summary, titles) for summary in found]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
