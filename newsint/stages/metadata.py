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
        paragraphs = article.text.split("\n\n")
        lines = removed + paragraphs[:3]
        if not article.outlet:
            # a dateline or byline opens the text; a sign-off, syndication note or link closes it
            closing = [line for paragraph in paragraphs[2:][-2:] for line in paragraph.splitlines()]
            article.outlet = find_outlet(removed + paragraphs[:2] + closing)
        if not article.authors:
            article.authors = find_authors(lines)
        if article.published is None:
            found = find_published(article.text, article.captions)
            if found:
                article.published, article.published_method, article.published_confidence = found
        return article
