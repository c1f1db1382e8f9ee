"""Claims end to end on the seed articles: quotes with their speakers, hedges and figures (issue 6).

What must be found is in tests/golden/seeds-claims.json, written by reading the seed articles.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsint.model import Article, Claim
from tests.conftest import SEEDS, needs

GOLDEN = json.loads((Path(__file__).parents[1] / "golden" / "seeds-claims.json").read_text(encoding="utf-8"))

pytestmark = [needs(SEEDS), pytest.mark.integration]


@pytest.fixture(scope="module")
def articles(seed_articles: list[Article]) -> list[Article]:
    return seed_articles


def _claims_with(articles: list[Article], words: str) -> list[tuple[Article, Claim]]:
    return [(a, c) for a in articles for c in a.claims if words in c.text]


@pytest.mark.parametrize(("words", "speaker"), GOLDEN["direct"])
def test_every_direct_quote_has_its_speaker(articles: list[Article], words: str, speaker: str) -> None:
    found = [(a, c) for a, c in _claims_with(articles, words) if c.direct]
    assert found, f"no direct claim holds {words!r}"
    article, claim = found[0]
    names = {e.id: e.name for e in article.entities}
    said_by = f"{claim.speaker} / {names.get(claim.speaker_entity, '')}".lower()
    assert speaker.lower() in said_by, f"{words!r} was given to {said_by!r}"


def test_pronoun_and_role_speakers_resolve_to_entities(articles: list[Article]) -> None:
    for words, name in (("Killing a prisoner", "Andriy Yermak"), ("We need less bureaucracy", "Putin")):
        [(article, claim)] = [(a, c) for a, c in _claims_with(articles, words) if c.direct]
        assert name in next(e.name for e in article.entities if e.id == claim.speaker_entity)
    [(article, claim)] = _claims_with(articles, "The agreements we reached today")
    assert article.text[claim.speaker_start : claim.speaker_end] == "he"  # type: ignore[misc]


@pytest.mark.parametrize(("words", "hedge"), GOLDEN["hedged"])
def test_hedged_assessments_are_graded(articles: list[Article], words: str, hedge: str) -> None:
    grades = {c.hedge for _, c in _claims_with(articles, words)}
    assert hedge in grades, f"{words!r} graded {grades}"


@pytest.mark.parametrize("expected", GOLDEN["figures"], ids=lambda f: f["text"])
def test_figures_with_what_they_count(articles: list[Article], expected: dict[str, object]) -> None:
    figures = [(a, f) for a in articles for f in a.figures if f.text == expected["text"]]
    assert figures, f"no figure {expected['text']!r}"
    matching = [
        f for _, f in figures
        if all(getattr(f, key) == value for key, value in expected.items() if key not in ("text", "what", "in_claim"))
        and all(word in f.what for word in str(expected["what"]).split())
    ]  # fmt: skip
    assert matching, f"{expected} not among {[f for _, f in figures]}"
    # a figure sits in the claim that gives it; one in the outlet's own narration ("Russia fired … six of its
    # missiles") in none
    assert any((f.claim is not None) == expected.get("in_claim", True) for f in matching)


def test_no_boilerplate_or_caption_becomes_a_claim(articles: list[Article]) -> None:
    for article in articles:
        leftovers = [r.text for r in article.removed if len(r.text) > 25] + [c for c in article.captions if len(c) > 25]
        for claim in article.claims:
            assert article.text[claim.start : claim.end] == claim.text
            assert not any(part in claim.text or (len(claim.text) > 25 and claim.text in part) for part in leftovers)
