"""The rule machinery: each rule is a regex for an expression's extent and a function that normalises a match.

Rules are registered by the modules `dates` and `relative`; `find_times` runs them all, keeps the longest
matches that do not overlap (TimeML extents are maximal: "early next year", not "next year"), then resolves
the kept ones in text order, so that "the following day" can follow the last date the text named.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from newsint.lexicon import PREFIX_MODS
from newsint.model import TimeExpr
from newsint.temporal.normalize import Context


@dataclass(frozen=True, slots=True)
class Result:
    """A normalised expression: TIMEX3 type, value and modifier, and whether the anchor was used."""

    type: str
    value: str
    mod: str = ""
    anchored: bool = False


Handler = Callable[[re.Match[str], Context], Result | None]
Accept = Callable[[re.Match[str], str], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    pattern: re.Pattern[str]
    handler: Handler
    accept: Accept | None
    triggers: frozenset[str] | None = None  # every match holds one of these tokens; None: scan everything
    reach: int = 100  # no match extends further than this from a trigger, lookahead included


RULES: list[Rule] = []
# Words end an expression only at a word boundary; a hyphen joins ("two-year-old" is one word to us).
_LEFT = r"(?<![\w$£€.,/-])"
_RIGHT = r"(?![\w]|-\w|/\d|[.,]\d)"
# Signals that TimeML keeps outside the extent but that say how the date bounds an event.
_SIGNAL_MODS = (("since", "ON_OR_AFTER"), ("until", "ON_OR_BEFORE"), ("before", "BEFORE"), ("after", "AFTER"))


# Scanning only near a rule's trigger words is what makes tagging fast: most rules need a month, a weekday or
# a unit word, which a news article has a few dozen of, and the regexes are then run over a few short windows
# instead of the whole text. A match holds a trigger, so it starts and ends within a few dozen characters of one.
NUMBER_TOKEN = "#"  # the trigger that stands for any run of digits
YEAR_TOKEN = "#4"  # a run of exactly four digits


def rule(
    pattern: str, accept: Accept | None = None, triggers: str | None = None, reach: int = 100
) -> Callable[[Handler], Handler]:
    """Register `handler` for matches of `pattern` (case-insensitive, whole words); `accept` may veto a match.

    `triggers` lists, space-separated and lowercase, tokens of which every match holds at least one (a word, or
    `#` for a number, `#4` for four digits); the rule is then only run within `reach` characters of them, which
    must be more than any match's distance from its trigger. Without triggers the rule scans the whole text.
    """

    def register(handler: Handler) -> Handler:
        compiled = re.compile(_LEFT + f"(?:{pattern})" + _RIGHT, re.IGNORECASE)
        words = frozenset(triggers.split()) if triggers is not None else None
        RULES.append(Rule(compiled, handler, accept, words, reach))
        return handler

    return register


_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_NUMBER = re.compile(r"\d+")
_TRIGGER_WORDS: list[str] = []


def _token_index(text: str) -> dict[str, list[int]]:
    """Where each trigger word (lowercased, as a whole word) and each number (`#`, `#4`) starts in `text`."""
    index: dict[str, list[int]] = {}
    for number in _NUMBER.finditer(text):
        index.setdefault(NUMBER_TOKEN, []).append(number.start())
        if number.end() - number.start() == 4:
            index.setdefault(YEAR_TOKEN, []).append(number.start())
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer would shift offsets: tokenise instead
        for token in _TOKEN.finditer(text):
            if not token.group(0)[0].isdigit():
                index.setdefault(token.group(0).lower(), []).append(token.start())
        return index
    if not _TRIGGER_WORDS:
        _TRIGGER_WORDS.extend(sorted({w for item in RULES for w in item.triggers or () if not w.startswith("#")}))
    size = len(text)
    for word in _TRIGGER_WORDS:
        # str.find is far quicker than a regex or a Python loop over every word of the text.
        at = lowered.find(word)
        while at >= 0:
            end = at + len(word)
            if (at == 0 or not _is_letter(lowered[at - 1])) and (end == size or not _is_letter(lowered[end])):
                index.setdefault(word, []).append(at)
            at = lowered.find(word, end)
    return index


def _is_letter(char: str) -> bool:
    return char.isalpha()


def _windows(positions: list[int], size: int, reach: int) -> list[tuple[int, int]]:
    """The stretches within `reach` characters of a trigger, merged where they overlap."""
    merged: list[tuple[int, int]] = []
    for position in sorted(positions):
        start, end = max(0, position - reach), min(size, position + reach)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _matches(item: Rule, text: str, index: dict[str, list[int]]) -> Iterator[re.Match[str]]:
    """What `item.pattern.finditer(text)` yields, found by searching only near the rule's triggers.

    A search bounded to a window is checked by matching again at the same start without the bound, so a match
    cut short by the window's end is never taken for the real one.
    """
    if item.triggers is None:
        yield from item.pattern.finditer(text)
        return
    positions = [p for word in item.triggers for p in index.get(word, ())]
    resume = 0
    for start, end in _windows(positions, len(text), item.reach):
        at = max(resume, start)
        while at < end:
            bounded = item.pattern.search(text, at, end)
            if bounded is None:
                break
            found = item.pattern.match(text, bounded.start())
            if found is None or found.end() == found.start():
                at = bounded.start() + 1
                continue
            yield found
            at = resume = found.end()


def prefix_mod(match: re.Match[str]) -> str:
    """The modifier of an "about"/"nearly"/"more than" prefix kept in the extent, if the rule has one."""
    approx = match.groupdict().get("approx")
    return PREFIX_MODS.get(approx.strip().lower(), "") if approx else ""


def _signal_mod(text: str, start: int) -> str:
    before = text[max(0, start - 12) : start].lower().split()
    if before:
        for word, mod in _SIGNAL_MODS:
            if before[-1] == word:
                return mod
    return ""


Candidate = tuple[int, int, int, Rule, re.Match[str]]


def _candidates(text: str) -> list[Candidate]:
    """Every match of every rule, longest first; among equals the earlier-registered rule wins."""
    found = []
    tokens = _token_index(text)
    for index, item in enumerate(RULES):
        for match in _matches(item, text, tokens):
            if match.end() > match.start() and (item.accept is None or item.accept(match, text)):
                found.append((match.start(), match.end(), index, item, match))
    found.sort(key=lambda c: (c[0] - c[1], c[2], c[0]))
    return found


def _select(found: list[Candidate], rejected: set[tuple[int, int]]) -> list[Candidate]:
    """The longest matches that do not overlap, in text order, leaving out those a handler turned down."""
    taken: list[Candidate] = []
    occupied: list[tuple[int, int]] = []
    for candidate in found:
        start, end, index = candidate[:3]
        if (start, index) not in rejected and all(end <= s or start >= e for s, e in occupied):
            taken.append(candidate)
            occupied.append((start, end))
    taken.sort(key=lambda c: c[0])
    return taken


def find_times(text: str, anchor: date | None) -> list[TimeExpr]:
    """Find the time expressions of `text` and normalise them against the publication date `anchor`.

    Returns non-overlapping expressions in text order whose offsets index `text` exactly. With no anchor,
    relative expressions keep X placeholders ("XXXX-WXX-4") instead of a guessed date.
    """
    found = _candidates(text)
    rejected: set[tuple[int, int]] = set()
    while True:
        # A match its handler turns down ("two days before the vote") gives way to the shorter ones it hid;
        # resolution starts over so that the reference date follows the final choice.
        context = Context(text, anchor)
        times: list[TimeExpr] = []
        for start, end, index, item, match in _select(found, rejected):
            result = item.handler(match, context)
            if result is None:
                rejected.add((start, index))
                break
            mod = result.mod or _signal_mod(text, start) if result.type == "DATE" else result.mod
            times.append(TimeExpr(start, end, text[start:end], result.type, result.value, mod, result.anchored))
            if result.type in ("DATE", "TIME"):
                context.note(result.value, end)
        else:
            return times
