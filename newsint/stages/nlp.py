"""Tokens, sentences, part-of-speech tags, dependency parse and entity spans, from our own trained models.

Runs the spaCy pipeline of the configured profile (`nlp_profile`: the parser with the transformer entity model
in "default", with the CNN entity model in "fast") over each English
article. The spaCy Doc stays on the article (`analysis`) for the later stages of the same run;
sentence spans go to `sentences`. Articles in other languages pass through unanalysed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from newsint.model import Article, Span
from newsint.nlp import load_pipeline
from newsint.nlp.core import analyse
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage

if TYPE_CHECKING:
    from spacy.language import Language


@stage("nlp", requires=("text",), assigns=("sentences", "analysis"))
class NlpStage(StageBase):
    """Analyse English text with the trained spaCy pipeline.

    Example: NlpStage(settings, StageContext())(article).analysis.ents
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.profile = settings.nlp_profile
        self._nlp: Language | None = None

    def setup(self) -> None:
        self._nlp = load_pipeline(self.profile)

    def pipe(self, articles: Iterable[Article]) -> Iterator[Article]:
        if self._nlp is None:
            self.setup()
        assert self._nlp is not None
        for article in articles:
            if article.text and article.language in (None, "en"):
                article.analysis = analyse(self._nlp, article.text)
                article.sentences = [Span(s.start_char, s.end_char) for s in article.analysis.sents]
            yield article
