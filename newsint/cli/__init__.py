"""The `newsint` command: thin commands over settings, the pipeline and the store.

Exit status: 0 when everything went in, 3 when some inputs were skipped, 2 for usage or
configuration errors.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsint import __version__
from newsint import query as queries
from newsint.batch import IngestReport, ingest
from newsint.errors import ConfigError, NewsintError
from newsint.events.taxonomy import CLASSES
from newsint.export import FORMATS, WRITERS, event_id, story_item
from newsint.model import HEDGES, Article, Claim, Event, Figure, PlaceMention, Statement, TimeExpr
from newsint.query import StorySummary, analysed_story
from newsint.settings import Settings, describe, load_settings
from newsint.store import Store
from newsint.stories.statements import citation_label

EXIT_SKIPPED = 3
ENTITY_TYPES = ("PERSON", "PER", "ORG", "LOC", "MISC")
F = TypeVar("F", bound=Callable[..., Any])

out = Console(highlight=False, soft_wrap=True)
if not out.is_terminal:
    # Piped output keeps whole table rows rather than wrapping them at 80 columns.
    out = Console(highlight=False, soft_wrap=True, width=200)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def common_options(command: F) -> F:
    """--db and --config, which every command takes."""
    command = click.option(
        "--db",
        type=click.Path(dir_okay=False),
        envvar="NEWSINT_DB",
        help="SQLite database file (default: newsint.db in the user data directory; env NEWSINT_DB).",
    )(command)
    command = click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False, path_type=Path),
        help="TOML file of settings overriding the defaults.",
    )(command)
    return command


def _settings(config_file: Path | None, db: str | None) -> Settings:
    return load_settings(config_file, db=db)


def _open_store(settings: Settings) -> Store:
    return Store.open(settings.db_path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newsint")
def cli() -> None:
    """newsint: turn piles of news articles into clean, searchable, cited documents."""


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--profile",
    type=click.Choice(["default", "fast"]),
    help="NLP models: default (parser, transformer entities) or fast (CNN entities). Setting: nlp_profile.",
)
@common_options
def ingest_command(paths: tuple[str, ...], profile: str | None, db: str | None, config_file: Path | None) -> None:
    """Read PATHS (files, directories, globs, "-" for stdin) into the database.

    Text, HTML, RSS/Atom, WARC, JSONL and CSV, optionally inside .gz, .bz2, .xz or .zip.
    """
    settings = load_settings(config_file, db=db, nlp_profile=profile)
    with _open_store(settings) as store:
        shown = 0
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            TimeElapsedColumn(),
            console=err,
            transient=True,
            disable=not err.is_terminal,
        ) as progress:
            task = progress.add_task("starting")

            def update(report: IngestReport, name: str) -> None:
                nonlocal shown
                for error in report.skipped[shown:]:
                    progress.console.print(f"[yellow]skipped[/] {error}", markup=True)
                shown = len(report.skipped)
                progress.update(task, description=f"{report.inputs} inputs, {report.new} new · {name}")

            report = ingest(list(paths), settings, store, progress=update)
        for error in report.skipped[shown:]:
            err.print(f"[yellow]skipped[/] {error}", markup=True)
        counts = report.as_dict()
        out.print(
            f"read {counts['read']} articles from {counts['inputs']} inputs "
            f"({counts['unchanged']} unchanged since the last ingest): {counts['new']} new, "
            f"{counts['duplicates']} duplicates, {counts['near_duplicates']} near-duplicates, "
            f"{counts['skipped']} skipped · {store.count()} articles in {settings.db_path}"
        )
    if report.skipped:
        sys.exit(EXIT_SKIPPED)


@cli.command("ls")
@click.option("--limit", default=50, show_default=True, help="How many articles to list.")
@click.option("--offset", default=0, help="Skip this many first.")
@click.option("--ids", "ids_only", is_flag=True, help="Print only the ids, one a line.")
@common_options
def ls_command(limit: int, offset: int, ids_only: bool, db: str | None, config_file: Path | None) -> None:
    """List stored articles in the order they were ingested."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        if ids_only:
            for article in store.articles(limit=limit, offset=offset):
                out.print(article.id, markup=False)
            return
        table = Table("id", "published", "outlet", "title", "words", "duplicate of", box=None)
        table.columns[3].overflow = "ellipsis"
        table.columns[3].no_wrap = True
        for article in store.articles(limit=limit, offset=offset):
            table.add_row(
                article.id,
                str(article.published or ""),
                article.outlet or "",
                article.title or "",
                str(article.word_count),
                article.duplicate_of or "",
            )
        out.print(table)


