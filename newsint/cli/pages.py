"""The tables and pages the commands print, from what `newsint.query` gave them (nothing here reads the store)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from types import TracebackType

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from newsint import query
from newsint.batch import IngestReport
from newsint.cli.render import (
    ENTITY_STYLES,
    cell,
    claim_line,
    dates,
    documents_cell,
    err,
    event_date,
    event_flags,
    event_line,
    event_place,
    event_what,
    event_who,
    figure_line,
    highlighted,
    out,
    outlets_cell,
    place_line,
    safe,
    statement_outlets,
    time_line,
    timeline_when,
)
from newsint.export import event_id
from newsint.ingest.sources import expand_paths
from newsint.model import Article, Claim, Event, Figure, Story
from newsint.query import EntitySummary, PlaceSummary, SearchHit, StoredError, StorySummary

# -- ingest --------------------------------------------------------------------------------------------------------

#: Seconds between the progress lines `newsint ingest` writes when standard error is not a terminal (a log).
LOG_EVERY_S = 10.0


def count_inputs(paths: Sequence[str]) -> int | None:
    """How many files `paths` name (directories walked, globs expanded, "-" one), read from names only, so the
    bar can show a total; None when nothing is named."""
    count = sum(1 for path in expand_paths(list(paths)) if isinstance(path, str))
    return count or None


class IngestProgress:
    """What an ingest shows while it runs, fed by `newsint.batch.ingest`'s `progress` callback.

    On a terminal, a bar on standard error: inputs done of the total (when `paths` are given to count), documents
    read a second, the time left, and the counts so far. Anywhere else (a log), one line every `every` seconds
    (`LOG_EVERY_S`). Every skipped input is printed once, as it is skipped; those skipped after the last update
    by `finish`. New and duplicate articles are counted as each batch is stored, so they lag the documents read.
    """

    def __init__(self, paths: Sequence[str] = (), every: float | None = None, console: Console | None = None) -> None:
        self.console = console or err
        self.every = LOG_EVERY_S if every is None else every
        self.total = count_inputs(paths) if paths else None
        self.shown = 0
        self.started = self.logged = time.monotonic()
        self.bar = Progress(
            SpinnerColumn(),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TextColumn("inputs · {task.fields[rate]} · ETA"),
            TimeRemainingColumn(),
            TextColumn("· {task.fields[counts]} · [dim]{task.fields[name]}"),
            console=self.console,
            transient=True,
            disable=not self.console.is_terminal,
        )

    def __enter__(self) -> IngestProgress:
        self.bar.__enter__()
        self.task = self.bar.add_task("ingest", total=self.total, rate="0 documents", counts="starting", name="")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.bar.__exit__(kind, value, traceback)

    def update(self, report: IngestReport, name: str) -> None:
        self._print_skipped(report)
        rate, counts = self._rate(report), self._counts(report)
        # Markup is read in the name's column: only escaped text goes in.
        shown = escape(safe(name if len(name) <= 60 else "…" + name[-59:]))
        self.bar.update(self.task, completed=report.inputs, rate=rate, counts=counts, name=shown)
        now = time.monotonic()
        if not self.console.is_terminal and now - self.logged >= self.every:
            self.logged = now
            self.console.print(self.line(report, name), markup=False)

    def line(self, report: IngestReport, name: str) -> str:
        """The progress as one line of a log."""
        done = f"{report.inputs}/{self.total}" if self.total else str(report.inputs)
        elapsed = int(time.monotonic() - self.started)
        return (
            f"ingest: {done} inputs · {self._rate(report)} · {self._counts(report)} · "
            f"{elapsed // 60}m{elapsed % 60:02d}s · last {safe(name)}"
        )

    def finish(self, report: IngestReport) -> None:
        self._print_skipped(report)

    def _rate(self, report: IngestReport) -> str:
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = report.read / elapsed
        return f"{report.read} documents, {rate:.{0 if rate >= 10 else 1 if rate >= 1 else 2}f}/s"

    @staticmethod
    def _counts(report: IngestReport) -> str:
        unchanged = f", {report.unchanged} unchanged" if report.unchanged else ""
        return f"{report.new} new, {report.duplicates} duplicates, {len(report.skipped)} skipped{unchanged}"

    def _print_skipped(self, report: IngestReport) -> None:
        for error in report.skipped[self.shown :]:
            self.console.print(Text.assemble(("skipped", "yellow"), " ", safe(error)))
        self.shown = len(report.skipped)


# -- documents -----------------------------------------------------------------------------------------------------


def articles_table(articles: Iterable[Article]) -> Table:
    table = Table("id", "published", "outlet", "title", "words", "duplicate of", box=None)
    table.columns[3].overflow = "ellipsis"
    table.columns[3].no_wrap = True
    for article in articles:
        table.add_row(
            cell(article.id),
            str(article.published or ""),
            cell(article.outlet),
            cell(article.title),
            str(article.word_count),
            cell(article.duplicate_of),
        )
    return table


def _heading(title: str, note: str = "") -> None:
    """A section's title in bold after a blank line (ours, never input: no `safe` needed)."""
    out.print(Text.assemble("\n", (title, "bold"), note))


