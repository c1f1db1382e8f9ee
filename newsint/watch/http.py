"""Polite HTTP for watching: one client, a User-Agent naming newsint, timeouts, robots.txt, a per-host pace.

Every request goes through `Fetcher.get`: it asks the host's robots.txt first (fetched once an hour, with
the same client), waits until the host's last request is `per_host` seconds old (or its Crawl-delay), and
sends the validators it is given, so an unchanged document comes back as a 304. What fails is raised as
`FetchError` with a reason a person can read: the caller records it and backs off; nothing here is fatal.
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from newsint import __version__

USER_AGENT = f"newsint/{__version__} (news monitoring; +https://github.com/newsint/newsint)"
#: How long a host's robots.txt is trusted before it is asked again, in seconds.
ROBOTS_TTL = 3600.0
#: The most of a page or feed read, in bytes: a larger body is refused rather than held in memory.
MAX_BODY = 20_000_000


class FetchError(Exception):
    """A request that did not give a usable document: HTTP error, timeout, DNS or connection failure, robots.

    `transient` says asking again later may work (a 5xx, 429, timeout, connection failure); a 404 or a
    robots.txt refusal will not change by itself.
    """

    def __init__(self, url: str, reason: str, transient: bool = True) -> None:
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.transient = transient


class Stopped(Exception):
    """Raised while waiting for a host's turn when the watch is asked to stop."""


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response worth reading: the final URL (after redirects), status (200, or 304 when not modified), its
    validators and body."""

    url: str
    status: int
    content: bytes
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    date: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class _Response:
    url: str
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class Fetcher:
    """Polite GETs over one httpx client; `stop` cuts a wait for a host's turn short (raising `Stopped`)."""

    def __init__(
        self,
        timeout: float = 20.0,
        per_host: float = 1.0,
        stop: threading.Event | None = None,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.per_host = per_host
        self.stop = stop or threading.Event()
        self.user_agent = user_agent
        self.client = httpx.Client(
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": user_agent},
        )
        self._last: dict[str, float] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` if robots.txt allows it, conditionally when validators are given; FetchError otherwise."""
        robots = self._robots_for(url)
        if robots is not None and not robots.can_fetch(self.user_agent, url):
            raise FetchError(url, "disallowed by robots.txt", transient=False)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._request(url, headers)
        if response.status == 304:
            return Fetched(response.url, 304, b"", etag=etag, last_modified=last_modified)
        if response.status != 200:
            transient = response.status >= 500 or response.status in (408, 429)
            raise FetchError(url, f"HTTP {response.status} {response.reason}".strip(), transient)
        return Fetched(
            response.url,
            200,
            response.body,
            response.headers.get("content-type", ""),
            response.headers.get("etag"),
            response.headers.get("last-modified"),
            response.headers.get("date"),
        )

    def _request(self, url: str, headers: dict[str, str]) -> _Response:
        host = host_of(url)
        self._wait_turn(host)
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > MAX_BODY:
                        raise FetchError(url, f"response over {MAX_BODY // 1_000_000} MB")
                return _Response(str(response.url), response.status_code, response.reason_phrase,
                                 response.headers, bytes(body))  # fmt: skip
        except httpx.TimeoutException as exc:
            raise FetchError(url, f"timed out ({type(exc).__name__})") from None
        except httpx.ConnectError as exc:
            raise FetchError(url, f"cannot connect: {exc}") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, f"{type(exc).__name__}: {exc}") from None
        finally:
            self._last[host] = time.monotonic()

    def _wait_turn(self, host: str) -> None:
        """Sleep until the host's last request is old enough; a stop request ends the wait."""
        robots = self._robots.get(host, (0.0, None))[1]
        delay = robots.crawl_delay(self.user_agent) if robots is not None else None
        pace = max(self.per_host, float(delay or 0))
        last = self._last.get(host)
        if last is not None:
            wait = last + pace - time.monotonic()
            if wait > 0 and self.stop.wait(wait):
                raise Stopped
        if self.stop.is_set():
            raise Stopped

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        """The host's robots.txt rules (None: no rules, all allowed); a host whose robots.txt cannot be read
        (5xx, timeout) is not crawled: FetchError, so the source backs off and asks again."""
        host = host_of(url)
        cached = self._robots.get(host)
        if cached is not None and time.monotonic() - cached[0] < ROBOTS_TTL:
            return cached[1]
        try:
            response = self._request(f"{host}/robots.txt", {})
        except FetchError as exc:
            raise FetchError(url, f"robots.txt unreadable: {exc.reason}") from None
        rules: urllib.robotparser.RobotFileParser | None = None
        if response.status >= 500:
            raise FetchError(url, f"robots.txt unreadable: HTTP {response.status}")
        if response.status == 200:
            rules = urllib.robotparser.RobotFileParser(f"{host}/robots.txt")
            rules.parse(response.body.decode("utf-8", "replace").splitlines())
        self._robots[host] = (time.monotonic(), rules)
        return rules