@cli.command("show")
@click.argument("article_id")
@common_options
def show_command(article_id: str, db: str | None, config_file: Path | None) -> None:
    """Show one article: metadata, clean text, captions and what cleaning removed (with why)."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        article = store.get(article_id)
        if article is None:
            raise click.UsageError(f"no article with id {article_id!r} (or the prefix is ambiguous)")
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
        seen = store.sightings(article.id)
        if len(seen) > 1:
            out.print(f"[bold]{'also seen in':>13}[/] " + "; ".join(s for s, _ in seen[1:]), markup=True)
        out.print()
        out.print(highlighted(article))
        if article.entities:
            out.print("\n[bold]entities[/]", markup=True)
            for entity in article.entities:
                forms = ", ".join(a for a in entity.aliases if a != entity.name)
                roles = "; ".join(entity.roles)
                out.print(
                    f"  [{_ENTITY_STYLES.get(entity.type, 'bold')}]{entity.type:<6}[/] {entity.name} "
                    f"[dim]{entity.id} ×{len(entity.mentions)}{' · ' + forms if forms else ''}"
                    f"{' · ' + roles if roles else ''}[/]",
                    markup=True,
                )
        if article.places:
            out.print("\n[bold]places[/]", markup=True)
            for mention in article.places:
                at = str(mention.start) if mention.caption is None else f"c{mention.caption}:{mention.start}"
                out.print(f"  {at:>6}  {mention.text:<24} {_place_line(mention)}", markup=False)
        if article.times:
            out.print("\n[bold]times[/]", markup=True)
            for expr in article.times:
                out.print(f"  {expr.start:>6}  {expr.text:<24} {_time_line(expr)}", markup=False)
        if article.claims:
            out.print("\n[bold]claims[/]", markup=True)
            names = {e.id: e.name for e in article.entities}
            for index, claim in enumerate(article.claims):
                out.print(f"  {claim.start:>6}  {_claim_line(claim, names)}", markup=False)
                for figure in article.figures:
                    if figure.claim == index:
                        out.print(f"          figure: {_figure_line(figure)}", markup=False)
        loose = [f for f in article.figures if f.claim is None]
        if loose:
            out.print("\n[bold]figures[/]", markup=True)
            for figure in loose:
                out.print(f"  {figure.start:>6}  {_figure_line(figure)}", markup=False)
        if article.events:
            out.print("\n[bold]events[/]", markup=True)
            for event in article.events:
                out.print(f"  {event.trigger_start:>6}  {_event_line(event)}", markup=False)
        if article.captions:
            out.print("\n[bold]captions[/]", markup=True)
            for caption in article.captions:
                out.print(f"  {caption}")
        if article.removed:
            out.print("\n[bold]removed[/]", markup=True)
            for part in article.removed:
                out.print(f"  [{part.reason}] {part.text}", markup=False)


_ENTITY_STYLES = {"PERSON": "bold cyan", "ORG": "bold magenta", "LOC": "bold green", "MISC": "bold yellow"}


def highlighted(article: Article) -> Text:
    """The article text with claims in italics (their cue in reverse, a hedge in yellow) and each entity
    mention coloured by type (underlined when found by role)."""
    text = Text(article.text)
    for claim in article.claims:
        text.stylize("italic", claim.start, claim.end)
        text.stylize("reverse", claim.cue_start, claim.cue_end)
        if claim.hedge_start is not None and claim.hedge_end is not None:
            text.stylize("bold yellow", claim.hedge_start, claim.hedge_end)
    for entity in article.entities:
        style = _ENTITY_STYLES.get(entity.type, "bold")
        for mention in entity.mentions:
            text.stylize(style + (" underline" if mention.how == "role" else ""), mention.start, mention.end)
    return text


def _place_line(mention: PlaceMention) -> str:
    place = mention.place
    if place is None:
        return f"unresolved: {mention.reason}"
    where = ", ".join(x for x in (place.admin1 if place.kind != "region" else "", place.country) if x)
    ids = f" · geonames {place.geonames_id}" if place.geonames_id else ""
    return f"{place.name} ({place.kind}{', ' + where if where else ''}) {place.lat:.4f}, {place.lon:.4f}{ids}"


def _claim_line(claim: Claim, names: dict[str, str]) -> str:
    """[hedge] speaker (entity) cue: "content" · via …"""
    speaker = claim.speaker or "(no source named)"
    entity = names.get(claim.speaker_entity, claim.speaker_entity)
    if entity and entity != speaker:
        speaker += f" = {entity}"
    words = claim.text if len(claim.text) <= 160 else claim.text[:157] + "…"
    quote = f"“{words}”" if claim.direct else words
    hedge = claim.hedge + (f" ({claim.hedge_cue})" if claim.hedge_cue and claim.hedge_cue != claim.cue else "")
    via = f" · via {'; '.join(claim.via)}" if claim.via else ""
    return f"[{hedge}] {speaker} {claim.cue}: {quote}{via}"


def _figure_line(figure: Figure) -> str:
    """20,000–30,000 Russian troops killed or injured (between) …"""

    def number(value: float) -> str:
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"

    if figure.value is not None:
        amount = number(figure.value)
    else:
        amount = f"{number(figure.low or 0)}–{number(figure.high or 0)}"
    parts = [figure.qualifier, amount, figure.unit, figure.what]
    if figure.per is not None:
        parts.append(f"per {number(figure.per) + ' ' if figure.per != 1 else ''}{figure.per_what}")
    return " ".join(p for p in parts if p) + f"  [{figure.text}]"


def _event_date(event: Event) -> str:
    """The TIMEX3 value, starred when the publication date stands in for one the text did not give."""
    return event.date + ("*" if event.date_from_published else "")


def _event_who(event: Event) -> str:
    actors = ", ".join(event.actors)
    return f"{actors or '?'} → {', '.join(event.targets)}" if event.targets else actors


def _event_place(event: Event) -> str:
    if event.place is None:
        return event.place_text
    return event.place.name + (f" ({event.place.country})" if event.place.country else "")


def _event_flags(event: Event) -> str:
    return ", ".join(flag for flag, on in (("negated", event.negated), ("hypothetical", event.hypothetical)) if on)


def _event_what(event: Event) -> str:
    return event.summary or f"“{event.trigger}”"


def _event_line(event: Event) -> str:
    """[ART_MISS_ATTACK] 2023-03-09 · Kharkiv (UA) · Russian forces → civilians · 3 killed · what happened"""
    killed = "" if event.fatalities is None else f"{event.fatalities} killed"
    parts = (_event_date(event), _event_place(event), _event_who(event), killed, _event_flags(event))
    return f"[{event.subtype}] " + " · ".join(p for p in (*parts, _event_what(event)) if p)


def _time_line(expr: TimeExpr) -> str:
    mod = f" {expr.mod}" if expr.mod else ""
    return f"{expr.type:<8} {expr.value}{mod}{'' if expr.anchored else '  (from the text alone)'}"


@cli.command("places")
@click.option("--kind", help="Only this kind of place (country, region, district, capital, city, town, village, area).")
@click.option("--doc", "article_id", help="Only places named in this article (id or unique prefix).")
@click.option("--limit", default=50, show_default=True, help="How many to list (0: all).")
@click.option("--unresolved", is_flag=True, help="List the place names no gazetteer entry fitted, with why.")
@common_options
def places_command(
    kind: str | None, article_id: str | None, limit: int, unresolved: bool, db: str | None, config_file: Path | None
) -> None:
    """Places across all articles, most named first, with coordinates and the documents naming them."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        if unresolved:
            table = Table("name", "mentions", "why", box=None)
            for name, reason, count in store.unresolved_places(limit or -1):
                table.add_row(name, str(count), reason)
            out.print(table)
            return
        if article_id:
            article_id = _article(store, article_id).id
        table = Table("place", "kind", "country", "lat", "lon", "geonames", "mentions", "docs", "written", box=None)
        for summary in store.places(kind, article_id, limit or -1):
            place = summary.place
            table.add_row(
                place.name,
                place.kind,
                place.country,
                f"{place.lat:.4f}",
                f"{place.lon:.4f}",
                str(place.geonames_id or ""),
                str(summary.mentions),
                _documents_cell(summary.documents),
                ", ".join(n for n in summary.names if n != place.name),
            )
        out.print(table)


