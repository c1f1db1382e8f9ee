"""The tables and pages the commands print, from what `newsint.query` gave them (nothing here reads the store)."""

from __future__ import annotations

from collections.abc import Iterable
from types import TracebackType

from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsint import query
from newsint.batch import IngestReport
from newsint.cli.render import (
    ENTITY_STYLES,
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
    statement_outlets,
    time_line,
)
from newsint.export import event_id
from newsint.model import Article, Claim, Event, Figure, Story
from newsint.query import EntitySummary, PlaceSummary, SearchHit, StoredError, StorySummary

# -- ingest --------------------------------------------------------------------------------------------------------


class IngestProgress:
    """A spinner on standard error with the running counts (on a terminal only); every skipped input is printed
    once, as it is skipped, and those skipped after the last update by `finish`."""

    def __init__(self) -> None:
        self.shown = 0
        self.bar = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        )

    def __enter__(self) -> IngestProgress:
        self.bar.__enter__()
        self.task = self.bar.add_task("starting")
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.bar.__exit__(kind, value, traceback)

    def update(self, report: IngestReport, name: str) -> None:
        for error in report.skipped[self.shown :]:
            self.bar.console.print(f"[yellow]skipped[/] {error}", markup=True)
        self.shown = len(report.skipped)
        self.bar.update(self.task, description=f"{report.inputs} inputs, {report.new} new · {name}")

    def finish(self, report: IngestReport) -> None:
        for error in report.skipped[self.shown :]:
            err.print(f"[yellow]skipped[/] {error}", markup=True)


# -- documents -----------------------------------------------------------------------------------------------------


def articles_table(articles: Iterable[Article]) -> Table:
    table = Table("id", "published", "outlet", "title", "words", "duplicate of", box=None)
    table.columns[3].overflow = "ellipsis"
    table.columns[3].no_wrap = True
    for article in articles:
        table.add_row(
            article.id,
            str(article.published or ""),
            article.outlet or "",
            article.title or "",
            str(article.word_count),
            article.duplicate_of or "",
        )
    return table


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
    for label, value in fields:
        if value:
            out.print(f"[bold]{label:>13}[/] {value}", markup=True)
    if len(seen) > 1:
        out.print(f"[bold]{'also seen in':>13}[/] " + "; ".join(s for s, _ in seen[1:]), markup=True)


def _entities_section(article: Article) -> None:
    out.print("\n[bold]entities[/]", markup=True)
    for entity in article.entities:
        forms = ", ".join(a for a in entity.aliases if a != entity.name)
        roles = "; ".join(entity.roles)
        out.print(
            f"  [{ENTITY_STYLES.get(entity.type, 'bold')}]{entity.type:<6}[/] {entity.name} "
            f"[dim]{entity.id} ×{len(entity.mentions)}{' · ' + forms if forms else ''}"
            f"{' · ' + roles if roles else ''}[/]",
            markup=True,
        )


def _places_section(article: Article) -> None:
    out.print("\n[bold]places[/]", markup=True)
    for mention in article.places:
        at = str(mention.start) if mention.caption is None else f"c{mention.caption}:{mention.start}"
        out.print(f"  {at:>6}  {mention.text:<24} {place_line(mention)}", markup=False)


def _times_section(article: Article) -> None:
    out.print("\n[bold]times[/]", markup=True)
    for expr in article.times:
        out.print(f"  {expr.start:>6}  {expr.text:<24} {time_line(expr)}", markup=False)


def _claims_section(article: Article) -> None:
    out.print("\n[bold]claims[/]", markup=True)
    names = {e.id: e.name for e in article.entities}
    for index, claim in enumerate(article.claims):
        out.print(f"  {claim.start:>6}  {claim_line(claim, names)}", markup=False)
        for figure in article.figures:
            if figure.claim == index:
                out.print(f"          figure: {figure_line(figure)}", markup=False)


def _figures_section(article: Article) -> None:
    out.print("\n[bold]figures[/]", markup=True)
    for figure in article.figures:
        if figure.claim is None:
            out.print(f"  {figure.start:>6}  {figure_line(figure)}", markup=False)


def _events_section(article: Article) -> None:
    out.print("\n[bold]events[/]", markup=True)
    for event in article.events:
        out.print(f"  {event.trigger_start:>6}  {event_line(event)}", markup=False)


def _captions_section(article: Article) -> None:
    out.print("\n[bold]captions[/]", markup=True)
    for caption in article.captions:
        out.print(f"  {caption}")


def _removed_section(article: Article) -> None:
    out.print("\n[bold]removed[/]", markup=True)
    for part in article.removed:
        out.print(f"  [{part.reason}] {part.text}", markup=False)


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
            f"[bold]{hit.id}[/] {hit.published or '':10} {hit.outlet or ''} · {hit.title or ''}",
            markup=True,
        )
        out.print(f"    {hit.snippet}", markup=False)


def errors_list(errors: list[StoredError]) -> None:
    for error in errors:
        where = f"{error.path} ({error.locator})" if error.locator else error.path
        out.print(f"{error.at}  {where}: {error.reason}", markup=False)


