"""TIMEX3 values in the words a person reads ("2023-WI" → "winter 2023"), for every face that shows a time.

The values stay the machine data (stored, exported, served by the API); people read these words beside or
instead of them. Every value the rules can emit has words, and a value no rule emits still gets a plain phrase
rather than its code, so a reader never has to decode TIMEX3.
"""

from __future__ import annotations

import re
from datetime import date

_MONTHS = "January February March April May June July August September October November December".split()
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_ORDINALS = ("first", "second", "third", "fourth")
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS_OF_DAY = {"MO": "morning", "MI": "midday", "AF": "afternoon", "EV": "evening", "NI": "night", "DT": "daytime"}
_REFERENCES = {"PRESENT_REF": "now", "PAST_REF": "the past", "FUTURE_REF": "the future"}
_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "Q": "quarter", "DE": "decade", "CE": "century"}
_CLOCK_UNITS = {"H": "hour", "M": "minute", "S": "second"}
_MODS = {
    "APPROX": "about",
    "LESS_THAN": "less than",
    "MORE_THAN": "more than",
    "EQUAL_OR_LESS": "at most",
    "EQUAL_OR_MORE": "at least",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "until",
    "ON_OR_AFTER": "since",
}
# A part of a period: the short form goes before a date or a decade ("mid-April 2023", "the early 1990s"),
# the long one before anything else ("the end of the second quarter of 2023").
_PARTS = {"START": ("early ", "the start of"), "MID": ("mid-", "the middle of"), "END": ("late ", "the end of")}
_NAMED = re.compile(r"\d|(?:{})\b".format("|".join(_MONTHS + ["spring", "summer", "autumn", "winter"])))
_UNKNOWN_DAY = re.compile(r"a (?P<day>\w+) \(date unknown\)")
UNKNOWN = "an unspecified time"

_DURATION = re.compile(
    r"P(?P<date>(?:(?:\d+(?:\.\d+)?|X)(?:DE|CE|[YMWDQ]))*)(?:T(?P<clock>(?:(?:\d+(?:\.\d+)?|X)[HMS])+))?"
)
_AMOUNT = re.compile(r"(\d+(?:\.\d+)?|X)(DE|CE|[A-Z])")
_CALENDAR = re.compile(
    r"(?P<year>\d{4}|X{4})"
    r"(?:-(?P<month>\d{2}|XX)(?:-(?P<day>\d{2}|XX))?"
    r"|-W(?P<week>\d{2}|XX)(?:-(?P<weekday>[1-7]|WE))?"
    r"|-(?P<part>[QH])(?P<number>[1-4X])"
    r"|-(?P<season>SP|SU|FA|WI))?"
    r"(?:T(?P<clock>\d{2}(?::\d{2}){0,2})|T(?P<pod>MO|MI|AF|EV|NI|DT))?"
)
_ERA = re.compile(r"(?P<digits>\d{2,3})(?P<open>X*)")


def in_words(value: str, kind: str = "DATE", mod: str = "") -> str:
    """`value` of TIMEX3 type `kind` as a reader says it ("2023-Q2" → "the second quarter of 2023"), with the
    modifier `mod` in front ("APPROX" → "about"). Never the raw code: an unknown form is "an unspecified time".
    """
    words = _value_words(value.strip().upper(), kind.upper())
    mod = mod.upper()
    if mod in _PARTS:
        short, long = _PARTS[mod]
        if _NAMED.match(words):
            return short + words
        if words.startswith("the ") and words[4:5].isdigit():
            return "the " + short + words[4:]
        return f"{long} {words}"
    return f"{_MODS[mod]} {words}" if mod in _MODS else words


def _value_words(value: str, kind: str) -> str:
    if value in _REFERENCES:
        return _REFERENCES[value]
    if duration := _DURATION.fullmatch(value):
        amounts = _amounts(duration["date"] or "", _UNITS) + _amounts(duration["clock"] or "", _CLOCK_UNITS)
        if not amounts:
            return UNKNOWN
        spoken = " and ".join(amounts)
        if kind != "SET":
            return spoken
        return f"every {spoken.removeprefix('1 ')}" if spoken[:1].isdigit() else f"every few {spoken}"
    if calendar := _CALENDAR.fullmatch(value):
        spoken = _calendar_words(calendar)
        if kind != "SET":
            return spoken
        return "every " + spoken.removeprefix("a ").removesuffix(" (date unknown)").removesuffix(" (year unknown)")
    if era := _ERA.fullmatch(value):
        return _era_words(era["digits"], era["open"])
    return UNKNOWN


