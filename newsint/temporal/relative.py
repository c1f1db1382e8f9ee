"""Rules for expressions whose value depends on when they were said or on what the text said before.

"yesterday", "last month", "two days ago", "earlier this year", "the following day", and the spans and
repetitions that need no anchor at all: durations ("the past 24 hours", "six months") and sets ("weekly").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from newsint.lexicon import (
    APPROX_PREFIX,
    COUNT,
    MONTH,
    NUMBER_WORD,
    ORDINAL,
    PART_OF_DAY_TRIGGERS,
    PARTS_OF_DAY,
    TIME_UNITS,
    UNIT,
    UNIT_CODES,
    UNIT_TRIGGERS,
    WEEKDAY,
    WEEKDAYS,
    month_number,
    number,
    unit_name,
)
from newsint.temporal.dates import PART, part_mod
from newsint.temporal.grammar import Result, prefix_mod, rule
from newsint.temporal.normalize import Context, day_year, safe_date, shift_value, unknown_value, weekday_date

_DAY_WORDS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
# An amount before "a year" or "annually" makes it a rate ("$2 million a year", "four flights a week", "10,000
# units annually"), not a time: a number, then at most two words that are no preposition.
_RATE_BEFORE = re.compile(
    rf"(?:\d|\b(?:million|billion|percent|dozen|hundred|thousand|{NUMBER_WORD})|%)"
    r"(?:[ -](?!(?:for|in|within|over|than|of|after|before|by|to|at)\b)[a-z]+){0,2}\s$",
    re.IGNORECASE,
)
# ... unless what follows places it in time ("killed three people a day after the attack").
_RATE_AFTER = re.compile(r"\s+(?:after|before|later|earlier|ago)\b", re.IGNORECASE)
# "seven days a week", "24 hours a day": the first half of a rate measures nothing either.
_RATE_FOLLOWS = re.compile(r"\s+(?:a|an|per|each) (?:second|minute|hour|day|night|week|month|year)\b", re.IGNORECASE)
# "52 years old" is an age, a property of a person, not a time (as "a 52-year-old" is).
_AGE_AFTER = re.compile(r"\s+old\b", re.IGNORECASE)


def _is_rate(start: int, end: int, text: str) -> bool:
    """Whether the expression at [start, end) is the "a year" of a rate ("four flights a week")."""
    return bool(_RATE_BEFORE.search(text[max(0, start - 40) : start])) and not _RATE_AFTER.match(text, end)


@rule(
    r"(?:(?P<part>early|late|earlier|later) )?(?P<word>today|tonight|yesterday|tomorrow)"
    r"|the day (?P<around>before yesterday|after tomorrow)",
    triggers="today tonight yesterday tomorrow",
)
def day_word(match: re.Match[str], context: Context) -> Result:
    if match["around"]:
        offset = -2 if match["around"].startswith("before") else 2
    else:
        offset = _DAY_WORDS[match["word"].lower()]
    night = (match["word"] or "").lower() == "tonight"
    mod = {"early": "START", "late": "END"}.get((match["part"] or "").lower(), "")
    if context.anchor is None:
        return Result("TIME" if night else "DATE", "XXXX-XX-XX" + ("TNI" if night else ""), mod)
    value = (context.anchor + timedelta(days=offset)).isoformat()
    return Result("TIME" if night else "DATE", value + ("TNI" if night else ""), mod, anchored=True)


@rule(
    r"(?P<rel>this|last|yesterday|tomorrow|early this|late this|later this|earlier this|late last)"
    r" (?P<pod>morning|afternoon|evening|night)|(?P<over>overnight)"
    r"|(?:early |late |mid-?)?(?P<pod2>morning|afternoon|evening|night),? (?P<rel2>yesterday|today|tomorrow)",
    triggers=PART_OF_DAY_TRIGGERS,
)
def part_of_day(match: re.Match[str], context: Context) -> Result:
    rel = (match["rel"] or match["rel2"] or "").lower()
    pod = PARTS_OF_DAY[(match["pod"] or match["pod2"] or "overnight").lower()]
    if context.anchor is None:
        return Result("TIME", f"XXXX-XX-XXT{pod}")
    offset = -1 if rel in ("yesterday", "late last") or match["over"] else 1 if rel == "tomorrow" else 0
    if rel == "last":
        offset = -1
    return Result("TIME", f"{(context.anchor + timedelta(days=offset)).isoformat()}T{pod}", anchored=True)


_RELATIVE_UNIT = r"(?P<unit>week|month|year|weekend|decade|century|day)"


@rule(
    rf"(?:(?:{PART}|(?P<side>earlier|later|early|late)) )?(?P<rel>last|this|next|this past|this coming|the past|"
    r"the previous|the coming|the following|the next|the current|the same|that|the|past|coming|previous|"
    rf"current|following|the latest|the prior) {_RELATIVE_UNIT}",
    triggers="week month year weekend decade century day",
    reach=60,
)
def relative_unit(match: re.Match[str], context: Context) -> Result | None:
    rel, unit = match["rel"].lower(), match["unit"].lower()
    side = (match["side"] or "").lower()
    mod = part_mod(match) or {"early": "START", "earlier": "START", "late": "END"}.get(side, "")
    if rel in ("the past", "past") and unit not in ("day", "weekend"):
        return Result("DURATION", _duration_value(1, unit))  # "the past decade" is P10Y, as "a decade" is
    if unit == "day" and rel in ("this", "the", "next", "last", "past", "coming", "current", "the latest"):
        return None  # "the day" and "this day" are rarely a date of their own
    if rel in ("the following", "the next", "the previous", "the prior", "the same", "that", "following", "previous"):
        # These follow the story: the day after the one the text last named.
        base = context.reference
        if unit == "year" and context.reference_year is not None:
            base = date(context.reference_year, 7, 1)
        step = 1 if "follow" in rel or "next" in rel else -1 if "prev" in rel or "prior" in rel else 0
        if base is None:
            return Result("DATE", unknown_value(unit), mod)
        return Result("DATE", shift_value(base, unit, step), mod, anchored=not context.reference_from_text)
    after = context.text[match.end() : match.end() + 11].lower()
    if rel == "last" and unit == "year" and after.startswith(("'s quarter", "'s period")):
        quarter = context.quarter_before(match.start(), 1)
        if quarter:
            return Result("DATE", quarter, mod)
    if rel == "the" and unit == "year":
        before = context.text[max(0, match.start("rel") - 4) : match.start("rel")].lower()
        if before.endswith(("of ", "in ")) and context.reference_year is not None:
            # "the first nine months of the year", "earlier in the year": the current year as a date.
            return Result("DATE", str(context.reference_year), mod, anchored=not context.reference_from_text)
        return Result("DURATION", "P1Y")  # "sales for the year": the whole year as a span
    if context.anchor is None:
        return Result("DATE", unknown_value(unit), mod)
    step = -1 if rel in ("last", "this past", "previous") else 1 if rel in ("next", "the coming", "coming") else 0
    if unit == "weekend" and step == 0 and context.anchor.isoweekday() <= 3:
        step = -1  # early in the week, "the weekend" is the one just past
    return Result("DATE", shift_value(context.anchor, unit, step), mod, anchored=True)


@rule(
    rf"{APPROX_PREFIX}(?P<n>{COUNT}) (?P<unit>{UNIT})(?: or so)? (?P<dir>ago|earlier|later|before|after|"
    r"from now|hence|back|previously)",
    triggers=UNIT_TRIGGERS,
)
def offset(match: re.Match[str], context: Context) -> Result | None:
    direction, unit = match["dir"].lower(), unit_name(match["unit"])
    if direction in ("before", "after"):
        before = context.text[match.end() : match.end() + 3]
        if before.strip() and not before.startswith((".", ",", ";")):
            return None  # "two days before the vote" is a duration and a signal
    amount = number(match["n"])
    if direction == "later" and unit != "year":
        # TimeML tags "three days" in "three days later" as a duration and "later" as a signal.
        return None
    sign = 1 if direction in ("later", "after", "from now", "hence") else -1
    if amount is None and unit == "year" and direction == "ago" and context.anchor:
        # "a few years ago" is some year of the decade before: 199X.
        return Result("DATE", f"{(context.anchor.year - 3) // 10:03d}X", prefix_mod(match), anchored=True)
    if amount is None or isinstance(amount, float) or unit in TIME_UNITS:
        vague = "FUTURE_REF" if sign > 0 else "PAST_REF"
        return Result("DATE", vague, prefix_mod(match)) if amount is None else None
    on_anchor = direction in ("ago", "from now", "hence", "back")
    quarter = context.quarter_before(match.start(), amount) if unit == "year" and sign < 0 else None
    if quarter:
        return Result("DATE", quarter, prefix_mod(match))
    base = context.anchor if on_anchor else context.reference
    if base is None:
        return Result("DATE", unknown_value(unit), prefix_mod(match))
    anchored = on_anchor or not context.reference_from_text
    return Result("DATE", shift_value(base, unit, sign * amount), prefix_mod(match), anchored=anchored)


@rule(r"(?:a |the )?(?P<lead>year|month|week|day)-(?P<how>ago|earlier)", triggers="ago earlier")
def unit_ago(match: re.Match[str], context: Context) -> Result:
    unit = match["lead"].lower()
    quarter = context.quarter_before(match.start(), 1) if unit == "year" else None
    if quarter:
        return Result("DATE", quarter)
    if context.anchor is None:
        return Result("DATE", unknown_value(unit))
    return Result("DATE", shift_value(context.anchor, unit, -1), anchored=True)


def _duration_value(amount: int | float | None, unit: str) -> str:
    code = UNIT_CODES[unit]
    if unit == "decade":
        code, amount = "Y", None if amount is None else amount * 10
    elif unit == "century":
        code, amount = "Y", None if amount is None else amount * 100
    elif unit == "weekend":
        code = "D"
    lead = "PT" if unit in TIME_UNITS else "P"
    if amount is None:
        return f"{lead}X{code}"
    if isinstance(amount, float):
        if amount.is_integer():
            amount = int(amount)
        elif unit == "year" and (amount * 12).is_integer():
            return f"P{int(amount)}Y{int(amount * 12) % 12}M"
        elif unit == "hour" and (amount * 60).is_integer():
            return f"PT{int(amount)}H{int(amount * 60) % 60}M"
    return f"{lead}{amount}{code}"


# "a second" is a span of time only where time follows ("a second later", "a second or two") or where nothing
# follows it after a word that measures time ("for a second.", "wait a second"); otherwise it is an ordinal.
_SECOND_AFTER = re.compile(
    r"\s*(?:(?:later|earlier|ago|before|after|too|apart|longer|sooner|each|per|or (?:two|so)|and a half|"
    r"faster|slower)\b|(?P<end>[^\w\s]|$))",
    re.IGNORECASE,
)
_SECOND_BEFORE = re.compile(
    r"\b(?:for|in|within|than|wait|just|only|about|almost|nearly|under|over|take|takes|took|taking|last|lasts|"
    r"lasted|split|half|every|per)\s$",
    re.IGNORECASE,
)


def _second_is_time(match: re.Match[str], text: str) -> bool:
    after = _SECOND_AFTER.match(text, match.end())
    if after is None:
        return False
    if not after["end"]:
        return True
    return bool(_SECOND_BEFORE.search(text[max(0, match.start() - 12) : match.start()]))


@rule(
    rf"{APPROX_PREFIX}(?:(?P<det>the (?:past|last|next|first|previous|coming|following|final|latest|remaining|"
    rf"same|entire|full|whole|initial)|the|(?:past|last|next|first|another|an additional|an extra|additional|"
    rf"previous|coming) ))?\s?(?P<n>{COUNT})(?: more| additional| full| straight| consecutive| trading| business|"
    rf" calendar| long)? (?P<unit>{UNIT})(?: or so)?",
    triggers=UNIT_TRIGGERS,
)
def duration(match: re.Match[str], context: Context) -> Result | None:
    count = match["n"].lower()
    if count in ("a", "an") and match["unit"].lower() == "second" and not _second_is_time(match, context.text):
        return None  # "a second convoy", "a second time": an ordinal, not one second
    if count in ("a", "an") and not match["det"] and not match["approx"]:
        # "a year" alone is a duration, but "a day" in "twice a day" is part of a set.
        before = context.text[max(0, match.start() - 8) : match.start()].lower()
        if re.search(r"(?:times|twice|once)\s$", before):
            return None
        if _is_rate(match.start("n"), match.end(), context.text):
            return None  # "$2 million a year" is a rate, not a span of time
    if not match["det"] and (
        _AGE_AFTER.match(context.text, match.end()) or _RATE_FOLLOWS.match(context.text, match.end())
    ):
        return None  # "52 years old" is an age; "24 hours a day" is a rate
    amount = number(match["n"])
    det = (match["det"] or "").lower()
    if amount is None and det in ("the past", "the last") and count != "few":
        return None  # "the past several quarters" points at the recent past (PAST_REF), it measures nothing
    return Result("DURATION", _duration_value(amount, unit_name(match["unit"])), prefix_mod(match))


@rule(
    r"(?P<n>\d+|[a-z]+|half)-(?P<unit>second|minute|hour|day|week|month|year|decade)(?P<old>-old|-long)?",
    triggers=UNIT_TRIGGERS,
)
def adjectival_duration(match: re.Match[str], context: Context) -> Result | None:
    if (match["old"] or "").lower() == "-old":
        return None  # an age ("a 6-year-old boy") describes a person, not a time
    amount = 0.5 if match["n"].lower() == "half" else number(match["n"])
    if amount is None or match["n"].lower() in ("a", "an", "few", "many", "several", "some"):
        return None
    return Result("DURATION", _duration_value(amount, match["unit"].lower()))


@rule(
    r"(?P<adj>recent|coming|the coming|the past|past|the last|the next|next|the early|the final|the remaining"
    r"|the ensuing|the intervening|previous|the previous|future)(?P<few> few| several| many)? "
    r"(?P<unit>(?:second|minute|hour|day|week|month|quarter|year|decade|centurie)s)"
    r"|(?:(?<=\bfor )|(?<=\bwithin ))(?P<bare>(?:second|minute|hour|day|week|month|year|decade|centurie)s)"
    # "in years" ends a phrase ("the first time in years."); "in years past" and "in days when" are no span
    r"|(?<=\bin )(?P<bare_in>(?:second|minute|hour|day|week|month|year|decade|centurie)s)(?=[^\w\s]|\s+(?:or|and)\b)",
    triggers=UNIT_TRIGGERS,
)
def vague_duration(match: re.Match[str], context: Context) -> Result:
    unit = unit_name(match["unit"] or match["bare"] or match["bare_in"])
    adj = (match["adj"] or "").lower()
    few = (match["few"] or "").strip()
    # "in recent years" points at the past; "the past few weeks" measures a span.
    if adj in ("recent", "past", "previous") or (adj == "the last" and few) or (adj == "the past" and few != "few"):
        return Result("DATE", "PAST_REF")
    if adj in ("coming", "future"):
        return Result("DATE", "FUTURE_REF")
    return Result("DURATION", _duration_value(None, unit))


_REFS = {
    "PRESENT_REF": "now|right now|just now|currently|at present|presently|nowadays|these days|the present|"
    "the time being",
    "PAST_REF": "recently|lately|the past|previously|formerly|in the past|earlier|once|the time",
    "FUTURE_REF": "soon|the future|the near future|the near term|the short term|the long term|a later date|"
    "future|shortly|eventually|later",
}
_REF_OF = {word: value for value, words in _REFS.items() for word in words.split("|")}
# Bare "earlier", "later", "once" and "the time" are too often not expressions of their own.
# "previously" and "soon" are tagged by annotators less often than not; measured on TimeBank.
_WEAK_REFS = {"earlier", "later", "once", "the time", "future", "eventually", "in the past", "previously", "soon"}


# "current" and "recent" before a noun place it in time ("the current weakness", "recent declines"), unless
# a unit follows, which the duration rules take ("recent weeks", "the current quarter").
@rule(
    r"(?-i:current|recent)(?= (?!(?:fiscal |calendar )?(?:second|minute|hour|day|week|month|quarter|year|decade|"
    r"period|half|session|term)s?\b)[a-z])",
    triggers="current recent",
)
def adjective_reference(match: re.Match[str], context: Context) -> Result:
    return Result("DATE", "PRESENT_REF" if match.group(0) == "current" else "PAST_REF")


def _reference_accept(match: re.Match[str], text: str) -> bool:
    # "shortly after the bombing" and "until now" qualify another expression; they are not one themselves.
    after = text[match.end() : match.end() + 8].lower()
    if match.group(0) == "Now":
        return False  # "Now, he says, ...": opening a sentence it turns the argument, it seldom dates anything
    return not (match.group(0).lower() == "shortly" and after.startswith((" before", " after")))


_STRONG_REFS = sorted((w for w in _REF_OF if w not in _WEAK_REFS), key=len, reverse=True)


@rule("|".join(_STRONG_REFS), accept=_reference_accept, triggers=" ".join(w.split()[-1] for w in _STRONG_REFS))
def reference_word(match: re.Match[str], context: Context) -> Result:
    return Result("DATE", _REF_OF[match.group(0).lower()])


_FREQUENCIES = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W",
    "monthly": "P1M", "quarterly": "P3M", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y",
}  # fmt: skip


_NEWSPAPER_AFTER = re.compile(
    r"\s+(?:(?-i:[A-Z])|(?:said|says|reported|reports|quoted|carried|wrote)\b)", re.IGNORECASE
)


# "quarterly" is left out: in news it qualifies results and dividends far more often than it repeats.
def _frequency_accept(match: re.Match[str], text: str) -> bool:
    # "rise 8.5% annually" and "$2 million annually" state a rate, as "$2 million a year" does, not a recurrence.
    word = match.group(0).lower()
    if word == "annually" and _is_rate(match.start(), match.end(), text):
        return False
    # "the Communist Party daily Granma", "the daily said": a newspaper, not a recurrence
    return not (word == "daily" and _NEWSPAPER_AFTER.match(text, match.end()))


@rule(
    r"(?-i:hourly|daily|nightly|weekly|biweekly|fortnightly|monthly|yearly|annually)",
    accept=_frequency_accept,
    triggers=" ".join(_FREQUENCIES),
)
def frequency(match: re.Match[str], context: Context) -> Result:
    return Result("SET", _FREQUENCIES[match.group(0).lower()])


# "a day" and "per week" are a set only after "once", "twice" or "N times"; "every" and "each" need nothing.
@rule(
    rf"(?:(?:once|twice|(?P<times>{COUNT}) times) (?:every|each|per|a|an)|every|each) (?P<other>other |second )?"
    rf"(?:(?P<unit>"
    rf"second|minute|hour|day|week|month|year|quarter|decade)|(?P<pod>morning|afternoon|evening|night)|"
    rf"(?P<wd>{WEEKDAY})|(?P<mon>{MONTH}))",
    triggers="every each once twice times",
)
def every(match: re.Match[str], context: Context) -> Result | None:
    step = 2 if match["other"] else 1
    if match["unit"]:
        return Result("SET", _duration_value(step, match["unit"].lower()))
    if match["pod"]:
        return Result("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[match['pod'].lower()]}")
    if match["wd"]:
        return Result("SET", f"XXXX-WXX-{WEEKDAYS[match['wd'].lower()]}")
    return Result("SET", f"XXXX-{month_number(match['mon']):02d}")


_CLOCK = (
    r"(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s?(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)|(?P<word>noon|midnight|midday)"
)
_ZONE = r"(?: (?P<tz>GMT|UTC|EST|EDT|CST|CDT|PST|PDT|BST|CET|CEST|local time|ET))?"
_CLOCK_DAY = rf"(?:,? (?:on )?(?:(?P<day>{WEEKDAY}|today|yesterday|tomorrow)|(?P<mon>{MONTH}) (?P<dd>[0-3]?\d)\b))?"


@rule(
    rf"{APPROX_PREFIX}(?:{_CLOCK}|(?P<h24>[01]\d|2[0-3]):(?P<m24>[0-5]\d)(?= [A-Z]{{2,4}}\b)){_ZONE}{_CLOCK_DAY}",
    triggers="# noon midnight midday",
    reach=70,
)
def clock_time(match: re.Match[str], context: Context) -> Result:
    if match["h24"]:
        hour, minute = int(match["h24"]), int(match["m24"])
    elif match["word"]:
        hour, minute = (24 if match["word"].lower() == "midnight" else 12), 0
    else:
        hour, minute = int(match["h"]) % 12, int(match["mi"] or 0)
        hour += 12 if match["ampm"].lower().startswith("p") else 0
    clock = f"T{hour:02d}:{minute:02d}"
    day_word = (match["day"] or "").lower()
    if context.anchor is None:
        day_part = f"XXXX-WXX-{WEEKDAYS[day_word]}" if day_word in WEEKDAYS else "XXXX-XX-XX"
        return Result("TIME", day_part + clock, prefix_mod(match))
    if match["mon"]:
        month, number_of_day = month_number(match["mon"]), int(match["dd"])
        found = safe_date(
            day_year(context.anchor, month, number_of_day, "") if context.anchor else 0, month, number_of_day
        )
        day_text = found.isoformat() if found else "XXXX-XX-XX"
        return Result("TIME", day_text + clock, prefix_mod(match), anchored=True)
    if day_word in WEEKDAYS:
        future = context.tense(match.start(), match.end()) == "future"
        day = weekday_date(context.anchor, WEEKDAYS[day_word], "future" if future else "past")
    else:
        day = context.anchor + timedelta(days=_DAY_WORDS.get(day_word, 0))
    return Result("TIME", day.isoformat() + clock, prefix_mod(match), anchored=True)


@rule(
    rf"the (?:(?:{ORDINAL}|\d+(?:st|nd|rd|th)) )?anniversary(?: of (?:(?:the|its|his|her|their|this|that) )?[\w'’-]+)?",
    triggers="anniversary",
)
def anniversary(match: re.Match[str], context: Context) -> Result:
    """An anniversary names a date the text does not give; it is kept, with the value left open."""
    return Result("DATE", "XXXX-XX-XX")


@rule(
    r"(?P<side>the end|the beginning|the start|the middle|the close|the turn) of (?P<rel>the|this|last|next) "
    r"(?P<unit>year|month|week|quarter|decade|century)|(?P<ye>year-end|year's end|year end|mid-year|midyear)",
    triggers="year month week quarter decade century midyear",
)
def part_of_period(match: re.Match[str], context: Context) -> Result:
    if match["ye"]:
        unit, step, side = "year", 0, "mid" if "mid" in match["ye"].lower() else "end"
    else:
        unit, side = match["unit"].lower(), match["side"].lower()
        step = {"last": -1, "next": 1}.get(match["rel"].lower(), 0)
    mod = "MID" if "mid" in side else "END" if "end" in side or "close" in side else "START"
    if context.anchor is None:
        return Result("DATE", unknown_value(unit), mod)
    return Result("DATE", shift_value(context.anchor, unit, step), mod, anchored=True)
