"""Figures: numbers read from text alone (`newsint.claims.numbers`), then the stage on real parses of news sentences."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest

from newsint.batch import RULES
from newsint.claims.figures import claim_of
from newsint.claims.numbers import find_figures, parse_number
from newsint.export.items import figure as figure_item
from newsint.model import Article, Claim, Figure
from newsint.pipeline import builtin_stage
from newsint.settings import Settings
from newsint.stage import StageContext
from newsint.stages.figures import FigureStage
from newsint.store import Store
from newsint.temporal import find_times
from tests.conftest import make_article

TROOPS = (
    "Western officials estimate that between 20,000 and 30,000 Russian troops have been killed or injured in the "
    "city, and NATO predicted that it was losing five soldiers for every Ukrainian killed."
)
ONE_DAY = "The US said 1,200 Russian soldiers were recently killed in just one day there."
POWER = "the regional governor said around 500,000 people were still without power on Friday morning."
MISSILES = (
    "Russia fired hundreds of millions of dollars worth of missiles across Ukraine on Thursday, including an "
    "unprecedented six of its hypersonic kinzhal missiles. It is only believed to possess a few dozen kinzhals."
)


def only(text: str) -> Figure:
    figures = find_figures(text)
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("20,000", 20000), ("1.5", 1.5), ("3.2bn", 3.2e9), ("$20m", 2e7), ("£5k", 5000), ("five", 5),
        ("twenty-one", 21), ("twenty one", 21), ("a dozen", 12), ("two dozen", 24), ("1.2 million", 1.2e6),
        ("a hundred", 100), ("two hundred and fifty thousand", 250000), ("two and a half million", 2.5e6),
        ("half", 0.5), ("two-thirds", 0.6667), ("half a million", 500000), ("2000", 2000),
    ],
)  # fmt: skip
def test_parse_number_reads_digits_and_words(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["third", "21st", "hundreds", "about 5", "Su-25", "soldiers", "", "1990s"])
def test_parse_number_refuses_what_is_not_one_exact_number(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "qualifier", "value"),
    [
        ("at least 12 people died", "at least", 12), ("up to 300 were hurt", "up to", 300),
        ("around 500,000 homes", "around", 500000), ("about 40 tanks", "about", 40),
        ("approximately 1.5 million people", "approximately", 1.5e6), ("nearly 90 villages", "nearly", 90),
        ("almost 2,000 troops", "almost", 2000), ("more than 2000 people fled", "more than", 2000),
        ("over 70 drones", "over", 70), ("fewer than ten soldiers", "fewer than", 10),
        ("less than 5% of voters", "less than", 5), ("some 40 tanks", "some", 40),
    ],
)  # fmt: skip
def test_qualifiers_stay_with_the_number(text: str, qualifier: str, value: float) -> None:
    figure = only(text)
    assert (figure.qualifier, figure.value) == (qualifier, pytest.approx(value))
    assert figure.text.startswith(qualifier.split()[0]) or figure.text.lower().startswith(qualifier.split()[0])


@pytest.mark.parametrize(
    ("text", "qualifier", "low", "high", "unit"),
    [
        ("hundreds of people", "hundreds", 200, 999, ""), ("dozens of homes", "dozens", 24, 99, ""),
        ("thousands fled", "thousands", 2000, 9999, ""), ("tens of thousands of people", "tens", 20000, 99999, ""),
        ("a few dozen kinzhals", "a few", 24, 60, ""), ("several hundred soldiers", "several", 300, 900, ""),
        ("several people", "several", 3, 9, ""), ("millions of euros", "millions", 2e6, 1e7 - 1, "EUR"),
        ("hundreds of millions of dollars worth", "hundreds", 2e8, 1e9 - 1, "USD"),
    ],
)  # fmt: skip
def test_vague_amounts_have_bounds_not_a_value(text: str, qualifier: str, low: float, high: float, unit: str) -> None:
    figure = only(text)
    assert figure.value is None
    assert (figure.qualifier, figure.low, figure.high, figure.unit) == (qualifier, low, high, unit)


@pytest.mark.parametrize(
    ("text", "low", "high", "qualifier"),
    [
        ("between 20,000 and 30,000 troops", 20000, 30000, "between"), ("20,000–30,000 troops", 20000, 30000, ""),
        ("20,000 to 30,000 troops", 20000, 30000, ""), ("2-3 million people", 2e6, 3e6, ""),
        ("between 20 and 30 million", 2e7, 3e7, "between"), ("two or three soldiers", 2, 3, ""),
        ("$1-2bn", 1e9, 2e9, ""),
    ],
)  # fmt: skip
def test_ranges_set_low_and_high(text: str, low: float, high: float, qualifier: str) -> None:
    figure = only(text)
    assert (figure.value, figure.low, figure.high, figure.qualifier) == (None, low, high, qualifier)


def test_from_to_is_a_change_not_a_range() -> None:
    assert [f.value for f in find_figures("prices rose from 5 to 10 hryvnias")] == [5, 10]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$3.2bn in aid", 3.2e9, "USD"), ("€20m", 2e7, "EUR"), ("£400", 400, "GBP"), ("US$5 million", 5e6, "USD"),
        ("1.2 million euros", 1.2e6, "EUR"), ("500 hryvnias", 500, "UAH"), ("30 billion roubles", 3e10, "RUB"),
        ("10 US dollars", 10, "USD"), ("15% of GDP", 15, "%"), ("40 per cent", 40, "%"), ("7 percent", 7, "%"),
        ("half of residents", 50, "%"), ("two-thirds of the city", 66.67, "%"), ("20 percentage points", 20, "pp"),
        ("2,000 km", 2000, "km"), ("30 kilometres", 30, "km"), ("12 miles", 12, "mi"), ("40kg", 40, "kg"),
        ("5,000 tonnes of grain", 5000, "t"), ("300 square kilometres", 300, "km2"),
        ("a 24-hour ceasefire", 24, "hour"), ("a 20-year agreement", 20, "year"), ("a two-year deal", 2, "year"),
    ],
)  # fmt: skip
def test_units(text: str, value: float, unit: str) -> None:
    figure = only(text)
    assert (figure.value, figure.unit) == (pytest.approx(value), unit)


def test_the_20m_of_a_currency_is_millions_but_alone_it_is_metres() -> None:
    assert (only("$20m").value, only("a 20m wall").unit) == (2e7, "m")


@pytest.mark.parametrize(
    ("text", "value", "per", "per_what"),
    [
        ("losing five soldiers for every Ukrainian killed.", 5, 1, "Ukrainian killed"),
        ("five soldiers for every 10 civilians killed in the city", 5, 10, "civilians killed"),
        ("outnumbered five-to-one", 5, 1, ""), ("a 5:1 advantage", 5, 1, ""), ("outgunned five to one", 5, 1, ""),
        ("one in three Ukrainians", 1, 3, ""), ("three out of four voters", 3, 4, ""),
        ("1,200 a day", 1200, 1, "day"), ("1,200 shells per day", 1200, 1, "day"),
        ("1,200 Russian soldiers were recently killed in just one day there", 1200, 1, "day"),
        ("20 shells in two days", 20, 2, "day"), ("prices rose 5% a year", 5, 1, "year"),
    ],
)  # fmt: skip
def test_ratios_and_rates(text: str, value: float, per: float, per_what: str) -> None:
    figure = only(text)
    assert (figure.value, figure.per, figure.per_what) == (value, per, per_what)


def test_a_time_phrase_after_the_clause_or_with_ago_is_no_rate() -> None:
    assert [f.per for f in find_figures("30 rockets a week ago, and 12 people, a day later")] == [None, None]
    assert find_figures("500 people died. A day later")[0].per is None


@pytest.mark.parametrize(
    "text",
    [
        "the 3rd brigade", "on the 21st", "a third day", "Su-25 jets", "F-16s", "the G7", "COVID-19 cases",
        "Level I", "page 5", "Section 3 of the law", "No. 10", "at 10:30", "at 3 pm", "at 10am", "at 3 p.m.",
        "24/7", "in 2022", "On February 22", "22 February", "the 1990s", "one of the few places", "this one fight",
        "someone said", "no one came", "the first half of the year", "a 3-year-old boy", "for 24-hours.",
    ],
)  # fmt: skip
def test_ordinals_names_labels_clocks_and_years_are_no_figures(text: str) -> None:
    assert find_figures(text) == []


def test_spans_are_offsets_into_the_text() -> None:
    for text in (TROOPS, ONE_DAY, POWER, MISSILES):
        for figure in find_figures(text):
            assert text[figure.start : figure.end] == figure.text and figure.text.strip() == figure.text


# --- the stage, on the real default pipeline ---------------------------------------------------------------


@pytest.fixture
def stage(settings: Settings) -> FigureStage:
    return FigureStage(settings, StageContext())


def run(stage: FigureStage, text: str, parse: bool = True, claims: list[Claim] | None = None) -> Article:
    from newsint.nlp import load_pipeline

    article = make_article(text=text, times=find_times(text, date(2023, 3, 10)), claims=claims or [])
    article.analysis = load_pipeline("default")(text) if parse else None
    return stage(article)


def by_text(article: Article) -> dict[str, Figure]:
    return {f.text: f for f in article.figures}


def test_stage_is_registered_with_what_it_reads_and_writes() -> None:
    info = builtin_stage("figures")
    assert (info.requires, info.assigns, info.factory) == (("analysis", "times", "claims"), ("figures",), FigureStage)


def test_troops_range_and_soldiers_ratio(stage: FigureStage) -> None:
    figures = by_text(run(stage, TROOPS))
    troops = figures["between 20,000 and 30,000"]
    assert (troops.low, troops.high, troops.qualifier) == (20000, 30000, "between")
    assert "Russian troops" in troops.what and "killed or injured" in troops.what
    soldiers = figures["five"]
    assert (soldiers.value, soldiers.per, soldiers.per_what, soldiers.what) == (5, 1, "Ukrainian killed", "soldiers")
    assert len(figures) == 2


def test_soldiers_killed_in_one_day_is_a_rate_not_two_figures(stage: FigureStage) -> None:
    article = run(stage, ONE_DAY)
    (figure,) = article.figures
    assert (figure.value, figure.per, figure.per_what) == (1200, 1, "day")
    assert "Russian soldiers" in figure.what


def test_people_without_power(stage: FigureStage) -> None:
    (figure,) = run(stage, POWER).figures
    assert (figure.value, figure.qualifier) == (500000, "around")
    assert figure.what.startswith("people") and "without power" in figure.what


def test_missiles_money_count_and_vague_count(stage: FigureStage) -> None:
    figures = run(stage, MISSILES).figures
    money, six, few = figures
    assert (money.unit, money.qualifier, money.low, money.value, money.what) == (
        "USD",
        "hundreds",
        2e8,
        None,
        "missiles",
    )
    assert (six.value, six.what) == (6, "hypersonic kinzhal missiles")
    assert (few.qualifier, few.low, few.high, few.what) == ("a few", 24, 60, "kinzhals")


def test_dates_years_durations_and_pronouns_are_dropped(stage: FigureStage) -> None:
    text = (
        "On February 22, 2023 the army said that in 2022 it lost 3 jets and two F-16s in the last 24 hours. "
        "The siege lasted two weeks. It is one of the few places where this one fight matters, and it is one. "
        "A Boeing 737 crashed, and 2000 people fled."
    )
    figures = run(stage, text).figures
    assert [(f.value, f.what) for f in figures] == [(3, "jets"), (2, "F-16s"), (2000, "people fled")]


def test_parse_drops_what_the_text_alone_keeps(stage: FigureStage) -> None:
    text = "In 2022 Russia invaded. It is one."
    assert [f.text for f in run(stage, text, parse=False).figures] == ["one"]
    assert run(stage, text).figures == []


def test_without_a_parse_figures_come_from_the_text_with_what_empty(stage: FigureStage) -> None:
    figures = run(stage, TROOPS + " " + ONE_DAY, parse=False).figures
    assert [(f.low, f.value, f.per, f.what) for f in figures] == [
        (20000, None, None, ""),
        (None, 5, 1, ""),
        (None, 1200, 1, ""),
    ]


def test_participles_of_another_subject_stay_out_of_what(stage: FigureStage) -> None:
    figures = run(stage, "One person was killed and 12 people were injured.").figures
    assert [(f.value, f.what) for f in figures] == [(1, "person killed"), (12, "people injured")]
    figures = run(stage, "At least nine people were killed and 31 wounded when shells struck.").figures
    assert figures[0].what == "people killed" and figures[1].value == 31


def test_claim_is_the_index_of_the_claim_holding_the_figure(stage: FigureStage) -> None:
    start = TROOPS.index("between")
    end = TROOPS.index(", and NATO")
    claims = [
        Claim(0, 8, "Western", False, "said", 0, 0),
        Claim(start, end, TROOPS[start:end], False, "estimate", 18, 26, speaker="Western officials"),
    ]
    figures = run(stage, TROOPS, claims=claims).figures
    assert [f.claim for f in figures] == [1, None]
    assert claim_of(figures[0], []) is None


def test_superscript_digits_are_not_numbers() -> None:
    figures = find_figures("The reservoir holds ³ of 40 million m³ and ¹²³ footnotes.")
    assert [f.value for f in figures] == [40_000_000]


# --- what each kind of figure a war report gives counts (issue 28) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "amount", "kind", "unit", "what", "phrase"),
    [
        ("Russia launched 81 missiles at Ukrainian cities overnight.", "81", "weapons", "", "missiles",
         "81 missiles"),
        ("Air defences said 34 drones were shot down over the Kyiv region.", "34", "weapons", "",
         "drones shot down", "34 drones were shot down"),
        ("The strike hit an oil depot some 1,000 km from the front line.", "some 1,000 km", "distance", "km",
         "from the front line", "some 1,000 km from the front line"),
        ("The village lies 30 miles from the border.", "30 miles", "distance", "mi", "from the border",
         "30 miles from the border"),
        ("The two countries signed a 20-year agreement on security.", "20-year", "duration", "year", "agreement",
         "20-year agreement"),
        ("Kyiv and Paris agreed a ten-year security pact.", "ten-year", "duration", "year", "security pact",
         "ten-year security pact"),
        ("Washington announced $400 million in military aid for Kyiv.", "$400 million", "money", "USD",
         "military aid", "$400 million in military aid"),
        ("Russia fired hundreds of millions of dollars' worth of missiles across Ukraine.",
         "hundreds of millions of dollars", "money", "USD", "missiles",
         "hundreds of millions of dollars' worth of missiles"),
        ("Germany pledged €2.7bn in weapons.", "€2.7bn", "money", "EUR", "weapons", "€2.7bn in weapons"),
        ("Ukrainian troops have retaken 200 square kilometres of farmland near Kherson.", "200 square kilometres",
         "area", "km2", "farmland", "200 square kilometres of farmland"),
        ("The governor said 300,000 people were without power after the strikes.", "300,000", "affected", "",
         "people without power", "300,000 people were without power"),
        ("More than 10,000 people have been displaced by the fighting.", "More than 10,000", "affected", "",
         "people displaced", "More than 10,000 people have been displaced"),
        ("Officials said 10,000 displaced were sheltering in schools.", "10,000", "affected", "", "displaced",
         "10,000 displaced"),
        ("One in three homes in the town was damaged.", "One in three", "ratio", "", "homes damaged",
         "One in three homes in the town was damaged"),
        ("At least 12 civilians were killed in the shelling.", "At least 12", "casualties", "", "civilians killed",
         "At least 12 civilians were killed"),
        ("About 40% of the city's power grid was destroyed.", "About 40%", "share", "%", "power grid destroyed",
         None),
        ("Of the 81 missiles, 34 were shot down.", "34", "weapons", "", "shot down", "34 were shot down"),
        ("The brigade fired 3,000 artillery shells a day.", "3,000", "weapons", "", "artillery shells",
         "3,000 artillery shells"),
        ("Explosions were heard 40 km south of the city.", "40 km", "distance", "km", "south of the city",
         "40 km south of the city"),
        ("A 72-hour ceasefire began on Sunday.", "72-hour", "duration", "hour", "ceasefire", "72-hour ceasefire"),
        ("The EU agreed a €50bn aid package for Ukraine.", "€50bn", "money", "EUR", "aid package",
         "€50bn aid package"),
        ("About 2,000 square miles of territory has been retaken.", "About 2,000 square miles", "area", "mi2",
         "territory retaken", "About 2,000 square miles of territory has been retaken"),
        ("The UN says 6.3 million Ukrainians have fled abroad.", "6.3 million", "affected", "", "Ukrainians fled",
         "6.3 million Ukrainians have fled"),
        ("Nearly 1.5 million people were left without electricity in Odesa.", "Nearly 1.5 million", "affected", "",
         "people left without electricity", "Nearly 1.5 million people were left without electricity"),
        ("Two in five children in the region are out of school.", "Two in five", "ratio", "",
         "children out of school", "Two in five children in the region are out of school"),
        ("The attack left 14 dead and 40 wounded.", "40", "casualties", "", "wounded", "40 wounded"),
        ("The convoy carried 5,000 tonnes of grain.", "5,000 tonnes", "measure", "t", "grain",
         "5,000 tonnes of grain"),
        ("Hundreds of thousands of people have fled the region.", "Hundreds of thousands", "affected", "",
         "people fled", "Hundreds of thousands of people have fled"),
        ("The group, which has tens of thousands of fighters in the east, denied it.", "tens of thousands", "count",
         "", "fighters", "tens of thousands of fighters"),
        ("Russia fired 81 missiles and 8 drones overnight.", "81", "weapons", "", "missiles", "81 missiles"),
        ("Russia fired 81 missiles and 8 drones overnight.", "8", "weapons", "", "drones", "8 drones"),
        ("Russia launched 40 Shahed drones at Odesa.", "40", "weapons", "", "Shahed drones", "40 Shahed drones"),
        ("Russia fired 81 missiles overnight. Air defences shot down 34 of them.", "34", "weapons", "",
         "shot down", "shot down 34 of them"),
        ("Border guards killed 12 of them near the river.", "12", "casualties", "", "killed", "killed 12 of them"),
        ("The oil depot burned some 1,000 km from the front.", "some 1,000 km", "distance", "km",
         "from the front", "some 1,000 km from the front"),
        ("No heavy guns may stay within 30 kilometres of the border.", "within 30 kilometres", "distance", "km",
         "border", "within 30 kilometres of the border"),
        ("Minsk and Beijing signed a 20-year agreement on grain.", "20-year", "duration", "year", "agreement",
         "20-year agreement"),
        ("The port fell after a 10-month siege.", "10-month", "duration", "month", "siege", "10-month siege"),
        ("Ottawa approved $2.5 billion in military aid.", "$2.5 billion", "money", "USD", "military aid",
         "$2.5 billion in military aid"),
        ("Berlin has sent hundreds of millions of dollars' worth of missiles to Kyiv.",
         "hundreds of millions of dollars", "money", "USD", "missiles",
         "hundreds of millions of dollars' worth of missiles"),
        ("The army recaptured 12 square kilometres of territory in the south.", "12 square kilometres", "area",
         "km2", "territory", "12 square kilometres of territory"),
        ("The strike on the substation left 1.5 million people without power.", "1.5 million", "affected", "",
         "people without power", "1.5 million people without power"),
        ("The shelling forced 40,000 residents to flee.", "40,000", "affected", "", "residents to flee",
         "40,000 residents to flee"),
        ("The floods forced 2,000 families to leave their homes.", "2,000", "affected", "",
         "families to leave their homes", "2,000 families to leave their homes"),
        ("Russian troops now hold 70 percent of the city.", "70 percent", "share", "%", "city",
         "70 percent of the city"),
    ],
)  # fmt: skip
def test_war_figures_are_tied_to_what_they_count(
    stage: FigureStage, text: str, amount: str, kind: str, unit: str, what: str, phrase: str | None
) -> None:
    figure = by_text(run(stage, text))[amount]
    assert (figure.kind, figure.unit, figure.what) == (kind, unit, what)
    if phrase is not None:
        assert figure.phrase == phrase
        assert figure.text in phrase and phrase in text  # "shot down 34 of them": a pronoun's verb leads


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Air defence forces destroyed 58 Kelvan attack drones over seven regions of the country.", "58"),
        ("A total of 35 long-range strike drones were launched during the night.", "35"),
    ],
)
def test_a_count_after_a_noun_used_as_a_modifier_counts_the_plural_noun(
    stage: FigureStage, text: str, amount: str
) -> None:
    """ "58 attack drones": the parse may take "drones" for a verb and "attack" for what is counted."""
    figure = by_text(run(stage, text))[amount]
    assert figure.kind == "weapons" and "drones" in figure.what


def test_a_duration_that_qualifies_nothing_stays_a_time(stage: FigureStage) -> None:
    text = "The siege lasted two weeks, and a 3-year-old boy was hurt in the last 24 hours."
    assert [(f.value, f.kind) for f in run(stage, text).figures] == []


def test_ratio_denominator_names_what_it_counts(stage: FigureStage) -> None:
    (figure,) = run(stage, "One in three homes in the town was damaged.").figures
    assert (figure.value, figure.per, figure.per_what) == (1, 3, "homes")


def test_without_a_parse_the_kind_comes_from_the_unit(stage: FigureStage) -> None:
    text = "Washington announced $400 million in aid, 81 missiles and a 20-year agreement, 1,000 km away."
    figures = run(stage, text, parse=False).figures
    assert [(f.text, f.kind, f.what, f.phrase) for f in figures] == [
        ("$400 million", "money", "", ""),
        ("81", "", "", ""),
        ("20-year", "duration", "", ""),
        ("1,000 km", "distance", "", ""),
    ]


def test_kind_and_phrase_are_stored_and_exported(stage: FigureStage) -> None:
    text = "Russia fired hundreds of millions of dollars' worth of missiles, and 34 drones were shot down."
    article = run(stage, text)
    article.analysis = None
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "f.db") as store:
        store.write_batch([article], rules=RULES)
        stored = store.get(article.id)
        assert stored is not None and stored.figures == article.figures
    money, drones = (figure_item(f) for f in article.figures)
    assert (money["kind"], money["unit"], money["what"]) == ("money", "USD", "missiles")
    assert money["phrase"] == "hundreds of millions of dollars' worth of missiles"
    assert (drones["kind"], drones["what"], drones["phrase"]) == (
        "weapons",
        "drones shot down",
        "34 drones were shot down",
    )


def test_a_purpose_clause_is_not_what_the_counted_were_made_to_do(stage: FigureStage) -> None:
    figure = by_text(run(stage, "The ministry hired 300 engineers to rebuild the bridges."))["300"]
    assert (figure.kind, figure.what, figure.phrase) == ("count", "engineers", "300 engineers")
