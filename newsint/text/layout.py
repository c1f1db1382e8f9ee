"""Rules for the parts of a flat article that any reader recognises: headline, captions, footers, bios.

The boilerplate classifier scores lines statistically; these rules name the parts whose form
gives them away in any outlet's text, and win over the classifier where they fire:
- the headline is the first headline-shaped line before the first paragraph of prose, and the
  short lines above it are page chrome;
- a caption ends with a photo credit or a photo date, or is printed twice in a row;
- relay footers, "more" link lists, first-person promotions and author bios close articles.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsint.text.split import is_caption, is_headline

_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# Wire photo captions end "PLACE, COUNTRY Month D, YYYY."; prose puts a preposition before its dates.
_PHOTO_DATE = re.compile(
    rf"(?<!\bon )(?<!\bin )(?<!\bby )(?<!\bof )(?<!\bat )(?<!\bto )(?<!\bsince )(?<!\buntil )(?<!\bfrom )"
    rf"(?<!\bbefore )(?<!\bafter )(?:{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}})"
    r"\.?(?:\s*\([^)]{1,40}\))?$"
)
_SECOND_PERSON = re.compile(r"\b(?:you|your)\b", re.I)
_FOOTERS = (
    ("relay footer", re.compile(
        r"^(?:read|see|view) (?:the |this )?(?:original|full|complete) (?:article|story|post|report)\b"
        r"|^(?:this (?:article|story) )?(?:was )?(?:originally|first) (?:appeared|published)\b"
        r"|^from [\w .&'’-]{1,40} https?://\S+$|^via \w+$", re.I)),
    ("link-list", re.compile(r"^\W*(?:read |see |watch )?(?:more|also|related|next)\s*:", re.I)),
    ("call-to-action", re.compile(
        r"(?:^|[.?!]\s+)(?:listen to|sign up (?:for|to)|subscribe to|download|follow|join|support|read|watch) our\b"
        r"|^(?:connect|follow|stay in touch) with us\b", re.I)),
)  # fmt: skip
_BIO = re.compile(
    r"^[A-Z][\w'’.-]+(?: [A-Z][\w'’-]+){1,2} is (?:a|an|the|[\w'’ -]{1,30}['’]s) [^.]{0,60}\b(?:editor|correspondent|"
    r"reporter|writer|columnist|contributor|journalist|author|researcher|producer|analyst|fellow)\b",
    re.I,
)
_BYLINE = re.compile(r"^(?:written|reported|words|photos?) by:?$|^by:?$", re.I)
_PROSE_WORDS = 20
_SENTENCE_WORDS = 8
_ENDS = (".", "!", "?", '"', "”", "’")
_CHROME_WORDS = 8
_REPEAT_WINDOW = 8
_FRAGMENT_WORDS = 3
_DATE_TAIL = 60
_YEAR_TAIL = 48
_DIGIT = re.compile(r"\d")
_BYLINE_CHARS = 20


def is_photo_caption(line: str) -> bool:
    """A line ending with a photo credit or a photo date."""
    if is_caption(line):
        return True
    tail = line.rstrip()[-_DATE_TAIL:]
    # A photo date ends in a year; most lines have no digit near the end, and skip the costly pattern.
    return _DIGIT.search(tail, max(0, len(tail) - _YEAR_TAIL)) is not None and bool(_PHOTO_DATE.search(tail))


def _is_prose(line: str) -> bool:
    """A paragraph of running text, long enough to open an article's body."""
    return len(line.split()) >= _PROSE_WORDS and line.rstrip().endswith(_ENDS)


def _is_sentence(line: str) -> bool:
    """At least one whole sentence."""
    return len(line.split()) >= _SENTENCE_WORDS and line.rstrip().endswith(_ENDS)


def headline_index(lines: list[str]) -> int | None:
    """The headline: among the headline-shaped lines before the first prose paragraph (not addressed to
    the reader), the first one printed twice close together, as pages print their headline; else the first."""
    candidates: list[int] = []
    for i, line in enumerate(lines):
        if _is_prose(line):
            break
        if is_headline(line) and not _SECOND_PERSON.search(line) and not is_photo_caption(line):
            candidates.append(i)
    for i in candidates:
        if lines[i] in lines[i + 1 : i + 1 + _REPEAT_WINDOW]:
            return i
    return candidates[0] if candidates else None


def rule_kinds(lines: list[str], title: str | None) -> list[tuple[str, str] | None]:
    """(kind, reason) for each line a rule recognises, None where the classifier decides."""
    kinds: list[tuple[str, str] | None] = [None] * len(lines)
    top = headline_index(lines) if not title else None
    if top is not None:
        kinds[top] = ("title", "headline")
        for i in range(top):
            if len(lines[i].split()) <= _CHROME_WORDS and not is_caption(lines[i]):
                kinds[i] = ("boilerplate", "page chrome above the headline")
        # Between the headline and the first paragraph only captions, a standfirst and chrome appear.
        for i in range(top + 1, len(lines)):
            if _is_prose(lines[i]):
                break
            if len(lines[i].split()) <= _FRAGMENT_WORDS and not is_photo_caption(lines[i]):
                kinds[i] = ("boilerplate", "page chrome below the headline")
    for i, line in enumerate(lines):
        if kinds[i] is not None:
            continue
        kinds[i] = _line_rule(line.strip())
    # Wire copy signs off with a word or two after its last paragraph ("Reuters", "-30-", "###").
    if len(lines) >= 2 and kinds[-1] is None and _is_sentence(lines[-2]) and _is_sign_off(lines[-1]):
        kinds[-1] = ("boilerplate", "sign-off")
    return kinds


def _is_sign_off(line: str) -> bool:
    return len(line.split()) <= _FRAGMENT_WORDS and not line.rstrip().endswith((".", "!", "?", ":"))


def is_plain_prose(lines: list[str], kinds: list[tuple[str, str] | None]) -> bool:
    """True when every line a rule leaves open is a distinct paragraph of running text.

    Such an article has nothing a classifier could take for chrome, so it can skip the classifier.
    """
    open_lines = [line for line, kind in zip(lines, kinds, strict=True) if kind is None]
    return bool(open_lines) and len(set(open_lines)) == len(open_lines) and all(map(_is_sentence, open_lines))


@lru_cache(maxsize=8192)  # the kept lines come back in the next classification round
def _line_rule(line: str) -> tuple[str, str] | None:
    if is_photo_caption(line):
        return ("caption", "photo caption")
    if " is " in line and _BIO.match(line):
        return ("byline", "author bio")
    if len(line) < _BYLINE_CHARS and _BYLINE.match(line):
        return ("byline", "byline")
    for reason, pattern in _FOOTERS:
        if pattern.search(line):
            return ("boilerplate", reason)
    return None
