"""The invented dispute stories under tests/stories/disputes* (ten sets) are well-formed data.

Every article parses with the project's text reader (title, outlet, date in its header), and every
phrase an expected.toml cites is an exact substring of exactly one article of its story. This tests
the data only; whether newsint finds the disputes is for the stories tests.

`disputes` is the working set; `disputes_heldout` is a second set written apart from it and from the
detector, to be scored once at the end. `disputes_validation` is a third, sealed set, written apart
from both: it is scored once at the end of a session and never read while writing rules.
`disputes_sealed` is a second sealed set, written apart from the others: it too is scored once at the
end of a session and never read while writing rules. `disputes_sealed2` is a third sealed set, written
apart from the others: it is scored once at the end of a session and never read while writing rules.
`disputes_dev3` is a third working set, written apart from the detector and the other sets, scored once before
it was read and then worked on. `disputes_sealed3` is a fourth sealed set, written at the same time as
`disputes_dev3` by another writer: it is scored once at the end of a session and never read while writing rules.
`disputes_dev4` is a fourth working set, written later in the same session by a writer who read no code and no
other set, scored once before it was read. `disputes_dev5` is a fifth working set, written the same way in a later
session, scored once before it was read. `disputes_sealed4` is a fifth sealed set, written at the end of that session
by a writer who read no code and no other set: scored at the end of sessions and never read while writing rules.
`disputes_dev6` is a sixth working set, written the same way at the start of a later session, scored once before it
was read.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newsint.ingest.fields import parse_date
from newsint.ingest.text import read_header

HERE = Path(__file__).parent
KINDS = {"responsibility", "control", "occurrence", "count"}
# root folder -> (fewest stories, most stories, fewest stories without disputes)
ROOTS = {
    "disputes": (8, 20, 2),
    "disputes_heldout": (5, 8, 1),
    "disputes_validation": (5, 8, 1),
    "disputes_sealed": (5, 8, 1),
    "disputes_sealed2": (5, 8, 1),
    "disputes_dev3": (6, 10, 1),
    "disputes_sealed3": (5, 8, 1),
    "disputes_dev4": (6, 10, 1),
    "disputes_dev5": (6, 10, 1),
    "disputes_sealed4": (5, 8, 1),
    "disputes_sealed5": (5, 8, 1),
    "disputes_dev6": (6, 10, 1),
    "disputes_dev7": (6, 10, 1),
    "disputes_dev8": (6, 10, 1),
}


def _stories(root: str) -> list[Path]:
    return sorted(path for path in (HERE / root).iterdir() if path.is_dir())


STORIES = [story for root in ROOTS for story in _stories(root)]


def _story_id(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def _articles(story: Path) -> dict[str, tuple[dict[str, str], str]]:
    return {path.name: read_header(path.read_text(encoding="utf-8")) for path in sorted(story.glob("*.txt"))}


def _expected(story: Path) -> dict:
    with (story / "expected.toml").open("rb") as handle:
        return tomllib.load(handle)


@pytest.mark.parametrize("root", sorted(ROOTS))
def test_enough_stories_and_controls(root: str) -> None:
    fewest, most, controls = ROOTS[root]
    stories = _stories(root)
    assert fewest <= len(stories) <= most
    without = [story.name for story in stories if not _expected(story).get("dispute")]
    assert len(without) >= controls, without
    kinds = {dispute["kind"] for story in stories for dispute in _expected(story).get("dispute", [])}
    assert kinds == KINDS


@pytest.mark.parametrize("story", STORIES, ids=_story_id)
def test_articles_parse(story: Path) -> None:
    articles = _articles(story)
    assert 3 <= len(articles) <= 5
    outlets = set()
    for name, (fields, body) in articles.items():
        assert fields.get("title"), name
        assert fields.get("outlet"), name
        assert parse_date(fields.get("date")), name
        assert 120 <= len(body.split()) <= 350, (name, len(body.split()))
        outlets.add(fields["outlet"])
    assert len(outlets) == len(articles), "each article of a story comes from a different outlet"


@pytest.mark.parametrize("story", STORIES, ids=_story_id)
def test_phrases_are_in_exactly_one_article(story: Path) -> None:
    articles = _articles(story)
    expected = _expected(story)
    assert expected["story"]["about"]

    def where(phrase: str) -> str:
        assert 6 <= len(phrase.split()) <= 20, phrase
        holders = [name for name, (_, body) in articles.items() if phrase in body]
        assert len(holders) == 1, (phrase, holders)
        return holders[0]

    for dispute in expected.get("dispute", []):
        assert dispute["kind"] in KINDS
        assert dispute["about"] and dispute["party_a"] and dispute["party_b"]
        assert dispute["party_a"] != dispute["party_b"]
        assert isinstance(dispute["place"], str)
        assert dispute["side_a"] and dispute["side_b"]
        for phrase in [*dispute["side_a"], *dispute["side_b"], *dispute["third"]]:
            where(phrase)
        if dispute["place"]:
            sides = [*dispute["side_a"], *dispute["side_b"]]
            assert any(dispute["place"] in articles[where(phrase)][1] for phrase in sides), dispute["place"]
    for corroboration in expected.get("corroboration", []):
        assert corroboration["about"] and corroboration["place"]
        assert parse_date(corroboration["date"])
        holders = {where(phrase) for phrase in corroboration["phrases"]}
        assert len(holders) >= 2, corroboration["about"]
