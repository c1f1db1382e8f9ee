"""Events through the store, the CLI and the exports, over articles built by hand (no events stage needed)."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from newsint import query
from newsint.batch import RULES
from newsint.errors import ConfigError
from newsint.model import Article, Event, Place, PlaceMention, Span, content_id
from newsint.store import Store
from tests.conftest import make_article

KHARKIV = Place("Kharkiv", 49.9935, 36.2304, "city", "UA", "Kharkiv", 706483, 1430885)
BAKHMUT = Place("Bakhmut", 48.5956, 38.0003, "city", "UA", "Donetsk", 712165, 72310)
LVIV = Place("Lviv", 49.8383, 24.0232, "city", "UA", "Lviv", 702550, 717273)
UKRAINE = Place("Ukraine", 49.0, 32.0, "country", "UA", "", 690791, 44622516)
TBILISI = Place("Tbilisi", 41.6941, 44.8337, "capital", "GE", "Tbilisi", 611717, 1049498)

FRONT = (
    "Russian forces shelled Kharkiv on Thursday, killing three civilians. "
    "Ukrainian troops clashed with Wagner fighters near Bakhmut last month. "
    "Russia did not strike Lviv. "
    "Officials fear Moscow could attack Odesa."
)
RALLY = "Protesters rallied in Tbilisi this week. Russia and Belarus signed a deal in 2022. A blast hit a convoy."


def _sentence(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words))


def _event(text: str, subtype: str, trigger: str, sentence: str, **fields: Any) -> Event:
    start = text.index(trigger)
    return Event(subtype, trigger, start, start + len(trigger), (_sentence(text, sentence),), 0.9, **fields)


def _articles() -> tuple[Article, Article]:
    front = make_article(FRONT, title="Strikes on Kharkiv", text=FRONT, outlet="Kyiv Independent",
                         published=date(2023, 3, 10))  # fmt: skip
    front.id = content_id(front.title, FRONT)
    demonym = FRONT.index("Ukrainian")
    front.places = [PlaceMention(demonym, demonym + 9, "Ukrainian", UKRAINE, how="demonym")]
    front.events = [
        _event(FRONT, "ART_MISS_ATTACK", "shelled", "Russian forces shelled Kharkiv on Thursday, killing three civilians.",
               actors=("Russian forces",), targets=("civilians",), place=KHARKIV, place_text="Kharkiv",
               date="2023-03-09", date_precision="day", fatalities=3, summary="Russian forces shelled Kharkiv."),
        _event(FRONT, "ARMED_CLASH", "clashed", "Ukrainian troops clashed with Wagner fighters near Bakhmut last month.",
               actors=("Ukrainian troops", "Armed Forces of Ukraine"), targets=("Wagner fighters", "Wagner Group"),
               place=BAKHMUT, place_text="Bakhmut", date="2023-02", date_precision="month"),
        _event(FRONT, "AIR_STRIKE", "strike", "Russia did not strike Lviv.", actors=("Russia",), place=LVIV,
               place_text="Lviv", date="2023-03-10", date_precision="day", date_from_published=True, negated=True),
        _event(FRONT, "ATTACK", "attack", "Officials fear Moscow could attack Odesa.", actors=("Moscow",),
               place_text="Odesa", hypothetical=True),
    ]  # fmt: skip
    rally = make_article(RALLY, title="Rally", text=RALLY, outlet="Civil.ge", published=date(2023, 3, 20))
    rally.id = content_id(rally.title, RALLY)
    rally.events = [
        _event(RALLY, "PEACE_PROTEST", "rallied", "Protesters rallied in Tbilisi this week.", actors=("Protesters",),
               place=TBILISI, place_text="Tbilisi", date="2023-W11", date_precision="week"),
        _event(RALLY, "DIPLO", "signed", "Russia and Belarus signed a deal in 2022.", actors=("Russia", "Belarus"),
               date="2022", date_precision="year"),
        _event(RALLY, "REM_EXPLOS", "blast", "A blast hit a convoy.", targets=("a convoy",), date="2023-03-20",
               date_precision="day", date_from_published=True, summary="A blast hit a convoy."),
    ]  # fmt: skip
    return front, rally


@pytest.fixture
def stored(db: str) -> tuple[Article, Article]:
    """The two articles, written to the CLI's test database."""
    articles = _articles()
    with Store.open(db) as store:
        store.write_batch(list(articles), rules=RULES)
    return articles


