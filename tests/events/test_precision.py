"""Event precision (issue 28): ordinary news makes no violent event, and one attack told in several triggers
is one event of its most specific class with its dead counted once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from newsint.events.actors import actor_targets, actor_types
from newsint.events.merge import same_happening
from newsint.events.plausibility import topic
from newsint.events.taxonomy import CLASSES
from newsint.model import Event
from newsint.pipeline import Pipeline
from newsint.settings import Settings
from tests.conftest import make_article

PUBLISHED = date(2024, 5, 3)
VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory: pytest.TempPathFactory) -> Pipeline:
    from newsint.settings import load_settings

    settings: Settings = load_settings(None, db=str(tmp_path_factory.mktemp("precision") / "e.db"))
    stages = ("clean", "language", "nlp", "entities", "places", "times", "claims", "figures", "events")
    return Pipeline.build(replace(settings, stages=stages))


def events_of(pipeline: Pipeline, text: str) -> list[Event]:
    [article] = pipeline.process(make_article(text, published=PUBLISHED))
    return article.events


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces shelled Kharkiv on Monday, killing 3 civilians.",
        "Russian forces shelled the city of Kharkiv on Monday, killing 3 civilians.",
        "Three civilians were killed when Russian forces shelled Kharkiv on Monday.",
        "Russian troops shelled the city of Kharkiv on Monday. The shelling killed 3 civilians.",
        "Russian forces shelled Kharkiv on Monday. Three civilians were killed, officials said.",
    ],
)
def test_one_shelling_is_one_event_with_its_dead_counted_once(pipeline: Pipeline, text: str) -> None:
    events = [e for e in events_of(pipeline, text) if CLASSES[e.subtype].acled_type in VIOLENT]
    assert len(events) == 1, events
    [event] = events
    assert event.subtype == "ART_MISS_ATTACK", event
    assert event.fatalities == 3
    assert any("civilians" in target.lower() for target in event.targets), event.targets
    assert event.date == "2024-04-29"
    types = actor_types(event)  # ACLED's columns: foreign forces against civilians, civilian targeting
    assert (types.inter2, types.civilian_targeting) == (7, "Civilian targeting")
    assert not any(t.casefold() == "kharkiv" for t in actor_targets(event))  # the town is where, not whom


@pytest.mark.parametrize(
    ("text", "town", "subtype"),
    [
        ("Russian forces shelled Kharkiv on Monday, killing 3 civilians.", "Kharkiv", "ART_MISS_ATTACK"),
        ("Russian troops shelled Kherson on Tuesday, killing two people.", "Kherson", "ART_MISS_ATTACK"),
        ("Russian drones hit Odesa on Friday, wounding five.", "Odesa", "AIR_STRIKE"),
        ("Israeli jets struck Khan Younis overnight, killing 12.", "Khān Yūnis", "AIR_STRIKE"),
    ],
)
def test_the_attacked_town_is_on_the_map_though_the_model_calls_it_a_person(
    pipeline: Pipeline, text: str, town: str, subtype: str
) -> None:
    [event] = events_of(pipeline, text)
    assert event.subtype == subtype
    assert event.place is not None and event.place.name == town


@pytest.mark.parametrize(
    "text",
    [
        "Some 1,200 Russian soldiers were recently killed in just one day there, officials said.",
        "Ukrainian forces killed 40 Russian troops near Bakhmut on Monday.",
        "Russia launched its new offensive in mid-February after months of stalemate.",
    ],
)
def test_killed_soldiers_and_offensives_are_fighting(pipeline: Pipeline, text: str) -> None:
    """Not force against protesters (no crowd), not an attack on civilians, not a strike (no weapon named)."""
    events = [e for e in events_of(pipeline, text) if CLASSES[e.subtype].acled_type in VIOLENT]
    assert [CLASSES[e.subtype].acled_type for e in events] == ["Battles"], events


def test_security_forces_firing_on_protesters_is_force_against_protesters(pipeline: Pipeline) -> None:
    [event] = events_of(pipeline, "Police fired tear gas at protesters in Tbilisi on Monday, killing one man.")
    assert event.subtype == "FORCE_AGAINST_PROTEST"
    assert event.actors == ("Police",) and event.fatalities == 1
    assert event.place is not None and event.place.name == "Tbilisi"


@pytest.mark.parametrize(
    "text",
    [
        "Western officials estimate that between 20,000 and 30,000 Russian troops have been killed in the city.",
        "More than 10,000 civilians have been killed since the invasion began, the UN said.",
        "Russia has gone on the attack with troops called up in its first mobilization.",
        "Ukrainian forces have been on the defensive and remain on the offensive elsewhere.",
        "No major battles have been reported fought in the marshes for a year.",
        "The regulator is moving to seize all the assets of both brokers.",
        "It was the first law enacted to protest the trade rules.",
        "Hundreds protested outside parliament in Tbilisi on Monday.",
    ],
)
def test_tallies_postures_unhappened_and_peaceful_are_no_violent_events(pipeline: Pipeline, text: str) -> None:
    assert not [e for e in events_of(pipeline, text) if CLASSES[e.subtype].acled_type in VIOLENT]


@pytest.mark.parametrize(
    "text",
    [
        "The Lakers clashed with the Celtics on Sunday night in a tense game.",
        "Apple and Samsung are locked in a battle for market share in Europe.",
        "The company launched a major attack on these new markets last year.",
        "She really killed it on stage at the concert in London on Friday.",
        "Sign up for our Email Newsletters",
        "The prime minister wound up his first round of consultations on Tuesday.",
        "The coach fired up his players before the final on Sunday.",
        "There was a clash of views between the two ministers at the meeting.",
        "Striker Harry Kane attacked the goal and shot past the keeper in the second half.",
        "The bank fought off a hostile takeover bid from its rival on Tuesday.",
        "The board fired the chief executive at the meeting on Monday.",
        "Growth was targeted at four pct this year, the minister said.",
        "The senator attacked the proposal as a waste of money on Tuesday.",
        "United battled back to beat Chelsea 2-1 at Old Trafford on Saturday.",
        "IBM said it demonstrated an experimental computer chip in New York on Monday.",
        "It makes sense for Sun Chemical to strike before the offering is underway.",
        "A satellite was destroyed last May when a Delta rocket exploded after liftoff.",
    ],
)
def test_sport_business_metaphor_and_chrome_make_no_violent_event(pipeline: Pipeline, text: str) -> None:
    events = events_of(pipeline, text)
    assert not [e for e in events if CLASSES[e.subtype].acled_type in VIOLENT], events
    assert not [e for e in events if e.subtype == "AGREEMENT"], events


@pytest.mark.parametrize(
    "text",
    [
        "Iraqi warplanes attacked an oil tanker in the Gulf on Monday, shipping sources said.",
        "Police clashed with rioters in Karachi on Tuesday.",
        "Gunmen killed two police officers in Lima on Wednesday.",
        "Rebel units fired on army positions near the bridge early on Saturday.",
        "Iranian troops captured a town in northern Iraq on Monday.",
        "Thousands of farmers battled police in Saragossa during a march on Tuesday.",
        "Protesters clashed with riot police in Seoul on Tuesday.",
    ],
)
def test_real_violence_in_plain_words_stays(pipeline: Pipeline, text: str) -> None:
    events = events_of(pipeline, text)
    assert [e for e in events if CLASSES[e.subtype].acled_type in VIOLENT], events


def test_an_article_topic_is_read_from_its_words() -> None:
    assert topic("Iraqi troops and guerrillas fought near the border; twelve soldiers were killed.") == "conflict"
    assert topic("The team won the game in the final minute; the coach praised his players.") == "sport"
    assert topic("Profits rose 12 pct to 40 mln dlrs as sales grew, the company said.") == "business"
    assert topic("An earthquake hit the town; police said no casualties were reported after the quake.") == "disaster"
    assert topic("It was a quiet afternoon.") == ""


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested twelve opposition activists in Minsk on Monday.",
        "She was arrested on Monday after entering the debate venue.",
        "Parents protested the state funding system outside City Hall on Monday.",
    ],
)
def test_arrests_and_transitive_protests_are_kept(pipeline: Pipeline, text: str) -> None:
    assert events_of(pipeline, text)


def test_the_dead_not_the_wounded_dated_by_the_when_clause(pipeline: Pipeline) -> None:
    text = "At least nine people were killed and 31 wounded when shells struck a market in the town on Tuesday evening."
    [event] = events_of(pipeline, text)
    assert (event.subtype, event.fatalities, event.date) == ("ART_MISS_ATTACK", 9, "2024-04-30")


def test_only_violence_has_fatalities(pipeline: Pipeline) -> None:
    [visit] = events_of(pipeline, "The mission, which visited the hospital on Wednesday, said three patients had died.")
    assert visit.subtype == "DIPLO" and visit.fatalities is None


def test_fire_opened_on_positions_is_fighting_and_a_dateline_no_participant(pipeline: Pipeline) -> None:
    text = "ORSKA, 21 March (Wire) — Valdian forces opened fire on Tarnish positions at the ford on Saturday."
    [event] = events_of(pipeline, text)
    assert CLASSES[event.subtype].acled_type == "Battles"  # not force against protesters ("March"), not civilians
    assert len(event.actors) == 1 and event.actors[0].startswith("Valdian")  # not ORSKA, where the report was filed
    assert len(event.targets) == 1 and "positions" in event.targets[0]  # not the "fire" that was opened


@pytest.mark.parametrize(
    "text",
    [
        "Our forces carried out no strikes on the town of Harnesk on Tuesday, the defence ministry said.",
        "Government troops fired no shells at the village on Monday, a spokesman said.",
    ],
)
def test_an_attack_with_no_object_is_negated(pipeline: Pipeline, text: str) -> None:
    """'carried out no strikes': the support verb's object says none happened."""
    violent = [e for e in events_of(pipeline, text) if CLASSES[e.subtype].acled_type in VIOLENT]
    assert violent and all(e.negated for e in violent), violent
    affirmed = text.replace(" no ", " ")
    assert not any(e.negated for e in events_of(pipeline, affirmed)), affirmed


