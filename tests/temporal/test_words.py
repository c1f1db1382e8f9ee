"""TIMEX3 values in words: named cases, a property over generated values, every value the rules give on TBAQ, and
the faces (`newsint show`, the web document page) showing words where they once showed codes."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import httpx
import pytest
from click.testing import Result
from hypothesis import given
from hypothesis import strategies as st

from newsint.batch import ingest
from newsint.evaluation.timeml import read_timeml_dir
from newsint.settings import load_settings
from newsint.store import Store
from newsint.temporal import find_times
from newsint.temporal.words import UNKNOWN, in_words
from tests.conftest import DATASETS, needs
from tests.web.live import checked_get, serve

#: What a TIMEX3 code looks like inside a phrase: a date with a dash, X placeholders, a REF, a duration or a
#: week/quarter/season/part-of-day code. A bare year ("2023") is how people write it too and is allowed.
RAW_CODE = re.compile(
    r"\d{4}-|X{2}|_REF|\bP(?:T?[\dX])|-[WQH]\d|\bW\d\d\b|\b(?:SP|SU|FA|WI|MO|MI|AF|EV|NI|DT|WE)\b|T\d\d:"
)
WINTER_DOC = (
    "title: Grain talks\n"
    "published: 2023-03-10\n\n"
    "Grain exports through the port fell sharply in the winter of 2023, the ministry said on Friday.\n"
)


@pytest.mark.parametrize(
    ("value", "kind", "mod", "words"),
    [
        ("2023-WI", "DATE", "", "winter 2023"),
        ("2023-W16", "DATE", "", "the week of 17 April 2023"),
        ("2023-W16-3", "DATE", "", "Wednesday 19 April 2023"),
        ("1989-W43-WE", "DATE", "", "the weekend of 28 October 1989"),
        ("2023-04-19", "DATE", "", "19 April 2023"),
        ("2023-04", "DATE", "", "April 2023"),
        ("2023-Q2", "DATE", "", "the second quarter of 2023"),
        ("2022-H1", "DATE", "", "the first half of 2022"),
        ("2023-04-19TEV", "TIME", "", "the evening of 19 April 2023"),
        ("2023-03-09T10:30", "TIME", "", "10:30 on 9 March 2023"),
        ("P3D", "DURATION", "", "3 days"),
        ("P1Y", "DURATION", "", "1 year"),
        ("PT5H30M", "DURATION", "APPROX", "about 5 hours and 30 minutes"),
        ("PXY", "DURATION", "", "years"),
        ("P100Y", "DURATION", "", "100 years"),
        ("PRESENT_REF", "DATE", "", "now"),
        ("PAST_REF", "DATE", "", "the past"),
        ("FUTURE_REF", "DATE", "", "the future"),
        ("199X", "DATE", "", "the 1990s"),
        ("199", "DATE", "MID", "the mid-1990s"),
        ("19", "DATE", "", "the 20th century"),
        ("2022", "DATE", "END", "late 2022"),
        ("2023-02", "DATE", "MID", "mid-February 2023"),
        ("2022-05", "DATE", "ON_OR_AFTER", "since May 2022"),
        ("2023-Q3", "DATE", "START", "the start of the third quarter of 2023"),
        ("XXXX-04-19", "DATE", "", "19 April (year unknown)"),
        ("XXXX-12", "DATE", "", "December (year unknown)"),
        ("XXXX-WXX-4", "DATE", "", "a Thursday (date unknown)"),
        ("XXXX-XX-XX", "DATE", "", "a day (date unknown)"),
        ("XXXX-WXX-4", "SET", "", "every Thursday"),
        ("XXXX-XX-XXTMO", "SET", "", "every morning"),
        ("XXXX-07", "SET", "", "every July"),
        ("P1D", "SET", "", "every day"),
        ("P2W", "SET", "", "every 2 weeks"),
        ("2023-W53", "DATE", "", "week 53 of 2023"),  # no such week: the number is all there is to say
        ("not a value", "DATE", "", UNKNOWN),
    ],
)
def test_values_read_as_people_write_them(value: str, kind: str, mod: str, words: str) -> None:
    assert in_words(value, kind, mod) == words


_YEAR = st.one_of(st.integers(1000, 2999).map(str), st.just("XXXX"))
_TWO = st.one_of(st.integers(0, 99).map(lambda n: f"{n:02d}"), st.just("XX"))
_POD = st.sampled_from(["", "TMO", "TMI", "TAF", "TEV", "TNI", "TDT", "T10:30", "T24:00", "T08:15:02"])
_CALENDAR = st.one_of(
    st.builds(lambda y, m, d: f"{y}-{m}-{d}", _YEAR, _TWO, _TWO),
    st.builds(lambda y, m: f"{y}-{m}", _YEAR, _TWO),
    st.builds(lambda y, w, d: f"{y}-W{w}{d}", _YEAR, _TWO, st.sampled_from(["", "-1", "-7", "-WE"])),
    st.builds(lambda y, p, n: f"{y}-{p}{n}", _YEAR, st.sampled_from("QH"), st.sampled_from("1234X")),
    st.builds(lambda y, s: f"{y}-{s}", _YEAR, st.sampled_from(["SP", "SU", "FA", "WI"])),
)
_AMOUNT = st.one_of(st.integers(0, 500).map(str), st.just("X"), st.just("1.5"))
_DURATION = st.one_of(
    st.builds(lambda a, u: f"P{a}{u}", _AMOUNT, st.sampled_from(["Y", "M", "W", "D", "Q", "DE", "CE"])),
    st.builds(lambda a, u: f"PT{a}{u}", _AMOUNT, st.sampled_from("HMS")),
    st.builds(lambda a, b: f"P{a}Y{b}M", _AMOUNT, _AMOUNT),
    st.builds(lambda a, b: f"PT{a}H{b}M", _AMOUNT, _AMOUNT),
)
_VALUES = st.one_of(
    st.builds(lambda c, p: c + p, _CALENDAR, _POD),
    _DURATION,
    st.sampled_from(["PRESENT_REF", "PAST_REF", "FUTURE_REF", "19", "199", "199X", "19XX", "XXX", "XX"]),
    st.text(max_size=12),
)
_MOD = st.sampled_from(["", "APPROX", "START", "MID", "END", "BEFORE", "ON_OR_AFTER", "EQUAL_OR_MORE", "ODD"])


@given(_VALUES, st.sampled_from(["DATE", "TIME", "DURATION", "SET"]), _MOD)
def test_no_value_is_shown_as_its_code(value: str, kind: str, mod: str) -> None:
    words = in_words(value, kind, mod)
    assert words and not RAW_CODE.search(words), (value, kind, mod, words)


TBAQ = DATASETS / "tempeval3-tbaq" / "TBAQ-cleaned"


@needs(TBAQ)
@pytest.mark.slow
def test_every_value_the_rules_give_on_tbaq_has_words() -> None:
    shown = [
        (expr.value, expr.type, expr.mod, in_words(expr.value, expr.type, expr.mod))
        for document in read_timeml_dir(TBAQ)
        for expr in find_times(document.text, document.dct)
    ]
    assert len(shown) > 1500
    assert [item for item in shown if item[3] == UNKNOWN or RAW_CODE.search(item[3])] == []
    # Without an anchor the X placeholders come out, and they have words too.
    unanchored = [expr for document in read_timeml_dir(TBAQ) for expr in find_times(document.text, None)]
    assert [e.value for e in unanchored if RAW_CODE.search(in_words(e.value, e.type, e.mod))] == []


def test_the_winter_of_2023_is_found_and_read() -> None:
    (expr,) = find_times("Exports fell in the winter of 2023.", date(2023, 3, 10))
    assert (expr.value, in_words(expr.value, expr.type)) == ("2023-WI", "winter 2023")


@pytest.fixture
def winter_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "winter.txt").write_text(WINTER_DOC, encoding="utf-8")
    return folder


@pytest.mark.integration
def test_show_prints_words_not_codes(run_cli: Callable[..., Result], winter_folder: Path) -> None:
    assert run_cli("ingest", str(winter_folder)).exit_code == 0
    (article_id,) = run_cli("ls", "--ids").stdout.split()
    shown = run_cli("show", article_id).stdout
    assert "winter 2023" in shown and "2023-WI" not in shown
    assert not RAW_CODE.search(shown[shown.index("times") :]), shown


@pytest.mark.integration
def test_the_document_page_shows_words_not_codes(tmp_path: Path, winter_folder: Path) -> None:
    settings = load_settings(None, db=str(tmp_path / "web.db"))
    with Store.open(settings.db_path) as store:
        ingest([str(winter_folder)], settings, store)
    with serve(settings, "test-token-0123456789") as url, httpx.Client(base_url=url, timeout=120) as client:
        (document,) = client.get("/api/v1/documents").json()["items"]
        assert "2023-WI" in str(client.get(f"/api/v1/documents/{document['id']}").json())  # machine data kept
        page = checked_get(client, f"/documents/{document['id']}").text
    assert 'title="time (date): winter 2023"' in page
    assert "2023-WI" not in page
