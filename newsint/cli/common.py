"""What every command shares: the --db and --config options, and the session a command reads through (the
settings, the open store, and ids resolved from a unique prefix or refused as a usage error)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO, TypeVar

import click

from newsint import query
from newsint.model import Article
from newsint.query import Store, StorySummary
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
