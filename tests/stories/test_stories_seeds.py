"""The seed articles as stories: what the issue asks newsint to find across the five outlets."""

from __future__ import annotations

from collections import defaultdict

import pytest

from newsint.model import Article, Story
from newsint.stories.analysis import analyse_story
from newsint.stories.brief import render_brief, uncited_sentences

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def stories(seed_articles: list[Article]) -> dict[str, list[Article]]:
    grouped: dict[str, list[Article]] = defaultdict(list)
    for article in seed_articles:
        assert article.story, f"{article.title!r} joined no story"
        grouped[article.story].append(article)
    return grouped


@pytest.fixture(scope="module")
def battle(stories: dict[str, list[Article]]) -> tuple[Story, list[Article]]:
    story_id, articles = max(stories.items(), key=lambda item: len(item[1]))
    return analyse_story(story_id, articles), articles


def test_two_stories_the_treaty_apart(stories: dict[str, list[Article]]) -> None:
    assert len(stories) == 2
    sizes = sorted(len(articles) for articles in stories.values())
    assert sizes == [1, 5]
    (alone,) = next(articles for articles in stories.values() if len(articles) == 1)
    assert "Treaty" in (alone.title or "")


def _sources_saying(story: Story, words: str) -> int:
    """The most independent sources of one corroboration that holds a statement with these words."""
    return max((len(c.sources) for c in story.corroborations if any(words in s.text for s in c.statements)), default=0)


def test_the_governor_corroborated_in_different_words(battle: tuple[Story, list[Article]]) -> None:
    story, _ = battle
    group = next(c for c in story.corroborations if any("Civilians are fleeing" in s.text for s in c.statements))
    fleeing = [s for s in group.statements if "Civilians are fleeing" in s.text]
    assert len({s.outlet for s in fleeing}) == 2
    assert len({s.text for s in fleeing}) == 2  # different wording
    assert len(group.sources) >= 2


def test_the_decision_to_keep_defending_by_three_outlets(battle: tuple[Story, list[Article]]) -> None:
    story, _ = battle
    holding = [c for c in story.corroborations if c.what.endswith("hold on and reinforce")]
    assert holding and len(holding[0].sources) >= 3
    assert _sources_saying(story, "fight on") >= 3


def test_limited_strategic_value_by_four_outlets(battle: tuple[Story, list[Article]]) -> None:
    story, _ = battle
    limited = next(c for c in story.corroborations if c.what.endswith("limited military value"))
    assert len(limited.sources) >= 4
    assert "Bakhmut" in limited.what


def test_conflicts_on_value_and_on_withdrawal(battle: tuple[Story, list[Article]]) -> None:
    story, _ = battle
    by_what = {c.what: c for c in story.conflicts}
    value = next(c for what, c in by_what.items() if "military value" in what)
    course = next(c for what, c in by_what.items() if "withdraw or hold on" in what)
    for conflict in (value, course):
        assert conflict.a and conflict.b
        assert {s.source for s in conflict.a} != {s.source for s in conflict.b}
    assert any("step towards" in s.text or "key to" in s.text for s in value.a)
    assert any("withdraw" in s.text for s in course.b)


def test_every_statement_is_its_span(battle: tuple[Story, list[Article]]) -> None:
    story, articles = battle
    by_id = {a.id: a for a in articles}
    for group in story.corroborations:
        for statement in group.statements:
            assert by_id[statement.doc].text[statement.start : statement.end].strip() == statement.text


def test_the_briefing_cites_every_sentence(battle: tuple[Story, list[Article]]) -> None:
    story, articles = battle
    brief = render_brief(story, articles, "md")
    assert uncited_sentences(brief) == []
    for outlet in ("ITV News", "Business Insider", "19FortyFive"):
        assert f"[{outlet}," in brief or f"{outlet}," in brief
