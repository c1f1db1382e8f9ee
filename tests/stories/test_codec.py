"""An analysed story stored as JSON reads back equal, so a stored analysis serves what a fresh one would."""

from __future__ import annotations

import pytest

from newsint.model import Article
from newsint.stories.analysis import analyse_story
from newsint.stories.codec import story_from_json, story_json

pytestmark = pytest.mark.slow


def test_an_analysis_reads_back_equal(seed_articles: list[Article]) -> None:
    by_story: dict[str, list[Article]] = {}
    for article in seed_articles:
        by_story.setdefault(article.story or "", []).append(article)
    biggest = max(by_story.values(), key=len)
    for story_id, members in by_story.items():
        analysed = analyse_story(story_id, members, "a <label> “quoted”")
        if members is biggest:
            assert analysed.corroborations and analysed.conflicts and analysed.timeline
        assert story_from_json(story_json(analysed)) == analysed