def _article_fields(article: Article, seen: list[tuple[str, str]]) -> None:
    published = (
        f"{article.published} ({article.published_method}, confidence {article.published_confidence:.2f})"
        if article.published
        else "unknown"
    )
    fields = [
        ("id", article.id),
        ("title", article.title),
        ("outlet", article.outlet),
        ("authors", ", ".join(article.authors)),
        ("published", published),
        ("language", article.language),
        ("source", article.source),
        ("input", f"{article.provenance.input_path} {article.provenance.locator}".strip()),
        (
            "duplicate of",
            article.duplicate_of and f"{article.duplicate_of} ({article.duplicate_similarity})",
        ),
    ]
    if len(seen) > 1:
        fields.append(("also seen in", "; ".join(s for s, _ in seen[1:])))
    for label, value in fields:
        if value:
            out.print(Text.assemble((f"{label:>13}", "bold"), " ", safe(value)))


def _entities_section(article: Article) -> None:
    _heading("entities")
    for entity in article.entities:
        forms = ", ".join(a for a in entity.aliases if a != entity.name)
        roles = "; ".join(entity.roles)
        details = f"{entity.id} ×{len(entity.mentions)}{' · ' + forms if forms else ''}{' · ' + roles if roles else ''}"
        style = ENTITY_STYLES.get(entity.type, "bold")
        out.print(
            Text.assemble("  ", (safe(f"{entity.type:<6}"), style), " ", safe(entity.name), " ", (safe(details), "dim"))
        )


def _places_section(article: Article) -> None:
    _heading("places")
    for mention in article.places:
        at = str(mention.start) if mention.caption is None else f"c{mention.caption}:{mention.start}"
        out.print(safe(f"  {at:>6}  {mention.text:<24} {place_line(mention)}"), markup=False)


def _times_section(article: Article) -> None:
    _heading("times")
    for expr in article.times:
        out.print(safe(f"  {expr.start:>6}  {expr.text:<24} {time_line(expr)}"), markup=False)


def _claims_section(article: Article) -> None:
    _heading("claims")
    names = {e.id: e.name for e in article.entities}
    for index, claim in enumerate(article.claims):
        out.print(safe(f"  {claim.start:>6}  {claim_line(claim, names)}"), markup=False)
        for figure in article.figures:
            if figure.claim == index:
                out.print(safe(f"          figure: {figure_line(figure)}"), markup=False)


def _figures_section(article: Article) -> None:
    _heading("figures")
    for figure in article.figures:
        if figure.claim is None:
            out.print(safe(f"  {figure.start:>6}  {figure_line(figure)}"), markup=False)


def _events_section(article: Article) -> None:
    _heading("events")
    for event in article.events:
        out.print(safe(f"  {event.trigger_start:>6}  {event_line(event)}"), markup=False)


def _captions_section(article: Article) -> None:
    _heading("captions")
    for caption in article.captions:
        out.print(safe(f"  {caption}"), markup=False)


def _removed_section(article: Article) -> None:
    _heading("removed")
    for part in article.removed:
        out.print(safe(f"  [{part.reason}] {part.text}"), markup=False)


def article_page(article: Article, seen: list[tuple[str, str]]) -> None:
    """One article: its metadata, the highlighted text, then each kind of annotation it has."""
    _article_fields(article, seen)
    out.print()
    out.print(highlighted(article))
    sections = (
        (article.entities, _entities_section),
        (article.places, _places_section),
        (article.times, _times_section),
        (article.claims, _claims_section),
        ([f for f in article.figures if f.claim is None], _figures_section),
        (article.events, _events_section),
        (article.captions, _captions_section),
        (article.removed, _removed_section),
    )
    for present, section in sections:
        if present:
            section(article)


def search_hits(hits: list[SearchHit]) -> None:
    for hit in hits:
        out.print(
            Text.assemble(
                (safe(hit.id), "bold"), safe(f" {hit.published or '':10} {hit.outlet or ''} · {hit.title or ''}")
            )
        )
        out.print(safe(f"    {hit.snippet}"), markup=False)


def errors_list(errors: list[StoredError]) -> None:
    for error in errors:
        where = f"{error.path} ({error.locator})" if error.locator else error.path
        out.print(safe(f"{error.at}  {where}: {error.reason}"), markup=False)


# -- annotations ---------------------------------------------------------------------------------------------------


def entities_table(entities: list[EntitySummary]) -> Table:
    table = Table("id", "type", "name", "mentions", "docs", "also written", box=None)
    for entity in entities:
        others = ", ".join(a for a in entity.aliases if a != entity.name)
        table.add_row(
            cell(entity.id),
            cell(entity.type),
            cell(entity.name),
            str(entity.mentions),
            str(entity.documents),
            cell(others),
        )
    return table


def unresolved_table(unresolved: list[tuple[str, str, int]]) -> Table:
    table = Table("name", "mentions", "why", box=None)
    for name, reason, count in unresolved:
        table.add_row(cell(name), str(count), cell(reason))
    return table