@pytest.mark.parametrize(
    "text",
    [
        "Heavy fighting broke out in Sirte on Monday between army units and the rebels, the governor said.",
        "Gunfire erupted around the bridge at Sirte on Monday, officials on both sides said.",
    ],
)
def test_fighting_that_erupts_or_breaks_out_is_a_battle_not_a_disaster(pipeline: Pipeline, text: str) -> None:
    events = events_of(pipeline, text)
    assert [e for e in events if CLASSES[e.subtype].acled_type in ("Battles", "Violence against civilians")], events
    assert not [e for e in events if e.subtype == "NATURAL_DISASTER"], events


def test_a_volcano_still_erupts_and_a_walk_out_or_fighting_spirit_that_goes_on_is_no_event(
    pipeline: Pipeline,
) -> None:
    [event] = events_of(pipeline, "The volcano erupted on Monday, sending ash over the valley.")
    assert event.subtype == "NATURAL_DISASTER"
    assert not events_of(pipeline, "Her fighting spirit continued to inspire the team on Monday.")
    walk_out = events_of(pipeline, "The strike at the port continued in Santos on Monday, union leaders said.")
    assert not [e for e in walk_out if CLASSES[e.subtype].acled_type in VIOLENT], walk_out


def test_an_event_noun_that_dates_another_event_is_an_event_of_its_own(pipeline: Pipeline) -> None:
    text = "Police detained 30 men in Varnok on Thursday after Wednesday's bombing at its market, which killed six."
    remote = [e for e in events_of(pipeline, text) if CLASSES[e.subtype].acled_type == "Explosions/Remote violence"]
    assert [e.date for e in remote] == ["2024-05-01"], remote
    same = "Six people were killed in the bombing at the Varnok market on Wednesday, police said."
    assert len(events_of(pipeline, same)) == 1  # the killing and the bombing are one happening


