"""The dedup stage: near-duplicates linked to the first-stored copy by MinHash signatures (`text.dedup`)."""

from __future__ import annotations

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.text.dedup import NearDuplicateIndex


@stage("dedup", requires=("text", "id"), assigns=("duplicate_of", "fingerprint"), corpus=True)
class DedupStage(StageBase):
    """Link near-duplicates with `duplicate_of` and keep each article's signature for later runs."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        stored = context.store.fingerprints if context.store is not None else None
        self.index = NearDuplicateIndex(settings, stored)

    def __call__(self, article: Article) -> Article:
        values = self.index.signature(article.text)
        if values is None:
            return article
        article.fingerprint = values.astype("<u4").tobytes()
        if article.duplicate_of is None:
            article.duplicate_of, article.duplicate_similarity = self.index.match(article.id, values)
        return article