def places_table(places: list[PlaceSummary]) -> Table:
    table = Table("place", "kind", "country", "lat", "lon", "geonames", "mentions", "docs", "written", box=None)
    for summary in places:
        place = summary.place
        table.add_row(
            cell(place.name),
            cell(place.kind),
            cell(place.country),
            f"{place.lat:.4f}",
            f"{place.lon:.4f}",
            str(place.geonames_id or ""),
            str(summary.mentions),
            cell(documents_cell(summary.documents)),
            cell(", ".join(n for n in summary.names if n != place.name)),
        )
    return table


def times_of(article: Article) -> None:
    """An article's heading (with the date its times are anchored on), then its time expressions."""
    anchor = f"anchored on {article.published}" if article.published else "publication date unknown"
    out.print(Text.assemble((safe(article.id), "bold"), " ", safe(f"{article.title or ''} · {anchor}")))
    table = Table("start", "text", "type", "when", "anchored", box=None)
    for expr in article.times:  # the value in words ("winter 2023"); the TIMEX3 code stays in the exports
        fields = (expr.text, expr.type, query.in_words(expr.value, expr.type, expr.mod))
        table.add_row(str(expr.start), *map(cell, fields), "yes" if expr.anchored else "no")
    out.print(table)


def claims_list(found: list[tuple[str, Claim, list[Figure]]], names: dict[str, str]) -> None:
    """A line a claim (its article's id prefix and offset first), each figure inside it below."""
    for doc, claim, figures in found:
        out.print(safe(f"{doc[:8]} {claim.start:>6}  {claim_line(claim, names)}"), markup=False)
        for figure in figures:
            out.print(safe(f"{'':>17}figure: {figure_line(figure)}"), markup=False)
    if not found:
        out.print("no claims match", markup=False)


def events_table(found: list[tuple[str, int, Event]]) -> Table:
    table = Table("date", "type", "plover", "actors → targets", "place", "killed", "what", "id", box=None)
    for column in table.columns:
        column.no_wrap = column.header in ("date", "plover", "killed", "id")
    for doc, index, event in found:
        kind = query.event_class(event.subtype)
        flags = event_flags(event)
        table.add_row(
            cell(event_date(event)),
            # The line break is ours: ACLED's sub-type over its type.
            f"{kind.acled_subtype}\n{kind.acled_type}" if kind and kind.acled_type else cell(event.subtype),
            kind.plover if kind else "",
            cell(event_who(event)),
            cell(event_place(event)),
            "" if event.fatalities is None else str(event.fatalities),
            cell(f"({flags}) {event_what(event)}" if flags else event_what(event)),
            cell(event_id(doc[:8], index)),
        )
    return table


# -- stories -------------------------------------------------------------------------------------------------------


def stories_table(stories: list[StorySummary]) -> Table:
    table = Table("id", "label", "articles", "outlets", "dates", box=None)
    for column in table.columns:
        column.no_wrap = column.header in ("id", "articles", "dates")
    for summary in stories:
        table.add_row(
            cell(summary.id),
            cell(summary.label),
            str(summary.size),
            cell(outlets_cell(summary.outlets)),
            dates(summary.start, summary.end),
        )
    return table


def _story_sections(story: Story) -> None:
    if story.corroborations:
        _heading("corroborated", " (independent sources · what · outlets)")
        for corroboration in story.corroborations:
            what = corroboration.what or f"“{corroboration.statements[0].text}”"
            outlets = statement_outlets(corroboration.statements)
            out.print(safe(f"  {len(corroboration.sources):>3}  {what} — {outlets}"), markup=False)
    if story.conflicts:
        _heading("disputed")
        for conflict in story.conflicts:
            out.print(safe(f"  {conflict.what}"), markup=False)
            out.print(safe(f"    a: {conflict.a_says} — {statement_outlets(conflict.a)}"), markup=False)
            out.print(safe(f"    b: {conflict.b_says} — {statement_outlets(conflict.b)}"), markup=False)
    if story.timeline:
        _heading("timeline")
        for entry in story.timeline:
            when = timeline_when(entry.date, entry.date_from_published)
            sources = f"{len(entry.sources)} source{'s' if len(entry.sources) != 1 else ''}"
            outlets = statement_outlets(entry.evidence)
            out.print(safe(f"  {when:<26} {entry.text} — {outlets} ({sources})"), markup=False)


def story_page(story: Story, summary: StorySummary, articles: list[Article]) -> None:
    """A story's label, its articles, what independent sources corroborate, where they disagree, its timeline."""
    out.print(Text.assemble((safe(story.id), "bold"), " ", safe(story.label)))
    out.print(
        f"{len(articles)} articles from {len(summary.outlets)} outlets"
        + (f" · {dates(story.start, story.end)}" if story.start else ""),
        markup=False,
    )
    table = Table("outlet", "published", "title", "id", box=None)
    for article in articles:
        table.add_row(
            cell(query.cited_as(article)), str(article.published or ""), cell(article.title), cell(article.id)
        )
    out.print(table)
    _story_sections(story)
