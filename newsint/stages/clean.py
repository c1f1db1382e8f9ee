"""The clean stage: raw text becomes the article's text, one paragraph per block (`text.clean`)."""

from __future__ import annotations

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.text.clean import drop_repeats, fix_text, normalise_characters, split_paragraphs


@stage("clean", requires=("raw",), assigns=("text", "paragraphs", "removed", "id"))
class CleanStage(StageBase):
    """Normalise the raw text, lay it out as paragraphs and drop repeated paragraphs.

    A paragraph printed twice in a flat dump is a scraping accident; short repeats (headlines,
    captions) are left for `split` and `boilerplate`, which read them as structure. Text an HTML
    extractor produced keeps its repeats (recipes and tables repeat on purpose). The id given
    here is final unless a later cleaning stage changes the text.

    Example: CleanStage(settings, context)(article).paragraphs
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        paragraphs = split_paragraphs(normalise_characters(article.raw))
        if not article.meta.get("extractor"):
            paragraphs, removed = drop_repeats(paragraphs)
            article.removed.extend(removed)
        fix_text(article, paragraphs)
        return article
