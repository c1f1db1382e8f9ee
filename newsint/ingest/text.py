"""Plain text as scraped: one article a file, with an optional leading header of metadata.

A header is what tools that dump pages put first: `date 2023-03-07 …` (on the same line as the
body, as some scrapers write it) or `title: …`, `url: …`, `author: …` lines. Header values
become metadata with full confidence, and the header is taken out of the raw text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsint.errors import InputError
from newsint.ingest.encoding import CONTROL, Decoded, decode
from newsint.ingest.fields import parse_date, split_authors
from newsint.ingest.sources import RawInput
from newsint.model import Article, Provenance
from newsint.text.sites import outlet_from_url

_DATE_HEADER = re.compile(
    r"\A\s*(?:date|published|pubdate)\s*[:=]?\s*"
    r"(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?)[ \t]*\n?",
    re.I,
)
_FIELD_HEADER = re.compile(
    r"\A\s*(title|headline|url|link|source|outlet|site|author|authors|byline|language|lang)"
    r"\s*:[ \t]*(.+?)[ \t]*(?:\n|\Z)",
    re.I,
)
_MAX_HEADER_FIELDS = 12


def read_header(text: str) -> tuple[dict[str, str], str]:
    """Header fields at the start of the text, and the text without them."""
    fields: dict[str, str] = {}
    for _ in range(_MAX_HEADER_FIELDS):
        match = _DATE_HEADER.match(text)
        if match:
            fields.setdefault("date", match[1])
        else:
            match = _FIELD_HEADER.match(text)
            if not match:
                break
            fields.setdefault(match[1].lower(), match[2])
        text = text[match.end() :]
    return fields, text


def decode_text(raw: RawInput) -> Decoded:
    """Decoded text, or an InputError when the bytes are not text at all."""
    decoded = decode(raw.data)
    if not decoded.text.strip():
        raise InputError(raw.name, "empty file" if not raw.data else "no text (only whitespace)")
    sample = decoded.text[:20000]
    bad = len(CONTROL.findall(sample)) + sample.count("\ufffd")
    if bad > 0.05 * len(sample):
        raise InputError(raw.name, "binary content, not text")
    return decoded


def read_text(raw: RawInput) -> Iterator[Article]:
    """One Article from a plain-text file, its header turned into metadata."""
    decoded = decode_text(raw)
    fields, body = read_header(decoded.text)
    if not body.strip():
        raise InputError(raw.name, "header only, no article text")
    url = fields.get("url") or fields.get("link")
    article = Article(raw=body, source=url or raw.name, provenance=Provenance(raw.name, raw.sha256))
    article.title = fields.get("title") or fields.get("headline")
    article.outlet = fields.get("outlet") or fields.get("site") or fields.get("source") or outlet_from_url(url)
    article.authors = split_authors(fields.get("author") or fields.get("authors") or fields.get("byline") or [])
    article.language = fields.get("language") or fields.get("lang")
    published = parse_date(fields.get("date"))
    if published:
        article.published, article.published_method, article.published_confidence = published, "header", 1.0
    if url:
        article.meta["url"] = url
    if decoded.note:
        article.meta["decoding"] = decoded.note
    yield article
