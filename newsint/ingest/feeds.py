"""RSS 2.0, RSS 1.0 and Atom feeds with feedparser: one article per item, full content where present."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date

import feedparser

from newsint.errors import InputError
from newsint.ingest.fields import split_authors
from newsint.ingest.flatten import flatten_html
from newsint.ingest.sources import RawInput
from newsint.model import Article, Provenance
from newsint.text.sites import outlet_from_url


def _entry_body(entry: feedparser.FeedParserDict) -> tuple[str, str]:
    """The richest text of an item: full content, else the summary. Returns (text, which)."""
    best, which = "", ""
    for content in entry.get("content") or []:
        value = content.get("value") or ""
        if len(value) > len(best):
            best, which = value, "content"
    summary = entry.get("summary") or ""
    if len(summary) > len(best):
        best, which = summary, "summary"
    return flatten_html(best) if "<" in best else best.strip(), which


def _entry_date(entry: feedparser.FeedParserDict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def read_feed(raw: RawInput) -> Iterator[Article | InputError]:
    parsed = feedparser.parse(raw.data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable feed: {problem}" if problem else "feed has no items"
        raise InputError(raw.name, reason)
    feed_title = parsed.feed.get("title") or None
    feed_link = parsed.feed.get("link")
    for number, entry in enumerate(parsed.entries, start=1):
        locator = f"item {number}"
        text, which = _entry_body(entry)
        if not text.strip():
            yield InputError(raw.name, "feed item has no text", locator)
            continue
        link = entry.get("link")
        article = Article(
            raw=text,
            source=link or f"{raw.name}#{number}",
            provenance=Provenance(raw.name, raw.sha256, locator),
        )
        article.title = entry.get("title") or None
        article.outlet = feed_title or outlet_from_url(link or feed_link)
        names = [a.get("name", "") for a in entry.get("authors") or []] or [entry.get("author") or ""]
        article.authors = split_authors(names)
        published = _entry_date(entry)
        if published:
            article.published, article.published_method, article.published_confidence = (
                published,
                "feed",
                0.95,
            )
        article.meta["feed_text"] = which
        if link:
            article.meta["url"] = link
        yield article
