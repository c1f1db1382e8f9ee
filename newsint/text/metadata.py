"""Metadata from the text itself: outlet, authors and publication date, for inputs that carry none.

Flattened pages still name their outlet and authors in lines cleaning removes (a relay footer,
a copyright line, an author bio, a byline) or in the text itself (a dateline's relay "KYIV, March 10
(Reuters) -", a sign-off "— Reuters", a syndication note, a byline "By X, Reuters", a link to the
article's page) and date themselves through datelines and dated
photo captions. Each cue is a pattern any article may show; nothing here knows a site.
Precedence for the date: a header or HTML/feed metadata (set by the reader) > a dateline >
a dated caption checked against weekday references in the text; otherwise it stays None.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from newsint.text.sites import outlet_from_url

_NAME = r"[A-Z][\w'’.-]+(?: (?:de |van |von |al-|el-)?[A-Z][\w'’-]+){1,2}"
_OUTLET = r"[A-Z0-9][\w&.'’-]*(?: (?:of |the |and )?[A-Z0-9][\w&.'’-]*){0,4}"
_ROLE = (
    r"(?:(?:Senior|Chief|Political|Foreign|International|Security|Defence|Defense|Breaking News|News|Deputy|"
    r"Managing|Executive|Staff|Contributing|Associate)\s+)*"
    r"(?:Correspondent|Reporter|Editor|Writer|Columnist|Contributor|Journalist|Producer|Analyst)"
)
_OUTLET_CUES = (
    re.compile(
        rf"^Read (?:the |this )?(?:original|full) (?:article|story|post) (?:on|at|in) (?P<outlet>{_OUTLET})\.?$"
    ),
    re.compile(
        rf"^(?:This (?:article|story) )?(?:was )?(?:originally|first) (?:appeared|published) (?:on|in|by) "
        rf"(?P<outlet>{_OUTLET})\.?$",
        re.I,
    ),
    re.compile(rf"^from (?P<outlet>{_OUTLET}) https?://\S+$"),
    re.compile(
        rf"^(?:©|\(c\)|Copyright(?: ©)?)\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*)?(?P<outlet>{_OUTLET})"
        r"(?:[.,]|\s+All rights|\s+Ltd|\s*$)",
        re.I,
    ),
    re.compile(rf"\bis (?P<outlet>{_OUTLET})['’]s {_ROLE}\b"),
    re.compile(rf"^(?P<outlet>{_OUTLET}) {_ROLE} (?P<name>{_NAME})\b"),
)
# Cues in the text that name who relays it, a wire agency included (a copyright "© AFP" above is more often a
# photo's credit than the article's).
_RELAY_CUES = (
    # the relay of a dateline: "KYIV, March 10 (Reuters) -" (a photo credit "… (AFP)" has no dash after it)
    re.compile(rf"^[A-Z][\w .,'’-]{{1,60}}?\((?P<outlet>{_OUTLET})\)\s*[-—–]"),
    # a sign-off line: "— Reuters", "-- AP"
    re.compile(rf"^(?:[-—–]{{1,2}})\s*(?P<outlet>{_OUTLET})\.?$"),
    # a syndication note: "This story was provided by Reuters", "Distributed by Tribune Content Agency"
    re.compile(
        rf"^(?:This (?:article|story|report|content) (?:was |is |has been )?)?(?:provided|syndicated|distributed|"
        rf"supplied|republished|reproduced) (?:by|from|with permission (?:of|from)|courtesy of) "
        rf"(?P<outlet>{_OUTLET})\.?$",
        re.I,
    ),
    # a byline that names the outlet: "By Jane Doe, Reuters", "By Jane Doe | The Kyiv Independent"
    re.compile(rf"^By {_NAME}(?: and {_NAME})?\s*(?:,|\||/|—|–)\s*(?P<outlet>{_OUTLET})$"),
)
_ROLE_ONLY = re.compile(rf"^{_ROLE}$")
# A line that is only a link to the article (or says where it was published): its site names the outlet.
_URL_LINE = re.compile(
    r"^(?:(?:Source|Originally published (?:at|on)|Read (?:more|the original|the full (?:article|story)) "
    r"(?:at|on)|Link|URL)\s*:?\s*)?(?P<url>https?://\S+?)[.)]?$",
    re.I,
)
# Link shorteners and feed relays: their domain names no outlet.
_RELAY_HOSTS = frozenset(
    "bit.ly ift.tt t.co goo.gl tinyurl.com ow.ly buff.ly lnkd.in dlvr.it feedproxy.google.com".split()
)
_AUTHOR_CUES = (
    re.compile(
        rf"^(?:By|Written by|Words by|Reporting by|Report by)\s*:?\s+(?P<names>{_NAME}(?:(?:,| and| &) {_NAME})*)\.?$"
    ),
    re.compile(rf"^(?P<name>{_NAME}) is (?:a|an|the|{_OUTLET}['’]s)\b.*\b(?:{_ROLE}|author|researcher)\b"),
    re.compile(rf"^{_OUTLET} {_ROLE} (?P<name>{_NAME})\b"),
)
# Words that byline patterns catch but that name no one.
_NOT_NAMES = {
    "written",
    "by",
    "image",
    "credit",
    "photo",
    "photos",
    "getty",
    "images",
    "staff",
    "reporter",
    "editor",
    "news",
    "agency",
    "reuters",
    "afp",
    "ap",
    "contributor",
    "admin",
    "the",
    "our",
    "correspondent",
    "team",
}
# Wire agencies: no author's name, but an outlet's.
_WIRES = {"reuters", "afp", "ap"}
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATES = (
    re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>(?:19|20)\d\d)\b"),
)
_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}},\s+(?:\w+,\s+)?{_MONTH} (?P<day>\d{{1,2}})(?:,? (?P<year>(?:19|20)\d\d))?\s*"
    r"(?:\([^)]{1,40}\))?\s*[-—–]"
)
_WEEKDAY = re.compile(r"\b(?:on|last|this|since) (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", re.I)
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# A news photo is rarely more than two days older than the story it illustrates.
_RECENT_DAYS = 2


def _month_number(name: str) -> int:
    key = name.lower().rstrip(".")
    return next(number for month, number in _MONTHS.items() if month.startswith(key[:3]))


def _date(match: re.Match[str], year: int | None = None) -> date | None:
    try:
        return date(int(match["year"] or year or 0), _month_number(match["month"]), int(match["day"]))
    except (ValueError, TypeError):
        return None


def find_outlet(lines: list[str]) -> str | None:
    """The outlet named by a relay footer, copyright line, author bio, role byline, dateline relay, sign-off,
    syndication note or outlet byline, in that order; else the site of a line that is only a link to the article.
    """
    for cue in (*_OUTLET_CUES, *_RELAY_CUES):
        not_outlets = _NOT_NAMES if cue in _OUTLET_CUES else _NOT_NAMES - _WIRES
        for line in lines:
            match = cue.search(line.strip())
            if match:
                outlet = match["outlet"].strip(" .,'’")
                if outlet.lower() not in not_outlets and len(outlet) > 1 and not _ROLE_ONLY.match(outlet):
                    return outlet
    for line in lines:
        link = _URL_LINE.match(line.strip())
        site = outlet_from_url(link["url"]) if link else None
        if site and site not in _RELAY_HOSTS:
            return site
    return None


def _clean_name(name: str) -> str | None:
    words = name.replace("’", "'").split()
    if not 2 <= len(words) <= 4 or any(w.lower().strip(".,") in _NOT_NAMES for w in words):
        return None
    return " ".join(words)


def find_authors(lines: list[str]) -> list[str]:
    """Author names from byline lines, 'Written by' blocks, author bios and role bylines."""
    authors: list[str] = []
    for line in lines:
        line = line.strip()
        for cue in _AUTHOR_CUES:
            match = cue.search(line)
            if not match:
                continue
            found = match.groupdict().get("names") or match["name"]
            for name in re.split(r",| and | & ", found):
                cleaned = _clean_name(name.strip())
                if cleaned and cleaned not in authors:
                    authors.append(cleaned)
            break
    return authors


def dateline_date(text: str, year_hint: int | None) -> tuple[date | None, bool]:
    """The date of a leading dateline ("KYIV, March 10 (Reuters) -"); the flag says the year was given."""
    match = _DATELINE.match(text)
    if not match:
        return None, False
    return _date(match, year_hint), bool(match["year"])


def caption_date(captions: list[str]) -> date | None:
    """The latest full date printed in the captions (photo dates)."""
    found = [d for caption in captions for cue in _DATES for m in cue.finditer(caption) if (d := _date(m))]
    return max(found) if found else None


def date_from_caption(text: str, photo: date) -> date:
    """Publication date from a photo date and the weekdays the text mentions ("on Wednesday").

    Each weekday is placed at its first occurrence on or after the photo date. Weekdays falling
    within two days of the photo date point to a story written right after it (the latest of
    them is taken); otherwise the earliest mentioned weekday after the photo is the best bound.
    """
    mentioned = {_WEEKDAYS.index(m.lower()) for m in _WEEKDAY.findall(text)}
    if not mentioned:
        return photo
    occurrences = sorted(photo + timedelta(days=(weekday - photo.weekday()) % 7) for weekday in mentioned)
    recent = [d for d in occurrences if (d - photo).days <= _RECENT_DAYS]
    return max(recent) if recent else occurrences[0]


class Published(NamedTuple):
    """A publication date found in the text, how it was found, and how far to trust it."""

    day: date
    method: str
    confidence: float


def find_published(text: str, captions: list[str]) -> Published | None:
    """The publication date from a leading dateline, else from dated captions; None when neither dates the text."""
    photo = caption_date(captions)
    dated, with_year = dateline_date(text, photo.year if photo else None)
    if dated:
        return Published(dated, "dateline", 0.8 if with_year else 0.6)
    if photo:
        published = date_from_caption(text, photo)
        return Published(published, "caption", 0.5 if published != photo else 0.4)
    return None
