"""The watch loop: poll each source when it is due, ingest what it found, remember it, check the alert rules.

A poll that fails (HTTP 5xx, a timeout, DNS, an unreadable document, a missing folder) is recorded, in the
source's state and in the store's `errors` table, and the source waits `every × 2^(failures − 1)` (at most
`max_backoff`) before it is asked again; the other sources go on. A stop request (`stop`, set by SIGINT or
SIGTERM) is honoured between polls and while waiting for a host's turn; a poll whose ingest has begun runs to
its end, so the articles, the items taken in and the validators are either all stored or, when a second
signal interrupts the ingest, the batch is rolled back and the poll is taken again at the next start.
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsint.batch import RULES, ingest
from newsint.errors import ConfigError, InputError
from newsint.settings import Settings
from newsint.store import Store
from newsint.watch.alerts import Alerts
from newsint.watch.http import Fetcher, FetchError, Stopped
from newsint.watch.sources import FolderSource, Poll, WebSource

Source = FolderSource | WebSource


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """How to watch: `every` seconds between polls of a source; `once` polls each due source one time."""

    every: float = 300.0
    once: bool = False
    timeout: float = 20.0  # seconds for one HTTP request
    per_host: float = 1.0  # least seconds between two requests to one host (more if robots.txt says so)
    max_items: int = 100  # most new items (pages, files) one poll of a source takes; the rest wait their turn
    max_backoff: float = 6 * 3600.0
    settle: float = 2.0  # a file changed this recently waits for the next poll
    keep: Path | None = None  # keep the fetched pages (WARC) and feed items (RSS) here; else a temporary folder


@dataclass(slots=True)
class WatchReport:
    """What a watch did: polls run, articles stored, polls failed, inputs skipped, alerts written."""

    polls: int = 0
    new: int = 0
    failed: int = 0
    skipped: int = 0
    alerts: int = 0
    failures: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {"polls": self.polls, "new": self.new, "failed": self.failed, "skipped": self.skipped,
                "alerts": self.alerts}  # fmt: skip


def source_for(target: str, settle: float = 2.0) -> Source:
    """A watched source: an http(s) URL (feed or sitemap) or a folder or file; ConfigError for anything else."""
    if target.lower().startswith(("http://", "https://")):
        return WebSource(target)
    path = Path(target).expanduser()
    if not path.exists():
        raise ConfigError(f"{target}: neither an http(s) URL nor an existing folder or file")
    return FolderSource(path, settle)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


class Watcher:
    """Polls `targets` into `store` with the pipeline `settings` names; `log` hears one line per event."""

    def __init__(
        self,
        targets: list[str],
        settings: Settings,
        store: Store,
        options: WatchOptions | None = None,
        alerts: Alerts | None = None,
        log: Callable[[str], None] = lambda line: None,
        stop: threading.Event | None = None,
    ) -> None:
        options = options or WatchOptions()
        self.sources = [source_for(t, options.settle) for t in targets]
        self.settings, self.store, self.options, self.alerts, self.log = settings, store, options, alerts, log
        self.stop = stop or threading.Event()
        self.fetcher = Fetcher(options.timeout, options.per_host, self.stop)
        self.report = WatchReport()
        self.run_id = store.start_run("watch " + " ".join(targets))

    def close(self) -> None:
        self.fetcher.close()
        self.store.finish_run(self.run_id, self.report.as_dict())

    def run(self) -> WatchReport:
        """Poll until stopped (or once, with `options.once`)."""
        while not self.stop.is_set():
            started = time.monotonic()
            self.poll_round()
            if self.options.once:
                break
            self.stop.wait(max(0.0, started + self.options.every - time.monotonic()))
        return self.report

    def poll_round(self) -> None:
        """Poll every source that back-off does not hold back."""
        for source in self.sources:
            if self.stop.is_set():
                return
            state = self.store.watch_source(source.name)
            if state and state.retry_at and state.retry_at > _iso(datetime.now(UTC)):
                continue
            self.poll(source, state.failures if state else 0)

    def poll(self, source: Source, failures: int = 0) -> None:
        """One poll of one source: find, ingest, remember, alert; a failure is recorded and backs the source off."""
        with tempfile.TemporaryDirectory(prefix="newsint-watch-") as scratch:
            work = self.options.keep or Path(scratch)
            work.mkdir(parents=True, exist_ok=True)
            try:
                found = source.poll(self.store, self.fetcher, work, self.options.max_items)
            except Stopped:
                return
            except FetchError as exc:
                self._failed(source, exc.reason, failures)
                return
            self._take_in(source, found)

    def _take_in(self, source: Source, found: Poll) -> None:
        mark = self.store.watch_article_mark()
        sizes = self.alerts.story_sizes(self.store) if self.alerts else {}
        new = skipped = 0
        if found.inputs:
            # one process: a poll brings a few articles, fewer than starting workers would pay for
            done = ingest(found.inputs, replace(self.settings, workers=1), self.store)
            new, skipped = done.new, len(done.skipped)
        if found.errors:
            self.store.write_batch([], errors=found.errors, run_id=self.run_id, rules=RULES)
        self.store.watch_finish_poll(source.name, source.kind, found.items, found.validators)
        self.report.polls += 1
        self.report.new += new
        self.report.skipped += skipped + len(found.errors)
        what = "not modified" if found.not_modified else f"{len(found.items)} new or changed items"
        self.log(
            f"{source.name}: {what}, {new} new articles"
            + (f", {skipped + len(found.errors)} skipped" if skipped + len(found.errors) else "")
        )
        if self.alerts and new:
            count = self.alerts.check(self.store, self.store.watch_articles_after(mark, found.inputs), sizes)
            self.report.alerts += count

    def _failed(self, source: Source, reason: str, failures: int) -> None:
        delay = min(self.options.every * 2**failures, self.options.max_backoff)
        retry_at = datetime.now(UTC) + timedelta(seconds=delay)
        count = self.store.watch_failed(source.name, source.kind, reason, _iso(retry_at))
        self.store.write_batch([], errors=[InputError(source.name, reason, "watch")], run_id=self.run_id, rules=RULES)
        self.report.failed += 1
        self.report.failures.append(f"{source.name}: {reason}")
        self.log(f"{source.name}: failed ({reason}); {count} in a row, next try after {_iso(retry_at)}")
