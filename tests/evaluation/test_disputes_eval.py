"""`newsint eval disputes` on the invented stories of tests/stories/disputes (the development set, read while
writing the rules of stories/disputes.py): a floor on what is found, and no dispute on stories that have none.
The held-out set (tests/stories/disputes_heldout) is scored by hand, once, for docs/stories.md, not here."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsint.evaluation.disputes import evaluate_disputes, holds_phrase, score_story
from newsint.model import Conflict, Statement
from newsint.settings import load_settings

pytestmark = pytest.mark.slow
STORIES = Path(__file__).resolve().parents[1] / "stories" / "disputes"


@pytest.mark.long
def test_the_development_stories_floor(tmp_path: Path) -> None:
    figures = evaluate_disputes(STORIES, load_settings(None, db=str(tmp_path / "unused.db")))
    assert figures["stories"] >= 8
    assert figures["found"] >= 14, figures["per_story"]  # 14 of 19 with both sides' listed evidence (docs/stories.md)
    assert figures["extra_on_stories_without_disputes"] == 0, figures["per_story"]
    assert all(counts["found"] for counts in figures["by_kind"].values()), figures["by_kind"]


def _said(text: str) -> Statement:
    return Statement("d", 0, len(text), text, "outlet:x", "X")


def test_a_dispute_is_found_only_with_both_sides_evidence_and_else_placed_by_its_place() -> None:
    expected = [
        {"kind": "control", "about": "Lesk", "place": "Lesk", "side_a": ["took Lesk"], "side_b": ["holds Lesk"]}
    ]
    both = Conflict("who controls Lesk", [_said("They took Lesk.")], [_said("It still holds Lesk.")], "", "", "control")
    other = Conflict("who controls Lesk", [_said("Lesk fell.")], [_said("Lesk stands.")], "", "", "control")
    wrong_kind = Conflict("who controls Lesk", both.a, both.b, "", "", "count")
    assert score_story([both], expected).expected[0][2] == "found"
    assert score_story([other], expected).expected[0][2] == "placed"
    missed = score_story([wrong_kind], expected)
    assert missed.expected[0][2] == "missed" and missed.extra == [wrong_kind]


def test_a_statement_holds_a_phrase_it_contains_or_a_whole_sentence_of_it() -> None:
    phrase = "Lesk is in our hands. Their assault on the bridge failed"
    assert holds_phrase('They said: "Lesk is in our hands. Their assault on the bridge failed," he said.', phrase)
    assert holds_phrase('"Lesk is in our hands.', phrase)  # the quote read a sentence at a time
    assert not holds_phrase("Lesk is", phrase)  # too little of it
    assert not holds_phrase("Lesk is not in our hands.", phrase)


def test_a_dispute_found_with_sentences_of_the_phrases_is_counted_apart() -> None:
    expected = [{"kind": "control", "about": "Lesk", "place": "Lesk", "side_a": ["took Lesk. The flag is up"],
                 "side_b": ["holds Lesk"]}]  # fmt: skip
    split = Conflict(
        "who controls Lesk", [_said("The flag is up.")], [_said("It still holds Lesk.")], "", "", "control"
    )
    score = score_story([split], expected)
    assert score.expected[0][2] == "found" and score.found_strictly == 0
