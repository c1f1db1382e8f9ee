"""Settings: one frozen dataclass, filled from the packaged defaults, a user file, the environment and flags.

Each setting is declared once here with its help text; its default lives in `defaults.toml`.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import platformdirs

from newsint.errors import ConfigError


def _help(text: str) -> Any:
    return field(metadata={"help": text})


@dataclass(frozen=True, slots=True)
class FieldNames:
    """Candidate field names for JSONL/CSV records, tried in order (case-insensitive)."""

    text: tuple[str, ...] = _help("fields holding the article body")
    title: tuple[str, ...] = _help("fields holding the headline")
    url: tuple[str, ...] = _help("fields holding the article URL")
    date: tuple[str, ...] = _help("fields holding the publication date")
    outlet: tuple[str, ...] = _help("fields holding the outlet or site name")
    authors: tuple[str, ...] = _help("fields holding the author or authors")


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = _help("SQLite database file; empty means newsint.db in the user data directory")
    stages: tuple[str, ...] = _help("the stages run on every article, in order")
    batch_size: int = _help("articles written per database transaction")
    max_document_mb: float = _help("largest single-document input (text, HTML) read, in MB")
    max_input_mb: float = _help("largest input read, after decompression, in MB")
    # The caps below bound each article's cost whatever its shape (newsint/text/caps.py); with the defaults
    # an ingest on the default profile peaks under 1.5 GB of memory (bench/shapes.py).
    max_lines: int = _help("lines of one input's text cleaned; the rest is cut and kept as removed, with the reason")
    max_line_chars: int = _help("a longer line is broken into paragraphs at sentence ends; no text is lost")
    max_sentence_chars: int = _help(
        "a longer sentence (no sentence end) is broken into paragraphs at spaces, so the parser never reads it whole"
    )
    max_paragraphs: int = _help("paragraphs an article keeps; the rest is cut and kept as removed, with the reason")
    max_text_chars: int = _help(
        "characters an article keeps, in whole paragraphs; the rest is cut and kept as removed, with the reason"
    )
    min_words: int = _help("an article with fewer real words (two letters or more) after cleaning is skipped")
    near_duplicate_threshold: float = _help("estimated Jaccard similarity that makes a near-duplicate")
    minhash_permutations: int = _help("MinHash permutations per article signature")
    shingle_words: int = _help("words per shingle for near-duplicate detection")
    site_chrome_pages: int = _help(
        "a line its site printed on this many other pages is site chrome and removed; 0 turns this off"
    )
    nlp_profile: str = _help('NLP models: "default" (parser and transformer entities) or "fast" (CNN entities)')
    workers: int = _help(
        "processes that analyse articles during ingest (the writer runs the corpus stages); 0: one per usable "
        "core, 1: everything in one process"
    )
    engine: str = _help(
        'where ingest runs the per-document stages: "local" (worker processes on this machine) or "ray" (Ray actors '
        "on a cluster: pip install 'newsint[ray]')"
    )
    ray_address: str = _help(
        'the Ray cluster of engine "ray" ("auto", "ray://head:10001"); empty: RAY_ADDRESS, else a Ray started here'
    )
    place_resolver: str = _help(
        'how the places stage chooses among a name\'s gazetteer entries: "rules" (hand-set weights) or "ranker" (the '
        "learned ranker of models/toponyms-v1; docs/places.md compares them)"
    )
    fields: FieldNames = _help("candidate field names for JSONL and CSV records")

    @property
    def db_path(self) -> Path:
        if self.db:
            return Path(self.db).expanduser()
        return Path(platformdirs.user_data_dir("newsint")) / "newsint.db"

    @property
    def worker_count(self) -> int:
        """`workers`, or the cores this process may run on when it is 0."""
        if self.workers > 0:
            return self.workers
        return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


#: Where ingest can run the per-document stages (`engine`).
ENGINES = ("local", "ray")
#: How the places stage chooses among a name's entries (`place_resolver`).
PLACE_RESOLVERS = ("rules", "ranker")
_CAPS = ("max_lines", "max_line_chars", "max_sentence_chars", "max_paragraphs", "max_text_chars")


def _defaults() -> dict[str, Any]:
    text = resources.files("newsint").joinpath("defaults.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def _merge(base: dict[str, Any], override: dict[str, Any], origin: str) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if key not in base:
            raise ConfigError(f"{origin}: unknown setting {key!r}; known: {', '.join(sorted(base))}")
        if isinstance(base[key], dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{origin}: setting {key!r} must be a table")
            merged[key] = _merge(base[key], value, f"{origin} [{key}]")
        else:
            merged[key] = value
    return merged


def _from_env(base: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, default in base.items():
        raw = os.environ.get(f"NEWSINT_{key.upper()}")
        if raw is None or isinstance(default, dict):
            continue
        try:
            if isinstance(default, list):
                found[key] = [part.strip() for part in raw.split(",") if part.strip()]
            elif isinstance(default, bool):
                found[key] = raw.lower() in {"1", "true", "yes", "on"}
            else:
                found[key] = type(default)(raw)
        except ValueError:
            raise ConfigError(f"NEWSINT_{key.upper()}={raw!r} is not a {type(default).__name__}") from None
    return found


def _build(values: dict[str, Any]) -> Settings:
    names = {f.name for f in fields(FieldNames)}
    field_values = {k: tuple(v) for k, v in values["fields"].items() if k in names}
    args: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items() if k != "fields"}
    try:
        settings = Settings(**args, fields=FieldNames(**field_values))
    except TypeError as exc:
        raise ConfigError(f"bad settings: {exc}") from None
    for f in fields(Settings):
        if f.name == "fields":
            continue
        value = getattr(settings, f.name)
        expected = type(_defaults()[f.name])
        if expected is float and isinstance(value, int):
            continue
        if expected is list and isinstance(value, tuple):
            continue
        if not isinstance(value, expected):
            raise ConfigError(f"setting {f.name!r} must be {expected.__name__}, got {value!r}")
        if f.name in _CAPS and value < 1:
            raise ConfigError(f"setting {f.name!r} must be at least 1, got {value!r}")
    if settings.workers < 0:
        raise ConfigError(f"setting 'workers' must be 0 (one per core) or more, got {settings.workers!r}")
    if settings.engine not in ENGINES:
        raise ConfigError(f"setting 'engine' must be one of {', '.join(ENGINES)}, got {settings.engine!r}")
    if settings.place_resolver not in PLACE_RESOLVERS:
        raise ConfigError(
            f"setting 'place_resolver' must be one of {', '.join(PLACE_RESOLVERS)}, got {settings.place_resolver!r}"
        )
    return settings


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Defaults, then the user's config file, then NEWSINT_* variables, then explicit overrides.

    Overrides whose value is None are ignored, so CLI flags left unset do not mask the rest.
    """
    values = _defaults()
    user_file = config_file or Path(platformdirs.user_config_dir("newsint")) / "config.toml"
    if user_file.is_file():
        try:
            user = tomllib.loads(user_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{user_file}: {exc}") from None
        values = _merge(values, user, str(user_file))
    elif config_file is not None:
        raise ConfigError(f"{config_file}: no such config file")
    values = _merge(values, _from_env(values), "environment")
    values = _merge(values, {k: v for k, v in overrides.items() if v is not None}, "arguments")
    return _build(values)


def describe() -> list[tuple[str, str]]:
    """(name, help) for every setting, for `newsint settings` and the docs."""
    rows = [(f.name, f.metadata["help"]) for f in fields(Settings) if f.name != "fields"]
    rows += [(f"fields.{f.name}", f.metadata["help"]) for f in fields(FieldNames)]
    return rows
