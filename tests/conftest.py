"""Shared fixtures: a settings object on a temp database, hand-built articles, the shared data paths."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from newsint.cli import cli
from newsint.model import Article, Provenance
from newsint.settings import Settings, load_settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
DATASETS = SHARED / "datasets"
SAMPLES = REPO / "samples" / "corpus"

# Ingest in one process unless a test asks for workers (tests/test_parallel.py does, and checks that they store
# the same): a pool started for each of the suite's many small ingests would cost more than the tests themselves.
os.environ.setdefault("NEWSINT_WORKERS", "1")


def needs(path: Path) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not present")


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    monkeypatch.delenv("NEWSINT_DB", raising=False)
    return load_settings(config_file=None, db=str(tmp_path / "test.db"))


@pytest.fixture
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("db") / "cli.db")


@pytest.fixture
def run_cli(db: str, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the CLI in-process through click's runner against the test database."""
    monkeypatch.delenv("NEWSINT_DB", raising=False)

    def run(*args: str, input: str | bytes | None = None, with_db: bool = True) -> Result:
        argv = [*args, "--db", db] if with_db else list(args)
        return CliRunner().invoke(cli, argv, input=input, catch_exceptions=False)

    return run


def make_article(raw: str = "", **fields: Any) -> Article:
    """An Article built by hand, as a reader would leave it."""
    article = Article(raw=raw, source=fields.pop("source", "test"), provenance=Provenance("test", "0" * 64))
    for key, value in fields.items():
        setattr(article, key, value)
    return article


@pytest.fixture
def article_factory() -> Callable[..., Article]:
    return make_article


@pytest.fixture(scope="session")
def seed_articles(tmp_path_factory: pytest.TempPathFactory) -> list[Article]:
    """The seed articles through the default pipeline, stored and read back (once per test session)."""
    from newsint.batch import ingest
    from newsint.store import Store

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    with Store.open(db) as store:
        ingest([str(SEEDS)], load_settings(None, db=str(db)), store)
        return list(store.articles())
