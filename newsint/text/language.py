"""Language identification, so later stages pick the right models and users can filter by language.

py3langid ships its model inside the package (offline, about 1 ms an article) and covers 97 languages.
"""

from __future__ import annotations

from functools import cache

from py3langid.langid import MODEL_FILE, LanguageIdentifier

# Enough text for a reliable guess; the first part of an article is as good as all of it.
_SAMPLE_CHARS = 200
_MIN_CHARS = 40
_MIN_CONFIDENCE = 0.8


@cache
def language_identifier() -> LanguageIdentifier:
    """The model, loaded once a process (about half a second)."""
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(identifier: LanguageIdentifier, title: str | None, text: str) -> str | None:
    """An ISO 639-1 code for the article's language, or None when the text is too short or unclear."""
    sample = f"{title or ''}\n{text[:_SAMPLE_CHARS]}"
    if len(sample.strip()) < _MIN_CHARS:
        return None
    code, confidence = identifier.classify(sample)
    if confidence >= _MIN_CONFIDENCE:
        return str(code)
    return None
