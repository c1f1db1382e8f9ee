"""What a poll finds: a folder's new and changed files, a feed's new items, a sitemap's new or updated URLs.

A poll never stores anything itself. It returns a `Poll`: the files to ingest (the folder's own files, or the
pages it fetched written as one WARC file, with the target URL as each article's source and the fetch time
as `meta["fetched"]`), the items they account for and the validators of the documents it read; the runner
ingests the files, then records items and validators in one transaction. A feed item whose page cannot be
fetched falls back to the feed's own text for it (its content, else its summary), written as a one-item RSS
document so the feed reader keeps its title, date and authors.
"""

from __future__ import annotations

import io
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape

import feedparser
from lxml import etree
from warcio.warcwriter import WARCWriter

from newsint.errors import InputError
from newsint.store import Store
from newsint.store.watch import Validators
from newsint.watch.http import Fetched, Fetcher, FetchError

#: Content types taken as an article page.
HTML_TYPES = ("text/html", "application/xhtml+xml")
_SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
#: How deep sitemap indexes are followed (an index of indexes of sitemaps).
_SITEMAP_DEPTH = 2


@dataclass(slots=True)
class Poll:
    """One poll's findings: `inputs` to ingest, the (item, version) pairs they account for, the validators of
    the documents read, and `errors` met on the way (items that could not be fetched, unreadable documents)."""

    inputs: list[str] = field(default_factory=list)
    items: list[tuple[str, str]] = field(default_factory=list)
    validators: list[Validators] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    fetched: int = 0
    not_modified: bool = False


class FolderSource:
    """A folder (or one file): every file that is new or changed since the last poll, by mtime and size.

    Hidden files and folders are left out, as `newsint ingest` leaves them; a file changed in the last
    `settle` seconds waits for the next poll, so one still being written is not read half-way.
    """

    kind = "folder"

    def __init__(self, path: Path, settle: float = 2.0) -> None:
        self.path = path.expanduser().resolve()
        self.name = str(self.path)
        self.settle = settle

    def poll(self, store: Store, fetcher: Fetcher, work: Path, limit: int) -> Poll:
        seen = store.watch_seen(self.name)
        poll = Poll()
        now = time.time()
        for path in self._files():
            try:
                stat = path.stat()
            except OSError:
                continue  # gone since it was listed
            version = f"{stat.st_mtime_ns}:{stat.st_size}"
            if seen.get(str(path)) == version or now - stat.st_mtime < self.settle:
                continue
            poll.inputs.append(str(path))
            poll.items.append((str(path), version))
            if len(poll.inputs) >= limit:
                break
        return poll

    def _files(self) -> Iterator[Path]:
        if self.path.is_file():
            yield self.path
            return
        if not self.path.is_dir():
            raise FetchError(self.name, "no such folder")
        for root, folders, files in os.walk(self.path):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            for name in sorted(files):
                if not name.startswith("."):
                    yield Path(root) / name


@dataclass(frozen=True, slots=True)
class _Entry:
    """A feed item or sitemap URL: its key in the source's state, version, link, and feed fallback text."""

    key: str
    version: str
    link: str | None
    fallback: str = ""  # the item as an RSS <item>, when the feed carries its text
    channel: str = ""  # the feed's title


class WebSource:
    """A feed (RSS 2.0, RSS 1.0, Atom) or a sitemap (urlset or sitemap index) at a URL, told apart by content."""

    kind = "web"

    def __init__(self, url: str) -> None:
        self.url = url
        self.name = url

    def poll(self, store: Store, fetcher: Fetcher, work: Path, limit: int) -> Poll:
        poll = Poll()
        seen = store.watch_seen(self.name)
        entries = [e for e in self._entries(store, fetcher, self.url, poll, 0) if seen.get(e.key) != e.version]
        pages = io.BytesIO()
        writer = WARCWriter(pages, gzip=False)
        fallbacks: list[_Entry] = []
        for entry in list(dict((e.key, e) for e in entries).values())[:limit]:
            try:
                if not entry.link:
                    raise FetchError(entry.key, "the item has no link", transient=False)
                page = fetcher.get(entry.link)
                if not page.content_type.lower().startswith(HTML_TYPES):
                    raise FetchError(entry.link, f"not an HTML page ({page.content_type or 'no content type'})", False)
                _write_page(writer, page)
                poll.fetched += 1
            except FetchError as exc:
                if entry.fallback:
                    fallbacks.append(entry)
                else:
                    poll.errors.append(InputError(self.name, exc.reason, entry.link or entry.key))
                    if exc.transient:
                        continue  # asked again next poll
            poll.items.append((entry.key, entry.version))
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        if pages.tell():
            path = work / f"pages-{stamp}.warc"
            path.write_bytes(pages.getvalue())
            poll.inputs.append(str(path))
        if fallbacks:
            path = work / f"feed-items-{stamp}.rss"
            path.write_text(_feed_document(fallbacks), encoding="utf-8")
            poll.inputs.append(str(path))
        return poll

    def _entries(self, store: Store, fetcher: Fetcher, url: str, poll: Poll, depth: int) -> list[_Entry]:
        """The entries of the document at `url` (those of a sitemap index's sitemaps), none when it is unchanged."""
        known = store.watch_validators(url)
        document = fetcher.get(url, known.etag, known.last_modified)
        if document.not_modified:
            poll.not_modified = poll.not_modified or depth == 0
            return []
        poll.validators.append(Validators(url, document.etag, document.last_modified))
        root = _xml_root(document.content)
        if root is not None and root.tag in (f"{_SITEMAP_NS}urlset", "urlset"):
            return list(_sitemap_urls(root))
        if root is not None and root.tag in (f"{_SITEMAP_NS}sitemapindex", "sitemapindex"):
            if depth >= _SITEMAP_DEPTH:
                raise FetchError(url, "sitemap indexes nested too deep")
            found: list[_Entry] = []
            for child in _sitemap_urls(root):
                if child.link:
                    found += self._entries(store, fetcher, child.link, poll, depth + 1)
            return found
        return _feed_entries(document, url)


