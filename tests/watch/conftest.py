"""A local news site for the watch tests: a feed that changes between polls, article pages, robots.txt, a
sitemap, and switches for failures (a 500, a slow answer); every request is counted."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from newsint.settings import Settings, load_settings

#: Cheap stages: enough to store an article (text, id, language, duplicates), no models.
LIGHT_STAGES = ["clean", "split", "boilerplate", "metadata", "language", "dedup"]

_PARAGRAPHS = (
    "The regional council met on Tuesday to discuss the {topic} and agreed to publish a full report.",
    "Officials said the {topic} had affected several districts, and residents were asked to follow updates.",
    "A spokesperson for the council told reporters that the work on the {topic} would continue next week.",
)


def page(number: int, topic: str) -> bytes:
    """An article page whose text is its own (so each page is a new article)."""
    body = "".join(f"<p>{p.format(topic=topic)} Item {number}.</p>" for p in _PARAGRAPHS)
    return (
        f"<!doctype html><html><head><title>Report {number}: {topic}</title></head><body><article>"
        f"<h1>Report {number}: {topic}</h1>{body}</article></body></html>"
    ).encode()


@dataclass
class Site:
    """What the server serves; tests change it between polls."""

    base: str = ""
    items: list[tuple[int, str]] = field(default_factory=lambda: [(1, "flood defences")])
    robots: str = "User-agent: *\nDisallow: /private/\n"
    feed_status: int = 200
    feed_delay: float = 0.0
    hits: Counter[str] = field(default_factory=Counter)
    conditional_hits: Counter[str] = field(default_factory=Counter)
    agents: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>Report {n}: {topic}</title><link>{self.base}{self._path(n)}</link>"
            f"<guid>{self.base}/item/{n}</guid><pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>"
            f"<description>Summary of report {n} on the {topic}, as the feed gives it in a few words."
            f" The council met and agreed to publish the report.</description></item>"
            for n, topic in self.items
        )
        return (
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Council News</title>'
            f"<link>{self.base}/</link>{items}</channel></rss>"
        ).encode()

    def _path(self, number: int) -> str:
        return f"/private/{number}.html" if number >= 100 else f"/news/{number}.html"

    def etag(self) -> str:
        return f'"{hash(tuple(self.items)) & 0xFFFFFFFF:x}"'

    def sitemap(self) -> bytes:
        urls = "".join(
            f"<url><loc>{self.base}{self._path(n)}</loc><lastmod>2024-03-0{min(n, 9)}</lastmod></url>"
            for n, _ in self.items
        )
        return (
            f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>"
        ).encode()


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            with site.lock:
                site.hits[self.path] += 1
                site.agents.add(self.headers.get("User-Agent", ""))
            if self.path == "/robots.txt":
                return self._send(200, site.robots.encode(), "text/plain")
            if self.path in ("/feed.xml", "/sitemap.xml", "/index.xml"):
                return self._document()
            topics = dict(site.items)
            for number, topic in topics.items():
                if self.path == site._path(number):
                    return self._send(200, page(number, topic), "text/html; charset=utf-8")
            self._send(404, b"not found", "text/plain")

        def _document(self) -> None:
            if site.feed_delay:
                time.sleep(site.feed_delay)
            if site.feed_status != 200:
                return self._send(site.feed_status, b"server error", "text/plain")
            etag = site.etag()
            if self.headers.get("If-None-Match") == etag:
                with site.lock:
                    site.conditional_hits[self.path] += 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return None
            if self.path == "/index.xml":
                body = (
                    '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                    f"<sitemap><loc>{site.base}/sitemap.xml</loc></sitemap></sitemapindex>"
                ).encode()
            else:
                body = site.sitemap() if self.path == "/sitemap.xml" else site.feed()
            return self._send(200, body, "application/xml", etag)

        def _send(self, status: int, body: bytes, content_type: str, etag: str | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            if etag:
                self.send_header("ETag", etag)
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    """A running local site on 127.0.0.1; `site.base` is its address."""
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture
def light_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("NEWSINT_DB", raising=False)
    return load_settings(config_file=None, db=str(tmp_path / "watch.db"), stages=LIGHT_STAGES)
