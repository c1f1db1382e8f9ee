"""Rules for calendar expressions: dates, months, years, decades, quarters, seasons and weekdays.

Each names a point or period of the calendar, fully ("9 March 2023") or with the year or week left for the
anchor to fill ("March 9", "on Thursday", "the third quarter").
"""

from __future__ import annotations

import re

from newsint.lexicon import (
    DAY_NUMBER,
    MONTH,
    MONTH_TRIGGERS,
    SEASON,
    SEASONS,
    SPOKEN_YEAR,
    WEEKDAY,
    WEEKDAY_TRIGGERS,
    WEEKDAYS,
    YEAR,
    day_number,
    month_number,
    spoken_year,
)
from newsint.temporal.grammar import Result, rule
from newsint.temporal.normalize import (
    Context,
    day_year,
    month_value,
    month_year,
    quarter_of,
    quarter_value,
    safe_date,
    shift_month,
    weekday_date,
)

# Words before a month or year that narrow it to a part: "early 2023", "mid-February", "the end of March".
PART = (
    r"(?P<part>early-|late-|early|late|mid-|mid|the end of|the beginning of|the start of|the middle of|"
    r"the turn of|end-)"
)
_PART_MODS = {"early": "START", "beginning": "START", "start": "START", "late": "END", "end": "END", "mid": "MID"}
_SPOKEN_TO_YEAR = r"(?:(?P<rel>last|this|next) year)"


def part_mod(match: re.Match[str]) -> str:
    part = (match.groupdict().get("part") or "").lower()
    return next((mod for word, mod in _PART_MODS.items() if word in part), "")


def year_of(text: str) -> int:
    return int(text) if text[0].isdigit() else spoken_year(text) or 0


def _relative_year(rel: str | None, context: Context) -> int | None:
    """The year of "last year"/"this year"/"next year" following a month, or None without an anchor."""
    if context.anchor is None:
        return None
    offset = {"last": -1, "this": 0, "next": 1}[(rel or "this").lower()]
    return context.anchor.year + offset


def _two_digit_year(text: str) -> int:
    value = int(text)
    return value if value > 99 else (1900 + value if value > 30 else 2000 + value)


@rule(r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)", triggers="#", reach=20)
@rule(r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})", triggers="#", reach=20)
def numeric_date(match: re.Match[str], context: Context) -> Result | None:
    day = safe_date(_two_digit_year(match["y"]), int(match["m"]), int(match["d"]))
    return Result("DATE", day.isoformat()) if day else None


def _month_day(match: re.Match[str], context: Context) -> Result | None:
    month, day = month_number(match["mon"]), day_number(match["d"])
    if match["y"]:
        year: int | None = year_of(match["y"])
    elif match.groupdict().get("rel"):
        year = _relative_year(match["rel"], context)
    elif match.groupdict().get("wd") and context.anchor:
        # A weekday with the date picks the year in which they agree, the nearest to the anchor.
        weekday = WEEKDAYS[match["wd"].lower()]
        years = [y for y in (context.anchor.year, context.anchor.year + 1, context.anchor.year - 1)]
        fits = [y for y in years if (d := safe_date(y, month, day)) and d.isoweekday() == weekday]
        year = fits[0] if fits else context.anchor.year
    elif context.anchor:
        year = day_year(context.anchor, month, day, context.tense(match.start(), match.end()))
    else:
        return Result("DATE", f"XXXX-{month:02d}-{day:02d}")
    if year is None:
        return Result("DATE", f"XXXX-{month:02d}-{day:02d}")
    found = safe_date(year, month, day)
    return Result("DATE", found.isoformat(), anchored=not match["y"]) if found else None