def _xml_root(data: bytes) -> etree._Element | None:
    """The root element of an XML document, parsed without entities or network; None when it is not XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None


def _sitemap_urls(root: etree._Element) -> Iterator[_Entry]:
    """(loc, lastmod) of each <url> or <sitemap>, the latest first; the lastmod is the entry's version."""
    found = []
    for node in root:
        loc = node.findtext(f"{_SITEMAP_NS}loc") or node.findtext("loc")
        if loc and loc.strip():
            lastmod = (node.findtext(f"{_SITEMAP_NS}lastmod") or node.findtext("lastmod") or "").strip()
            found.append(_Entry(loc.strip(), lastmod, loc.strip()))
    yield from sorted(found, key=lambda e: e.version, reverse=True)


def _feed_entries(document: Fetched, url: str) -> list[_Entry]:
    parsed = feedparser.parse(document.content, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and not parsed.get("version"):
        problem = parsed.get("bozo_exception")
        raise FetchError(url, f"not a feed or sitemap{f': {problem}' if problem else ''}")
    found = []
    for entry in parsed.entries:
        link = entry.get("link")
        link = urljoin(document.url, link) if link else None
        key = entry.get("id") or link or entry.get("title")
        if key:
            found.append(_Entry(str(key), "", link, _entry_item(entry, link), parsed.feed.get("title") or ""))
    return found


def _entry_item(entry: feedparser.FeedParserDict, link: str | None) -> str:
    """The entry as an RSS 2.0 <item> (with its channel's title), when it carries any text; else ''."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    body = max([*contents, entry.get("summary") or ""], key=len)
    if not body.strip():
        return ""
    parts = [f"<title>{escape(entry.get('title') or '')}</title>"]
    if link:
        parts.append(f"<link>{escape(link)}</link>")
    if entry.get("published") or entry.get("updated"):
        parts.append(f"<pubDate>{escape(entry.get('published') or entry.get('updated'))}</pubDate>")
    for author in entry.get("authors") or []:
        if author.get("name"):
            parts.append(f"<author>{escape(author['name'])}</author>")
    parts.append(f"<description>{escape(body)}</description>")
    return f"<item>{''.join(parts)}</item>"


def _feed_document(entries: list[_Entry]) -> str:
    """The entries' items as one RSS 2.0 document, under the first one's channel title."""
    title = escape(entries[0].channel) if entries else ""
    items = "".join(e.fallback for e in entries)
    head = '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0">'
    return f"{head}<channel><title>{title}</title>{items}</channel></rss>"


def _write_page(writer: WARCWriter, page: Fetched) -> None:
    """A fetched page as a WARC response record: the target URL, the fetch time, the page's content type.

    The HTTP message is written whole with its length, so warcio computes the digests from memory (with only
    the headers given it spools the message to a temporary file it leaves open)."""
    head = f"HTTP/1.1 200 OK\r\nContent-Type: {page.content_type}\r\nContent-Length: {len(page.content)}\r\n\r\n"
    message = head.encode("latin-1", "replace") + page.content
    record = writer.create_warc_record(
        page.url,
        "response",
        payload=io.BytesIO(message),
        length=len(message),
        warc_content_type="application/http; msgtype=response",
        warc_headers_dict={"WARC-Date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")},
    )
    writer.write_record(record)
