"""First text clean: normalise characters, rebuild paragraphs, drop exact repeats, fix `text` and `id`.

This is the stage that turns what a reader found into the article's fixed text. It is
deliberately conservative: it removes only what is certainly noise (control characters,
exact repeated paragraphs, the headline line) and keeps every removal in `removed`.
"""

from __future__ import annotations

import re
import unicodedata

from newsint.model import Article, Removed, Span, content_id
from newsint.pipeline import StageBase, StageContext
from newsint.registry import stage
from newsint.settings import Settings

# Whitespace that is not a line break becomes a plain space; zero-width characters go.
_SPACES = re.compile(r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85|\x0b|\x0c")
_MULTI_SPACE = re.compile(r" {2,}")
# Quote marks: doubled singles used as doubles, low-9 and reversed forms, primes and full-width
# marks become the four typographic quotes; straight quotes and guillemets are kept as they are.
_QUOTE_PAIRS = (("‘‘", "“"), ("’’", "”"), ("``", "“"), ("''", '"'))
_QUOTE_CHARS = str.maketrans(
    {"„": "“", "‟": "“", "″": '"', "＂": '"', "‚": "‘", "‛": "‘", "′": "'", "＇": "'"}
)
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
    return full >= 0.7 * len(lengths) and ending < 0.5 * len(lengths)


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


def _fold(line: str) -> str:
    return " ".join(line.casefold().split())


def _looks_like_headline(line: str) -> bool:
    words = len(line.split())
    return 3 <= words <= 30 and not line.endswith((".", ",", ";", ":"))


def clean_text(raw: str, title: str | None = None) -> tuple[list[str], list[Removed], str | None]:
    """Clean paragraphs, what was removed and why, and the title (found in the text when not given).

    Cleaning its own output changes nothing: the function is idempotent given the same title.
    """
    removed: list[Removed] = []
    kept: list[str] = []
    seen: set[str] = set()
    if title:
        title = " ".join(normalise_characters(title).split())
        seen.add(_fold(title))
    paragraphs = split_paragraphs(normalise_characters(raw))
    if not title:
        for line in paragraphs[:3]:
            if _looks_like_headline(line):
                title = line
                break
        if title:
            seen.add(_fold(title))
    for paragraph in paragraphs:
        key = _fold(paragraph)
        if key in seen:
            reason = "title" if title and key == _fold(title) else "repeated line"
            removed.append(Removed(paragraph, reason))
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept, removed, title


@stage("clean", requires=("raw",), assigns=("text", "paragraphs", "removed", "title", "id"))
class CleanStage(StageBase):
    """Fix the article's text from its raw input and give it its content id.

    Example: CleanStage(settings, context)(article).text
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.settings = settings

    def __call__(self, article: Article) -> Article:
        paragraphs, removed, title = clean_text(article.raw, article.title)
        article.title = title
        article.removed.extend(removed)
        article.text = "\n\n".join(paragraphs)
        article.paragraphs = paragraph_spans(paragraphs)
        article.id = content_id(article.title, article.text)
        return article


def paragraph_spans(paragraphs: list[str], separator: str = "\n\n") -> list[Span]:
    spans: list[Span] = []
    offset = 0
    for paragraph in paragraphs:
        spans.append(Span(offset, offset + len(paragraph), "paragraph"))
        offset += len(paragraph) + len(separator)
    return spans
