"""The seeds through the real pipeline and out through the writers `newsint export` uses: every ACLED column filled
where the article says it (and consistent with the stored event it codes), and the GeoJSON a valid RFC 7946
FeatureCollection (lon, lat) holding both places and events.

The checks are invariants over every row and feature, plus what the articles plainly say (Russia fired missiles
across Ukraine on 9 March; Kyiv and Bakhmut are on the map), so that better event extraction keeps them green.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pycountry
import pytest

from newsint import query
from newsint.batch import ingest
from newsint.events.actors import CIVILIAN_TARGETING, actor_targets, actor_type, event_actors, source_scale
from newsint.events.taxonomy import CLASSES
from newsint.export import WRITERS
from newsint.export.acled import ACLED_COLUMNS, DATE_FROM_PUBLICATION, UNKNOWN_COUNTRY
from newsint.geo.gazetteer import shared_gazetteer
from newsint.geo.keys import place_key
from newsint.model import Event, Place
from newsint.query import ALL
from newsint.settings import load_settings
from newsint.store import Store
from newsint.temporal.normalize import value_period
from tests.conftest import SEEDS, needs

pytestmark = [needs(SEEDS), pytest.mark.integration]

# Kinds of place inside a country's first-level division: the row names that division.
_INSIDE_ADMIN1 = {"capital", "city", "town", "village", "district", "region", "feature"}
_PRECISION = {"capital": "1", "city": "1", "town": "1", "village": "1", "feature": "1", "district": "2"}


@pytest.fixture(scope="module")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds ingested as `newsint ingest` does: the default pipeline, then the store."""
    path = tmp_path_factory.mktemp("seed-exports") / "seeds.db"
    with Store.open(path) as store:
        ingest([str(SEEDS)], load_settings(None, db=str(path)), store)
    return path


def _export(path: Path, fmt: str) -> tuple[int, str]:
    out = io.StringIO()
    with Store.open(path) as store:
        count = WRITERS[fmt](store, out, ALL)
    return count, out.getvalue()


def _coded(event: Event) -> bool:
    """What ACLED codes: an event of one of its classes that happened, on a calendar date."""
    kind = CLASSES.get(event.subtype)
    return (
        bool(kind and kind.acled_type)
        and not event.negated
        and not event.hypothetical
        and bool(value_period(event.date))
    )


@pytest.fixture(scope="module")
def acled(seed_store: Path) -> list[tuple[dict[str, str], str, Event, str | None]]:
    """(row, document, stored event, the document's outlet), one per row of `export --format acled-csv`."""
    count, text = _export(seed_store, "acled-csv")
    reader = csv.DictReader(io.StringIO(text))
    assert tuple(reader.fieldnames or ()) == ACLED_COLUMNS
    rows = list(reader)
    with Store.open(seed_store) as store:
        events = [(doc, event) for doc, _, event in query.events(store) if _coded(event)]
        outlets = query.outlets(store)
    assert count == len(rows) == len(events) and rows, "one row a coded event, in the order events are listed"
    return [(row, doc, event, outlets.get(doc)) for row, (doc, event) in zip(rows, events, strict=True)]


def _gazetteer_entry(place: Place) -> Place:
    """The gazetteer's own entry for a stored place, looked up again by name."""
    found = [
        p
        for p in shared_gazetteer().lookup(place_key(place.name))
        if (p.name, p.kind, p.country, p.geonames_id) == (place.name, place.kind, place.country, place.geonames_id)
    ]
    assert found, place
    return found[0]


def _check_place_columns(row: dict[str, str], event: Event) -> None:
    place = event.place
    if place is None:
        assert row["location"] == event.place_text, row
        assert not any(row[c] for c in ("iso", "country", "region", "admin1", "admin2", "latitude", "longitude")), row
        assert row["geo_precision"] == "", row
        return
    assert row["location"] == place.name, row
    assert (float(row["latitude"]), float(row["longitude"])) == (round(place.lat, 4), round(place.lon, 4)), row
    assert row["geo_precision"] == _PRECISION.get(place.kind, "3"), row
    if place.country:
        found = pycountry.countries.get(alpha_2=place.country)
        assert found is not None and row["iso"] == str(int(found.numeric)) and row["country"], row
        assert row["region"], row  # every country has an ACLED region
    else:  # an area across borders (the Middle East): no country, so no region either
        assert not (row["iso"] or row["country"] or row["region"]), row
    entry = _gazetteer_entry(place)
    if place.kind in _INSIDE_ADMIN1:
        assert row["admin1"] and row["admin1"] == (entry.admin1 or place.name), row
    else:
        assert row["admin1"] == "", row
    # admin2: the district itself, or a town's district where the gazetteer names one.
    assert row["admin2"] == (entry.admin2 or (place.name if place.kind == "district" else "")), row