@pytest.fixture
def store(stored: tuple[Article, Article], db: str) -> Store:
    return Store.open(db)


def _triggers(found: list[tuple[str, int, Event]]) -> list[str]:
    return [event.trigger for _, _, event in found]


def test_events_come_back_onto_their_articles(stored: tuple[Article, Article], store: Store) -> None:
    front, rally = stored
    with store:
        assert store.get(front.id) == front and store.get(rally.id) == rally
        assert store.events(article_id=rally.id) == [(rally.id, 1, rally.events[1]), (rally.id, 0, rally.events[0]),
                                                     (rally.id, 2, rally.events[2])]  # fmt: skip


def test_events_are_listed_by_date_with_undated_last(store: Store) -> None:
    with store:
        assert _triggers(store.events()) == ["signed", "clashed", "shelled", "strike", "rallied", "blast", "attack"]
        assert _triggers(store.events(limit=2)) == ["signed", "clashed"]


@pytest.mark.parametrize(
    ("types", "triggers"),
    [
        (["ART_MISS_ATTACK"], ["shelled"]),
        (["art_miss_attack"], ["shelled"]),
        (["Battles"], ["clashed"]),
        (["explosions/remote violence"], ["shelled", "strike", "blast"]),
        (["Air/drone strike"], ["strike"]),
        (["Shelling/artillery/missile attack", "Peaceful protest"], ["shelled", "rallied"]),
        (["ASSAULT"], ["clashed", "shelled", "strike", "blast", "attack"]),
        (["consult"], ["signed"]),
        (["Protests", "DIPLO"], ["signed", "rallied"]),
        (["SUPPORT"], []),  # a PLOVER class no event class maps to
    ],
)
def test_type_is_a_subtype_an_acled_type_or_sub_type_or_a_plover_class(
    store: Store, types: list[str], triggers: list[str]
) -> None:
    with store:
        assert _triggers(query.events(store, tuple(types))) == triggers


def test_unknown_type_is_a_config_error(store: Store) -> None:
    with store, pytest.raises(ConfigError, match="'Skirmish'"):
        query.events(store, ("Skirmish",))


@pytest.mark.parametrize(
    ("place", "triggers"),
    [
        ("kharkiv", ["shelled"]),
        ("Donetsk", ["clashed"]),  # the region the town is in
        ("odesa", ["attack"]),  # no gazetteer entry: the place as written
        ("Ukraine", ["clashed", "shelled", "strike"]),  # the country, by the name of its entry
        ("Tbil", ["rallied"]),
        ("Mariupol", []),
    ],
)
def test_place_matches_name_region_country_or_words(store: Store, place: str, triggers: list[str]) -> None:
    with store:
        assert _triggers(store.events(place=place)) == triggers


@pytest.mark.parametrize(
    ("since", "triggers"),
    [
        (date(2023, 3, 10), ["strike", "rallied", "blast"]),
        (date(2023, 2, 28), ["clashed", "shelled", "strike", "rallied", "blast"]),  # "2023-02" ends that day
        (date(2023, 3, 1), ["shelled", "strike", "rallied", "blast"]),
        (date(2023, 3, 19), ["rallied", "blast"]),  # 2023-W11 runs from 13 to 19 March
        (date(2023, 3, 21), []),
        (date(2022, 12, 31), ["signed", "clashed", "shelled", "strike", "rallied", "blast"]),  # never the undated
    ],
)
def test_since_keeps_dates_whose_period_ends_on_or_after_it(store: Store, since: date, triggers: list[str]) -> None:
    with store:
        assert _triggers(store.events(since=since)) == triggers


def test_filters_combine(stored: tuple[Article, Article], store: Store) -> None:
    front, _ = stored
    with store:
        found = query.events(store, ("ASSAULT",), "Ukraine", date(2023, 3, 1), front.id)
        assert _triggers(found) == ["shelled", "strike"]
        assert query.events(store, ("ASSAULT",), article_id=front.id, limit=1)[0][:2] == (front.id, 1)


