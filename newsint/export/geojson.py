"""The resolved places as a GeoJSON FeatureCollection."""

from __future__ import annotations

import json
from typing import Any, TextIO

from newsint import query
from newsint.export.convert import as_dict
from newsint.store import Store
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


def write_geojson(store: Store, out: TextIO) -> int:
    """A GeoJSON FeatureCollection: one point a resolved place, with the documents that name it."""
    titles = query.titles(store)
    features = [feature(summary, titles) for summary in query.places(store)]
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
