"""The clean stage: raw text becomes the article's text, one paragraph per block (`text.clean`), within the caps
on its shape (`text.caps`)."""

from __future__ import annotations

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.text.caps import Caps, break_long_lines, cap_lines, cap_paragraphs
from newsint.text.clean import drop_repeats, fix_text, normalise_characters, split_paragraphs


@stage("clean", requires=("raw",), assigns=("text", "paragraphs", "removed", "id"))
class CleanStage(StageBase):
    """Normalise the raw text, lay it out as paragraphs, drop repeated paragraphs and apply the caps.

    A paragraph printed twice in a flat dump is a scraping accident; short repeats (headlines,
    captions) are left for `split` and `boilerplate`, which read them as structure. Text an HTML
    extractor produced keeps its repeats (recipes and tables repeat on purpose). Lines beyond
    `max_lines` are cut before any layout work; over-long lines are broken into paragraphs (noted in
    `meta["capped"]`); paragraphs beyond `max_paragraphs` or `max_text_chars` are cut after repeats are
    dropped, so that a page printed twice loses its copy, not its text. What is cut stays in `removed`.
    The id given here is final unless a later cleaning stage changes the text.

    Example: CleanStage(settings, context)(article).paragraphs
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.caps = Caps(
            settings.max_lines,
            settings.max_line_chars,
            settings.max_sentence_chars,
            settings.max_paragraphs,
            settings.max_text_chars,
        )

    def __call__(self, article: Article) -> Article:
        text, cut_lines = cap_lines(normalise_characters(article.raw), self.caps.max_lines)
        paragraphs, broken = break_long_lines(split_paragraphs(text), self.caps)
        if not article.meta.get("extractor"):
            paragraphs, removed = drop_repeats(paragraphs)
            article.removed.extend(removed)
        paragraphs, cut_paragraphs = cap_paragraphs(paragraphs, self.caps)
        article.removed.extend(cut_lines + cut_paragraphs)
        if broken:
            note = f"{broken:,} lines over max_line_chars or max_sentence_chars broken into paragraphs"
            article.meta["capped"] = note
        fix_text(article, paragraphs)
        return article
