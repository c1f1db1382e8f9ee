"""The metadata stage: outlet, authors and publication date from the text, where readers gave none (`text.metadata`)."""

from __future__ import annotations

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.text.metadata import find_authors, find_outlet, find_published


@stage("metadata", requires=("text", "removed", "captions"), assigns=("outlet", "authors", "published"))
class MetadataStage(StageBase):
    """Fill outlet, authors and publication date from cues in the text, where the reader found none."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        removed = [part.text for part in article.removed]
        lines = removed + article.text.split("\n\n")[:3]
        if not article.outlet:
            article.outlet = find_outlet(removed + article.text.split("\n\n")[:2])
        if not article.authors:
            article.authors = find_authors(lines)
        if article.published is None:
            found = find_published(article.text, article.captions)
            if found:
                article.published, article.published_method, article.published_confidence = found
        return article
