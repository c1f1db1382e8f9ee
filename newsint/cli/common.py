"""What every command shares: the --db and --config options, and the session a command reads through (the
settings, the open store, and ids resolved from a unique prefix or refused as a usage error)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, TextIO, TypeVar, cast

import click

from newsint import query
from newsint.model import Article
from newsint.query import ArticleFilter, Store, StorySummary
from newsint.settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])
T = TypeVar("T")


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


@dataclass(frozen=True, slots=True)
class Filters:
    """The values of the filter options (`filter_options`) as given."""

    story: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    language: str | None = None


def filter_options(command: F) -> F:
    """--story, --since, --until, --outlet and --language, passed to the command as one `filters` argument."""

    @functools.wraps(command)
    def with_filters(*args: Any, story: str | None, since: datetime | None, until: datetime | None,
                     outlet: str | None, language: str | None, **kwargs: Any) -> Any:  # fmt: skip
        days = (since.date() if since else None, until.date() if until else None)
        return command(*args, filters=Filters(story, *days, outlet, language), **kwargs)

    options = (
        click.option("--story", help="Only the articles of this story (id or unique prefix)."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Only what is dated on or after this day."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Only what is dated on or before this day."),
        click.option("--outlet", help="Only the articles of outlets whose name or URL holds this text."),
        click.option("--language", help="Only the articles in this language (ISO 639-1 code, e.g. en, uk)."),
    )
    for option in reversed(options):
        with_filters = option(with_filters)
    return cast(F, with_filters)


@dataclass(frozen=True, slots=True)
class Session:
    """The settings and the open store of one command; what it names by id is looked up here."""

    settings: Settings
    store: Store

    def article(self, article_id: str) -> Article:
        """The article with this id or unique prefix; a usage error when there is none."""
        found = query.article(self.store, article_id)
        if found is None:
            raise click.UsageError(f"no article with id {article_id!r} (or the prefix is ambiguous)")
        return found

    def doc(self, article_id: str | None) -> str | None:
        """A --doc filter as the article's full id (left as it is when not given)."""
        return self.article(article_id).id if article_id else article_id

    def where(self, filters: Filters, match: str | None = None) -> ArticleFilter:
        """The articles the filter options (and a full-text query) keep, the story's id resolved."""
        story = self.story(filters.story).id if filters.story else None
        return ArticleFilter(story, filters.since, filters.until, filters.outlet, filters.language, match or None)

    def story(self, story_id: str) -> StorySummary:
        """The story with this id or unique prefix; a usage error when there is none."""
        found = query.story(self.store, story_id)
        if found is None:
            raise click.UsageError(
                f"no story with id {story_id!r} (or the prefix is ambiguous); `newsint stories` lists them"
            )
        return found


@contextmanager
def opened(config_file: Path | None, db: str | None, **overrides: Any) -> Iterator[Session]:
    """The settings (defaults, config file, environment, then `db` and the overrides) and their store, open."""
    settings = load_settings(config_file, db=db, **overrides)
    with query.open_store(settings) as store:
        yield Session(settings, store)


#: --out FILE, for commands that write to standard output or, whole or not at all, to a file (`write_file`).
out_file_option = click.option(
    "--out",
    "out_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write here instead of standard output.",
)


def write_file(path: Path, write: Callable[[TextIO], T], newline: str | None = "") -> T:
    """Write through `write(handle)` to PATH.partial, then rename it to PATH: a file is whole or not there."""
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8", newline=newline) as handle:
        written = write(handle)
    partial.replace(path)
    return written