def test_events_command_shows_a_table(run_cli: Callable[..., Result], stored: tuple[Article, Article]) -> None:
    front, rally = stored
    listed = run_cli("events").stdout
    shelling = listed[listed.index("9 March 2023") : listed.index("10 March 2023*")]  # in words, as people read
    assert "Shelling/artillery/missile attack" in shelling and "Explosions/Remote violence" in shelling
    assert "Russian forces → civilians" in shelling and "Kharkiv (UA)" in shelling and " 3 " in shelling
    assert "* the article gives no date" in listed
    assert "(negated) “strike”" in listed and "(hypothetical) “attack”" in listed
    assert "DIPLO" in listed and "CONSULT" in listed
    assert f"{front.id[:8]}:e0" in listed and f"{rally.id[:8]}:e2" in listed
    lines = listed.splitlines()
    assert next(i for i, line in enumerate(lines) if "2022" in line) < next(
        i for i, line in enumerate(lines) if "February 2023" in line
    )  # by date
    battles = run_cli("events", "--type", "battles", "--since", "2023-01-01").stdout
    assert "Bakhmut" in battles and "Kharkiv" not in battles
    assert "Ukrainian troops, Armed Forces of Ukraine → Wagner fighters, Wagner Group" in battles
    assert "Tbilisi" in run_cli("events", "--place", "tbilisi", "--doc", rally.id[:8]).stdout
    assert "no events match" in run_cli("events", "--type", "Air/drone strike", "--since", "2023-03-11").stdout
    bad = run_cli("events", "--type", "skirmish")
    assert bad.exit_code == 2 and "unknown event type 'skirmish'" in bad.output
    assert run_cli("events", "--since", "March 2023").exit_code == 2


def test_show_lists_the_article_events(run_cli: Callable[..., Result], stored: tuple[Article, Article]) -> None:
    shown = run_cli("show", stored[0].id).stdout
    events = shown[shown.index("\nevents") :]
    assert "[ART_MISS_ATTACK] 9 March 2023 · Kharkiv (UA) · Russian forces → civilians · 3 killed" in events
    assert "[AIR_STRIKE] 10 March 2023* · Lviv (UA) · Russia · negated · “strike”" in events
    assert "[ATTACK] Odesa · Moscow · hypothetical" in events


EVENT_KEYS = {
    "id", "type", "acled_type", "acled_subtype", "plover", "date", "date_precision", "date_from_published", "place",
    "lat", "lon", "actors", "targets", "fatalities", "negated", "hypothetical", "summary", "trigger", "score",
    "evidence",
}  # fmt: skip


def test_json_export_has_an_events_section(run_cli: Callable[..., Result], stored: tuple[Article, Article]) -> None:
    front, rally = stored
    exported = json.loads(run_cli("export", "--format", "json").stdout)
    events = exported["events"]
    assert [e["id"] for e in events] == [f"{front.id}:e{i}" for i in range(4)] + [f"{rally.id}:e{i}" for i in range(3)]
    assert all(set(e) == EVENT_KEYS for e in events)
    shelled = events[0]
    assert shelled["type"] == "ART_MISS_ATTACK" and shelled["acled_type"] == "Explosions/Remote violence"
    assert shelled["acled_subtype"] == "Shelling/artillery/missile attack" and shelled["plover"] == "ASSAULT"
    assert (shelled["place"], shelled["lat"], shelled["lon"]) == ("Kharkiv", 49.9935, 36.2304)
    assert shelled["fatalities"] == 3 and shelled["targets"] == ["civilians"] and shelled["score"] == 0.9
    assert shelled["evidence"] == [{"doc": front.id, "start": 0, "end": FRONT.index("Ukrainian") - 1,
                                    "text": "Russian forces shelled Kharkiv on Thursday, killing three civilians."}]  # fmt: skip
    odesa = events[3]
    assert (odesa["place"], odesa["lat"], odesa["date"], odesa["hypothetical"]) == ("Odesa", None, None, True)
    signed = events[5]
    assert (signed["acled_type"], signed["acled_subtype"], signed["plover"]) == (None, None, "CONSULT")
    documents = {d["id"]: d for d in exported["documents"]}
    assert documents[rally.id]["events"] == events[4:]
    lines = [json.loads(line) for line in run_cli("export", "--format", "jsonl").stdout.splitlines()]
    assert [len(d["events"]) for d in lines] == [4, 3] and lines[0]["events"][2]["negated"] is True