_WEEKDAY_LEAD = rf"(?:(?P<wd>{WEEKDAY}),? (?:the )?)?"
_YEAR_TAIL = rf"(?:(?:,|,? of)? (?P<y>{YEAR})|,? {_SPOKEN_TO_YEAR})?"
rule(rf"{_WEEKDAY_LEAD}(?P<mon>{MONTH}) (?P<d>{DAY_NUMBER}){_YEAR_TAIL}", triggers=MONTH_TRIGGERS, reach=60)(_month_day)
rule(rf"{_WEEKDAY_LEAD}(?P<d>{DAY_NUMBER}) (?:of )?(?P<mon>{MONTH}){_YEAR_TAIL}", triggers=MONTH_TRIGGERS, reach=60)(
    _month_day
)


@rule(rf"(?:{PART} ?)?(?P<mon>{MONTH}),? (?:of )?(?P<y>{YEAR}|{SPOKEN_YEAR})", triggers=MONTH_TRIGGERS)
def month_and_year(match: re.Match[str], context: Context) -> Result:
    return Result("DATE", month_value(year_of(match["y"]), month_number(match["mon"])), part_mod(match))


def _month_accept(match: re.Match[str], text: str) -> bool:
    """ "May" alone is a modal verb unless a date word leads into it or the month is qualified; "Jan" without
    its full stop is more often a first name than a month.
    """
    word = match["mon"]
    if not match["rel2"] and re.match(r" ?\d", text[match.end() : match.end() + 2]):
        return False  # "last Oct. 23": the month-day rule takes the date, "last" is a tense cue
    if len(word) <= 4 and word.lower() not in ("may", "june", "july") and not word.endswith(".") and not match["rel2"]:
        return False
    if match["mon"].rstrip(".").lower() != "may" or match["part"] or match["rel"] or match["rel2"]:
        return True
    before = text[max(0, match.start() - 12) : match.start()].lower().split()
    return bool(before) and before[-1] in {"in", "of", "since", "until", "by", "from", "to", "through", "during"}


@rule(
    rf"(?:(?P<rel>last|this|next|this past|this coming) |{PART} ?)?(?P<mon>{MONTH})"
    r"(?:,? (?P<rel2>last|this|next) year)?",
    accept=_month_accept,
    triggers=MONTH_TRIGGERS,
    reach=60,
)
def month_alone(match: re.Match[str], context: Context) -> Result:
    month, mod = month_number(match["mon"]), part_mod(match)
    if context.anchor is None:
        return Result("DATE", f"XXXX-{month:02d}", mod)
    rel = (match["rel"] or "").lower()
    if match["rel2"]:
        year = _relative_year(match["rel2"], context) or context.anchor.year
    elif rel in ("last", "this past"):
        year = context.anchor.year if month < context.anchor.month else context.anchor.year - 1
    elif rel in ("next", "this coming"):
        year = context.anchor.year if month > context.anchor.month else context.anchor.year + 1
    elif rel == "this":
        year = context.anchor.year
    else:
        year = month_year(context.anchor, month, context.tense(match.start(), match.end()))
    return Result("DATE", month_value(year, month), mod, anchored=True)


def _year_accept(match: re.Match[str], text: str) -> bool:
    # "2020 people" is a count; a year is rarely followed by a plural noun.
    after = text[match.end() : match.end() + 12]
    return not re.match(r" (?:people|troops|workers|soldiers|men|women|children|jobs|employees|to \d|percent)", after)


@rule(
    rf"(?:{PART} ?|(?P<fiscal>fiscal|calendar|the year|the fiscal year|the calendar year|fiscal year) )?"
    rf"(?P<y>{YEAR})",
    accept=_year_accept,
    triggers="#4",
    reach=40,
)
def year(match: re.Match[str], context: Context) -> Result:
    return Result("DATE", match["y"], part_mod(match))


@rule(rf"(?:the year )?(?P<y>{SPOKEN_YEAR})", triggers="nineteen thousand")
def year_in_words(match: re.Match[str], context: Context) -> Result | None:
    if match["y"].lower().startswith("two") and not match.group(0).lower().startswith("the year"):
        return None
    return Result("DATE", str(spoken_year(match["y"])))


