"""Caps on the shape of one input's text, so that no input can cost unbounded memory or time (issue #27).

Later stages cost more than linearly in some dimension of a document: the line classifier in its lines,
the parser in the length of a sentence, the whole-text models in its characters. Cleaning therefore
bounds each dimension once, early: lines beyond `max_lines` and paragraphs or characters beyond
`max_paragraphs` and `max_text_chars` are cut, and kept as `Removed` parts with the cap that cut them;
a line longer than `max_line_chars`, or holding a sentence longer than `max_sentence_chars`, is broken
into paragraphs at sentence ends (or, within a run-on sentence, at spaces), which loses no text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsint.model import Removed

_REAL_WORD = re.compile(r"[^\W\d_]{2,}")


def real_words(text: str, enough: int) -> int:
    """How many real words (runs of two letters or more) the text holds, counted up to `enough`."""
    found = 0
    for _ in _REAL_WORD.finditer(text):
        found += 1
        if found >= enough:
            break
    return found


# A sentence end: final punctuation, closing quotes or brackets, then the space where a break may go.
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*( +)")


@dataclass(frozen=True, slots=True)
class Caps:
    """The most of each dimension one input's text may have (settings of the same names)."""

    max_lines: int
    max_line_chars: int
    max_sentence_chars: int
    max_paragraphs: int
    max_text_chars: int


def cap_lines(text: str, max_lines: int) -> tuple[str, list[Removed]]:
    """The first `max_lines` lines of `text`, and the rest as one removed part."""
    lines = text.split("\n", max_lines)
    if len(lines) <= max_lines:
        return text, []
    tail = lines.pop()
    return "\n".join(lines), [Removed(tail, f"over max_lines: the input's lines after line {max_lines:,}")]


def _break_at_space(sentence: str, limit: int) -> list[str]:
    """A run-on sentence in pieces of at most `limit` characters, broken at the last space before each limit."""
    pieces: list[str] = []
    while len(sentence) > limit:
        space = sentence.rfind(" ", 1, limit + 1)
        cut = space if space > 0 else limit
        pieces.append(sentence[:cut])
        sentence = sentence[cut:].lstrip(" ")
    return [*pieces, sentence] if sentence else pieces


def _sentences(line: str) -> list[str]:
    """`line` split after each sentence end; joined with single spaces they give `line` back."""
    sentences, start = [], 0
    for end in _SENTENCE_END.finditer(line):
        sentences.append(line[start : end.start(1)])
        start = end.end()
    return [*sentences, line[start:]] if start < len(line) else sentences


def break_line(line: str, max_line_chars: int, max_sentence_chars: int) -> list[str]:
    """`line` as paragraphs of at most `max_line_chars` characters, each sentence of at most `max_sentence_chars`.

    Breaks go at sentence ends, or at spaces inside a run-on sentence, so the pieces joined with single
    spaces give the line back (cleaning has already made every run of spaces one space).
    """
    if len(line) <= min(max_line_chars, max_sentence_chars):
        return [line]
    sentences = _sentences(line)
    if len(line) <= max_line_chars and all(len(s) <= max_sentence_chars for s in sentences):
        return [line]
    limit = min(max_line_chars, max_sentence_chars)
    paragraphs: list[str] = []
    current: list[str] = []
    length = -1
    for sentence in sentences:
        run_on = len(sentence) > limit
        if current and (run_on or length + 1 + len(sentence) > max_line_chars):
            paragraphs.append(" ".join(current))
            current, length = [], -1
        if run_on:
            # Its pieces stand alone, so the parser never reads a sentence past a break.
            paragraphs.extend(_break_at_space(sentence, limit))
        else:
            current.append(sentence)
            length += 1 + len(sentence)
    return [*paragraphs, " ".join(current)] if current else paragraphs


def break_long_lines(paragraphs: list[str], caps: Caps) -> tuple[list[str], int]:
    """The paragraphs with every over-long one broken (`break_line`), and how many were broken."""
    result: list[str] = []
    broken = 0
    for paragraph in paragraphs:
        pieces = break_line(paragraph, caps.max_line_chars, caps.max_sentence_chars)
        broken += len(pieces) > 1
        result.extend(pieces)
    return result, broken


def cap_paragraphs(paragraphs: list[str], caps: Caps) -> tuple[list[str], list[Removed]]:
    """The leading paragraphs within `max_paragraphs` and `max_text_chars` (separators counted), and the rest
    as one removed part naming the cap that cut it."""
    length = -2
    for count, paragraph in enumerate(paragraphs):
        length += len(paragraph) + 2
        if count == caps.max_paragraphs:
            reason = f"over max_paragraphs: the paragraphs after the first {caps.max_paragraphs:,}"
        elif length > caps.max_text_chars:
            reason = f"over max_text_chars: the paragraphs after the first {caps.max_text_chars:,} characters"
        else:
            continue
        return paragraphs[:count], [Removed("\n\n".join(paragraphs[count:]), reason)]
    return paragraphs, []
