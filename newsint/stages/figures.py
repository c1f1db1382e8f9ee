"""The figures stage: sets each article's `figures` from `newsint.claims.figures` (issue 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.claims.figures import read_figures
from newsint.stage import StageBase, StageContext, stage

if TYPE_CHECKING:
    from newsint.model import Article
    from newsint.settings import Settings


@stage("figures", requires=("analysis", "times", "claims"), assigns=("figures",))
class FigureStage(StageBase):
    """Set `figures` to the article's amounts with what they count; without a parse `what` stays empty.

    Example: FigureStage(settings, StageContext())(article).figures
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        pass

    def __call__(self, article: Article) -> Article:
        article.figures = read_figures(article.text, article.times, article.analysis, article.claims)
        return article
