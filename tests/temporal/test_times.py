"""Time expressions: hand-made cases against a fixed anchor, span properties, the TimeML scorer, F1 floors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from newsint.evaluation.timeml import evaluate_timeml, read_timeml
from newsint.model import TimeExpr
from newsint.settings import Settings
from newsint.stage import StageContext
from newsint.stages.times import TimeStage
from newsint.temporal import find_times, grammar
from newsint.temporal.normalize import value_period
from tests.conftest import DATASETS, make_article, needs

FLOORS = json.loads((Path(__file__).parents[1] / "golden" / "time-floors.json").read_text(encoding="utf-8"))
TBAQ = DATASETS / "tempeval3-tbaq" / "TBAQ-cleaned"
FRIDAY = date(2023, 3, 10)


def only(text: str, anchor: date | None = FRIDAY) -> TimeExpr:
    times = find_times(text, anchor)
    assert len(times) == 1, times
    return times[0]


@pytest.mark.parametrize(
    ("text", "extent", "type_", "value"),
    [
        ("The talks ended on Thursday.", "Thursday", "DATE", "2023-03-09"),
        ("Prices rose in December.", "December", "DATE", "2022-12"),
        ("Inflation fell last month.", "last month", "DATE", "2023-02"),
        ("He left two days ago.", "two days ago", "DATE", "2023-03-08"),
        ("Sales fell last year.", "last year", "DATE", "2022"),
        ("Sales fell in 2022.", "2022", "DATE", "2022"),
        ("The vote was on March 9.", "March 9", "DATE", "2023-03-09"),
        ("The vote was on 9 March 2023.", "9 March 2023", "DATE", "2023-03-09"),
        ("The war began on Feb. 24.", "Feb. 24", "DATE", "2023-02-24"),
        ("Rain fell in the past 24 hours.", "the past 24 hours", "DURATION", "PT24H"),
        ("The talks will take six months.", "six months", "DURATION", "P6M"),
        ("The paper appears weekly.", "weekly", "SET", "P1W"),
        ("They meet every day.", "every day", "SET", "P1D"),
        ("The meeting is this week.", "this week", "DATE", "2023-W10"),
        ("It rained in the summer.", "the summer", "DATE", "2023-SU"),
        ("Officials are now in talks.", "now", "DATE", "PRESENT_REF"),
        ("In the third quarter profit rose.", "the third quarter", "DATE", "2022-Q3"),
        ("They spoke at 10:30 a.m. Thursday.", "10:30 a.m. Thursday", "TIME", "2023-03-09T10:30"),
        ("The summit opens next Monday.", "next Monday", "DATE", "2023-03-13"),
        ("He was found on Thanksgiving Day.", "Thanksgiving Day", "DATE", "2022-11-24"),
        ("Shares rose in the 1990s.", "the 1990s", "DATE", "199"),
    ],
)
def test_values_against_a_friday_anchor(text: str, extent: str, type_: str, value: str) -> None:
    found = only(text)
    assert (found.text, found.type, found.value) == (extent, type_, value)
    assert text[found.start : found.end] == extent


def test_modifiers() -> None:
    assert (only("Talks resume in mid-February.").value, only("Talks resume in mid-February.").mod) == (
        "2023-02",
        "MID",
    )
    early = only("Sales rose earlier this year.")
    assert (early.text, early.value, early.mod) == ("earlier this year", "2023", "START")
    since = only("Prices have risen since May 2022.")
    assert (since.text, since.value, since.mod) == ("May 2022", "2022-05", "ON_OR_AFTER")
    about = only("It lasted about three hours.")
    assert (about.text, about.value, about.mod) == ("about three hours", "PT3H", "APPROX")


def test_future_tense_looks_ahead() -> None:
    assert only("The summit will be held in December.").value == "2023-12"
    assert only("The minister will visit on Thursday.").value == "2023-03-16"
    assert only("Results are expected by March.").value == "2023-03"


def test_tense_cues() -> None:
    # Modal "would", "as soon as", "effective" look ahead; "said Friday" is the day of the saying.
    assert only("The father would be traveling Thursday.").value == "2023-03-16"
    assert only("They could arrive as soon as Tuesday.").value == "2023-03-14"
    assert only("The new pact is effective June 1.").value == "2023-06-01"
    assert only("He said Friday that he would resign.").value == "2023-03-10"
    assert only("The minister said on Tuesday the city would fall soon.").value == "2023-03-07"
    # "succeed" is no past tense; "last Oct. 23" is the date, with "last" as a cue.
    assert only("He will succeed her Feb. 1.").value == "2024-02-01"
    found = only("He was shot last Oct. 23 at home.")
    assert (found.text, found.value) == ("Oct. 23", "2022-10-23")
    # With no cue, a month well ahead is read as the past one.
    assert only("The stock hit $30 in August.").value == "2022-08"


NOVEMBER = date(2005, 11, 28)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # Irregular past tenses of war and disaster reporting date a close month before the article...
        ("In February, a quake hit the town of Orvel, killing 40 people.", "2005-02"),
        ("In February, a strong aftershock shook the valley.", "2005-02"),
        ("A ferry sank off the coast in February.", "2005-02"),
        # ...and "hit" after a modal or "to" is no past tense.
        ("The storm is forecast to hit the coast in January.", "2006-01"),
        ("Officials said the cuts would hit the region in February.", "2006-02"),
    ],
)
def test_irregular_past_tense_dates_a_close_month_before(text: str, value: str) -> None:
    assert only(text, NOVEMBER).value == value


SATURDAY = date(2025, 4, 19)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The convoy, delayed by fighting, is now expected on Monday.", "2025-04-21"),
        ("The second round of talks is expected Tuesday in Geneva.", "2025-04-22"),
        ("The report is now due on Monday, a spokesman said.", "2025-04-21"),
        ("The vote is scheduled for Wednesday.", "2025-04-23"),
        ("Officials will meet the envoy on Thursday.", "2025-04-24"),
        ("The minister is to visit the border on Monday.", "2025-04-21"),
        ("Aid trucks arrived on Monday.", "2025-04-14"),
        ("The ceasefire collapsed on Thursday after heavy shelling.", "2025-04-17"),
    ],
)
def test_future_cue_points_a_bare_weekday_forward(text: str, value: str) -> None:
    found = [t for t in find_times(text, SATURDAY) if t.type == "DATE" and t.value[:1].isdigit()]
    assert [t.value for t in found] == [value]


@pytest.mark.parametrize(
    "text",
    [
        "A second convoy reached the town on the road from the north.",
        "For the second time, the talks failed.",
        "For a second time the talks failed.",
        "One convoy got through; a second was turned back.",
        "Officials said a second attack had been foiled.",
    ],
)
def test_a_second_as_an_ordinal_is_no_time(text: str) -> None:
    assert not [t for t in find_times(text, SATURDAY) if "second" in t.text.lower()]


@pytest.mark.parametrize(
    ("text", "extent", "type_", "value"),
    [
        ("A second later the shell hit the building.", "A second", "DURATION", "PT1S"),
        ("The signal lasted one second.", "one second", "DURATION", "PT1S"),
        ("The lights went out for a second.", "a second", "DURATION", "PT1S"),
        ("It took a second or two to load.", "a second", "DURATION", "PT1S"),
        ("Buses run every second day.", "every second day", "SET", "P2D"),
    ],
)
def test_a_second_as_a_unit_of_time(text: str, extent: str, type_: str, value: str) -> None:
    found = only(text, SATURDAY)
    assert (found.text, found.type, found.value) == (extent, type_, value)


def test_vague_and_signal_expressions() -> None:
    assert only("The machines were removed a few years ago.").value == "202X"
    later = only("Three days later, prices fell.")
    assert (later.text, later.type, later.value) == ("Three days", "DURATION", "P3D")
    assert only("Rates have fallen over the past several quarters.").value == "PAST_REF"
    year = find_times("Sales for the first nine months of the year rose.", FRIDAY)[-1]
    assert (year.text, year.type, year.value) == ("the year", "DATE", "2023")
    assert only("Rain fell earlier in the year.").value == "2023"
    assert only("Investors fear the current weakness.").value == "PRESENT_REF"
    assert only("Prices fell after recent declines.").value == "PAST_REF"
    assert find_times("He was shot shortly after midnight.", FRIDAY)[0].text == "midnight"
    assert only("Sales rose 5% from last year.").value == "2022"


def test_anchored_flag() -> None:
    assert only("The talks ended on Thursday.").anchored
    assert not only("The vote was on 9 March 2023.").anchored


def test_following_day_follows_the_story() -> None:
    times = find_times("Troops crossed on 3 January 2022. The following day they reached the city.", FRIDAY)
    assert [(t.text, t.value) for t in times] == [("3 January 2022", "2022-01-03"), ("The following day", "2022-01-04")]


def test_following_day_without_a_date_uses_the_anchor() -> None:
    assert only("The following day they left.").value == "2023-03-11"


def test_unknown_anchor_keeps_placeholders() -> None:
    assert only("The talks ended on Thursday.", None).value == "XXXX-WXX-4"
    assert only("Prices rose in December.", None).value == "XXXX-12"
    assert only("Inflation fell last month.", None).value == "XXXX-XX"
    assert only("He left two days ago.", None).value == "XXXX-XX-XX"
    assert only("The vote was on 9 March 2023.", None).value == "2023-03-09"
    assert not any(t.anchored for t in find_times("On Thursday and last year and yesterday.", None))


def test_anniversary_is_kept_open() -> None:
    found = only("Kyiv marked the first anniversary of the invasion.")
    assert (found.text, found.type, found.value) == ("the first anniversary of the invasion", "DATE", "XXXX-XX-XX")


def test_words_that_only_look_like_times() -> None:
    assert find_times("Officials may decide. Jan Smith will march. Prices fall.", FRIDAY) == []
    assert find_times("The 6-year-old boy and 2000 people.", FRIDAY) == []
    assert find_times("Mr. Reupke, 52 years old, left. She is 37 years old.", FRIDAY) == []  # ages
    assert find_times("The Communist Party daily Granma said so, and the daily reported it.", FRIDAY) == []
    assert only("Qantas plans daily flights.").value == "P1D"
    assert find_times("Now, he says, it looks different.", FRIDAY) == []  # a turn in the argument
    assert only("Iraq now controls the port.").value == "PRESENT_REF"


def test_sentence_cues_reach_past_initials_and_titles() -> None:
    # "P." and "Mr." end no sentence, so "will" still rules the date
    assert only("Mr. Schwarz will succeed Daniel P. Davison Feb. 1, the bank said.").value == "2024-02-01"
    # "were planning to" looks ahead: "were" is no past tense cue there
    assert only("Protesters were planning to drive to the airport on Monday.").value == "2023-03-13"


def test_halves_and_the_end_of_the_year() -> None:
    assert only("Earnings for the last half of 1989 will be lower.").value == "1989-H2"
    end = only("The sale should close by the end of the year.")
    assert (end.type, end.value, end.mod) == ("DATE", "2023", "END")


def test_offsets_and_order_in_a_longer_text() -> None:
    text = (
        "KYIV, Ukraine (AP) — Russian forces shelled the city on Thursday, a day after talks in Geneva "
        "collapsed. Since May 2022 the front has barely moved; in the past 24 hours alone, officials said, "
        "12 people were killed. The council meets weekly and will report by the end of the month."
    )
    times = find_times(text, FRIDAY)
    # "a day after talks": TimeML tags the span "a day" and leaves "after" as a signal.
    assert [t.text for t in times] == [
        "Thursday",
        "a day",
        "May 2022",
        "the past 24 hours",
        "weekly",
        "the end of the month",
    ]
    assert all(text[t.start : t.end] == t.text for t in times)


@hypothesis_settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "on",
                "Thursday",
                "last",
                "year",
                "May",
                "9",
                "2023",
                "the",
                "past",
                "24",
                "hours",
                "ago",
                "two",
                "days",
                ",",
                ".",
                "mid-February",
                "weekly",
                "every",
                "day",
                "since",
                "March",
                "Feb.",
                "early",
                "\n",
            ]
        )
        | st.text(max_size=6),
        max_size=30,
    ),
    st.one_of(st.none(), st.dates()),
)
def test_spans_stay_in_text_and_do_not_overlap(words: list[str], anchor: date | None) -> None:
    text = " ".join(words)
    times = find_times(text, anchor)
    for t in times:
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start : t.end] == t.text
        assert t.type in {"DATE", "TIME", "DURATION", "SET"}
    for a, b in zip(times, times[1:], strict=False):
        assert a.end <= b.start


_PREFILTER_TEXT = (
    "About 5 1/2 hours after noon on Wednesday, Sept. 30, 1998, and the year-end of fiscal 1990 - the early 1990s, "
    "'90s, the 20th century - twice every other Monday at 10:30 a.m. EST; a few years ago; three days later; "
    "the comparable year-ago quarter, Q3 2022 and 2023-03-09 or 03/09/2023; currently recent; the day before "
    "yesterday, Thanksgiving Day; the second anniversary of the war; approximately the following twenty-seven "
    "consecutive trading days; Mondays, a day, per week, twice a day; mid-year; this past summer; nineteen ninety-six; 6-year-old weekly. "
)


@pytest.mark.parametrize("repeat", [1, 3])
def test_trigger_prefilter_finds_what_a_full_scan_finds(repeat: int) -> None:
    # Each rule runs only near its trigger words; it must find exactly the matches of a scan of the whole text.
    text = _PREFILTER_TEXT * repeat + " ".join(["filler"] * 40) + _PREFILTER_TEXT
    index = grammar._token_index(text)
    for item in grammar.RULES:
        fast = [(m.start(), m.end()) for m in grammar._matches(item, text, index)]
        full = [(m.start(), m.end()) for m in item.pattern.finditer(text)]
        assert fast == full, item.handler.__name__


def test_rates_durations_and_fractions() -> None:
    assert find_times("It costs $2 million a year, rising 8% annually.", FRIDAY) == []
    assert find_times("Four flights a week, 700 seats a week, 10,000 units annually.", FRIDAY) == []
    assert find_times("Guards stand there 24 hours a day, seven days a week.", FRIDAY) == []
    assert only("Shells killed three people a day after the talks.").value == "P1D"  # not a rate: a time follows
    assert only("It lasted about 5 1/2 hours.").value == "PT5H30M"
    assert only("Violence rose over the past decade.").value == "P10Y"


@pytest.mark.parametrize(
    ("value", "first", "last"),
    [
        ("2023-03-09", date(2023, 3, 9), date(2023, 3, 9)),
        ("2023-03-09TNI", date(2023, 3, 9), date(2023, 3, 9)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2023-W10", date(2023, 3, 6), date(2023, 3, 12)),
        ("2023-W10-WE", date(2023, 3, 11), date(2023, 3, 12)),
        ("2023-W10-4", date(2023, 3, 9), date(2023, 3, 9)),
        ("2020-W53", date(2020, 12, 28), date(2021, 1, 3)),
        ("2023-Q4", date(2023, 10, 1), date(2023, 12, 31)),
        ("2023-H1", date(2023, 1, 1), date(2023, 6, 30)),
        ("2023-SU", date(2023, 6, 1), date(2023, 8, 31)),
        ("2023-WI", date(2023, 12, 1), date(2024, 2, 29)),
        ("2023", date(2023, 1, 1), date(2023, 12, 31)),
        ("199", date(1990, 1, 1), date(1999, 12, 31)),
        ("19", date(1900, 1, 1), date(1999, 12, 31)),
    ],
)
def test_value_period_gives_the_days_a_date_covers(value: str, first: date, last: date) -> None:
    assert value_period(value) == (first, last)


@pytest.mark.parametrize("value", ["", "XXXX-WXX-4", "XXXX-XX-XX", "2023-XX", "PRESENT_REF", "P6M", "2023-13",
                                   "2023-02-30", "2021-W53"])  # fmt: skip
def test_value_period_is_none_for_open_or_impossible_values(value: str) -> None:
    assert value_period(value) is None


def test_stage_sets_times(settings: Settings) -> None:
    stage = TimeStage(settings, StageContext())
    stage.setup()
    article = make_article(text="The talks ended on Thursday.", published=FRIDAY)
    assert [t.value for t in stage(article).times] == ["2023-03-09"]
    assert stage(make_article(text="On Thursday.")).times[0].value == "XXXX-WXX-4"


TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2023-03-10" temporalFunction="false" functionInDocument="CREATION_TIME">03/10/2023</TIMEX3></DCT>
<TEXT>
Officials <EVENT eid="e1" class="REPORTING">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2023-03-09">Thursday</TIMEX3> that prices rose &amp; fell <TIMEX3 tid="t2" type="DATE" value="2022">last year</TIMEX3>, for <TIMEX3 tid="t3" type="DURATION" value="P2W">two weeks</TIMEX3> and in <TIMEX3 tid="t4" type="DATE" value="FUTURE_REF">the future</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_reads_timeml_and_scores(tmp_path: Path) -> None:
    path = tmp_path / "doc.tml"
    path.write_text(TML, encoding="utf-8")
    document = read_timeml(path)
    assert document.dct == FRIDAY
    assert [(t.text, t.value) for t in document.timexes] == [
        ("Thursday", "2023-03-09"),
        ("last year", "2022"),
        ("two weeks", "P2W"),
        ("the future", "FUTURE_REF"),
    ]
    assert all(document.text[t.start : t.end] == t.text for t in document.timexes)
    assert "&" in document.text and "<" not in document.text
    scores = evaluate_timeml(tmp_path)
    assert scores["documents"] == 1 and scores["gold"] == 4
    assert scores["strict_f1"] == scores["relaxed_f1"] == scores["value_f1"] == 1.0


def test_scores_partial_overlap_and_wrong_values(tmp_path: Path) -> None:
    (tmp_path / "doc.tml").write_text(TML, encoding="utf-8")

    def tagger(text: str, anchor: date | None) -> list[TimeExpr]:
        start = text.index("last year")
        return [
            TimeExpr(start + 5, start + 9, "year", "DATE", "2022"),  # relaxed match only, right value
            TimeExpr(text.index("Thursday"), text.index("Thursday") + 8, "Thursday", "DATE", "2023-03-02"),
            TimeExpr(0, 9, "Officials", "DATE", "PRESENT_REF"),  # a false positive
        ]

    scores = evaluate_timeml(tmp_path, tagger)
    assert scores["relaxed_precision"] == pytest.approx(2 / 3) and scores["relaxed_recall"] == 0.5
    assert scores["strict_precision"] == pytest.approx(1 / 3) and scores["strict_recall"] == 0.25
    assert scores["value_f1"] == pytest.approx(2 * (1 / 3) * 0.25 / (1 / 3 + 0.25))


@needs(TBAQ)
@pytest.mark.parametrize("portion", ["TimeBank", "AQUAINT", "all"])
def test_tempeval3_floors(portion: str) -> None:
    scores = evaluate_timeml(TBAQ if portion == "all" else TBAQ / portion)
    floors = FLOORS[portion]
    assert scores["value_f1"] >= floors["value_f1"]
    assert scores["relaxed_f1"] >= floors["relaxed_f1"]