_DECADE_WORDS = "twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties"


@rule(
    rf"(?:the )?(?:{PART} ?)?(?:(?P<dec>(?:1[6-9]|20)\d)0'?s|'(?P<short>\d)0s|(?P<word>{_DECADE_WORDS}))",
    triggers="# " + _DECADE_WORDS.replace("|", " "),
    reach=40,
)
def decade(match: re.Match[str], context: Context) -> Result | None:
    if match["dec"]:
        value = match["dec"]
    elif match["short"]:
        value = "19" + match["short"]
    else:
        if not match.group(0).lower().startswith("the"):
            return None  # "in his forties" is an age
        value = "19" + str(_DECADE_WORDS.split("|").index(match["word"].lower()) + 2)
    return Result("DATE", value, part_mod(match))


@rule(r"(?:the )?(?P<n>\d{1,2})(?:st|nd|rd|th)[- ]century", triggers="century")
def century(match: re.Match[str], context: Context) -> Result:
    return Result("DATE", f"{int(match['n']) - 1:02d}")


# "the last half of 1989" is its second half.
_QUARTER_ORD = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 2}


@rule(
    r"(?:(?:the|this|that) )?(?:(?P<lead>(?P<ly>\d{4})|this year's|last year's|next year's|"
    r"year-ago|year-earlier|comparable|latest|flat|same|current|fiscal) ){0,2}(?:fiscal[- ])?"
    r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last(?=[- ]half of (?:fiscal )?\d{4}))"
    r"[- ](?P<unit>quarter|half)"
    r"(?: of (?:fiscal )?(?P<y>\d{4}|this year|last year|next year))?"
    r"|(?P<q>Q[1-4])(?: (?P<qy>\d{4}))?",
    triggers="quarter half q",
)
def quarter(match: re.Match[str], context: Context) -> Result | None:
    if match["q"]:
        number, unit = int(match["q"][1]), "quarter"
    else:
        number, unit = _QUARTER_ORD[match["ord"].lower()], match["unit"].lower()
    if unit == "half" and number > 2:
        return None
    letter = "Q" if unit == "quarter" else "H"
    explicit = match["ly"] or match["qy"] or (match["y"] if match["y"] and match["y"][0].isdigit() else None)
    if explicit:
        return Result("DATE", f"{explicit}-{letter}{number}")
    if context.anchor is None:
        return Result("DATE", f"XXXX-{letter}{number}")
    lead = (match["lead"] or match["y"] or "").lower()
    year = context.anchor.year
    if "last" in lead or "ago" in lead or "earlier" in lead:
        year -= 1
    elif "next" in lead:
        year += 1
    elif "this" not in lead and unit == "quarter" and number > quarter_of(context.anchor):
        year -= 1  # a quarter not yet begun is last year's: results are reported after the fact
    return Result("DATE", f"{year}-{letter}{number}", anchored=True)


@rule(
    r"(?:the|this|that|last|next) (?:(?P<y>\d{4}) )?(?:(?P<adj>latest|current|previous|past|recent|most recent|"
    r"comparable|year-ago|year-earlier|same|corresponding|fiscal|just-ended|just ended|final) ){0,2}(?:fiscal )?"
    r"(?P<unit>quarter|period)(?P<ago> (?:a year ago|last year|of last year|a year earlier))?",
    triggers="quarter period",
)
def quarter_relative(match: re.Match[str], context: Context) -> Result | None:
    words = match.group(0).lower().split()
    adj = " ".join(words[1:-1])
    back = any(word in adj for word in ("year-ago", "year-earlier", "comparable", "corresponding")) or match["ago"]
    if match["unit"].lower() == "period" and not back and "latest" not in adj and not match["y"]:
        return None
    if context.anchor is None:
        return Result("DATE", f"{match['y'] or 'XXXX'}-QX")
    if match["y"]:
        # "the 1988 quarter" compares the quarter just reported with the same quarter of that year.
        return Result("DATE", f"{match['y']}-Q{quarter_of(context.anchor) - 1 or 4}", anchored=True)
    current = quarter_of(context.anchor)
    if words[0] == "next":
        number = current + 1
    elif words[0] == "this" or adj == "current":
        number = current
    else:
        number = current - 1  # "the quarter" of an earnings report is the one just ended
    year = context.anchor.year - (1 if back else 0)
    return Result("DATE", quarter_value(year, number), anchored=True)


