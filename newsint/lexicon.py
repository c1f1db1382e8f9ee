"""Words shared by the grammar rules: English time expressions and the regex fragments built from them, and
the words of war that several packages read (what is fired, what fires it from the air).

Kept apart from the rules so that each word list is written once and read as a list, not buried in patterns.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
}  # fmt: skip
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI", "tonight": "NI",
}  # fmt: skip
ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    "thirtieth": 30,
}  # fmt: skip
UNITS_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS: dict[str, int] = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
#: What is fired: "fired missiles", "a barrage of rockets", "hit by artillery".
WEAPONS = frozenset(
    """missile missiles rocket rockets shell shells artillery mortar mortars drone drones bomb bombs grenade
    grenades salvo barrage projectile projectiles munitions round rounds cruise ballistic""".split()
)
#: What strikes from the air: "warplanes struck", "a drone hit".
AIRCRAFT = frozenset("airstrike airstrikes air warplane warplanes jets aircraft drone drones helicopter".split())
#: Quantities that name no number: "several years" is PXY.
VAGUE = {"a few", "few", "several", "some", "many", "recent", "the past few", "a number of"}
#: TIMEX3 unit letters; hours and smaller go after the T.
UNIT_CODES: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "month": "M", "year": "Y",
    "quarter": "Q", "decade": "DE", "century": "CE", "weekend": "WE",
}  # fmt: skip
TIME_UNITS = {"second", "minute", "hour"}


def _alternation(words: object) -> str:
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))  # type: ignore[attr-defined]


_ONE_TO_NINE = "one|two|three|four|five|six|seven|eight|nine"
NUMBER_WORD = rf"(?:(?:{_alternation(TENS_WORDS)})(?:[- ](?:{_ONE_TO_NINE}))?|{_alternation(UNITS_WORDS)}|hundred)"
#: A count in words or digits, or a vague quantity.
COUNT = (
    rf"(?:\d{{1,3}}(?:\.\d+)?(?: 1/2)?|{NUMBER_WORD}(?: and a half)?|a couple of|a few|a dozen|a|an|few|several|"
    r"a number of|many)"
)
UNIT = r"(?:second|minute|hour|day|week|month|year|quarter|decade|centur(?:y|ie))s?"
#: Month names are matched capitalised only, so "may" and "march" the words are left alone.
MONTH = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
_COMPOUND_ORDINAL = r"twenty-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty-first"
ORDINAL = rf"(?:{_alternation(ORDINALS)}|{_COMPOUND_ORDINAL})"
DAY_NUMBER = rf"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b|{ORDINAL}"
YEAR = r"(?:1[6-9]\d\d|20\d\d)(?![\d,.]\d|%)"
SPOKEN_YEAR = (
    rf"(?:nineteen[- ](?:hundred|(?:{_alternation(TENS_WORDS)})(?:[- ](?:{_ONE_TO_NINE}))?|"
    rf"{_alternation(UNITS_WORDS)})|two thousand(?:(?: and)? (?:{_alternation(UNITS_WORDS)}))?)"
)
#: Words before an expression that TimeML keeps inside it and turns into a `mod`.
APPROX_PREFIX = (
    r"(?:(?P<approx>about|around|approximately|roughly|nearly|almost|more than|less than|at least|at most|"
    r"up to|no more than|some) )?"
)
PREFIX_MODS: dict[str, str] = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "LESS_THAN", "almost": "LESS_THAN", "less than": "LESS_THAN", "more than": "MORE_THAN",
    "over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
    "no more than": "EQUAL_OR_LESS",
}  # fmt: skip


def number(text: str) -> int | float | None:
    """The value of a count in digits or words ("24", "twenty-four", "a", "2 1/2"); None when it is vague."""
    words = text.lower().replace("-", " ").split()
    if not words or " ".join(words) in VAGUE:
        return None
    half = 0.5 if text.endswith(("1/2", "and a half")) else 0.0
    if words[0][0].isdigit():
        return float(words[0]) + half if "." in words[0] or half else int(words[0])
    if words[:2] == ["a", "couple"]:
        return 2
    if words[:2] == ["a", "dozen"]:
        return 12
    if words[0] in ("a", "an"):
        return 1
    total = 0
    for word in words:
        if word in TENS_WORDS:
            total += TENS_WORDS[word]
        elif word in UNITS_WORDS:
            total += UNITS_WORDS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word in ("and", "a", "half"):
            continue
        else:
            return None
    return total + half if half else total


def spoken_year(text: str) -> int | None:
    """The year named in words: "nineteen ninety-six" is 1996, "two thousand" 2000."""
    words = text.lower().replace("-", " ").split()
    if words[:2] == ["two", "thousand"]:
        rest = [w for w in words[2:] if w != "and"]
        return 2000 + (UNITS_WORDS.get(rest[0], 0) if rest else 0)
    if words[0] == "nineteen":
        tail = " ".join(words[1:])
        return 1900 if tail == "hundred" else 1900 + int(number(tail) or 0)
    return None


def day_number(text: str) -> int:
    """The day of the month in "9", "9th", "ninth" or "twenty-first"."""
    text = text.lower()
    if text[0].isdigit():
        return int(re.sub(r"\D", "", text))
    if text.startswith(("twenty-", "thirty-")):
        tens, unit = text.split("-")
        return TENS_WORDS[tens] + ORDINALS[unit]
    return ORDINALS[text]


def month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def unit_name(text: str) -> str:
    """The singular unit word of "years", "centuries", "Hour"."""
    word = text.lower()
    if word.startswith("centur"):
        return "century"
    return word[:-1] if word.endswith("s") else word


# Trigger tokens for the grammar's prefilter (see `grammar.rule`): a rule runs only near one of them.
MONTH_TRIGGERS = " ".join(MONTHS)
WEEKDAY_TRIGGERS = " ".join(WEEKDAYS)
UNIT_TRIGGERS = (
    "second seconds minute minutes hour hours day days week weeks month months year years quarter quarters "
    "decade decades century centuries weekend weekends"
)
PART_OF_DAY_TRIGGERS = "morning afternoon evening night overnight"

# Verb forms, for word lists of verbs (cue verbs, event triggers): the parser has no lemmatizer.
_DOUBLED = frozenset("admit commit regret submit rebut omit permit sum plan hit stop rip slam".split())
_VOWELS = "aeiou"


def inflections(lemma: str) -> set[str]:
    """Regular third-person, past and -ing forms of a verb."""
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma in _DOUBLED:
        past, ing = lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"
    elif lemma.endswith("e"):
        past, ing = lemma + "d", (lemma + "ing" if lemma.endswith(("ee", "ye", "oe")) else lemma[:-1] + "ing")
    elif lemma.endswith("y") and lemma[-2] not in _VOWELS:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return {lemma, third, past, ing}
