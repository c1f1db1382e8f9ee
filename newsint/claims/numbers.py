"""Numbers written in news text — digits, words, vague amounts, ranges, ratios and rates — read without a parser.

`find_figures` gives each number with its hedge, unit and denominator as a `Figure` whose `what` is left for
`newsint.claims.figures`, which reads the counted noun from the parse. Vague amounts get no `value` but bounds:
"a few" is 2–5, "several" 3–9, "dozens" 24–99, "hundreds" 200–999, "thousands" 2,000–9,999 (a plural scale
word S is read as 2×S up to the next power of ten), and "hundreds of millions" multiplies them out
(200,000,000–999,999,999). A share ("half of", "two-thirds of") is a percentage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import takewhile

from newsint.lexicon import MONTHS, TENS_WORDS, UNITS_WORDS, unit_name
from newsint.model import Figure

_TOKEN = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|[A-Za-z]+(?:['’][A-Za-z]+)?(?:-[A-Za-z]+)*|\S")
_SMALL: dict[str, float] = {"zero": 0, **UNITS_WORDS, **TENS_WORDS}
_SMALL |= {f"{tens}-{unit}": _SMALL[tens] + _SMALL[unit] for tens in TENS_WORDS for unit in list(UNITS_WORDS)[:9]}
_SCALES: dict[str, float] = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_MULTIPLIERS: dict[str, float] = {**_SCALES, "dozen": 12}
# Attached to digits; "m" and "k" only scale money ("$20m"), elsewhere "20m" is metres.
_SUFFIX_SCALES: dict[str, float] = {"bn": 1e9, "tn": 1e12, "trn": 1e12, "mn": 1e6, "m": 1e6, "k": 1e3}
_PLURALS: dict[str, tuple[float, float]] = {
    "tens": (20, 99), "scores": (40, 99), "dozens": (24, 99), "hundreds": (200, 999),
    "thousands": (2e3, 9999), "millions": (2e6, 1e7 - 1), "billions": (2e9, 1e10 - 1),
}  # fmt: skip
_PLURAL_SCALES: dict[str, float] = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_FEW: dict[tuple[str, ...], tuple[float, float]] = {
    ("a", "few"): (2, 5), ("several",): (3, 9), ("a", "handful", "of"): (3, 5), ("a", "couple", "of"): (2, 2),
}  # fmt: skip
_FRACTIONS: dict[str, float] = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}
_QUALIFIERS = sorted(
    (tuple(q.split()) for q in "at least|at most|up to|as many as|as much as|as few as|no fewer than|no more than|"
     "no less than|more than|fewer than|less than|over|under|nearly|almost|around|about|approximately|roughly|some|"
     "an estimated|estimated|close to|upwards of|in excess of|just over|just under|well over|between|within"
     .split("|")),
    key=len, reverse=True,
)  # fmt: skip
# The qualifiers by first word, longest first: most tokens start none, and are passed over at one look-up.
_QUALIFIERS_BY_FIRST = {first: [q for q in _QUALIFIERS if q[0] == first] for first in {q[0] for q in _QUALIFIERS}}
_SYMBOLS: dict[str, str] = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
_CODES = {"usd", "eur", "gbp", "uah", "rub", "cny", "jpy", "inr", "cad", "aud", "chf"}
_CURRENCIES: dict[str, str] = {
    "dollar": "USD", "euro": "EUR", "hryvnia": "UAH", "hryvna": "UAH", "hryvnya": "UAH", "rouble": "RUB",
    "ruble": "RUB", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "rupee": "INR", "sterling": "GBP",
}  # fmt: skip
# Two-word units, singular and plural: "US dollars", "per cent", "square kilometres".
_PAIRS: dict[tuple[str, ...], str] = {
    (first, second + plural): unit
    for first, second, unit in (
        ("us", "dollar", "USD"), ("american", "dollar", "USD"), ("canadian", "dollar", "CAD"),
        ("australian", "dollar", "AUD"), ("pounds", "sterling", "GBP"), ("per", "cent", "%"),
        ("percentage", "point", "pp"), ("square", "kilometre", "km2"), ("square", "kilometer", "km2"),
        ("sq", "km", "km2"), ("square", "mile", "mi2"),
    )
    for plural in ("", "s")
}  # fmt: skip
_MEASURES: dict[str, str] = {
    "km": "km", "kilometre": "km", "kilometer": "km", "mile": "mi", "metre": "m", "meter": "m", "m": "m",
    "cm": "cm", "mm": "mm", "kg": "kg", "kilogram": "kg", "kilo": "kg", "tonne": "t", "ton": "t",
    "litre": "l", "liter": "l", "barrel": "bbl", "bpd": "bbl/day", "hectare": "ha", "acre": "acre",
    "mph": "mph", "kph": "km/h", "mw": "MW", "megawatt": "MW", "gw": "GW", "gigawatt": "GW", "ft": "ft",
    "foot": "ft", "feet": "ft", "km2": "km2",
}  # fmt: skip
_MONEY = set(_SYMBOLS.values()) | set(_CURRENCIES.values()) | {"AUD", "CAD"}
_UNIT_KINDS: dict[str, str] = {
    **dict.fromkeys(("km", "mi", "m", "cm", "mm", "ft"), "distance"),
    **dict.fromkeys(("km2", "mi2", "ha", "acre"), "area"), "%": "share", "pp": "share",
}  # fmt: skip
_TIME_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "fortnight"}
# A number right after one of these is a label, not an amount ("Section 3", "No. 10", "Resolution 2231").
_LABELS = set(
    "page pages p pp section sections article articles chapter paragraph clause level no nos number resolution "
    "route flight room platform gate phase version act amendment season episode vol volume part item rule "
    "line channel type model mark mk category class grade tier block building highway road unit figure table "
    "exit terminal hall ward district precinct".split()
)
_CLOCK = {"am", "pm", "gmt", "bst", "cet", "cest", "utc", "est", "edt", "pst", "msk", "hrs", "o'clock"}
_OPENERS = set(_SYMBOLS) | {"(", "[", '"', "'", "“", "‘", "~", "+", "—"}
# Words after a year, a bare "a few" or "several" that show no counted noun follows.
_FUNCTION = set(
    "the a an and or but of in on at to for from by with as is was were are be been has had have it its this "
    "that these those he she they we i his her their our when while after before since until if than so not "
    "more other others times ago".split()
)
_ONE_BEFORE = {"this", "that", "the", "no", "any", "every", "each", "which", "another", "someone", "anyone"}
_RATE = re.compile(
    r"\b(?:(?:per|a|an|each|every)\s+(?:single\s+)?|in\s+(?:just\s+|only\s+|under\s+)?(?:(?:a\s+single|a|an|one)\s+"
    r"|(?P<count>\d+|" + "|".join(UNITS_WORDS) + r")\s+))(?P<unit>" + "|".join(sorted(_TIME_UNITS)) + r")s?\b"
    r"(?!\s+(?:ago|earlier|later|before|after|of\b|or\s+(?:so|two|more)\b|and\s+a\s+half))",
    re.IGNORECASE,
)
_FOR_EVERY = re.compile(r"\bfor\s+(?:every|each)\s+(?:(?P<count>\d[\d,]*|one|two|three|four|five|ten)\s+)?", re.I)
_PER_WHAT_STOP = set("in on at by during from of to with since and or but that which who as after before".split())
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|,\s|\s[–—-]\s|\n")


@dataclass(slots=True)
class _Tok:
    start: int
    end: int
    text: str
    low: str


@dataclass(slots=True)
class _Num:
    """A number read from tokens `begin`..`end` (exclusive): exact `value`, or `low`..`high` when vague."""

    begin: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    vague: str = ""
    scale: float = 1.0
    unit: str = ""
    per: float | None = None
    per_what: str = ""


def parse_number(text: str) -> float | None:
    """The value of one number written alone ("20,000", "3.2bn", "twenty-one", "a dozen", "1.2 million").

    Returns None for text that is not a single exact number (vague amounts, ordinals, words).
    """
    tokens = _tokens(text)
    num = _quantity(tokens, 0) if tokens else None
    if num is None or num.end != len(tokens) or num.value is None or num.vague:
        return None
    return round(num.value / 100, 4) if num.unit == "%" and tokens[-1].low.split("-")[-1] in _FRACTIONS else num.value


def find_figures(text: str) -> list[Figure]:
    """Every amount in `text`, in order, with qualifier, unit, range and rate; `what` and `claim` left empty."""
    tokens = _tokens(text)
    readings: list[_Num] = []
    i = 0
    while i < len(tokens):
        num = _quantity(tokens, i)
        readings += [num] if num else []
        i = num.end if num else i + 1
    figures: list[Figure] = []
    tails: list[tuple[int, int]] = []
    starts = [tokens[num.begin].start for num in readings]
    for index, num in enumerate(readings):
        start, end = starts[index], tokens[num.end - 1].end
        tail = _tail(text, num, end, starts[index + 1 :]) if num.per is None else None
        tails += [tail] if tail else []
        amount = (start, end, text[start:end], num.value, num.low, num.high, num.vague, num.unit)
        figures.append(Figure(*amount, per=num.per, per_what=num.per_what))
    return [f for f in figures if not any(a <= f.start and f.end <= b for a, b in tails)]


def _tokens(text: str) -> list[_Tok]:
    return [_Tok(m.start(), m.end(), m.group(), m.group().lower()) for m in _TOKEN.finditer(text)]


def _phrase(tokens: list[_Tok], i: int, words: tuple[str, ...]) -> bool:
    return tuple(t.low for t in tokens[i : i + len(words)]) == words


def _quantity(tokens: list[_Tok], i: int) -> _Num | None:
    """The amount starting at token `i`: qualifier, currency, number, unit, then a range or a ratio."""
    starting = _QUALIFIERS_BY_FIRST.get(tokens[i].low, ())
    qualifier = next((q for q in starting if _phrase(tokens, i, q)), ())
    j = i + len(qualifier)
    unit, j = _currency_before(tokens, j)
    first = _number(tokens, j, bool(unit), labelled=not qualifier and not unit)
    if first is None:
        return None
    first.unit, first.end = _unit_after(tokens, first.end, first.unit or unit, bool(first.vague))
    first.begin, between = i, qualifier == ("between",)
    if not _range(tokens, first, between) and between:
        return None
    if first.low is None and first.per is None:
        _ratio(tokens, first)
    first.vague = " ".join(qualifier) if qualifier else first.vague
    return first


def _range(tokens: list[_Tok], first: _Num, between: bool) -> bool:
    """Extend `first` over "and 30,000" after "between", "to 30,000", "–30,000", "or three", or "to one" (a ratio)."""
    k = first.end
    connector = tokens[k].low if k < len(tokens) else ""
    if first.value is None or not (connector == "and" if between else connector in ("to", "–", "—", "-", "or")):
        return False
    if first.begin > 0 and tokens[first.begin - 1].low == "from":
        return False  # "from 5 to 10" is a change, two figures
    unit, m = _currency_before(tokens, k + 1)
    second = _number(tokens, m, bool(unit or first.unit), labelled=False)
    if second is None or second.value is None:
        return False
    second.unit, end = _unit_after(tokens, second.end, second.unit or unit, False)
    if connector == "to" and second.value == 1 and first.value > 1 and not (first.unit or second.unit):
        first.per, first.end = 1.0, end
        return True
    low = first.value * second.scale if first.scale == 1 < second.scale and first.value < 1000 else first.value
    if low >= second.value:
        return False
    first.low, first.high, first.value, first.end = low, second.value, None, end
    first.unit = first.unit or second.unit
    return True


def _ratio(tokens: list[_Tok], num: _Num) -> None:
    """Read "5:1", "one in three" and "three out of four" after an exact number; "20 in two days" is a rate."""
    k = num.end
    if num.value is None or num.unit or k >= len(tokens):
        return
    if tokens[k].text == ":" and k + 1 < len(tokens) and tokens[k + 1].text.isdecimal():
        num.per, num.end = float(tokens[k + 1].text), k + 2
        return
    skip = 1 if tokens[k].low == "in" else 2 if _phrase(tokens, k, ("out", "of")) else 0
    denominator = _number(tokens, k + skip, False, labelled=False) if skip else None
    if denominator is None or denominator.value is None or denominator.unit or denominator.value <= num.value:
        return
    after = tokens[denominator.end].low if denominator.end < len(tokens) else ""
    if unit_name(after) not in _TIME_UNITS:
        num.per, num.end = denominator.value, denominator.end


def _currency_before(tokens: list[_Tok], i: int) -> tuple[str, int]:
    if i < len(tokens) and tokens[i].text in _SYMBOLS:
        return _SYMBOLS[tokens[i].text], i + 1
    if i + 1 < len(tokens) and tokens[i].low in ("us", "a", "c") and tokens[i + 1].text == "$":
        return {"us": "USD", "a": "AUD", "c": "CAD"}[tokens[i].low], i + 2
    return "", i


def _unit_after(tokens: list[_Tok], i: int, unit: str, vague: bool) -> tuple[str, int]:
    """The unit after a number ("%", "per cent", "euros", "of dollars" after a vague amount, "km")."""
    if i >= len(tokens):
        return unit, i
    if vague and tokens[i].low == "of":
        found, j = _unit_after(tokens, i + 1, "", False)
        return (found, j) if found and found not in ("%", "pp") else (unit, i)
    word = tokens[i].low
    pair = next((words for words in _PAIRS if _phrase(tokens, i, words)), None)
    if pair is not None:
        return _PAIRS[pair], i + 2
    if word in ("%", "percent"):
        return "%", i + 1
    if word in _CODES and tokens[i].text.isupper():
        return tokens[i].text, i + 1
    single = word[:-1] if word.endswith("s") and word[:-1] in _CURRENCIES | _MEASURES else word
    if single in _CURRENCIES and not unit:
        return _CURRENCIES[single], i + 1
    if single in _MEASURES and not unit and (single != "m" or tokens[i - 1].end == tokens[i].start):
        return _MEASURES[single], i + 1
    return unit, i


def _blocked(tokens: list[_Tok], i: int) -> bool:
    """A number glued to letters or a label ("Su-25", "G7", "page 5", "February 22") names, not counts."""
    if i > 0 and tokens[i - 1].end == tokens[i].start and tokens[i - 1].text not in _OPENERS:
        return True
    before = tokens[i - 2] if i > 1 and tokens[i - 1].text in ".#" else tokens[i - 1] if i > 0 else None
    if before is not None and (before.low in _LABELS or (before.low in MONTHS and before.text[0].isupper())):
        return True
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return after is not None and after.low in MONTHS and after.text[0].isupper() and tokens[i].text.isdecimal()


def _number(tokens: list[_Tok], i: int, money: bool, labelled: bool) -> _Num | None:
    """The number at token `i` in digits or words, with its scale; None when there is none."""
    if i >= len(tokens) or (labelled and _blocked(tokens, i)):
        return None
    if tokens[i].text[0].isdecimal():
        return _digits(tokens, i, money)
    num = _vague(tokens, i) or _fraction(tokens, i) or _words(tokens, i)
    if num is None or num.vague or num.unit or num.per is not None or num.value != 1 or num.end - num.begin > 1:
        return num
    following = tokens[num.end].low if num.end < len(tokens) else ""
    if (i > 0 and tokens[i - 1].low in _ONE_BEFORE) or following in ("of", "another", "'s", "’s"):
        return None
    return num


def _digits(tokens: list[_Tok], i: int, money: bool) -> _Num | None:
    tok = tokens[i]
    num = _Num(i, i + 1, float(tok.text.replace(",", "")))
    nxt = tokens[i + 1] if i + 1 < len(tokens) else _Tok(tok.end, tok.end, "", "")
    glued = nxt.start == tok.end and bool(nxt.text)
    if glued and nxt.low.isalpha():
        if nxt.low in _SUFFIX_SCALES and (money or nxt.low not in ("m", "k")):
            num.value, num.scale, num.end = (num.value or 0) * _SUFFIX_SCALES[nxt.low], _SUFFIX_SCALES[nxt.low], i + 2
        elif nxt.low in _MEASURES:
            num.unit, num.end = _MEASURES[nxt.low], i + 2
        else:
            return None  # ordinals, decades, identifiers: "3rd", "1990s", "4x4"
    elif glued and (nxt.text == "/" or (nxt.text == ":" and i + 2 < len(tokens) and len(tokens[i + 2].text) == 2)):
        return None  # a clock time ("10:30"), "24/7", "22/02"
    elif glued and nxt.text == "-" and i + 2 < len(tokens) and tokens[i + 2].low[:1].isalpha():
        duration = unit_name(tokens[i + 2].low.split("-")[0])
        if duration in _TIME_UNITS:
            if tokens[i + 2].low.endswith("-old") or not _before_noun(tokens, i + 3):
                return None  # "a 3-year-old boy", "for 24-hours": an age, or no noun to qualify
            num.unit, num.end = duration, i + 3  # "a 20-year agreement": a duration that qualifies a noun
        if tokens[i + 2].low in _MEASURES:
            num.unit, num.end = _MEASURES[tokens[i + 2].low], i + 3
    following = tokens[num.end].low if num.end < len(tokens) else ""
    if following in _CLOCK or (following in ("a", "p") and _phrase(tokens, num.end + 1, (".", "m"))):
        return None
    _scale(tokens, num)
    year = num.scale == 1 and not num.unit and not money and tok.text.isdecimal() and 1900 <= (num.value or 0) <= 2100
    following = tokens[num.end].text if num.end < len(tokens) else ""
    if year and (i > 0 or following) and (following in _FUNCTION or not (following.isalpha() and following.islower())):
        return None  # a year, unless a counted noun follows: "2000 people"
    return num


def _scale(tokens: list[_Tok], num: _Num) -> None:
    """Multiply by the scale words that follow: "1.2 million", "two dozen", "several hundred thousand"."""
    while num.end < len(tokens) and tokens[num.end].low in _MULTIPLIERS and num.scale < 1e3:
        factor = _MULTIPLIERS[tokens[num.end].low]
        num.value, num.low, num.high = (None if x is None else x * factor for x in (num.value, num.low, num.high))
        num.scale, num.end = num.scale * factor, num.end + 1


def _vague(tokens: list[_Tok], i: int) -> _Num | None:
    """ "a few dozen", "several", "hundreds of millions", "tens of thousands"."""
    few = next((p for p in _FEW if _phrase(tokens, i, p)), None)
    if few is not None:
        low, high = _FEW[few]
        num = _Num(i, i + len(few), None, float(low), float(high), " ".join(w for w in few if w != "of"))
        _scale(tokens, num)
        following = tokens[num.end].low if num.end < len(tokens) else ""
        bare = num.scale == 1 and few[-1] != "of"
        return None if bare and (following in _FUNCTION or not following.isalpha()) else num
    word = tokens[i].low
    if word not in _PLURALS:
        return None
    low, high = _PLURALS[word]
    num = _Num(i, i + 1, None, float(low), float(high), word)
    while _phrase(tokens, num.end, ("of",)) and num.end + 1 < len(tokens):
        scale = _PLURAL_SCALES.get(tokens[num.end + 1].low)
        if scale is None:
            break
        num.low, num.high, num.end = (num.low or 0) * scale, ((num.high or 0) + 1) * scale - 1, num.end + 2
    followed = num.end < len(tokens) and tokens[num.end].low == "of"
    return num if num.end > i + 1 or followed or word not in ("tens", "scores") else None


def _fraction(tokens: list[_Tok], i: int) -> _Num | None:
    """A share: "half of", "two-thirds of", "a quarter of" (as a percentage), or "half a million"."""
    parts = tokens[i].low.split("-")
    j = i + 1
    if len(parts) == 1 and parts[0] in ("a", "one", *UNITS_WORDS) and j < len(tokens):
        parts, j = [parts[0], tokens[j].low], j + 1
    numerator = 1.0 if parts[0] in ("a", "half") else _SMALL.get(parts[0])
    if numerator is None or parts[-1] not in _FRACTIONS or len(parts) > 2:
        return None
    following = tokens[j].low if j < len(tokens) else ""
    if parts == ["half"] and following in ("a", "an") and j + 1 < len(tokens) and tokens[j + 1].low in _SCALES:
        return _Num(i, j + 2, 0.5 * _SCALES[tokens[j + 1].low], scale=_SCALES[tokens[j + 1].low])
    after_half = ("the", "its", "their", "his", "her", "our", "all", "them", "these", "those")
    alone = i == 0 and j == len(tokens)
    if following != "of" and not (parts == ["half"] and following in after_half) and not alone:
        return None
    if i > 0 and tokens[i - 1].low in ("a", "an", "the", "first", "second", "this", "last", "next"):
        return None
    return _Num(i, j, round(100 * numerator / _FRACTIONS[parts[-1]], 2), unit="%")


def _words(tokens: list[_Tok], i: int) -> _Num | None:
    """A number in words: "five", "twenty-one", "a dozen", "two hundred and fifty thousand", "five-to-one"."""
    parts = tokens[i].low.split("-")
    if len(parts) == 3 and parts[1] == "to" and parts[0] in _SMALL and parts[2] in _SMALL:
        return _Num(i, i + 1, float(_SMALL[parts[0]]), per=float(_SMALL[parts[2]]))
    if len(parts) == 2 and parts[0] in _SMALL and unit_name(parts[1]) in _TIME_UNITS and _before_noun(tokens, i + 1):
        return _Num(i, i + 1, float(_SMALL[parts[0]]), unit=unit_name(parts[1]))  # "a two-year deal"
    total, current, j, seen = 0.0, 0.0, i, False
    if tokens[i].low in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].low in _MULTIPLIERS:
        current, j, seen = 1.0, i + 1, True
    while j < len(tokens):
        word, value = tokens[j].low, _SMALL.get(tokens[j].low)
        after_scale = current % 100 == 0 and (current > 0 or total > 0)
        if value is not None and (not seen or after_scale or (current % 100 >= 20 and current % 10 == 0 < value < 10)):
            current += value
        elif word in _MULTIPLIERS and seen:
            factor = _MULTIPLIERS[word]
            current, total = (current * factor, total) if factor == 100 else (0.0, total + current * factor)
        elif word == "and" and after_scale and j + 1 < len(tokens) and _SMALL.get(tokens[j + 1].low) is not None:
            pass
        elif _phrase(tokens, j, ("and", "a", "half")) and seen:
            current, j = current + 0.5, j + 2
        else:
            break
        seen, j = True, j + 1
    return _Num(i, j, total + current) if seen else None


def _before_noun(tokens: list[_Tok], i: int) -> bool:
    """A lower-case word that is no function word follows: "20-year agreement", not "24-hour." or "two-year-old"."""
    word = tokens[i] if i < len(tokens) else None
    return word is not None and word.text.isalpha() and word.text.islower() and word.low not in _FUNCTION


def unit_kind(unit: str) -> str:
    """The kind of amount a unit measures ("USD" → money, "km" → distance, "year" → duration); "" for a count."""
    if not unit:
        return ""
    if unit in _MONEY or (unit.isupper() and unit.lower() in _CODES):
        return "money"
    return _UNIT_KINDS.get(unit, "duration" if unit in _TIME_UNITS else "measure")


def _tail(text: str, num: _Num, end: int, later: list[int]) -> tuple[int, int] | None:
    """Read a rate ("a day", "in one day") or "for every X" later in the clause, before the `later` amounts."""
    clause = _CLAUSE_END.search(text, end)
    window = text[end : clause.start() if clause else len(text)]
    nearest = next((s - end for s in later if s >= end), len(window))
    every = _FOR_EVERY.search(window)
    if every is not None and every.start() <= nearest and len(window[: every.start()].split()) <= 4:
        words = re.findall(r"[\w'-]+", window[every.end() :])[:4]
        kept = takewhile(lambda word: word.lower() not in _PER_WHAT_STOP, words)
        count = every.group("count")
        num.per, num.per_what = parse_number(count) if count else 1.0, " ".join(kept)
        return end + every.start(), end + every.end()
    rate = _RATE.search(window)
    if rate is None or rate.start() > nearest:
        return None
    count = rate.group("count")
    num.per, num.per_what = parse_number(count) if count else 1.0, rate.group("unit").lower()
    return end + rate.start(), end + rate.end()
