"""The language stage: the article's language, for later stages and for filters (`text.language`)."""

from __future__ import annotations

from py3langid.langid import LanguageIdentifier

from newsint.model import Article
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage
from newsint.text.language import identify_language, language_identifier


@stage("language", requires=("text",), assigns=("language",))
class LanguageStage(StageBase):
    """Set `language` to an ISO 639-1 code, or leave it None when the text is too short or unclear."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self._identifier: LanguageIdentifier | None = None

    def setup(self) -> None:
        self._identifier = language_identifier()

    def __call__(self, article: Article) -> Article:
        if article.language or self._identifier is None:
            return article
        found = identify_language(self._identifier, article.title, article.text)
        if found is not None:
            article.language = found
        return article