ACLED_HEADER = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]  # fmt: skip


def test_acled_csv_has_acled_columns_and_only_events_that_happened(
    run_cli: Callable[..., Result], stored: tuple[Article, Article], tmp_path: Path
) -> None:
    before = int(time.time())
    out = tmp_path / "acled.csv"
    result = run_cli("export", "--format", "acled-csv", "--out", str(out))
    assert result.exit_code == 0 and "wrote 4 events" in result.stderr
    with open(out, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
    assert reader.fieldnames == ACLED_HEADER
    # Lviv (negated), Odesa (hypothetical) and the deal (no ACLED class) are left out; the rest by date.
    assert [r["event_id_cnty"] for r in rows] == ["UKR1", "UKR2", "GEO1", "UNK1"]
    clash, shelling, rally, blast = rows
    assert clash["event_date"] == "2023-02-01" and clash["year"] == "2023" and clash["time_precision"] == "3"
    assert (clash["event_type"], clash["sub_event_type"], clash["disorder_type"]) == (
        "Battles", "Armed clash", "Political violence"
    )  # fmt: skip
    assert (clash["actor1"], clash["assoc_actor_1"]) == ("Ukrainian troops", "Armed Forces of Ukraine")
    assert (clash["actor2"], clash["assoc_actor_2"]) == ("Wagner fighters", "Wagner Group")
    assert (clash["iso"], clash["country"], clash["admin1"], clash["location"]) == ("804", "Ukraine", "Donetsk",
                                                                                    "Bakhmut")  # fmt: skip
    assert (clash["latitude"], clash["longitude"], clash["geo_precision"]) == ("48.5956", "38.0003", "1")
    assert clash["fatalities"] == "0" and clash["tags"] == "" and clash["region"] == "Europe"
    # Ukrainian troops in Ukraine are state forces (1), Wagner external forces (8).
    assert (clash["inter1"], clash["inter2"], clash["interaction"], clash["civilian_targeting"]) == ("1", "8", "18", "")
    assert (shelling["inter1"], shelling["inter2"], shelling["interaction"]) == ("8", "7", "78")  # foreign forces
    assert shelling["civilian_targeting"] == "Civilian targeting" and shelling["source_scale"] == "National"
    assert (rally["inter1"], rally["inter2"], rally["interaction"]) == ("6", "", "60")
    assert (rally["region"], rally["civilian_targeting"]) == ("Caucasus and Central Asia", "")
    assert (blast["inter1"], blast["inter2"], blast["interaction"], blast["region"]) == ("", "", "", "")
    assert (shelling["event_date"], shelling["time_precision"], shelling["fatalities"]) == ("2023-03-09", "1", "3")
    assert shelling["source"] == "Kyiv Independent" and shelling["notes"] == "Russian forces shelled Kharkiv."
    assert (rally["event_date"], rally["time_precision"], rally["disorder_type"]) == ("2023-03-13", "2",
                                                                                      "Demonstrations")  # fmt: skip
    assert (rally["country"], rally["iso"], rally["source"]) == ("Georgia", "268", "Civil.ge")
    assert (blast["location"], blast["latitude"], blast["geo_precision"], blast["country"]) == ("", "", "", "")
    assert blast["tags"] == "newsint: date from publication" and blast["actor1"] == "" and blast["actor2"] == "a convoy"
    assert all(before <= int(r["timestamp"]) <= time.time() + 1 for r in rows)


def test_acled_csv_to_standard_output_reads_back(
    run_cli: Callable[..., Result], stored: tuple[Article, Article]
) -> None:
    text = run_cli("export", "--format", "acled-csv").stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ACLED_HEADER and len(rows) == 5 and all(len(r) == len(ACLED_HEADER) for r in rows)
