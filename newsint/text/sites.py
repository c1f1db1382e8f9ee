"""The site a page belongs to, from its URL: readers name outlets by it, site chrome and citations group by it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ARCHIVED = re.compile(r"(?:https?://)?web\.archive\.org/web/[^/]+/+(.+)", re.I)


def outlet_from_url(url: str | None) -> str | None:
    """The site's domain without "www.", a fair outlet name when nothing better is known.

    A page kept by the Wayback Machine (web.archive.org/web/<time>/<url>) is the archived site's page.
    """
    if not url:
        return None
    archived = _ARCHIVED.match(url)
    if archived:
        url = re.sub(r"^(?:(https?):/+)?", lambda m: f"{m.group(1) or 'http'}://", archived.group(1))
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.").removeprefix("m.").removeprefix("amp.")