def test_a_blast_told_as_a_noun_in_war_news_is_an_event(pipeline: Pipeline) -> None:
    war = "Rebel fighters and army troops clashed near Varnok all week; shelling killed two soldiers on Monday."
    text = f"{war} Traders said the explosion on Wednesday came from a van parked near the fuel pumps."
    dates = {e.date for e in events_of(pipeline, text) if CLASSES[e.subtype].acled_type == "Explosions/Remote violence"}
    assert "2024-05-01" in dates, dates
    business = "Sales rose 12 pct as the company expanded. Traders said the explosion on Wednesday came from a van."
    assert not [e for e in events_of(pipeline, business) if CLASSES[e.subtype].acled_type in VIOLENT]


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("The two sides exchanged 120 prisoners of war at the border on Wednesday, officials said.", "2024-05-01"),
        (
            "Sixty soldiers returned home on Wednesday from captivity in an exchange at the Durnov crossing.",
            "2024-05-01",
        ),
    ],
)
def test_a_prisoner_swap_is_an_agreement(pipeline: Pipeline, text: str, day: str) -> None:
    assert [(e.subtype, e.date) for e in events_of(pipeline, text) if e.subtype == "AGREEMENT"] == [("AGREEMENT", day)]


def test_an_exchange_of_goods_or_the_idiom_is_no_agreement(pipeline: Pipeline) -> None:
    for text in (
        "In exchange for grain, the city received fuel on Wednesday.",
        "The stock exchange fell on Wednesday.",
    ):
        assert not [e for e in events_of(pipeline, text) if e.subtype == "AGREEMENT"], text


