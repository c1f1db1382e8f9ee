"""Rules for named days: holidays that news dates events by ("on Thanksgiving Day", "last Christmas").

Fixed holidays fall on the same day each year; Thanksgiving, Easter and US Election Day are computed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from newsint.temporal.grammar import Result, rule
from newsint.temporal.normalize import Context


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    j = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * j) // 451
    month, day = divmod(h + j - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas day": lambda y: date(y, 12, 25),
    "christmas": lambda y: date(y, 12, 25),
    "new year's eve": lambda y: date(y, 12, 31),
    "new year's day": lambda y: date(y, 1, 1),
    "valentine's day": lambda y: date(y, 2, 14),
    "independence day": lambda y: date(y, 7, 4),
    "halloween": lambda y: date(y, 10, 31),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4),
    "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "easter sunday": _easter,
    "easter": _easter,
    "good friday": lambda y: _easter(y) - timedelta(days=2),
    "election day": lambda y: _nth_weekday(y, 11, 1, 1) + timedelta(days=1),
}
_NAMES = "|".join(re.escape(name).replace("'", "['’]") for name in sorted(_HOLIDAYS, key=len, reverse=True))


@rule(
    rf"(?:(?P<rel>last|next|this) )?(?-i:(?P<name>{_NAMES.title()}|{_NAMES}))(?: (?P<y>\d{{4}}))?",
    triggers=" ".join(name.split()[0] for name in _HOLIDAYS),
)
def holiday(match: re.Match[str], context: Context) -> Result | None:
    name = match["name"].lower().replace("’", "'")
    if name not in _HOLIDAYS:
        return None
    when = _HOLIDAYS[name]
    if match["y"]:
        return Result("DATE", when(int(match["y"])).isoformat())
    if context.anchor is None:
        return Result("DATE", "XXXX-XX-XX")
    anchor, rel = context.anchor, (match["rel"] or "").lower()
    before = max(d for d in (when(anchor.year - 1), when(anchor.year)) if d <= anchor)
    after = min(d for d in (when(anchor.year), when(anchor.year + 1)) if d >= anchor)
    if rel == "last" or (not rel and context.tense(match.start(), match.end()) != "future"):
        chosen = before if rel or (anchor - before).days <= (after - anchor).days + 60 else after
    else:
        chosen = after
    return Result("DATE", chosen.isoformat(), anchored=True)
