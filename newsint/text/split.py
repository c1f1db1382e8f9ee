"""Where one input holding several articles (a scraper that glued pages together) splits into several.

A new article starts where the structure of an article start shows up again after a body:
a headline-like line that is printed twice close together or is followed by photo captions,
with enough text on both sides, and a change of subject between the two parts. Subheadings
inside one story do not repeat and do not open caption blocks, so a story with sections stays whole.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable

# A photo credit: an agency in parentheses at the end ("(AFP)", "(Photo: Jane Doe)"), or a credit label.
_CREDIT = re.compile(
    r"\((?:[A-Z][\w.&/-]*(?: [A-Z][\w.&/-]*){0,3}|(?i:photos?|image|picture|credit)[^)]{0,60})\)\s*$"
    r"|(?i:(?:^|\s)(?:photo|image|picture)(?: credit)?\s*:|getty images|credit\s*:)"
)
_CREDIT_TAIL = 100
_WORD = re.compile(r"[^\W\d_]{4,}")
_MIN_WORDS = 150  # each part must read as an article, not a promo block or a comment
_MIN_PROSE_PARAGRAPHS = 4
_PROSE_WORDS = 20
_SENTENCE_END = (".", "!", "?", '"', "”", "’", "'")
_NEAR = 12
_WINDOW = 8  # how far a repeated headline or its captions may follow it
_MAX_SIMILARITY = 0.35  # vocabulary cosine above this means the same story continues


def is_headline(line: str) -> bool:
    """A line shaped like a headline: a few words, most of them real words, no closing punctuation, no credit."""
    words = line.split()
    return (
        4 <= len(words) <= 25
        and sum(1 for w in words if _WORD.fullmatch(w.strip("'’,:;?!-"))) >= 3
        and not line.rstrip().endswith((".", ",", ";", ":", "”", '"'))
        and not is_caption(line)
        and "©" not in line
    )


def is_caption(line: str) -> bool:
    """A line ending with a photo credit."""
    # Credits close a caption, so the end of the line is enough to look at; every credit form has a
    # closing parenthesis, a colon or "Getty", which rules out most lines before the pattern runs.
    tail = line[-_CREDIT_TAIL:]
    if not (tail.rstrip().endswith(")") or ":" in tail or "etty" in tail):
        return False
    return bool(_CREDIT.search(tail))


def _vector(paragraphs: Iterable[str]) -> Counter[str]:
    return Counter(word.lower() for paragraph in paragraphs for word in _WORD.findall(paragraph))


def _cosine(a: Counter[str], b: Counter[str]) -> float:
    dot = sum(count * b[word] for word, count in a.items())
    norm = math.sqrt(sum(c * c for c in a.values())) * math.sqrt(sum(c * c for c in b.values()))
    return dot / norm if norm else 0.0


def _opens_article(paragraphs: list[str], i: int) -> bool:
    """A headline repeated within the window, or one followed by a caption before any body."""
    line = paragraphs[i]
    if not is_headline(line):
        return False
    following = paragraphs[i + 1 : i + 1 + _WINDOW]
    if line in following:
        return True
    for nxt in following[:3]:
        if is_caption(nxt):
            return True
        if len(nxt.split()) > 40:
            return False
    return False


def _prose(paragraphs: list[str]) -> list[str]:
    """Paragraphs that read as running text: long enough and ending a sentence."""
    return [p for p in paragraphs if len(p.split()) >= _PROSE_WORDS and p.rstrip().endswith(_SENTENCE_END)]


def _is_article(paragraphs: list[str]) -> bool:
    prose = _prose(paragraphs)
    return len(prose) >= _MIN_PROSE_PARAGRAPHS and sum(len(p.split()) for p in prose) >= _MIN_WORDS


def split_points(paragraphs: list[str]) -> list[int]:
    """Indices of the paragraphs that open a new article (never 0)."""
    points: list[int] = []
    start = 0
    for i in range(1, len(paragraphs)):
        if not _opens_article(paragraphs, i):
            continue
        before, after = paragraphs[start:i], paragraphs[i:]
        if not (_is_article(before) and _is_article(after)):
            continue
        # The first body follows its headline closely, and the previous one ended shortly before.
        if not (_prose(paragraphs[i + 1 : i + 1 + _NEAR]) and _prose(paragraphs[max(start, i - _NEAR) : i])):
            continue
        if _cosine(_vector(_prose(before)), _vector(_prose(after))) > _MAX_SIMILARITY:
            continue
        points.append(i)
        start = i
    return points


def split_parts(paragraphs: list[str]) -> list[list[str]]:
    """The paragraphs of each article the input holds, in order; one part when it holds one."""
    bounds = [0, *split_points(paragraphs), len(paragraphs)]
    return [paragraphs[start:end] for start, end in zip(bounds, bounds[1:], strict=False)]
