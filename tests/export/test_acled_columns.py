"""ACLED's coded columns (actor types, interaction, civilian targeting, region, admin2, source scale, geo
precision, event ids) on invented events and on the seeds, and the GeoJSON export checked against RFC 7946."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pycountry
import pytest

from newsint.batch import RULES
from newsint.events.actors import actor_type, actor_types, interaction, source_scale
from newsint.export.acled import acled_rows, region
from newsint.export.geojson import write_geojson
from newsint.model import Article, Event, Place, Span, content_id
from newsint.store import Store
from tests.conftest import make_article


@pytest.mark.parametrize(
    ("words", "country", "code"),
    [
        ("Russian forces", "UA", 8),  # a state's forces abroad are external forces
        ("Russian forces", "RU", 1),
        ("Russian forces", "", 1),  # where it happened unknown: state forces
        ("the army", "", 1),
        ("police", "NG", 1),
        ("Ukrainian troops", "UA", 1),
        ("1,200 Russian soldiers", "UA", 8),
        ("Russia", "UA", 8),  # a state named alone stands for its forces
        ("Moscow", "UA", 8),  # and so does its capital, as an actor
        ("militants", "", 2),
        ("Russian-backed separatists", "UA", 2),
        ("Houthi rebels", "YE", 2),
        ("gunmen", "NG", 3),
        ("a local militia", "CD", 3),
        ("ethnic Fulani militia", "ML", 4),
        ("rioters", "", 5),
        ("protesters", "GE", 6),
        ("civilians", "UA", 7),
        ("an aid worker", "UA", 7),
        ("Wagner fighters", "UA", 8),
        ("UN peacekeepers", "ML", 8),
        ("Vladimir Putin", "RU", None),  # a person: no rule types him
        ("eastern part", "UA", None),
    ],
)
def test_actor_type_from_words(words: str, country: str, code: int | None) -> None:
    assert actor_type(words, country) == code


def test_a_capital_as_a_target_is_the_city() -> None:
    assert actor_type("Kyiv", "UA", as_target=True) is None and actor_type("Kyiv", "UA") == 1


@pytest.mark.parametrize(
    ("inter1", "inter2", "code"),
    [(1, 7, "17"), (7, 1, "17"), (8, 1, "18"), (1, 1, "11"), (6, None, "60"), (None, 2, "20"), (None, None, "")],
)
def test_interaction_is_both_codes_lower_first(inter1: int | None, inter2: int | None, code: str) -> None:
    assert interaction(inter1, inter2) == code


def _event(subtype: str, actors: tuple[str, ...], targets: tuple[str, ...], place: Place | None = None) -> Event:
    return Event(subtype, "x", 0, 1, (Span(0, 1),), 0.9, actors=actors, targets=targets, place=place,
                 date="2024-05-01", date_precision="day")  # fmt: skip


MOPTI = Place("Mopti", 14.49, -4.2, "city", "ML", "Mopti")
KHARKIV_RAION = Place("Kharkiv Raion", 50.0, 36.2, "district", "UA", "Kharkiv")
DONETSK_OBLAST = Place("Donetsk Oblast", 48.0, 37.8, "region", "UA", "")


@pytest.mark.parametrize(
    ("event", "columns"),
    [
        (_event("ATTACK", ("gunmen",), ("villagers",), MOPTI), (3, 7, "37", "Civilian targeting")),
        (
            _event("ART_MISS_ATTACK", ("Russian forces",), ("civilians",), KHARKIV_RAION),
            (8, 7, "78", "Civilian targeting"),
        ),
        (_event("ARMED_CLASH", ("the army",), ("militants",), MOPTI), (1, 2, "12", "")),
        (_event("PEACE_PROTEST", ("protesters",), (), MOPTI), (6, None, "60", "")),
        # Police beating protesters is a demonstration event: ACLED marks civilian targeting on political violence.
        (_event("FORCE_AGAINST_PROTEST", ("police",), ("civilians",), MOPTI), (1, 7, "17", "")),
        (_event("MOB_VIOL", ("rioters",), ("residents",), None), (5, 7, "57", "Civilian targeting")),
    ],
)
def test_actor_types_of_invented_events(event: Event, columns: tuple[Any, ...]) -> None:
    found = actor_types(event)
    assert (found.inter1, found.inter2, found.interaction, found.civilian_targeting) == columns


@pytest.mark.parametrize(
    ("code", "name"),
    [("UA", "Europe"), ("RU", "Europe"), ("GE", "Caucasus and Central Asia"), ("ML", "Western Africa"),
     ("CD", "Middle Africa"), ("SO", "Eastern Africa"), ("MZ", "Southern Africa"), ("SD", "Northern Africa"),
     ("SY", "Middle East"), ("TR", "Middle East"), ("PK", "South Asia"), ("MM", "Southeast Asia"),
     ("CN", "East Asia"), ("MX", "Central America"), ("HT", "Caribbean"), ("CO", "South America"),
     ("US", "North America"), ("PG", "Oceania"), ("AQ", "Antarctica"), ("", "")],
)  # fmt: skip
def test_region_is_acleds_world_region(code: str, name: str) -> None:
    assert region(code) == name


@pytest.mark.parametrize(
    ("outlet", "scale"),
    [("Reuters", "International"), ("AP", "International"), ("Al Jazeera", "International"),
     ("bbc.com", "International"), ("Kyiv Independent", "National"), ("Telegram", "New media"), (None, ""), ("", "")],
)  # fmt: skip
def test_source_scale_from_the_outlet(outlet: str | None, scale: str) -> None:
    assert source_scale(outlet) == scale


def test_invented_rows_fill_admin2_precision_and_unknown_prefix(tmp_path: Path) -> None:
    text = "Russian forces shelled villages. Police dispersed a rally. A blast hit a convoy."
    article = make_article(text, title="Invented", text=text, outlet="Reuters")
    article.id = content_id(article.title, text)
    article.events = [
        _event("ART_MISS_ATTACK", ("Russian forces",), ("civilians",), KHARKIV_RAION),
        _event("ARMED_CLASH", ("Ukrainian troops",), ("Russian forces",), DONETSK_OBLAST),
        _event("REM_EXPLOS", (), ("a convoy",), None),
    ]
    with Store.open(tmp_path / "invented.db") as store:
        store.write_batch([article], rules=RULES)
        district, oblast, unknown = list(acled_rows(store, 0))
    assert (district["admin1"], district["admin2"], district["geo_precision"]) == ("Kharkiv", "Kharkiv Raion", 2)
    assert district["source_scale"] == "International" and district["region"] == "Europe"
    assert (oblast["admin1"], oblast["admin2"], oblast["geo_precision"]) == ("Donetsk Oblast", "", 3)
    assert (oblast["inter1"], oblast["inter2"], oblast["interaction"]) == (1, 8, "18")
    assert unknown["event_id_cnty"] == "UNK1" and unknown["country"] == unknown["region"] == ""


def test_a_towns_district_fills_admin2(tmp_path: Path) -> None:
    text = "Protesters marched in Springfield."
    article = make_article(text, title="Invented", text=text, outlet="Reuters")
    article.id = content_id(article.title, text)
    springfield = Place("Springfield", 39.8017, -89.6437, "city", "US", "Illinois", 4250542, 116250, "Sangamon County")
    article.events = [_event("PEACE_PROTEST", ("protesters",), (), springfield)]
    with Store.open(tmp_path / "town.db") as store:
        store.write_batch([article], rules=RULES)
        (row,) = acled_rows(store, 0)
    assert (row["admin1"], row["admin2"], row.get("admin3", "")) == ("Illinois", "Sangamon County", "")
    assert (row["geo_precision"], row["region"], row["event_id_cnty"]) == (1, "North America", "USA1")


# -- the seeds ---------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_store(seed_articles: list[Article], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("acled") / "seeds.db"
    with Store.open(path) as store:
        store.write_batch(seed_articles, rules=RULES)
    return path


def test_seed_rows_fill_every_column_the_article_gives(seed_store: Path) -> None:
    with Store.open(seed_store) as store:
        rows = list(acled_rows(store, 0))
    located = [r for r in rows if r["latitude"] and r["country"] and r["disorder_type"] == "Political violence"]
    assert located, rows
    for row in located:
        iso3 = pycountry.countries.get(numeric=f"{int(str(row['iso'])):03d}").alpha_3
        assert str(row["event_id_cnty"]).startswith(iso3) and str(row["event_id_cnty"])[3:].isdigit(), row
        assert row["region"] and row["location"] and row["geo_precision"] in (1, 2, 3), row
        assert bool(row["interaction"]) == bool(row["inter1"] or row["inter2"]), row
        if row["actor1"] in ("Russia", "Russian", "Russian forces"):
            assert row["inter1"] == 8, row  # Russia's forces in Ukraine
    barrage = [r for r in located if r["event_date"] == "2023-03-09" and r["actor1"] == "Russia"]
    assert barrage and all(r["inter1"] == 8 and r["region"] == "Europe" for r in barrage)
    for row in rows:
        assert (row["event_id_cnty"][:3] == "UNK") == (not row["country"]), row
        if row["source"]:
            assert row["source_scale"], row
        if row["civilian_targeting"]:
            assert row["inter2"] == 7, row


def _check_rfc_7946(collection: dict[str, Any]) -> None:
    """A FeatureCollection of Features whose Point geometries are [lon, lat] in range (RFC 7946 3.1.1, 3.3)."""
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    for item in collection["features"]:
        assert item["type"] == "Feature" and isinstance(item["properties"], dict)
        geometry = item["geometry"]
        assert geometry["type"] == "Point" and len(geometry["coordinates"]) == 2
        lon, lat = geometry["coordinates"]
        assert isinstance(lon, float | int) and isinstance(lat, float | int)
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_seed_geojson_has_places_and_events_in_lon_lat_order(seed_store: Path, seed_articles: list[Article]) -> None:
    out = io.StringIO()
    with Store.open(seed_store) as store:
        count = write_geojson(store, out)
    collection = json.loads(out.getvalue())
    _check_rfc_7946(collection)
    features = collection["features"]
    assert count == len(features)
    kinds = [f["properties"]["feature"] for f in features]
    assert set(kinds) == {"place", "event"} and kinds == sorted(kinds, reverse=True)  # the places, then the events
    texts = {a.id: a.text for a in seed_articles}
    events = [f for f in features if f["properties"]["feature"] == "event"]
    for item in events:
        properties = item["properties"]
        assert properties["type"] and properties["name"] and isinstance(properties["actors"], list)
        assert "targets" in properties and "fatalities" in properties and "date" in properties
        for span in properties["evidence"]:
            assert 0 <= span["start"] < span["end"] <= len(texts[span["doc"]])
    lviv = [f for f in events if f["properties"]["name"] == "Lviv"]
    assert lviv, [f["properties"]["name"] for f in events]
    lon, lat = lviv[0]["geometry"]["coordinates"]
    assert 23.5 < lon < 24.5 and 49.5 < lat < 50.2  # Lviv lies at about 49.8 N, 24.0 E
    assert lviv[0]["properties"]["acled_type"] == "Explosions/Remote violence"