def _documents_cell(documents: list[str], shown: int = 3) -> str:
    """How many documents, and the first few ids (8 characters are enough for `show`)."""
    ids = " ".join(d[:8] for d in documents[:shown])
    more = " …" if len(documents) > shown else ""
    return f"{len(documents)}: {ids}{more}"


@cli.command("times")
@click.option("--doc", "article_id", required=True, help="The article (id or unique prefix).")
@common_options
def times_command(article_id: str, db: str | None, config_file: Path | None) -> None:
    """Time expressions of one article with their normalised TIMEX3 values."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        article = _article(store, article_id)
        anchor = f"anchored on {article.published}" if article.published else "publication date unknown"
        out.print(f"[bold]{article.id}[/] {article.title or ''} · {anchor}", markup=True)
        table = Table("start", "text", "type", "value", "mod", "anchored", box=None)
        for expr in article.times:
            table.add_row(str(expr.start), expr.text, expr.type, expr.value, expr.mod, "yes" if expr.anchored else "no")
        out.print(table)


def _article(store: Store, article_id: str) -> Article:
    article = store.get(article_id)
    if article is None:
        raise click.UsageError(f"no article with id {article_id!r} (or the prefix is ambiguous)")
    return article


@cli.command("claims")
@click.option("--speaker", help="Only claims whose speaker, as written or by entity name, contains this.")
@click.option("--doc", "article_id", help="Only claims of this article (id or unique prefix).")
@click.option("--hedge", "hedges", multiple=True, type=click.Choice(HEDGES), help="Only these hedges (repeatable).")
@click.option("--limit", default=50, show_default=True, help="How many to list (0: all).")
@common_options
def claims_command(
    speaker: str | None,
    article_id: str | None,
    hedges: tuple[str, ...],
    limit: int,
    db: str | None,
    config_file: Path | None,
) -> None:
    """Quotes and reported claims with speaker, hedge, figures and source article."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        if article_id:
            article_id = _article(store, article_id).id
        found = store.claims(speaker, article_id, hedges, limit or -1)
        names = {e.id: e.name for e in store.entities()} if found else {}
        articles: dict[str, Article] = {}
        for doc, claim in found:
            if doc not in articles:
                articles[doc] = _article(store, doc)
            article = articles[doc]
            out.print(f"{doc[:8]} {claim.start:>6}  {_claim_line(claim, names)}", markup=False)
            index = article.claims.index(claim) if claim in article.claims else -1
            for figure in article.figures:
                if figure.claim == index:
                    out.print(f"{'':>17}figure: {_figure_line(figure)}", markup=False)
        if not found:
            out.print("no claims match", markup=False)


