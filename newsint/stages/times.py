"""Time expressions of each article, normalised against its publication date (issue 5).

A thin stage over `newsint.temporal.find_times`: the rules are plain regexes, so there is nothing to load.
"""

from __future__ import annotations

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.temporal import find_times


@stage("times", requires=("text",), assigns=("times",))
class TimeStage(StageBase):
    """Set `times` to the article's time expressions; relative ones stay open when `published` is unknown."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        pass

    def __call__(self, article: Article) -> Article:
        article.times = find_times(article.text, article.published)
        return article
