"""Calendar arithmetic that turns relative expressions into TIMEX3 values against an anchor date.

News writes "on Thursday" and "in December" and leaves the year and week to the reader, who knows when the
article came out. This module does what that reader does: it resolves against the publication date (the
anchor), leaning to the past as news reports mostly do unless the sentence speaks of the future, and falls
back to X placeholders ("XXXX-WXX-4") when there is no anchor, so nothing is guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

_FUTURE_CUE = re.compile(
    r"\b(?:will|won't|'ll|shall|would(?! have)|scheduled|expected(?! that)|expects to|is due|are due|now due|"
    r"still due|plans? to|"
    r"planning|upcoming|next|coming|to be held|is to|are to|set to|tomorrow|as soon as|as early as|effective|"
    r"payable|supposed to)\b",
    re.IGNORECASE,
)
# "-ed" after "be" is a passive participle ("will be held"), not a past tense.
_PAST_CUE = re.compile(
    # "was" and "were" before "planning to", "expected", "due" look ahead, not back
    r"\b(?:(?:was|were)(?! (?:planning|going|expected|scheduled|due|set|about|to)\b)|had|did|ago|last|earlier|"
    r"yesterday|began|came|went|took|made|gave|met|left|brought|"
    r"became|rose|fell|won|lost|saw|sent|sold|bought|struck|shook|fought|sank|blew|broke|tore|threw|stole)\b"
    # "hit" is past unless a modal, "to" or "not" makes it an infinitive ("expected to hit", "did not hit")
    r"|(?<!\bto )(?<!\bwill )(?<!\bwould )(?<!\bcould )(?<!\bcan )(?<!\bmay )(?<!\bmight )(?<!\bmust )"
    r"(?<!\bshould )(?<!\bshall )(?<!\bnot )(?<!\bdo )(?<!\bdoes )(?<!\bdid )\bhit\b",
    re.IGNORECASE,
)
# "-ed" words are past too, except a passive participle after "be" ("will be held") and "succeed" or "need".
_PAST_ED = re.compile(
    r"\b(?<!\bbe )(?!(?:succeed|proceed|exceed|need|indeed|speed|feed|expected|scheduled)\b)\w+ed\b", re.IGNORECASE
)
# Verbs of saying date the report, not the event reported, so they count only when nothing else does.
_REPORT_CUE = re.compile(r"\b(?:said|says|told)\b", re.IGNORECASE)
# A quarter named this close before "a year earlier" is what the comparison is about.
_QUARTER_REACH = 450
# A sentence ends at a stop before a capital, but not at an initial or a title ("Daniel P. Davison", "Mr. Bush").
_SENTENCE_END = re.compile(
    r"(?<!\b[A-Z])(?<!\b(?:Mr|Ms|Dr|St|Co|No|Jr|Lt))(?<!\b(?:Mrs|Gen|Sen|Rep|Gov|Inc|Col|Sgt))(?<!\bCorp)"
    r"[.!?][\"'”]?\s+(?=[A-Z\"'“])|\n\s*\n"
)


@dataclass(slots=True)
class Context:
    """What resolution needs besides the expression: the text, the anchor, and the last date mentioned.

    `reference` starts at the anchor and moves to each full date the text names, so that "the following day"
    follows the story rather than the publication date.
    """

    text: str
    anchor: date | None
    reference: date | None = None
    reference_year: int | None = None
    reference_from_text: bool = False
    last_quarter: tuple[int, int, int] | None = None  # (end offset, year, quarter) of the last quarter named
    _tense: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.reference = self.anchor
        self.reference_year = self.anchor.year if self.anchor else None

    def note(self, value: str, end: int) -> None:
        """Move the reference to a date the text has just named (any value that starts with a full year)."""
        quarter = re.fullmatch(r"(\d{4})-Q([1-4])", value)
        if quarter:
            # A year-ago quarter named after the current one does not become the point of comparison.
            recent = self.last_quarter and end - self.last_quarter[0] <= _QUARTER_REACH
            if not (recent and self.last_quarter and int(quarter[1]) < self.last_quarter[1]):
                self.last_quarter = (end, int(quarter[1]), int(quarter[2]))
        if re.match(r"\d{4}(?!\d)", value):
            self.reference_year = int(value[:4])
            self.reference_from_text = True
            if re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):
                self.reference = date.fromisoformat(value if len(value) == 10 else value + "-01")

    def quarter_before(self, start: int, years: int) -> str | None:
        """The quarter `years` before one named just before `start` ("$5 million a year earlier" after "the third
        quarter" means that quarter of the year before), or None when no quarter was named nearby.
        """
        if self.last_quarter is None or start - self.last_quarter[0] > _QUARTER_REACH:
            return None
        return f"{self.last_quarter[1] - years:04d}-Q{self.last_quarter[2]}"

    def tense(self, start: int, end: int) -> str:
        """ "future", "past" or "" for the clause around [start, end): the nearest cue word in the sentence
        ("will", "expected to", "next" against "was", "said", "-ed") stands in for the verb's tense.
        """
        if start in self._tense:
            return self._tense[start]
        stops = [m.end() for m in _SENTENCE_END.finditer(self.text, max(0, start - 120), start)]
        left = max(stops[-1] if stops else 0, self.text.rfind("\n", 0, start), start - 120)
        right_match = _SENTENCE_END.search(self.text, end)
        right = min(right_match.start() if right_match else len(self.text), end + 80)
        window = [(m.start(), "future") for m in _FUTURE_CUE.finditer(self.text, left, right)]
        window += [(m.start(), "past") for m in _PAST_CUE.finditer(self.text, left, right)]
        window += [(m.start(), "past") for m in _PAST_ED.finditer(self.text, left, right)]
        window = [(pos, tense) for pos, tense in window if not start <= pos < end]
        before = self.text[max(left, start - 16) : start].lower().split()
        if before and before[-1] == "on":
            before.pop()
        if before and before[-1] in ("said", "says", "told", "announced"):
            # "said Friday", "said on Tuesday": the day of the saying, which the report follows
            window = [(start - 1, "past")]
        if not window:
            window = [(m.start(), "past") for m in _REPORT_CUE.finditer(self.text, left, right)]
            window = [(pos, tense) for pos, tense in window if not start <= pos < end]
        answer = min(window, key=lambda item: abs(item[0] - start))[1] if window else ""
        self._tense[start] = answer
        return answer


def day_value(day: date) -> str:
    return day.isoformat()


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def week_value(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_value(year: int, quarter: int) -> str:
    """The value of a quarter, wrapping quarters outside 1..4 into neighbouring years."""
    year += (quarter - 1) // 4
    quarter = (quarter - 1) % 4 + 1
    return f"{year:04d}-Q{quarter}"


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def weekday_date(anchor: date, weekday: int, direction: str) -> date:
    """The date of ISO `weekday` (1 = Monday) near `anchor`.

    `direction` is "past" (the anchor day itself or the six before), "future" (the anchor day or the six after),
    "last" (strictly before) or "next" (strictly after).
    """
    back = (anchor.isoweekday() - weekday) % 7
    if direction == "past":
        return anchor - timedelta(days=back)
    if direction == "last":
        return anchor - timedelta(days=back or 7)
    ahead = (weekday - anchor.isoweekday()) % 7
    if direction == "future":
        return anchor + timedelta(days=ahead)
    return anchor + timedelta(days=ahead or 7)


def month_year(anchor: date, month: int, tense: str) -> int:
    """The year of a month named without one, by the tense of its sentence: the last such month when it
    speaks of the past (unless it is next month), the next one when it speaks of the future, else the nearest
    ("in December" in March 2023 is 2022-12; "will ... in December" is 2023-12).
    """
    back = anchor.year if month <= anchor.month else anchor.year - 1
    ahead = anchor.year if month >= anchor.month else anchor.year + 1
    if tense == "future":
        return ahead
    if tense == "past" and _months(date(ahead, month, 1)) - _months(anchor) > 1:
        return back
    if not tense and _months(date(ahead, month, 1)) - _months(anchor) > 3:
        return back  # with no cue, lean to the past as news does, unless the month is close ahead
    return min((back, ahead), key=lambda y: (abs(y * 12 + month - _months(anchor)), y))


def day_year(anchor: date, month: int, day: int, tense: str) -> int:
    """The year of a day named without one ("March 9"), by the rule of `month_year` with a margin of 60 days."""
    back = anchor.year if (month, day) <= (anchor.month, anchor.day) else anchor.year - 1
    ahead = anchor.year if (month, day) >= (anchor.month, anchor.day) else anchor.year + 1

    def distance(year: int) -> int:
        found = safe_date(year, month, min(day, 28) if month == 2 else day)
        return abs((found - anchor).days) if found else 10**6

    if tense == "future":
        return ahead
    if tense == "past" and distance(ahead) > 60:
        return back
    if not tense and distance(ahead) > 90:
        return back
    return min((back, ahead), key=lambda y: (distance(y), y))


def _months(day: date) -> int:
    return day.year * 12 + day.month


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shift_value(base: date, unit: str, amount: int) -> str:
    """The value `amount` units from `base` at that unit's precision ("two years ago" is a year)."""
    if unit == "year":
        return f"{base.year + amount:04d}"
    if unit == "decade":
        return f"{(base.year + 10 * amount) // 10:03d}"
    if unit == "century":
        return f"{(base.year + 100 * amount) // 100:02d}"
    if unit == "quarter":
        return quarter_value(base.year, quarter_of(base) + amount)
    if unit == "month":
        return month_value(*shift_month(base.year, base.month, amount))
    if unit in ("week", "weekend"):
        return week_value(base + timedelta(weeks=amount)) + ("-WE" if unit == "weekend" else "")
    if unit == "day":
        return day_value(base + timedelta(days=amount))
    return day_value(base)


def unknown_value(unit: str) -> str:
    """The placeholder for a relative date of this unit when there is no anchor."""
    return {
        "year": "XXXX",
        "decade": "XXX",
        "century": "XX",
        "quarter": "XXXX-QX",
        "month": "XXXX-XX",
        "week": "XXXX-WXX",
        "weekend": "XXXX-WXX-WE",
    }.get(unit, "XXXX-XX-XX")


# Months each TIMEX3 season covers; winter starts in December of its year and runs into the next.
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})(?:T.*)?)?|-W(?P<w>\d{2})(?:-(?P<wd>[1-7]|WE))?"
    r"|-Q(?P<q>[1-4])|-H(?P<h>[12])|-(?P<s>SP|SU|FA|WI))?|(?P<decade>\d{3})|(?P<century>\d{2})"
)