@cli.command("events")
@click.option(
    "--type",
    "types",
    multiple=True,
    help="Only this type (repeatable): a subtype code (ART_MISS_ATTACK), an ACLED event type (Battles) or "
    'sub-type ("Air/drone strike"), or a PLOVER class (ASSAULT); any case.',
)
@click.option("--place", help="Only events at a place whose name, region or country contains this.")
@click.option(
    "--since",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Only events whose date ends on or after this day (YYYY-MM-DD); events without a date are left out.",
)
@click.option("--doc", "article_id", help="Only events of this article (id or unique prefix).")
@click.option("--limit", default=50, show_default=True, help="How many to list (0: all).")
@common_options
def events_command(
    types: tuple[str, ...],
    place: str | None,
    since: datetime | None,
    article_id: str | None,
    limit: int,
    db: str | None,
    config_file: Path | None,
) -> None:
    """Events by date with their ACLED and PLOVER classes, actors, targets, place, fatalities and article."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        if article_id:
            article_id = _article(store, article_id).id
        try:
            found = queries.events(store, types, place, since.date() if since else None, article_id, limit or -1)
        except ConfigError as exc:
            raise click.BadParameter(str(exc), param_hint="'--type'") from None
        if not found:
            out.print("no events match", markup=False)
            return
        table = Table("date", "type", "plover", "actors → targets", "place", "killed", "what", "id", box=None)
        for column in table.columns:
            column.no_wrap = column.header in ("date", "plover", "killed", "id")
        for doc, index, event in found:
            kind = CLASSES.get(event.subtype)
            flags = _event_flags(event)
            table.add_row(
                _event_date(event),
                f"{kind.acled_subtype}\n{kind.acled_type}" if kind and kind.acled_type else event.subtype,
                kind.plover if kind else "",
                _event_who(event),
                _event_place(event),
                "" if event.fatalities is None else str(event.fatalities),
                f"({flags}) {_event_what(event)}" if flags else _event_what(event),
                event_id(doc[:8], index),
            )
        out.print(table)
        if any(event.date_from_published for _, _, event in found):
            out.print("* the article gives no date: its publication date stands in", markup=False)


def _dates(start: date | None, end: date | None) -> str:
    if start is None or end is None:
        return ""
    return str(start) if start == end else f"{start} – {end}"


def _outlets_cell(outlets: list[str], shown: int = 3) -> str:
    more = f" +{len(outlets) - shown}" if len(outlets) > shown else ""
    return ", ".join(outlets[:shown]) + more


def _story(store: Store, story_id: str) -> StorySummary:
    summary = queries.story(store, story_id)
    if summary is None:
        raise click.UsageError(
            f"no story with id {story_id!r} (or the prefix is ambiguous); `newsint stories` lists them"
        )
    return summary


def _statement_outlets(statements: Iterable[Statement]) -> str:
    return ", ".join(dict.fromkeys(s.outlet for s in statements))


@cli.command("stories")
@click.option("--limit", default=50, show_default=True, help="How many to list (0: all).")
@common_options
def stories_command(limit: int, db: str | None, config_file: Path | None) -> None:
    """Stories (articles about one event or issue), the biggest and then the most recent first: id, label (its most
    telling names), articles, outlets and dates."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        found = queries.stories(store, limit or -1)
        if not found:
            out.print("no stories: ingest some articles first", markup=False)
            return
        table = Table("id", "label", "articles", "outlets", "dates", box=None)
        for column in table.columns:
            column.no_wrap = column.header in ("id", "articles", "dates")
        for summary in found:
            table.add_row(
                summary.id,
                summary.label,
                str(summary.size),
                _outlets_cell(summary.outlets),
                _dates(summary.start, summary.end),
            )
        out.print(table)


