"""The site a page belongs to, from its URL: readers name outlets by it, site chrome and citations group by it."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_ARCHIVED = re.compile(r"(?:https?://)?web\.archive\.org/web/[^/]+/+(.+)", re.I)


_WEB_URL = re.compile(r"https?://[^\s\"'<>\\]+\Z", re.IGNORECASE)


def web_url(url: str | None) -> str | None:
    """The URL when it is an http(s) address safe to write as a link (no space, quote, angle bracket or
    backslash); None for anything else (javascript:, data:, a file path)."""
    return url if url and _WEB_URL.match(url) else None


def article_url(meta_url: str | None, source: str | None) -> str | None:
    """Where an article can be read on the web: its URL, else its source when that is a web address."""
    return web_url(meta_url) or web_url(source)


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
