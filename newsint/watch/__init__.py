"""Continuous monitoring: folders, feeds and sitemaps polled into the store, with alert rules on what arrives.

`watch` is the one entry a face calls (`newsint watch`): it opens the alert output, installs the SIGINT and
SIGTERM handlers that stop the loop cleanly, and runs a `Watcher` (`runner.py`) over the sources
(`sources.py`), fetched politely (`http.py`), with the rules of `alerts.py`. The state that lets a restart
resume is in the store (`newsint/store/watch.py`, schema 10).
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TextIO

from newsint.settings import Settings
from newsint.store import Store
from newsint.watch.alerts import Alerts, load_rules
from newsint.watch.runner import Watcher, WatchOptions, WatchReport

__all__ = ["WatchOptions", "WatchReport", "Watcher", "watch"]


def watch(
    targets: list[str],
    settings: Settings,
    store: Store,
    options: WatchOptions | None = None,
    rules: Path | None = None,
    alerts_to: str | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> WatchReport:
    """Watch `targets` until SIGINT or SIGTERM (or one round, with `options.once`); alerts of the rules file
    `rules` go to the file `alerts_to` (appended), or to standard output for "-" or when not given."""
    stop = threading.Event()
    with _alert_output((alerts_to or "-") if rules else None) as out, _stopping_on_signals(stop, log):
        alerts = Alerts(load_rules(rules), store, out) if rules and out else None
        watcher = Watcher(targets, settings, store, options or WatchOptions(), alerts, log, stop)
        try:
            return watcher.run()
        finally:
            watcher.close()


@contextmanager
def _alert_output(target: str | None) -> Iterator[TextIO | None]:
    if target is None:
        yield None
    elif target == "-":
        yield sys.stdout
    else:
        with open(target, "a", encoding="utf-8") as handle:
            yield handle


@contextmanager
def _stopping_on_signals(stop: threading.Event, log: Callable[[str], None]) -> Iterator[None]:
    """The first SIGINT or SIGTERM asks the loop to stop after the poll under way; a second one interrupts it
    (the batch being written is rolled back)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handle(number: int, frame: FrameType | None) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        log(f"{signal.Signals(number).name}: stopping after the poll under way (again to interrupt it)")
        stop.set()

    previous = {number: signal.signal(number, handle) for number in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