@cli.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print the story as the JSON export gives it.")
@common_options
def story_command(story_id: str, as_json: bool, db: str | None, config_file: Path | None) -> None:
    """One story (id or unique prefix): its articles, what independent sources corroborate, where they disagree,
    and its timeline (a date with * is an article's publication date standing in)."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        summary = _story(store, story_id)
        story, articles = analysed_story(store, summary)
        if as_json:
            out.print(json.dumps(story_item(story), ensure_ascii=False), markup=False)
            return
        out.print(Text.assemble((story.id, "bold"), " ", story.label))
        out.print(
            f"{len(articles)} articles from {len(summary.outlets)} outlets"
            + (f" · {_dates(story.start, story.end)}" if story.start else ""),
            markup=False,
        )
        table = Table("outlet", "published", "title", "id", box=None)
        for article in articles:
            table.add_row(citation_label(article), str(article.published or ""), article.title or "", article.id)
        out.print(table)
        if story.corroborations:
            out.print("\n[bold]corroborated[/] (independent sources · what · outlets)", markup=True)
            for corroboration in story.corroborations:
                what = corroboration.what or f"“{corroboration.statements[0].text}”"
                outlets = _statement_outlets(corroboration.statements)
                out.print(f"  {len(corroboration.sources):>3}  {what} — {outlets}", markup=False)
        if story.conflicts:
            out.print("\n[bold]disputed[/]", markup=True)
            for conflict in story.conflicts:
                out.print(f"  {conflict.what}", markup=False)
                out.print(f"    a: {conflict.a_says} — {_statement_outlets(conflict.a)}", markup=False)
                out.print(f"    b: {conflict.b_says} — {_statement_outlets(conflict.b)}", markup=False)
        if story.timeline:
            out.print("\n[bold]timeline[/]", markup=True)
            for entry in story.timeline:
                when = entry.date + ("*" if entry.date_from_published else "")
                sources = f"{len(entry.sources)} source{'s' if len(entry.sources) != 1 else ''}"
                outlets = _statement_outlets(entry.evidence)
                out.print(f"  {when:<11} {entry.precision:<6} {entry.text} — {outlets} ({sources})", markup=False)


@cli.command("brief")
@click.option("--story", "story_id", help="The story (id or unique prefix).")
@click.option("--query", help="The story that best matches this text (what it is about, and its names and places).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of standard output.",
)
@common_options
def brief_command(
    story_id: str | None, query: str | None, fmt: str, out_file: Path | None, db: str | None, config_file: Path | None
) -> None:
    """A briefing on one story, every sentence cited to the articles: the story given by --story, the best match
    of --query, or else the biggest story."""
    from newsint.stories.brief import render_brief

    if story_id and query:
        raise click.UsageError("give --story or --query, not both")
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        if story_id:
            summary = _story(store, story_id)
        else:
            biggest = queries.stories(store, limit=1)
            if not biggest:
                raise click.ClickException(f"no stories in {settings.db_path}: ingest some articles first")
            summary = biggest[0]
            if query:
                found = queries.story_for_query(store, query)
                if found is None:
                    raise click.ClickException(f"no story matches {query!r}; `newsint stories` lists them")
                summary = _story(store, found)
        story, articles = analysed_story(store, summary)
        text = render_brief(story, articles, fmt)
        if out_file is None:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")
            return
        partial = out_file.with_name(out_file.name + ".partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(out_file)
        err.print(f"wrote the brief of story {story.id} ({story.label}) to {out_file}", markup=False)


@cli.command("entities")
@click.option("--type", "kind", type=click.Choice(ENTITY_TYPES, case_sensitive=False), help="Only this type.")
@click.option("--doc", "article_id", help="Only entities of this article (id or unique prefix).")
@click.option("--limit", default=50, show_default=True, help="How many to list (0: all).")
@common_options
def entities_command(
    kind: str | None, article_id: str | None, limit: int, db: str | None, config_file: Path | None
) -> None:
    """Entities across all articles, most mentioned first, with their other written forms."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        if article_id:
            article_id = _article(store, article_id).id
        kind = {"PER": "PERSON"}.get(kind.upper(), kind.upper()) if kind else None
        table = Table("id", "type", "name", "mentions", "docs", "also written", box=None)
        for entity in store.entities(kind, article_id, limit or -1):
            others = ", ".join(a for a in entity.aliases if a != entity.name)
            table.add_row(entity.id, entity.type, entity.name, str(entity.mentions), str(entity.documents), others)
        out.print(table)