def _check_actor_columns(row: dict[str, str], event: Event) -> None:
    country = event.place.country if event.place else ""
    actors, targets = event_actors(event), actor_targets(event)  # less event nouns and the event's place
    assert set(actors) <= set(event.actors) and set(targets) <= set(event.targets)
    assert row["actor1"] == (actors[0] if actors else ""), row
    assert row["actor2"] == (targets[0] if targets else ""), row
    assert row["assoc_actor_1"] == "; ".join(actors[1:]), row
    inter1 = actor_type(row["actor1"], country) if row["actor1"] else None
    inter2 = actor_type(row["actor2"], country, as_target=True) if row["actor2"] else None
    assert (row["inter1"], row["inter2"]) == (str(inter1 or ""), str(inter2 or "")), row
    assert all(c in "12345678" for c in row["inter1"] + row["inter2"]), row
    codes = sorted(c for c in (row["inter1"], row["inter2"]) if c)
    assert row["interaction"] == ("".join(codes) + ("0" if len(codes) == 1 else "") if codes else ""), row
    if row["civilian_targeting"]:
        assert row["civilian_targeting"] == CIVILIAN_TARGETING and row["inter2"] == "7", row
        assert row["disorder_type"] == "Political violence", row


def test_every_acled_row_is_filled_where_the_article_says_it(
    acled: list[tuple[dict[str, str], str, Event, str | None]],
) -> None:
    numbers: Counter[str] = Counter()
    for row, _, event, outlet in acled:
        kind = CLASSES[event.subtype]
        period = value_period(event.date)
        assert period is not None
        day = date.fromisoformat(row["event_date"])
        assert day == period[0] and row["year"] == str(day.year) and row["time_precision"] in ("1", "2", "3"), row
        assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
            kind.disorder,
            kind.acled_type,
            kind.acled_subtype,
        ), row
        assert all((row["disorder_type"], row["event_type"], row["sub_event_type"])), row
        _check_actor_columns(row, event)
        _check_place_columns(row, event)
        assert row["source"] == (outlet or ""), row  # the outlet the article names; never its file name
        assert not re.search(r"\.(txt|html?|json)$", row["source"]), row
        assert row["source_scale"] == source_scale(outlet) and bool(row["source_scale"]) == bool(outlet), row
        assert row["notes"].strip(), row
        assert row["fatalities"].isdigit() and int(row["fatalities"]) == (event.fatalities or 0), row
        assert row["tags"] == (DATE_FROM_PUBLICATION if event.date_from_published else ""), row
        assert row["admin3"] == "" and row["timestamp"].isdigit(), row  # the gazetteer has no third level
        # event_id_cnty: the country's ISO 3166 alpha-3 code, or the documented unknown prefix, then a number that
        # counts that prefix's rows.
        found = pycountry.countries.get(alpha_2=event.place.country) if event.place and event.place.country else None
        prefix = str(found.alpha_3) if found else UNKNOWN_COUNTRY
        numbers[prefix] += 1
        assert row["event_id_cnty"] == f"{prefix}{numbers[prefix]}", row


