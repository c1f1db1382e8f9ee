"""Language identification, so later stages pick the right models and users can filter by language.

py3langid ships its model inside the package (offline, about 1 ms an article) and covers 97 languages.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage

# Enough text for a reliable guess; the first part of an article is as good as all of it.
_SAMPLE_CHARS = 200
_MIN_CHARS = 40
_MIN_CONFIDENCE = 0.8


@cache
def _identifier() -> LanguageIdentifier:
    """The model, loaded once a process (about half a second)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@stage("language", requires=("text",), assigns=("language",))
class LanguageStage(StageBase):
    """Set `language` to an ISO 639-1 code, or leave it None when the text is too short or unclear."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self._identifier: LanguageIdentifier | None = None

    def setup(self) -> None:
        self._identifier = _identifier()

    def __call__(self, article: Article) -> Article:
        if article.language or self._identifier is None:
            return article
        sample = f"{article.title or ''}\n{article.text[:_SAMPLE_CHARS]}"
        if len(sample.strip()) < _MIN_CHARS:
            return article
        code, confidence = self._identifier.classify(sample)
        if confidence >= _MIN_CONFIDENCE:
            article.language = str(code)
        return article
