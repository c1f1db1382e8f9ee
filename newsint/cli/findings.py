"""Commands over what the stages found across articles: entities, places, times, claims, events."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from newsint import query
from newsint.cli.common import common_options, opened
from newsint.cli.pages import claims_list, entities_table, events_table, places_table, times_of, unresolved_table
from newsint.cli.render import out
from newsint.errors import ConfigError
from newsint.model import HEDGES

ENTITY_TYPES = ("PERSON", "PER", "ORG", "LOC", "MISC")


@click.command("entities")
@click.option("--type", "kind", type=click.Choice(ENTITY_TYPES, case_sensitive=False), help="Only this type.")
@click.option("--doc", "article_id", help="Only entities of this article (id or unique prefix).")
@click.option("--limit", default=50, show_default=True, help="How many to list (0: all).")
@common_options
def entities_command(
    kind: str | None, article_id: str | None, limit: int, db: str | None, config_file: Path | None
) -> None:
    """Entities across all articles, most mentioned first, with their other written forms."""
    with opened(config_file, db) as session:
        doc = session.doc(article_id)
        kind = {"PER": "PERSON"}.get(kind.upper(), kind.upper()) if kind else None
        out.print(entities_table(query.entities(session.store, kind, doc, limit or -1)))


@click.command("places")
@click.option("--kind", help="Only this kind of place (country, region, district, capital, city, town, village, area).")
@click.option("--doc", "article_id", help="Only places named in this article (id or unique prefix).")
@click.option("--limit", default=50, show_default=True, help="How many to list (0: all).")
@click.option("--unresolved", is_flag=True, help="List the place names no gazetteer entry fitted, with why.")
@common_options
def places_command(
    kind: str | None, article_id: str | None, limit: int, unresolved: bool, db: str | None, config_file: Path | None
) -> None:
    """Places across all articles, most named first, with coordinates and the documents naming them."""
    with opened(config_file, db) as session:
        if unresolved:
            out.print(unresolved_table(query.unresolved_places(session.store, limit or -1)))
            return
        out.print(places_table(query.places(session.store, kind, session.doc(article_id), limit or -1)))


@click.command("times")
@click.option("--doc", "article_id", required=True, help="The article (id or unique prefix).")
@common_options
def times_command(article_id: str, db: str | None, config_file: Path | None) -> None:
    """Time expressions of one article with their normalised TIMEX3 values."""
    with opened(config_file, db) as session:
        times_of(session.article(article_id))


@click.command("claims")
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
    with opened(config_file, db) as session:
        doc = session.doc(article_id)
        found = query.claims_with_figures(session.store, speaker, doc, hedges, limit or -1)
        claims_list(found, query.entity_names(session.store) if found else {})


@click.command("events")
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
    with opened(config_file, db) as session:
        doc = session.doc(article_id)
        try:
            found = query.events(session.store, types, place, since.date() if since else None, doc, limit or -1)
        except ConfigError as exc:
            raise click.BadParameter(str(exc), param_hint="'--type'") from None
        if not found:
            out.print("no events match", markup=False)
            return
        out.print(events_table(found))
        if any(event.date_from_published for _, _, event in found):
            out.print("* the article gives no date: its publication date stands in", markup=False)


COMMANDS = (places_command, times_command, claims_command, events_command, entities_command)