# -- annotations ---------------------------------------------------------------------------------------------------


def entities_table(entities: list[EntitySummary]) -> Table:
    table = Table("id", "type", "name", "mentions", "docs", "also written", box=None)
    for entity in entities:
        others = ", ".join(a for a in entity.aliases if a != entity.name)
        table.add_row(entity.id, entity.type, entity.name, str(entity.mentions), str(entity.documents), others)
    return table


def unresolved_table(unresolved: list[tuple[str, str, int]]) -> Table:
    table = Table("name", "mentions", "why", box=None)
    for name, reason, count in unresolved:
        table.add_row(name, str(count), reason)
    return table


def places_table(places: list[PlaceSummary]) -> Table:
    table = Table("place", "kind", "country", "lat", "lon", "geonames", "mentions", "docs", "written", box=None)
    for summary in places:
        place = summary.place
        table.add_row(
            place.name,
            place.kind,
            place.country,
            f"{place.lat:.4f}",
            f"{place.lon:.4f}",
            str(place.geonames_id or ""),
            str(summary.mentions),
            documents_cell(summary.documents),
            ", ".join(n for n in summary.names if n != place.name),
        )
    return table


def times_of(article: Article) -> None:
    """An article's heading (with the date its times are anchored on), then its time expressions."""
    anchor = f"anchored on {article.published}" if article.published else "publication date unknown"
    out.print(f"[bold]{article.id}[/] {article.title or ''} · {anchor}", markup=True)
    table = Table("start", "text", "type", "value", "mod", "anchored", box=None)
    for expr in article.times:
        table.add_row(str(expr.start), expr.text, expr.type, expr.value, expr.mod, "yes" if expr.anchored else "no")
    out.print(table)


def claims_list(found: list[tuple[str, Claim, list[Figure]]], names: dict[str, str]) -> None:
    """A line a claim (its article's id prefix and offset first), each figure inside it below."""
    for doc, claim, figures in found:
        out.print(f"{doc[:8]} {claim.start:>6}  {claim_line(claim, names)}", markup=False)
        for figure in figures:
            out.print(f"{'':>17}figure: {figure_line(figure)}", markup=False)
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
            event_date(event),
            f"{kind.acled_subtype}\n{kind.acled_type}" if kind and kind.acled_type else event.subtype,
            kind.plover if kind else "",
            event_who(event),
            event_place(event),
            "" if event.fatalities is None else str(event.fatalities),
            f"({flags}) {event_what(event)}" if flags else event_what(event),
            event_id(doc[:8], index),
        )
    return table


# -- stories -------------------------------------------------------------------------------------------------------


def stories_table(stories: list[StorySummary]) -> Table:
    table = Table("id", "label", "articles", "outlets", "dates", box=None)
    for column in table.columns:
        column.no_wrap = column.header in ("id", "articles", "dates")
    for summary in stories:
        table.add_row(
            summary.id,
            summary.label,
            str(summary.size),
            outlets_cell(summary.outlets),
            dates(summary.start, summary.end),
        )
    return table


def _story_sections(story: Story) -> None:
    if story.corroborations:
        out.print("\n[bold]corroborated[/] (independent sources · what · outlets)", markup=True)
        for corroboration in story.corroborations:
            what = corroboration.what or f"“{corroboration.statements[0].text}”"
            outlets = statement_outlets(corroboration.statements)
            out.print(f"  {len(corroboration.sources):>3}  {what} — {outlets}", markup=False)
    if story.conflicts:
        out.print("\n[bold]disputed[/]", markup=True)
        for conflict in story.conflicts:
            out.print(f"  {conflict.what}", markup=False)
            out.print(f"    a: {conflict.a_says} — {statement_outlets(conflict.a)}", markup=False)
            out.print(f"    b: {conflict.b_says} — {statement_outlets(conflict.b)}", markup=False)
    if story.timeline:
        out.print("\n[bold]timeline[/]", markup=True)
        for entry in story.timeline:
            when = entry.date + ("*" if entry.date_from_published else "")
            sources = f"{len(entry.sources)} source{'s' if len(entry.sources) != 1 else ''}"
            outlets = statement_outlets(entry.evidence)
            out.print(f"  {when:<11} {entry.precision:<6} {entry.text} — {outlets} ({sources})", markup=False)


def story_page(story: Story, summary: StorySummary, articles: list[Article]) -> None:
    """A story's label, its articles, what independent sources corroborate, where they disagree, its timeline."""
    out.print(Text.assemble((story.id, "bold"), " ", story.label))
    out.print(
        f"{len(articles)} articles from {len(summary.outlets)} outlets"
        + (f" · {dates(story.start, story.end)}" if story.start else ""),
        markup=False,
    )
    table = Table("outlet", "published", "title", "id", box=None)
    for article in articles:
        table.add_row(query.cited_as(article), str(article.published or ""), article.title or "", article.id)
    out.print(table)
    _story_sections(story)