@cli.command("search")
@click.argument("query")
@click.option("--limit", default=20, show_default=True)
@common_options
def search_command(query: str, limit: int, db: str | None, config_file: Path | None) -> None:
    """Full-text search (SQLite FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*)."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        hits = store.search(query, limit)
        for hit in hits:
            out.print(
                f"[bold]{hit.id}[/] {hit.published or '':10} {hit.outlet or ''} · {hit.title or ''}",
                markup=True,
            )
            out.print(f"    {hit.snippet}", markup=False)
        if not hits:
            err.print(f"no article matches {query!r}")


@cli.command("errors")
@click.option("--limit", default=100, show_default=True)
@common_options
def errors_command(limit: int, db: str | None, config_file: Path | None) -> None:
    """What ingests skipped and why, newest first."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        for error in store.errors(limit):
            where = f"{error.path} ({error.locator})" if error.locator else error.path
            out.print(f"{error.at}  {where}: {error.reason}", markup=False)


@cli.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of standard output.",
)
@common_options
def export_command(fmt: str, out_file: Path | None, db: str | None, config_file: Path | None) -> None:
    """Export every stored article as one JSON object, JSON lines or a CSV table, the places as GeoJSON, or the
    events in ACLED's CSV layout (acled-csv: only events that happened, of ACLED's classes, with a date)."""
    settings = _settings(config_file, db)
    with _open_store(settings) as store:
        writer = WRITERS[fmt]
        if out_file is None:
            writer(store, sys.stdout)
            return
        partial = out_file.with_name(out_file.name + ".partial")
        with open(partial, "w", encoding="utf-8", newline="") as handle:
            count = writer(store, handle)
        partial.replace(out_file)
        err.print(f"wrote {count} {_EXPORTED.get(fmt, 'documents')} to {out_file}")


_EXPORTED = {"geojson": "places", "acled-csv": "events"}


@cli.command("settings")
@common_options
def settings_command(db: str | None, config_file: Path | None) -> None:
    """Every setting with its value (after config file, environment and flags) and what it does."""
    settings = _settings(config_file, db)
    for name, help_text in describe():
        section, _, key = name.rpartition(".")
        value = getattr(settings.fields, key) if section else getattr(settings, name)
        shown = ", ".join(value) if isinstance(value, tuple) else value
        out.print(f"[bold]{name}[/] = {shown}\n    {help_text}", markup=True)
    out.print(f"[bold]database[/] {settings.db_path}", markup=True)


@cli.group("eval")
def eval_group() -> None:
    """Score a stage on a public dataset with its standard metric."""


@eval_group.command("extract")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--mode",
    type=click.Choice(["html", "text"]),
    default="html",
    show_default=True,
    help="html: the HTML path; text: flatten each page to crude text, then the plain-text path.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
@common_options
def eval_extract(dataset: Path, mode: str, as_json: bool, db: str | None, config_file: Path | None) -> None:
    """Body extraction on a Zyte-format dataset: 4-gram shingle precision, recall, F1."""
    from newsint.evaluation.extraction import evaluate_extract

    result = evaluate_extract(dataset, mode, _settings(config_file, db))
    _print_result(result, as_json)


