"""Datelines: where a report was filed from, before its first sentence.

Wire copy opens with the town its reporter filed from, often with the region it lies in, the date and the
agency: "KYIV, March 3 (Reuters) - ", "HARNESK, Ruvenia (Halcyon Wire) — ", "KORISTAN, April 14 /KTA/. ", and
smaller outlets write the town as a name: "Port Averly - ". The town says where the reporter was, not where
anything happened, and the region only where the town lies; so events, counts and quotations read past them,
and a state's own media filing from a town says something about that town. One reading for all of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsint.lexicon import MONTHS

_MONTH_NAMES = "|".join(sorted({month.capitalize() for month in MONTHS if len(month) > 3}))
_PATTERN = re.compile(
    rf"""
    \s*                                                               # blank space before it
    (?:(?P<caps>[A-Z][A-Z'’.-]{{2,}}(?:\ [A-Z][A-Z'’.-]+){{0,3}})      # KYIV, PORT ALCAYA
       (?:,\s*(?!(?:{_MONTH_NAMES})\b)(?P<region>[A-Z][a-z]+(?:\ [A-Z][a-z]+)?)(?=\s*[,(—–-]))?  # , Ruvenia
       (?:,[^—–\n/(]{{0,60}}?)?                                        # , March 3
     | (?P<named>[A-Z][\w'’.]*(?:\ [A-Z][\w'’.]*){{0,2}}))             # Port Averly
    \s*(?P<agency>\([^)\n]{{0,40}}\)|/[^/\n]{{1,20}}/)?                  # (Reuters), /KTA/
    \s*(?:[—–-]+|(?(agency)\.|(?!)))\s+                                 # — or, after an agency, a full stop
    """,
    re.X,
)


@dataclass(frozen=True)
class Dateline:
    """A dateline at the start of a text: its town, the region after the town ("" when none), where the story
    starts and the agency that filed it ("" when none)."""

    town: str
    region: str
    region_start: int  # -1 when there is no region
    end: int
    agency: str = ""  # the wire that filed it: "Reuters" of "(Reuters)", "KTA" of "/KTA/"


def dateline(text: str, start: int = 0) -> Dateline | None:
    """The dateline the text opens with at `start` (after any blank space), or None."""
    found = _PATTERN.match(text, start)
    if found is None:
        return None
    town = found.group("caps") or found.group("named")
    agency = (found.group("agency") or "").strip("()/ ")
    return Dateline(town.strip(), found.group("region") or "", found.start("region"), found.end(), agency)


def first_dateline(text: str, within: int = 300) -> Dateline | None:
    """The dateline of the first paragraph within `within` characters that opens with one (a title may come first)."""
    starts = [0] + [i + 1 for i, c in enumerate(text[:within]) if c == "\n"]
    return next((found for s in starts if (found := dateline(text, s)) is not None), None)


def without_dateline(text: str) -> str:
    """The text after the dateline it opens with, if any: a quotation reads from the story's first word."""
    found = dateline(text)
    return text[found.end :] if found else text
