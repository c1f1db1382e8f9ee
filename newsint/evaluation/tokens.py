"""Text from tokenised corpora (the CAT/NAF XML of ECB+ and SemEval-2015 Task 4), written as text is written."""

from __future__ import annotations

_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%'") | {"'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset("([{$")


def detokenise(words: list[str]) -> tuple[str, list[int]]:
    """Join tokens as text is written (no space before punctuation, inside brackets or inside quotes); returns the
    text and where each token starts in it."""
    text, starts, quoted = "", [], False
    for i, word in enumerate(words):
        space = bool(text) and word not in _NO_SPACE_BEFORE and (i == 0 or words[i - 1] not in _NO_SPACE_AFTER)
        if word == '"':
            space, quoted = space and not quoted, not quoted
        elif i and words[i - 1] == '"' and quoted:
            space = False
        text += " " if space else ""
        starts.append(len(text))
        text += word
    return text, starts
