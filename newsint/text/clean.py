"""First text clean: one layout (a paragraph per block) out of whatever characters and line breaks the input had.

Readers hand over text as they found it: curly, doubled or full-width quote marks, non-breaking
and zero-width spaces, control characters, fixed-width wire copy. This module makes one layout of
it, which `split` and `boilerplate` then judge paragraph by paragraph, and sets an article's final text.
"""

from __future__ import annotations

import re
import unicodedata

from newsint.model import Article, Removed, Span, content_id

# Whitespace that is not a line break becomes a plain space; zero-width characters go.
_SPACES = re.compile(r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
_MULTI_SPACE = re.compile(r" {2,}")
# Repeats longer than this are paragraphs printed twice; shorter ones may be structure.
_REPEAT_WORDS = 30
# Quote marks: doubled singles and backticks standing in for double quotes, reversed and full-width
# forms become the typographic quotes. Low-9 quotes („ ‚), guillemets and primes stay: they are the
# right marks in German, Polish or Czech text and in measurements.
_QUOTE_PAIRS = (("‘‘", "“"), ("’’", "”"), ("``", "“"), ("''", '"'))
_QUOTE_CHARS = str.maketrans({"‟": "“", "＂": '"', "‛": "‘", "＇": "'"})
_SENTENCE_END = (".", "!", "?", "…", '"', "”", "’", ":", ";")


def normalise_characters(text: str) -> str:
    """NFC, one kind of line break, plain spaces, no control characters, standard quote marks."""
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    text = _SPACES.sub(" ", text)
    for pair, mark in _QUOTE_PAIRS:
        text = text.replace(pair, mark)
    return text.translate(_QUOTE_CHARS)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True for a block of fixed-width lines (wire copy, e-mail), which must be joined back."""
    if len(lines) < 3:
        return False
    lengths = [len(line.strip()) for line in lines[:-1]]
    widest = max(lengths)
    if widest > 100 or widest < 30:
        return False
    full = sum(1 for n in lengths if n >= 0.6 * widest)
    ending = sum(1 for line in lines[:-1] if line.rstrip().endswith(_SENTENCE_END))
    # Wrapping breaks sentences, so some continuation lines start in lower case; stacked headlines,
    # standfirsts and repeated lines do not.
    continued = sum(1 for line in lines[1:] if line.lstrip()[:1].islower())
    distinct = len({line.strip() for line in lines}) == len(lines)
    return full >= 0.7 * len(lengths) and ending < 0.5 * len(lengths) and continued >= 1 and distinct


def _unwrap(lines: list[str]) -> list[str]:
    """Join fixed-width lines into paragraphs; an indented line or a short finished line ends one."""
    widest = max(len(line.strip()) for line in lines)
    indents = [len(line) - len(line.lstrip(" ")) for line in lines]
    mixed_indent = len(set(indents)) > 1
    paragraphs: list[list[str]] = [[]]
    for line, indent in zip(lines, indents, strict=True):
        stripped = line.strip()
        if paragraphs[-1] and mixed_indent and indent > min(indents):
            paragraphs.append([])
        paragraphs[-1].append(stripped)
        if len(stripped) < 0.6 * widest and stripped.endswith(_SENTENCE_END[:4]):
            paragraphs.append([])
    return [" ".join(p) for p in paragraphs if p]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs from normalised text: blank lines separate blocks; a block is one paragraph a line,
    unless it is hard-wrapped, in which case its lines are joined back."""
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        pieces = _unwrap(lines) if _is_hard_wrapped(lines) else lines
        paragraphs.extend(_MULTI_SPACE.sub(" ", p).strip() for p in pieces)
    return [p for p in paragraphs if p]


def drop_repeats(paragraphs: list[str]) -> tuple[list[str], list[Removed]]:
    """The paragraphs less long ones printed a second time (a scraping accident), and those removed.

    Short repeats (headlines, captions) stay: `split` and `boilerplate` read them as structure.
    """
    kept: list[str] = []
    removed: list[Removed] = []
    seen: set[str] = set()
    for paragraph in paragraphs:
        if len(paragraph.split()) > _REPEAT_WORDS and paragraph in seen:
            removed.append(Removed(paragraph, "repeated paragraph"))
            continue
        seen.add(paragraph)
        kept.append(paragraph)
    return kept, removed


def set_paragraphs(article: Article, paragraphs: list[str]) -> None:
    """Make `paragraphs` the article's text, one paragraph per block, with their spans."""
    article.text = "\n\n".join(paragraphs)
    article.paragraphs = paragraph_spans(paragraphs)


def fix_text(article: Article, paragraphs: list[str]) -> None:
    """The last cleaning step: the text is final, so the content id is given here."""
    set_paragraphs(article, paragraphs)
    article.id = content_id(article.title, article.text)


def paragraph_spans(paragraphs: list[str], separator: str = "\n\n") -> list[Span]:
    """The spans of `paragraphs` in their text joined by `separator`."""
    spans: list[Span] = []
    offset = 0
    for paragraph in paragraphs:
        spans.append(Span(offset, offset + len(paragraph), "paragraph"))
        offset += len(paragraph) + len(separator)
    return spans
