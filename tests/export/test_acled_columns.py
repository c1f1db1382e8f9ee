"""ACLED's coded columns (actor types, interaction, civilian targeting, region, admin2, source scale, geo
precision, event ids) on invented events; the seeds' exports are checked in test_seed_exports.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from newsint.batch import RULES
from newsint.events.actors import actor_type, actor_types, interaction, source_scale
from newsint.export.acled import acled_rows, region
from newsint.model import Event, Place, Span, content_id
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
