"""The boilerplate stage: sorts an article's lines into title, text, captions and removed parts (`text.boilerplate`)."""

from __future__ import annotations

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.text.boilerplate import sort_extracted_text, sort_flat_text
from newsint.text.clean import fix_text
from newsint.text.linemodel import Model, load_model
from newsint.text.sitechrome import SiteChrome, site_of


@stage(
    "boilerplate",
    requires=("text", "paragraphs"),
    assigns=("text", "paragraphs", "removed", "captions", "title", "id", "site", "line_keys"),
    corpus=True,
)
class BoilerplateStage(StageBase):
    """Keep the article's own paragraphs; move captions to `captions`; remove the rest with a reason.

    Pages an HTML extractor already cut down (`meta["extractor"]`) get the conservative pass that
    only trims leftovers at the edges, and keep their repeats (recipes, tables repeat on purpose);
    flat text gets the full classifier. The headline becomes the title when the reader found none.
    Both drop the lines their site prints on many of its pages (`sitechrome`); the article keeps its `site`
    and its `line_keys`, from which later runs learn the site's chrome.
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.model: Model | None = None
        stored = context.store.site_line_keys if context.store is not None else None
        self.site_chrome = SiteChrome(settings.site_chrome_pages, stored)

    def setup(self) -> None:
        self.model = load_model()

    def __call__(self, article: Article) -> Article:
        lines = [article.span_text(span) for span in article.paragraphs]
        site = site_of(article)
        chrome, line_keys = self.site_chrome.judge(site, lines)
        sort = sort_extracted_text if article.meta.get("extractor") else sort_flat_text
        result = sort(lines, article.title, model=self.model, chrome=chrome)
        if site:
            article.site, article.line_keys = site, line_keys
        article.title = result.title
        article.captions.extend(result.captions)
        article.removed.extend(result.removed)
        fix_text(article, result.kept)
        return article
