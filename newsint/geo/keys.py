"""Lookup keys for place names, so that spellings the gazetteer and the news disagree on meet.

'St. Petersburg' and 'Saint Petersburg', 'Kharkiv' and 'KHARKIV', 'Donetsk Oblast' and 'Donetsk' (with the
kind of place the suffix asks for) give one key.
"""

from __future__ import annotations

from functools import lru_cache

from newsint.entities.names import fold

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "mt": "mount", "ft": "fort", "pt": "point"}

# Words that name the kind of a division; 'Donetsk region' asks for the region called Donetsk.
DIVISION_WORDS: dict[str, str] = {
    "region": "region",
    "oblast": "region",
    "province": "region",
    "state": "region",
    "governorate": "region",
    "krai": "region",
    "kray": "region",
    "prefecture": "region",
    "voivodeship": "region",
    "republic": "region",
    "county": "district",
    "parish": "district",
    "district": "district",
    "raion": "district",
    "rayon": "district",
    "borough": "district",
    "municipality": "district",
    "city": "city",
    "town": "town",
    "village": "village",
}
_LEADING = ("the ",)


@lru_cache(maxsize=200_000)
def place_key(name: str) -> str:
    """Folded words with common abbreviations spelled out: 'St. Louis' -> 'saint louis'."""
    words = [_ABBREVIATIONS.get(w, w) for w in fold(name).split()]
    key = " ".join(words)
    for lead in _LEADING:
        if key.startswith(lead):
            key = key[len(lead) :]
    return key


def split_division(key: str) -> tuple[str, str]:
    """'donetsk oblast' -> ('donetsk', 'region'); a key without a division word -> (key, '')."""
    head, _, last = key.rpartition(" ")
    if head and last in DIVISION_WORDS:
        return head, DIVISION_WORDS[last]
    return key, ""


def stem_keys(name: str, kind: str) -> set[str]:
    """The keys an entry is found by: its own, and for divisions also the name without the division word."""
    key = place_key(name)
    keys = {key}
    stem, asked = split_division(key)
    if asked and kind in ("region", "district", "area"):
        keys.add(stem)
    return keys
