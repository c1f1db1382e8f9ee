"""Which side of a contested point a statement takes (newsint/stories/stances.toml).

Embeddings say two sentences are about the same thing; they do not say whether they agree ("of little
strategic value" and "of great strategic value" sit close together). So the points that conflict reporting
keeps returning to (is the place worth its cost, do the defenders withdraw or hold on) are read with patterns
of each side, and a negation in the words before a side's pattern ("wouldn't offer a major strategic
advantage") turns it to the other side where the point allows.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

STANCES = Path(__file__).with_name("stances.toml")
NEGATION_WINDOW = 6  # words before a pattern that a negation may stand in
_NEGATION = re.compile(r"\b(not|no|never|nor|unlikely|hardly|without|lacks?|lacking)\b|n['’]t\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Point:
    """A contested point: what it is about, and the patterns and summary of each side ("high", "low")."""

    name: str
    what: str
    about: tuple[re.Pattern[str], ...]
    unless: tuple[re.Pattern[str], ...]
    sides: dict[str, tuple[re.Pattern[str], ...]]
    says: dict[str, str]
    negates: str


@lru_cache(maxsize=1)
def points() -> tuple[Point, ...]:
    table = tomllib.loads(STANCES.read_text(encoding="utf-8"))

    def compiled(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in patterns)

    return tuple(
        Point(
            name, entry["what"], compiled(entry["about"]), compiled(entry["unless"]),
            {"high": compiled(entry["high_patterns"]), "low": compiled(entry["low_patterns"])},
            {"high": entry["high"], "low": entry["low"]}, entry["negates"],
        )  # fmt: skip
        for name, entry in table.items()
    )


def _negated(text: str, start: int) -> bool:
    before = text[:start].split()[-NEGATION_WINDOW:]
    return bool(_NEGATION.search(" ".join(before)))


def stance(point: Point, text: str) -> str:
    """"high", "low" or "" (the sentence does not take a side on the point).

    Where both sides match, a match inside a longer one of the other side gives way to it ("not withdraw"
    over "withdraw"), and then the last remaining match decides: "X had planned to withdraw, then decided to
    fight on" reports fighting on.
    """
    if not any(p.search(text) for p in point.about) or any(p.search(text) for p in point.unless):
        return ""
    matches = [(m.start(), m.end(), side) for side, patterns in point.sides.items() for p in patterns
               for m in p.finditer(text)]  # fmt: skip
    kept = [
        (start, end, side)
        for start, end, side in matches
        if not any(s <= start and end <= e and (e - s) > (end - start) and o != side for s, e, o in matches)
    ]
    if not kept:
        return ""
    start, _, side = max(kept)
    if side == "high" and point.negates and _negated(text, start):
        return point.negates
    return side
