"""Text from tokenised corpora (the CAT/NAF XML of ECB+ and SemEval-2015 Task 4), written as text is written."""

from __future__ import annotations

import re

_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%'") | {"'s", "'S", "n't", "'re", "'ve", "'ll", "'d", "'m"}
_NO_SPACE_AFTER = frozenset("([{$")
_CUT_NUMBER = re.compile(r"\d[.,]$")  # "6." before "4", "15," before "000": a number the tokenizer cut


def continues_number(before: str, word: str) -> bool:
    """Whether `word` goes on a number the text so far ends inside: "6." + "4" ("a 6.4-magnitude quake"),
    "15," + "000"."""
    return bool(_CUT_NUMBER.search(before)) and word.isdigit() and (before[-1] == "." or len(word) == 3)


def detokenise(words: list[str]) -> tuple[str, list[int]]:
    """Join tokens as text is written (no space before punctuation, inside brackets or inside quotes, nor inside a
    number the tokenizer cut: "6" "." "4"); returns the text and where each token starts in it."""
    text, starts, quoted = "", [], False
    for i, word in enumerate(words):
        space = bool(text) and word not in _NO_SPACE_BEFORE and (i == 0 or words[i - 1] not in _NO_SPACE_AFTER)
        if continues_number(text, word):
            space = False
        if word == '"':
            space, quoted = space and not quoted, not quoted
        elif i and words[i - 1] == '"' and quoted:
            space = False
        text += " " if space else ""
        starts.append(len(text))
        text += word
    return text, starts