def test_seed_rows_cover_what_the_articles_say(acled: list[tuple[dict[str, str], str, Event, str | None]]) -> None:
    rows = [row for row, *_ in acled]
    ukraine = [r for r in rows if r["country"] == "Ukraine"]
    assert ukraine and all(r["region"] == "Europe" and r["admin1"] and r["latitude"] for r in ukraine), rows
    # "Russia fired hundreds of millions of dollars worth of missiles across Ukraine on Thursday" (9 March 2023).
    barrage = [r for r in ukraine if r["event_date"] == "2023-03-09" and r["actor1"] == "Russia"]
    assert barrage and all(r["inter1"] == "8" and r["event_type"] == "Explosions/Remote violence" for r in barrage)
    with_actor = [r for r in rows if r["actor1"]]
    assert len(with_actor) >= len(rows) / 2 and any(r["inter1"] for r in with_actor), rows
    assert any(r["source"] and r["source_scale"] for r in rows), rows


# -- GeoJSON -------------------------------------------------------------------------------------------------------


def _reject_constant(name: str) -> float:
    raise AssertionError(f"{name} is not JSON (RFC 8259), so not GeoJSON")


def _check_rfc_7946(collection: Any) -> None:
    """A FeatureCollection (RFC 7946 3.3) of Features (3.2) whose geometries are Points (3.1.2) with one position
    of two numbers, longitude first, in range (3.1.1, 4); no `crs` member anywhere (4: removed from GeoJSON)."""
    assert isinstance(collection, dict) and collection["type"] == "FeatureCollection"
    assert set(collection) <= {"type", "features", "bbox"} and isinstance(collection["features"], list)
    for item in collection["features"]:
        assert isinstance(item, dict) and item["type"] == "Feature" and "crs" not in item, item
        assert set(item) <= {"type", "geometry", "properties", "id", "bbox"}, item
        assert isinstance(item["properties"], dict), item
        geometry = item["geometry"]
        assert isinstance(geometry, dict) and set(geometry) == {"type", "coordinates"}, item
        assert geometry["type"] == "Point" and isinstance(geometry["coordinates"], list), item
        assert len(geometry["coordinates"]) == 2, item
        lon, lat = geometry["coordinates"]
        for value in (lon, lat):
            assert isinstance(value, float | int) and not isinstance(value, bool) and math.isfinite(value), item
        assert -180 <= lon <= 180 and -90 <= lat <= 90, item


def _point(features: list[dict[str, Any]], feature: str, name: str) -> tuple[float, float]:
    found = [f for f in features if f["properties"]["feature"] == feature and f["properties"]["name"] == name]
    assert found, sorted({f["properties"]["name"] for f in features})
    lon, lat = found[0]["geometry"]["coordinates"]
    return lon, lat


def test_seed_geojson_is_rfc_7946_with_places_and_events(seed_store: Path) -> None:
    count, text = _export(seed_store, "geojson")
    collection = json.loads(text, parse_constant=_reject_constant)
    _check_rfc_7946(collection)
    features = collection["features"]
    assert count == len(features)
    kinds = [f["properties"]["feature"] for f in features]
    assert set(kinds) == {"place", "event"} and kinds == sorted(kinds, reverse=True)  # the places, then the events
    # Longitude first: Kyiv is at about 50.45 N, 30.52 E; Bakhmut at about 48.60 N, 38.00 E.
    lon, lat = _point(features, "place", "Kyiv")
    assert abs(lon - 30.52) < 0.1 and abs(lat - 50.45) < 0.1
    lon, lat = _point(features, "place", "Bakhmut")
    assert abs(lon - 38.0) < 0.1 and abs(lat - 48.6) < 0.1
    lon, lat = _point(features, "event", "Lviv")  # the missiles of 9 March, Lviv at about 49.84 N, 24.02 E
    assert abs(lon - 24.02) < 0.1 and abs(lat - 49.84) < 0.1
    with Store.open(seed_store) as store:
        texts = {a.id: a.text for a in store.articles()}
    places = {(f["properties"]["name"], tuple(f["geometry"]["coordinates"])) for f in features[: kinds.count("place")]}
    for item in features:
        properties = item["properties"]
        assert properties["id"] and properties["name"], properties
        if properties["feature"] == "place":
            assert properties["kind"] and properties["documents"], properties
            continue
        assert properties["type"] and isinstance(properties["actors"], list), properties
        assert isinstance(properties["targets"], list) and "fatalities" in properties and "date" in properties
        assert (properties["name"], tuple(item["geometry"]["coordinates"])) in places  # at its place's point
        for span in properties["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(texts[span["doc"]]), span