def test_a_weapon_that_slams_into_a_building_is_a_strike(pipeline: Pipeline) -> None:
    [event] = events_of(pipeline, "A missile slammed into an apartment block in Kharkiv on Wednesday, the army said.")
    assert (CLASSES[event.subtype].acled_type, event.date) == ("Explosions/Remote violence", "2024-05-01")
    winds = "Engineers said crosswinds could have torn the rocket apart on Wednesday during its ascent."
    assert not [e for e in events_of(pipeline, winds) if CLASSES[e.subtype].acled_type in VIOLENT]


def test_an_event_told_again_takes_no_place_its_sentence_names_only_as_a_destination(pipeline: Pipeline) -> None:
    first = "Rebels set off a bomb at the bus station on Wednesday, killing six soldiers."
    [event] = events_of(pipeline, f"{first} Police said the blast came as buses for Kharkiv were boarding.")
    assert event.place is None, event.place
    there = f"{first} Police said the blast came as buses in Kharkiv were boarding."
    assert [e.place.name for e in events_of(pipeline, there) if e.place] == ["Kharkiv"]


def test_a_signed_statement_is_no_agreement_and_an_arrest_and_an_agreement_are_no_one_happening(
    pipeline: Pipeline,
) -> None:
    statement = "The rebels denied the attack on Wednesday in a statement signed by their spokesman, Ali Varo."
    assert not [e for e in events_of(pipeline, statement) if e.subtype == "AGREEMENT"]
    arrest = Event("ARREST", "arrested", 0, 8, ())
    assert not same_happening(arrest, replace(arrest, subtype="AGREEMENT", trigger="signed"))  # both "strategic"
    assert same_happening(replace(arrest, subtype="ART_MISS_ATTACK"), replace(arrest, subtype="AIR_STRIKE"))


def test_what_there_was_is_an_event_dated_by_its_clause(pipeline: Pipeline) -> None:
    war = "Rebel fighters and army troops have clashed near Varnok for weeks, killing dozens of soldiers."
    text = f"{war} There was fierce fighting around Drobnik throughout Wednesday, the governor said."
    dates = {e.date for e in events_of(pipeline, text) if CLASSES[e.subtype].acled_type == "Battles"}
    assert "2024-05-01" in dates, dates
