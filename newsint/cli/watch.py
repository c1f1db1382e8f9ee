"""The `watch` command: folders, feeds and sitemaps polled into the database, with alerts (newsint/watch/)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from newsint.cli.common import common_options, opened
from newsint.cli.render import err
from newsint.watch import WatchOptions, watch

#: Exit status of `--once` when a source failed or an input was skipped (0: everything went in).
EXIT_SKIPPED = 3
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


def duration(ctx: click.Context | None, param: click.Parameter | None, value: str) -> float:
    """Seconds from "90", "30s", "5m", "1.5h" or "1d"."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", value.lower())
    if match is None:
        raise click.BadParameter(f"{value!r} is not a duration such as 30s, 5m or 1h")
    return float(match[1]) * _UNITS[match[2]]


@click.command("watch")
@click.argument("targets", nargs=-1, required=True)
@click.option("--every", default="5m", show_default=True, callback=duration, help="Time between polls of a source.")
@click.option("--once", is_flag=True, help="Poll each source once and exit (for cron); back-off still holds.")
@click.option("--rules", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="TOML file whose [alerts] table holds the alert rules (see newsint/watch/alerts.py).")  # fmt: skip
@click.option("--alerts", "alerts_to", help='Append alerts (JSON lines) to this file; "-": standard output.')
@click.option("--pace", default=1.0, show_default=True, help="Least seconds between two requests to one host.")
@click.option("--timeout", default=20.0, show_default=True, help="Seconds one HTTP request may take.")
@click.option("--max-items", default=100, show_default=True, help="Most new items one poll of a source takes in.")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), help="Keep fetched pages (WARC) here.")
@click.option("--settle", default=2.0, hidden=True, help="Seconds a changed file must rest before it is read.")
@common_options
def watch_command(
    targets: tuple[str, ...], every: float, once: bool, rules: Path | None, alerts_to: str | None, pace: float,
    timeout: float, max_items: int, keep: Path | None, settle: float, db: str | None, config_file: Path | None,
) -> None:  # fmt: skip
    """Watch TARGETS (folders, RSS/Atom feed URLs, sitemap URLs) and ingest what is new, until Ctrl-C or
    SIGTERM: new and changed files, each new feed item's page (the feed's own text when the page cannot be
    had), each new or updated sitemap URL. Polite (robots.txt, ETag/Last-Modified, a pace per host), failures
    recorded (`newsint errors`) and backed off; the state is in the database, so a restart resumes."""
    if alerts_to and not rules:
        raise click.UsageError("--alerts writes the matches of --rules: give a rules file")
    options = WatchOptions(every, once, timeout, pace, max_items, settle=settle, keep=keep)
    with opened(config_file, db) as session:
        report = watch(list(targets), session.settings, session.store, options, rules, alerts_to,
                       log=lambda line: err.print(line, markup=False))  # fmt: skip
    err.print(f"{report.polls} polls, {report.new} new articles, {report.failed} failed, {report.alerts} alerts")
    if once and (report.failed or report.skipped):
        sys.exit(EXIT_SKIPPED)


COMMANDS = (watch_command,)
