"""HTML pages: main text and metadata with trafilatura (which dates pages with htmldate)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import trafilatura
from trafilatura.settings import Document

from newsint.errors import InputError
from newsint.ingest.encoding import decode
from newsint.ingest.fields import parse_date, split_authors
from newsint.ingest.sources import RawInput
from newsint.model import Article, Provenance
from newsint.text.sites import outlet_from_url

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    match = _CHARSET.search(data[:4096])
    return match[1].decode("ascii", "replace") if match else None


def article_from_html(html: str, name: str, sha256: str, locator: str = "", url: str | None = None) -> Article:
    """An Article from a page's HTML; raises InputError when the page holds no article text."""
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = document.text if isinstance(document, Document) else None
    if not isinstance(document, Document) or not text or not text.strip():
        raise InputError(name, "no article text found in the HTML", locator)
    page_url = url or document.url
    article = Article(raw=text, source=page_url or name, provenance=Provenance(name, sha256, locator))
    article.title = document.title or None
    article.authors = split_authors((document.author or "").split(";"))
    article.outlet = document.sitename or outlet_from_url(page_url)
    published = parse_date(document.date)
    if published:
        article.published, article.published_method, article.published_confidence = (
            published,
            "html-meta",
            0.9,
        )
    article.meta["extractor"] = "trafilatura"
    if page_url:
        article.meta["url"] = page_url
    if document.description:
        article.meta["description"] = document.description
    return article


def read_html(raw: RawInput) -> Iterator[Article]:
    decoded = decode(raw.data, declared_charset(raw.data))
    if not decoded.text.strip():
        raise InputError(raw.name, "empty file")
    article = article_from_html(decoded.text, raw.name, raw.sha256)
    if decoded.note:
        article.meta["decoding"] = decoded.note
    yield article
