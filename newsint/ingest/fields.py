"""Metadata values as inputs give them: dates in any format, author lists."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from dateutil import parser as dateutil_parser

_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||,(?!\s*(?:Jr|Sr|II|III)\b)|\band\b|&)\s*")
_AUTHOR_PREFIX = re.compile(r"^(?:by|written by|words by|von|par|por)\s*[:\-]?\s+", re.I)
# Dates outside this window are parse accidents (a figure read as a year), not publication dates.
_EARLIEST, _LATEST_YEARS_AHEAD = date(1800, 1, 1), 1


def parse_date(value: object) -> date | None:
    """A calendar date from an ISO string, a free-form date string or a Unix timestamp; None if unsure."""
    if value is None or value == "":
        return None
    parsed: date | None = None
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            parsed = datetime.fromtimestamp(seconds, tz=UTC).date()
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str):
        text = value.strip()
        match = _ISO_DATE.match(text)
        try:
            if match:
                parsed = date(int(match[1]), int(match[2]), int(match[3]))
            elif re.search(r"\d", text) and len(text) <= 64:
                parsed = dateutil_parser.parse(text, default=datetime(1, 1, 1), ignoretz=True).date()
                if parsed.year == 1:
                    return None
        except (ValueError, OverflowError, dateutil_parser.ParserError):
            return None
    if parsed is None:
        return None
    latest = date(datetime.now(UTC).year + _LATEST_YEARS_AHEAD, 12, 31)
    return parsed if _EARLIEST <= parsed <= latest else None


def split_authors(value: object) -> list[str]:
    """Author names from a list or a "By A, B and C" string, without the "By"."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name") or item.get("fullname") or ""
        if not isinstance(item, str):
            continue
        text = _AUTHOR_PREFIX.sub("", item.strip())
        for name in _AUTHOR_SPLIT.split(text):
            name = " ".join(name.split()).strip(" .,-")
            if name and name not in names and len(name) <= 80:
                names.append(name)
    return names
