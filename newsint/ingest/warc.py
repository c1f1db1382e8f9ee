"""WARC and WARC.gz crawl archives: HTML `response` records (Common Crawl's CC-NEWS) and plain-text
`conversion` records (WET files: each page's text as the crawler flattened it, menus and all).

HTML goes through trafilatura; WET text is flat text for the boilerplate classifier. Each record's
target URI is the article's source and its WARC-Date is kept as the fetch date (`meta["fetched"]`),
never as the publication date: a crawl date only bounds it. A truncated or broken archive yields the
records before the break, then an error naming the offset; one with no record to read says so.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator

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
    decoded = decode(payload, charset)
    if not decoded.text.strip():
        raise InputError(raw.name, "empty text record", locator)
    article = Article(
        raw=decoded.text, source=url or f"{raw.name}#{locator}", provenance=Provenance(raw.name, raw.sha256, locator)
    )
    if decoded.note:
        article.meta["decoding"] = decoded.note
    article.outlet = outlet_from_url(url)
    if url:
        article.meta["url"] = url
    return article


def read_warc(raw: RawInput) -> Iterator[Article | InputError]:
    records = ArchiveIterator(io.BytesIO(raw.data), arc2warc=True)
    offset = 0
    seen = read = 0
    try:
        for record in records:
            seen += 1
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
            read += 1
            try:
                if record.rec_type == "conversion":
                    article = _article_from_text(payload, _charset(content_type), raw, locator, url)
                else:
                    decoded = decode(payload, _charset(content_type) or declared_charset(payload))
                    article = article_from_html(decoded.text, raw.name, raw.sha256, locator, url=url)
                    if decoded.note:
                        article.meta["decoding"] = decoded.note
            except InputError as error:
                yield error
                continue
            fetched = record.rec_headers.get_header("WARC-Date")
            if fetched:
                article.meta["fetched"] = fetched
            yield article
    except Exception as exc:  # noqa: BLE001  (warcio raises anything on a broken record: report, keep the rest)
        yield InputError(raw.name, f"broken WARC record: {type(exc).__name__}: {exc}", f"offset {offset}")
        return
    if not read:
        raise InputError(raw.name, f"no HTML response or text conversion record among {seen} WARC record(s)")
