"""The claims stage: sets each article's `claims` from `newsint.claims.statements` over its parse (issue 6)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.claims.cuemodel import CueModel, load_cue_model
from newsint.claims.statements import build_claims
from newsint.stage import StageBase, StageContext, stage

if TYPE_CHECKING:
    from newsint.model import Article
    from newsint.settings import Settings


@stage("claims", requires=("analysis", "entities"), assigns=("claims",))
class ClaimStage(StageBase):
    """Set `claims` to the article's quotes and reported statements, with speaker, via and hedge.

    Example: ClaimStage(settings, StageContext())(article).claims
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.linear_only = settings.nlp_profile == "fast"
        self.cue_model: CueModel | None = None

    def setup(self) -> None:
        # The fast profile reads cues with the linear model alone: about 8 ms an article instead of 60-70, at
        # PolNeAR dev attribution F1 0.708 instead of 0.785 (`python bench/claims.py --curve`, docs/claims.md).
        self.cue_model = load_cue_model(tagger_dir=None) if self.linear_only else load_cue_model()

    def __call__(self, article: Article) -> Article:
        doc = article.analysis
        if self.cue_model is None:
            self.setup()
        assert self.cue_model is not None
        article.claims = build_claims(article, doc, self.cue_model) if doc is not None else []
        return article
