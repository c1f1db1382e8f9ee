"""WARC and WARC.gz crawl archives: HTML `response` records (Common Crawl's CC-NEWS) and plain-text
`conversion` records (WET files: each page's text as the crawler flattened it, menus and all).

HTML goes through trafilatura; WET text is flat text for the boilerplate classifier. Each record's
target URI is the article's source and its WARC-Date is kept as the fetch date (`meta["fetched"]`),
never as the publication date: a crawl date only bounds it. A truncated archive yields the records
before the break, then an error naming the offset.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsint.errors import InputError
from newsint.ingest.encoding import decode
from newsint.ingest.html import article_from_html, declared_charset
from newsint.ingest.sources import RawInput
from newsint.model import Article, Provenance
from newsint.text.sites import outlet_from_url

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip()
    return None


def _article_from_text(payload: bytes, charset: str | None, raw: RawInput, locator: str, url: str | None) -> Article:
    """An Article from a WET record: the page's flattened text, for the boilerplate stage to sort."""
    text, _encoding = decode(payload, charset)
    if not text.strip():
        raise InputError(raw.name, "empty text record", locator)
    article = Article(
        raw=text, source=url or f"{raw.name}#{locator}", provenance=Provenance(raw.name, raw.sha256, locator)
    )
    article.outlet = outlet_from_url(url)
    if url:
        article.meta["url"] = url
    return article


def read_warc(raw: RawInput) -> Iterator[Article | InputError]:
    records = ArchiveIterator(io.BytesIO(raw.data), arc2warc=True)
    offset = 0
    try:
        for record in records:
            if record.rec_type == "response" and record.http_headers is not None:
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith(_HTML_TYPES):
                    continue
            elif record.rec_type == "conversion":
                content_type = record.rec_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith("text/plain"):
                    continue
            else:
                continue
            payload = record.content_stream().read()
            # Asked only after the payload is read: warcio reads the record to its end to answer.
            offset = records.get_record_offset()
            locator = f"record @ {offset}"
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                if record.rec_type == "conversion":
                    article = _article_from_text(payload, _charset(content_type), raw, locator, url)
                else:
                    html, _encoding = decode(payload, _charset(content_type) or declared_charset(payload))
                    article = article_from_html(html, raw.name, raw.sha256, locator, url=url)
            except InputError as error:
                yield error
                continue
            fetched = record.rec_headers.get_header("WARC-Date")
            if fetched:
                article.meta["fetched"] = fetched
            yield article
    except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
        yield InputError(raw.name, f"broken WARC record: {exc}", f"offset {offset}")
    if raw.truncated:
        yield InputError(raw.name, f"truncated archive: {raw.truncated}")