def _month_end(year: int, month: int) -> date:
    """The last day of a month; months past 12 run into the next year."""
    year, month = shift_month(year, month, 1)
    return date(year, month, 1) - timedelta(days=1)


def value_period(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date value covers ("2023-W10" → Monday 6 to Sunday 12 March 2023),
    so dates of any precision can be compared; None for a value left open (X) or not a calendar date."""
    match = _VALUE.fullmatch(value)
    if match is None:
        return None
    try:
        if match["decade"] or match["century"]:
            width = 10 if match["decade"] else 100
            first = int(match["decade"] or match["century"]) * width
            return date(first, 1, 1), date(first + width - 1, 12, 31)
        year = int(match["y"])
        if match["d"]:
            day = date(year, int(match["m"]), int(match["d"]))
            return day, day
        if match["m"]:
            return date(year, int(match["m"]), 1), _month_end(year, int(match["m"]))
        if match["w"]:
            monday = date.fromisocalendar(year, int(match["w"]), 1)
            if match["wd"] == "WE":
                return monday + timedelta(days=5), monday + timedelta(days=6)
            if match["wd"]:
                day = monday + timedelta(days=int(match["wd"]) - 1)
                return day, day
            return monday, monday + timedelta(days=6)
        first, last = (
            (3 * int(match["q"]) - 2, 3 * int(match["q"])) if match["q"]
            else (6 * int(match["h"]) - 5, 6 * int(match["h"])) if match["h"]
            else _SEASON_MONTHS[match["s"]] if match["s"]
            else (1, 12)
        )  # fmt: skip
        return date(year, first, 1), _month_end(year, last)
    except ValueError:  # a day, month or week the calendar does not have
        return None
