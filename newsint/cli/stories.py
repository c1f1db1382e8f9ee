"""Commands over stories: the list, one story analysed, and its cited briefing."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from newsint import query
from newsint.cli.common import Session, common_options, opened, out_file_option, write_file
from newsint.cli.pages import stories_table, story_page
from newsint.cli.render import err, out, safe, safe_json, safe_lines
from newsint.export import story_item
from newsint.query import StorySummary


@click.command("stories")
@click.option("--limit", default=50, show_default=True, help="How many to list (0: all).")
@common_options
def stories_command(limit: int, db: str | None, config_file: Path | None) -> None:
    """Stories (articles about one event or issue), the biggest and then the most recent first: id, label (its most
    telling names), articles, outlets and dates."""
    with opened(config_file, db) as session:
        found = query.stories(session.store, limit or -1)
        if not found:
            out.print("no stories: ingest some articles first", markup=False)
            return
        out.print(stories_table(found))


@click.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="Print the story as the JSON export gives it.")
@common_options
def story_command(story_id: str, as_json: bool, db: str | None, config_file: Path | None) -> None:
    """One story (id or unique prefix): its articles, what independent sources corroborate, where they disagree,
    and its timeline (a date with * is an article's publication date standing in)."""
    with opened(config_file, db) as session:
        summary = session.story(story_id)
        story = query.analysed_story(session.store, summary)
        if as_json:
            out.print(safe_json(story_item(story)), markup=False)
            return
        story_page(story, summary, query.story_articles(session.store, summary.id))


def _brief_story(session: Session, story_id: str | None, text: str | None) -> StorySummary:
    """The story --story names; else the best match of --query; else the biggest story."""
    if story_id:
        return session.story(story_id)
    biggest = query.stories(session.store, limit=1)
    if not biggest:
        raise click.ClickException(f"no stories in {session.settings.db_path}: ingest some articles first")
    if not text:
        return biggest[0]
    found = query.story_for_query(session.store, text)
    if found is None:
        raise click.ClickException(f"no story matches {text!r}; `newsint stories` lists them")
    return session.story(found)


@click.command("brief")
@click.option("--story", "story_id", help="The story (id or unique prefix).")
@click.option(
    "--query",
    "query_text",
    help="The story that best matches this text (what it is about, and its names and places).",
)
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@out_file_option
@common_options
def brief_command(
    story_id: str | None,
    query_text: str | None,
    fmt: str,
    out_file: Path | None,
    db: str | None,
    config_file: Path | None,
) -> None:
    """A briefing on one story, every sentence cited to the articles: the story given by --story, the best match
    of --query, or else the biggest story."""
    if story_id and query_text:
        raise click.UsageError("give --story or --query, not both")
    with opened(config_file, db) as session:
        story, text = query.brief(session.store, _brief_story(session, story_id, query_text), fmt)
        if out_file is None:
            sys.stdout.write(safe_lines(text if text.endswith("\n") else text + "\n"))
            return
        write_file(out_file, lambda handle: handle.write(text), newline=None)
        err.print(safe(f"wrote the brief of story {story.id} ({story.label}) to {out_file}"), markup=False)


COMMANDS = (stories_command, story_command, brief_command)