def _amounts(text: str, units: dict[str, str]) -> list[str]:
    """ "2Y6M" → ["2 years", "6 months"]; an X amount is the plural alone ("PXY" → "years")."""
    spoken = []
    for amount, code in _AMOUNT.findall(text):
        unit = units[code]
        plural = "centuries" if unit == "century" else f"{unit}s"
        spoken.append(plural if amount == "X" else f"{amount} {unit if amount == '1' else plural}")
    return spoken


def _calendar_words(found: re.Match[str]) -> str:
    year = None if found["year"] == "XXXX" else int(found["year"])
    if found["week"] is not None:
        day = _week_words(year, found["week"], found["weekday"])
    elif found["part"]:
        day = _part_words(year, found["part"], found["number"])
    elif found["season"]:
        day = _SEASONS[found["season"]] + (f" {year}" if year else " (year unknown)")
    else:
        day = _day_words(year, found["month"], found["day"])
    unknown_day = _UNKNOWN_DAY.fullmatch(day)
    if found["clock"]:
        return f"{found['clock']} (date unknown)" if unknown_day else f"{found['clock']} on {day}"
    if found["pod"] and unknown_day:
        weekday = "" if unknown_day["day"] == "day" else unknown_day["day"] + " "
        return f"a {weekday}{_PARTS_OF_DAY[found['pod']]} (date unknown)"
    if found["pod"]:
        return f"the {_PARTS_OF_DAY[found['pod']]} of {day}"
    return day


def _day_words(year: int | None, month: str | None, day: str | None) -> str:
    named_month = _MONTHS[int(month) - 1] if month and month.isdigit() and 1 <= int(month) <= 12 else None
    if year is None:
        if named_month and day and day.isdigit():
            return f"{int(day)} {named_month} (year unknown)"
        if named_month:
            return f"a day in {named_month} (year unknown)" if day else f"{named_month} (year unknown)"
        return "a day (date unknown)" if day else "a month (date unknown)" if month else "a year (unknown)"
    if named_month is None:
        return f"a day in {year}" if day else f"a month in {year}" if month else str(year)
    if day and day.isdigit():
        return f"{int(day)} {named_month} {year}"
    return f"a day in {named_month} {year}" if day else f"{named_month} {year}"


def _week_words(year: int | None, week: str, weekday: str | None) -> str:
    if year is None or not week.isdigit():
        if weekday == "WE":
            return "a weekend (date unknown)"
        if weekday:
            return f"a {_WEEKDAYS[int(weekday) - 1]} (date unknown)"
        return f"a week in {year}" if year else "a week (date unknown)"
    day = 6 if weekday == "WE" else int(weekday or 1)
    try:
        first = date.fromisocalendar(year, int(week), day)
    except ValueError:  # week 53 of a year that has 52, or week 0: no day to name, the week number says it
        return f"week {int(week)} of {year}"
    spoken = f"{first.day} {_MONTHS[first.month - 1]} {first.year}"
    if weekday == "WE":
        return f"the weekend of {spoken}"
    return f"{_WEEKDAYS[day - 1]} {spoken}" if weekday else f"the week of {spoken}"


def _part_words(year: int | None, part: str, number: str) -> str:
    name = "quarter" if part == "Q" else "half"
    if number == "X" or (part == "H" and number not in "12"):
        return f"a {name} of {year}" if year else f"a {name} (date unknown)"
    which = f"the {_ORDINALS[int(number) - 1]} {name}"
    return f"{which} of {year}" if year else f"{which} (year unknown)"


def _era_words(digits: str, open_digits: str) -> str:
    """ "199" or "199X" → "the 1990s"; "19" or "19XX" → "the 20th century"."""
    if len(digits) + len(open_digits) > 4 or len(digits) == 4:
        return UNKNOWN
    if len(digits) == 3:
        return f"the {digits}0s"
    century = int(digits) + 1
    suffix = "th" if 10 <= century % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(century % 10, "th")
    return f"the {century}{suffix} century"
