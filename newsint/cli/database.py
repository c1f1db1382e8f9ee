"""Commands that fill the database, write it out, and show the settings it is read with: ingest, export,
settings."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import click
from rich.table import Table

from newsint import query
from newsint.batch import ingest
from newsint.cli.common import Filters, Session, common_options, filter_options, opened, out_file_option, write_file
from newsint.cli.pages import IngestProgress
from newsint.cli.progress import CountedProgress
from newsint.cli.render import err, ingest_summary, out
from newsint.errors import ConfigError
from newsint.export import FORMATS, WRITERS
from newsint.query import Selection
from newsint.reanalysis import reanalyze
from newsint.settings import ENGINES, describe, load_settings

#: Exit status when some inputs were skipped (0: everything went in).
EXIT_SKIPPED = 3
#: What each export format counts, when it is not documents.
EXPORTED = {"geojson": "features (places and events)", "acled-csv": "events"}


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--profile",
    type=click.Choice(["default", "fast"]),
    help="NLP models: default (parser, transformer entities) or fast (CNN entities). Setting: nlp_profile.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    help="Processes that analyse articles (0: one per usable core; 1: all in this process). Setting: workers.",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    help="Where the per-document stages run: local processes, or Ray actors (pip install 'newsint[ray]'). "
    "Setting: engine.",
)
@click.option("--address", help="The Ray cluster (engine ray), e.g. auto or ray://head:10001. Setting: ray_address.")
@common_options
def ingest_command(
    paths: tuple[str, ...], profile: str | None, workers: int | None, engine: str | None, address: str | None,
    db: str | None, config_file: Path | None,
) -> None:  # fmt: skip
    """Read PATHS (files, directories, globs, "-" for stdin) into the database.

    Text, HTML, RSS/Atom, WARC, JSONL and CSV, optionally inside .gz, .bz2, .xz or .zip.
    """
    overrides = {"nlp_profile": profile, "workers": workers, "engine": engine, "ray_address": address}
    with opened(config_file, db, **overrides) as session:
        with IngestProgress(paths) as progress:
            report = ingest(list(paths), session.settings, session.store, progress=progress.update)
        progress.finish(report)
        out.print(ingest_summary(report, query.article_count(session.store), session.settings.db_path))
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--query", "query_text", help="Only the articles that match this full-text search.")
@click.option("--type", "types", multiple=True, help="Only events of this type (as `newsint events --type`).")
@filter_options
@out_file_option
@common_options
def export_command(
    fmt: str, query_text: str | None, types: tuple[str, ...], filters: Filters, out_file: Path | None,
    db: str | None, config_file: Path | None,
) -> None:  # fmt: skip
    """Export the stored articles as one JSON object, JSON lines or a CSV table, the places as GeoJSON, or the
    events in ACLED's CSV layout (acled-csv: only events that happened, of ACLED's classes, with a date). The
    filters keep some articles and what they say; dates bound an event by when it happened, all else by the
    article's publication date."""
    with opened(config_file, db) as session:
        selection = selected(session, filters, query_text, types)
        writer = WRITERS[fmt]
        if out_file is None:
            writer(session.store, sys.stdout, selection)
            return
        count = write_file(out_file, lambda handle: writer(session.store, handle, selection))
        err.print(f"wrote {count} {EXPORTED.get(fmt, 'documents')} to {out_file}")


@click.command("reanalyze")
@click.option("--stage", "stages", multiple=True, help="Re-run this stage and those after it (default: every one).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only the articles published on or after this day.")
@click.option("--profile", type=click.Choice(["default", "fast"]), help="NLP models to re-run with (nlp_profile).")
@common_options
def reanalyze_command(
    stages: tuple[str, ...], since: datetime | None, profile: str | None, db: str | None, config_file: Path | None
) -> None:
    """Run the annotation stages again on the stored articles, in place: after an upgrade or with another
    profile. A stopped run goes on where it stopped when run again with the same options."""
    with opened(config_file, db, nlp_profile=profile) as session:
        with CountedProgress("re-analysing") as progress:
            report = reanalyze(session.settings, session.store, stages, since.date() if since else None,
                               progress=progress.counted)  # fmt: skip
        for doc, reason in report.failed:
            err.print(f"{doc}: {reason}", markup=False)
        out.print(f"re-analysed {report.rerun} articles with {', '.join(report.stages)}"
                  + (f"; {report.restoried} more got their story again" if report.restoried else ""), markup=False)
    if report.failed:
        sys.exit(EXIT_SKIPPED)


@click.command("status")
@common_options
def status_command(db: str | None, config_file: Path | None) -> None:
    """How many articles each version of each stage (and of its models) annotated, and any unfinished
    re-analysis."""
    with opened(config_file, db) as session:
        out.print(_versions_table(query.stage_versions_stored(session.store), query.article_count(session.store)))
        job = query.unfinished_reanalysis(session.store)
        if job is not None:
            out.print(f"re-analysis {job.id} ({', '.join(job.stages)}, profile {job.profile}) is unfinished: run "
                      "`newsint reanalyze` again with the same options to finish it", markup=False)  # fmt: skip


def _versions_table(rows: list[tuple[str, str, int]], articles: int) -> Table:
    """Articles by stage and version; those stored before versions were recorded are counted apart."""
    table = Table("stage", "version", "articles", box=None, title=f"{articles:,} articles stored")
    for stage, version, count in rows:
        table.add_row(stage, version, f"{count:,}")
    if not rows and articles:
        table.add_row("(all)", "unknown: stored before versions were recorded", f"{articles:,}")
    return table


def selected(session: Session, filters: Filters, query_text: str | None, types: tuple[str, ...]) -> Selection:
    """The export's selection; an unknown event type is a usage error."""
    where = replace(session.where(filters, query_text), since=None, until=None)
    try:
        return Selection(where, filters.since, filters.until, types)
    except ConfigError as exc:
        raise click.BadParameter(str(exc), param_hint="--type") from None


@click.command("settings")
@common_options
def settings_command(db: str | None, config_file: Path | None) -> None:
    """Every setting with its value (after config file, environment and flags) and what it does."""
    settings = load_settings(config_file, db=db)
    for name, help_text in describe():
        section, _, key = name.rpartition(".")
        value = getattr(settings.fields, key) if section else getattr(settings, name)
        shown = ", ".join(value) if isinstance(value, tuple) else value
        out.print(f"[bold]{name}[/] = {shown}\n    {help_text}", markup=True)
    out.print(f"[bold]database[/] {settings.db_path}", markup=True)


COMMANDS = (ingest_command, export_command, reanalyze_command, status_command, settings_command)