def _season_accept(match: re.Match[str], text: str) -> bool:
    # "prices fall" and "spring" the verb: a bare season word must be summer, winter or autumn.
    return bool(match["rel"] or match["y"] or match["part"]) or match["season"].lower() in (
        "summer",
        "winter",
        "autumn",
    )


@rule(
    rf"(?:(?P<rel>this past|this coming|the|this|last|next|that) )?(?:{PART} ?)?(?P<season>{SEASON})"
    rf"(?:(?: of)? (?P<y>{YEAR}|{SPOKEN_YEAR}))?",
    accept=_season_accept,
    triggers="spring summer fall autumn winter",
)
def season(match: re.Match[str], context: Context) -> Result:
    code, mod = SEASONS[match["season"].lower()], part_mod(match)
    if match["y"]:
        return Result("DATE", f"{year_of(match['y'])}-{code}", mod)
    if context.anchor is None:
        return Result("DATE", f"XXXX-{code}", mod)
    rel = (match["rel"] or "").lower()
    year = context.anchor.year + {"last": -1, "next": 1, "this coming": 1}.get(rel, 0)
    if rel == "this past" and {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code] > context.anchor.month:
        year -= 1
    if rel == "that" and context.reference_year:
        year = context.reference_year
    return Result("DATE", f"{year}-{code}", mod, anchored=True)


_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


@rule(
    r"(?:(?P<rel>last|next|this|this past|this coming|the previous|the following|the next|early|late|earlier|"
    rf"later) )?(?P<wd>{WEEKDAY})(?:,? (?P<pod>morning|afternoon|evening|night))?",
    triggers=WEEKDAY_TRIGGERS,
    reach=60,
)
def weekday(match: re.Match[str], context: Context) -> Result:
    number, rel = WEEKDAYS[match["wd"].lower()], (match["rel"] or "").lower()
    pod = _PARTS_OF_DAY.get((match["pod"] or "").lower(), "")
    kind = "TIME" if pod else "DATE"
    suffix = f"T{pod}" if pod else ""
    mod = {"early": "START", "late": "END"}.get(rel, "")
    if rel in ("the previous", "the following", "the next") and context.reference:
        direction = "last" if rel == "the previous" else "next"
        value = weekday_date(context.reference, number, direction).isoformat()
        return Result(kind, value + suffix, mod, anchored=not context.reference_from_text)
    if context.anchor is None:
        return Result(kind, f"XXXX-WXX-{number}{suffix}", mod)
    if rel in ("last", "this past"):
        direction = "last"
    elif rel in ("next", "this coming"):
        direction = "next"
    else:
        direction = "future" if context.tense(match.start(), match.end()) == "future" else "past"
    return Result(kind, weekday_date(context.anchor, number, direction).isoformat() + suffix, mod, anchored=True)


@rule(
    rf"(?P<wd>{WEEKDAY})s(?: (?P<pod>morning|afternoon|evening|night)s)?",
    triggers=" ".join(day + "s" for day in WEEKDAYS),
)
def weekly_day(match: re.Match[str], context: Context) -> Result:
    pod = _PARTS_OF_DAY.get((match["pod"] or "").lower(), "")
    return Result("SET", f"XXXX-WXX-{WEEKDAYS[match['wd'].lower()]}" + (f"T{pod}" if pod else ""))


__all__ = ["PART", "part_mod", "shift_month", "year_of"]
