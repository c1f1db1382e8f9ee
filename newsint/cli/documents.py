"""Commands over the stored articles: ls, show, search, errors."""

from __future__ import annotations

from pathlib import Path

import click

from newsint import query
from newsint.cli.common import Filters, common_options, filter_options, opened
from newsint.cli.pages import article_page, articles_table, errors_list, search_hits
from newsint.cli.render import err, out, safe


@click.command("ls")
@click.option("--limit", default=50, show_default=True, help="How many articles to list.")
@click.option("--offset", default=0, help="Skip this many first.")
@click.option("--ids", "ids_only", is_flag=True, help="Print only the ids, one a line.")
@common_options
def ls_command(limit: int, offset: int, ids_only: bool, db: str | None, config_file: Path | None) -> None:
    """List stored articles in the order they were ingested."""
    with opened(config_file, db) as session:
        found = query.articles(session.store, limit=limit, offset=offset)
        if ids_only:
            for article in found:
                out.print(safe(article.id), markup=False)
            return
        out.print(articles_table(found))


@click.command("show")
@click.argument("article_id")
@common_options
def show_command(article_id: str, db: str | None, config_file: Path | None) -> None:
    """Show one article: metadata, clean text, captions and what cleaning removed (with why)."""
    with opened(config_file, db) as session:
        article = session.article(article_id)
        article_page(article, query.sightings(session.store, article.id))


@click.command("search")
@click.argument("query_text", metavar="QUERY")
@click.option("--limit", default=20, show_default=True)
@click.option(
    "--mode",
    type=click.Choice(query.SEARCH_MODES),
    default="fts",
    show_default=True,
    help="fts: words and FTS5 syntax, ranked by BM25; semantic: by meaning (embedding cosine).",
)
@filter_options
@common_options
def search_command(
    query_text: str, limit: int, mode: str, filters: Filters, db: str | None, config_file: Path | None
) -> None:
    """Search the articles. fts (the default): SQLite FTS5 syntax (words, "phrases", AND/OR/NOT, prefix*), a
    name also finding its entity's other spellings; semantic: the articles nearest in meaning. The filters keep
    the articles of a story, published in a date range, of an outlet or in a language."""
    with opened(config_file, db) as session:
        hits = query.search(session.store, query_text, limit, mode, session.where(filters))
        search_hits(hits)
        if not hits:
            err.print(f"no article matches {safe(repr(query_text))}", markup=False)


@click.command("errors")
@click.option("--limit", default=100, show_default=True)
@common_options
def errors_command(limit: int, db: str | None, config_file: Path | None) -> None:
    """What ingests skipped and why, newest first."""
    with opened(config_file, db) as session:
        errors_list(query.errors(session.store, limit))


COMMANDS = (ls_command, show_command, search_command, errors_command)