@eval_group.command("ner")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--profile", type=click.Choice(["default", "fast"]), default="default", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_ner(data: Path, profile: str, as_json: bool) -> None:
    """Named entities on a CoNLL-format file or folder: entity-level P/R/F1 per type (conlleval rules)."""
    from newsint.evaluation.ner import evaluate_ner
    from newsint.nlp import load_pipeline

    figures = evaluate_ner(data, load_pipeline(profile), mapping=_ner_mapping(data))
    if as_json:
        out.print(json.dumps(figures), markup=False)
        return
    table = Table("", "precision", "recall", "f1", title=f"newsint eval ner · {data} · {profile}", box=None)
    for label, row in [("overall", figures["overall"]), *sorted(figures["per_type"].items())]:
        table.add_row(label, *(f"{row[k]:.3f}" for k in ("precision", "recall", "f1")))
    out.print(table)
    out.print(f"{figures['words']} words, {figures['words_per_second']:.0f} words/s", markup=False)


def _ner_mapping(data: Path) -> dict[str, str | None] | None:
    """en-worldwide-newswire's classes mapped to CoNLL's, as its README says; other data as it is."""
    from newsint.evaluation.ner import WORLDWIDE_TO_CONLL

    return WORLDWIDE_TO_CONLL if data.is_dir() or data.suffix == ".tsv" else None


@eval_group.command("link")
@click.argument("data", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_link(data: Path, as_json: bool) -> None:
    """Cross-document name linking on ECB+ (a split folder): B-cubed and MUC, beside exact-string linking."""
    from newsint.evaluation.linking import evaluate_linking

    figures = evaluate_linking(data)
    if as_json:
        out.print(json.dumps(figures), markup=False)
        return
    columns = ("B3 P", "B3 R", "B3 F1", "MUC P", "MUC R", "MUC F1")
    table = Table("", *columns, title=f"newsint eval link · {data}", box=None)
    for system in ("newsint", "exact_string"):
        b3, muc = figures[system]["b_cubed"], figures[system]["muc"]
        table.add_row(system, *(f"{row[k]:.3f}" for row in (b3, muc) for k in ("precision", "recall", "f1")))
    out.print(table)
    counts = f"{figures['documents']} documents, {figures['mentions']} name mentions"
    out.print(f"{counts}, {figures['gold_entities']} gold entities", markup=False)


@eval_group.command("parse")
@click.argument("data", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_parse(data: Path, as_json: bool) -> None:
    """Dependency parse on a CoNLL-U file: UAS, LAS, UPOS accuracy, token and sentence F1."""
    from newsint.evaluation.parse import evaluate_parse
    from newsint.nlp import load_pipeline

    _print_figures(evaluate_parse(data, load_pipeline("default")), as_json)


@eval_group.command("geo")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--profile", type=click.Choice(["default", "fast"]), default="default", show_default=True)
@click.option("--no-recognition", is_flag=True, help="Only resolution with gold toponyms (no NLP run).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_geo(data: Path, profile: str, no_recognition: bool, as_json: bool) -> None:
    """Geoparsing on an LGL/GeoWebNews/GeoVirus-style XML corpus: toponym recognition F1, and with gold
    toponyms accuracy within 161 km, mean error (km) and AUC."""
    from newsint.evaluation.geo import evaluate_geo
    from newsint.geo.gazetteer import shared_gazetteer

    find = None if no_recognition else _toponym_finder(profile)
    _print_figures(evaluate_geo(data, find, shared_gazetteer()), as_json)


def _toponym_finder(profile: str) -> Callable[[str], list[tuple[int, int]]]:
    """Spans of LOC entities the `profile` pipeline and the entity stage find in a text."""
    from newsint.entities.mentions import group_mentions
    from newsint.nlp import load_pipeline

    nlp = load_pipeline(profile)

    def find(text: str) -> list[tuple[int, int]]:
        entities = group_mentions(nlp(text))
        return [(m.start, m.end) for e in entities if e.type == "LOC" for m in e.mentions if m.how != "role"]

    return find


@eval_group.command("time")
@click.argument("data", type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_time(data: Path, as_json: bool) -> None:
    """Time expressions on TimeML (.tml) files: TempEval-3 strict/relaxed extent F1, type and value F1."""
    from newsint.evaluation.timeml import evaluate_timeml

    _print_figures(evaluate_timeml(data), as_json)


@eval_group.command("attribution")
@click.argument("split_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--limit", type=int, help="Score only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_attribution(split_dir: Path, limit: int | None, as_json: bool) -> None:
    """Attributions on a PolNeAR split folder (text/ + attributions/): source, cue, content and whole-attribution
    F1, token overlap (exact-span figures under "exact")."""
    from newsint.claims import find_attributions
    from newsint.claims.cuemodel import load_cue_model
    from newsint.evaluation.attribution import Attribution, as_attributions, evaluate_attribution
    from newsint.nlp.core import load_core

    nlp, model = load_core("default"), load_cue_model()

    def extract(text: str) -> list[Attribution]:
        return as_attributions(find_attributions(nlp(text), model))

    figures = evaluate_attribution(split_dir, extract, limit)
    if not as_json:
        figures = {k: v for k, v in figures.items() if k != "detail"}
        figures.update({f"exact {k}": v for k, v in figures.pop("exact").items()})
    _print_figures(figures, as_json)


@eval_group.command("events")
@click.argument("case_tsv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--triggers", is_flag=True, help="Also give trigger_recall: the share of snippets where the parse finds an event."
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_events(case_tsv: Path, triggers: bool, as_json: bool) -> None:
    """Event classes on a CASE 2021 Task 2 file (id, EventSnippet, SubType): macro, micro and weighted F1 of the
    shipped event model over the sub-types."""
    from newsint.evaluation.events import evaluate_events, read_snippets
    from newsint.events.classifier import load_classifier

    classifier = load_classifier()

    def classify(texts: list[str]) -> list[str]:
        return [classifier.labels[int(row.argmax())] for row in classifier.probabilities(texts)]

    figures: dict[str, Any] = dict(evaluate_events(case_tsv, classify))
    if triggers:
        from newsint.events.extract import find_candidates
        from newsint.nlp import load_pipeline

        texts = [s.text for s in read_snippets(case_tsv)]
        found = sum(any(not c.ongoing for c in find_candidates(doc)) for doc in load_pipeline("default").pipe(texts))
        figures["trigger_recall"] = found / len(texts) if texts else 0.0
    _print_figures(figures, as_json)


@eval_group.command("stories")
@click.argument("path", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
@common_options
def eval_stories(path: Path, as_json: bool, db: str | None, config_file: Path | None) -> None:
    """Story clustering on ECB+ (a split folder, e.g. ../shared/datasets/ecbplus/dev): B-cubed precision, recall
    and F1 of the stories against the sub-topics, every document through the pipeline into one index."""
    from newsint.evaluation.stories import evaluate_stories

    figures = evaluate_stories(path, _settings(config_file, db))
    if not as_json:
        figures.update({f"{name}: f1": f["bcubed_f1"] for name, f in figures.pop("ablations").items()})
    _print_figures(figures, as_json)


@eval_group.command("timeline")
@click.argument("data", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object of figures.")
def eval_timeline(data: Path, as_json: bool) -> None:
    """Cross-document event timelines on a SemEval-2015 Task 4 folder (Track A, from raw text): the task's
    temporal-awareness precision, recall and F1, micro-averaged over the timelines, beside a baseline."""
    from newsint.evaluation.timeline import evaluate_timelines

    figures = evaluate_timelines(data)
    if as_json:
        out.print(json.dumps(figures), markup=False)
        return
    table = Table("", "precision", "recall", "f1", title=f"newsint eval timeline · {data}", box=None)
    rows = [("newsint", figures), ("baseline", figures["baseline"]), *figures["per_timeline"].items()]
    for label, row in rows:
        table.add_row(label, *(f"{row[k]:.3f}" for k in ("precision", "recall", "f1")))
    out.print(table)
    counts = f"{figures['timelines']} timelines, {figures['documents']} documents, {figures['gold_events']} gold events"
    out.print(f"{counts}; events placed: {figures['events']} (baseline {figures['baseline']['events']})", markup=False)


def _print_figures(figures: dict[str, Any], as_json: bool) -> None:
    """One JSON object, or a line a figure (fractions with three decimals)."""
    if as_json:
        out.print(json.dumps(figures), markup=False)
        return
    for key, value in figures.items():
        shown = (
            f"{value:.3f}"
            if isinstance(value, float) and value <= 1
            else f"{value:.1f}"
            if isinstance(value, float)
            else value
        )
        out.print(f"{key:>22} {shown}", markup=False)


def _print_result(result: Any, as_json: bool) -> None:
    if as_json:
        out.print(json.dumps(result.figures), markup=False)
        return
    keys = list(result.figures)
    table = Table("", *keys, title=f"newsint eval {result.name} · {result.dataset}", box=None)
    for label, figures in result.rows:
        table.add_row(label, *(f"{figures.get(k, 0):.3f}" for k in keys))
    out.print(table)
    for note in result.notes:
        out.print(note, markup=False)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err.print("aborted")
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ConfigError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(2)
    except NewsintError as exc:
        err.print(f"error: {exc}", markup=False)
        sys.exit(1)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)


if __name__ == "__main__":
    main()
