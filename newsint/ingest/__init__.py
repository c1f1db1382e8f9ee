"""Readers: raw bytes of any common news format to Articles.

`read_paths` walks the user's arguments and yields, for each input, either the articles it
holds or an `InputError` saying why it (or one of its records) could not be read.
Formats are recognised by content first (a WARC or feed saved as .txt still reads), then by name.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path, PurePath

from newsint.errors import InputError
from newsint.ingest.encoding import binary_kind
from newsint.ingest.feeds import read_feed
from newsint.ingest.html import read_html
from newsint.ingest.records import read_csv, read_jsonl
from newsint.ingest.sources import (
    Budget,
    RawInput,
    archive_members,
    compression,
    decompress,
    display_name,
    expand_paths,
    inner_name,
    load,
)
from newsint.ingest.text import read_text
from newsint.ingest.warc import read_warc
from newsint.model import Article
from newsint.settings import Settings

__all__ = ["FORMATS", "RawInput", "detect_format", "read_input", "iter_raw_inputs"]

FORMATS = ("text", "html", "feed", "warc", "jsonl", "csv")
_BY_SUFFIX = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
    ".warc": "warc",
    ".arc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".csv": "csv",
    ".tsv": "csv",
}
_RECORD_FORMATS = {"warc", "jsonl", "feed", "csv"}


def detect_format(name: str, data: bytes) -> str:
    """The reader for `data`: strong content signatures first, then the file name, then plain text."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"warc/", b"filedesc://")):
        return "warc"
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf:rdf")) and any(
        tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
    ):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    suffix = PurePath(name.rsplit(":", 1)[-1]).suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if head.startswith(b"{") or head.startswith(b"[{"):
        return "jsonl"
    if head.startswith(b"<") and b"<body" in data[:65536].lower():
        return "html"
    return "text"


def iter_raw_inputs(paths: list[str], settings: Settings) -> Iterator[RawInput | InputError]:
    """The files named by `paths`, loaded, with unreadable ones as errors; never raises for a bad path."""
    limit = int(settings.max_input_mb * 1e6)
    database = settings.db_path.resolve()
    own_files = {str(database), f"{database}-wal", f"{database}-shm", f"{database}-journal"}
    for arg in paths:
        try:
            for path in expand_paths([arg]):
                if isinstance(path, InputError):
                    yield path
                    continue
                # `newsint ingest .` next to its own database; resolving only likely names keeps this cheap.
                if Path(path).name.startswith(database.name) and str(Path(path).resolve()) in own_files:
                    continue
                try:
                    yield load(path, limit)
                except InputError as error:
                    yield error
        except Exception as exc:  # noqa: BLE001  (a path the system refuses to list is one skipped input)
            yield InputError(display_name(arg), f"cannot list: {type(exc).__name__}: {exc}")


def read_input(raw: RawInput, settings: Settings) -> Iterator[Article | InputError]:
    """Articles from one input: archives opened, compression undone, the format's reader applied.

    Never raises, whatever the bytes: every problem comes out as an InputError in the stream, and an
    input that yields nothing at all is reported too, so no input vanishes from a run.
    """
    yield from _read_guarded(raw, settings, Budget(int(settings.max_input_mb * 1e6)))


def _read_guarded(raw: RawInput, settings: Settings, budget: Budget) -> Iterator[Article | InputError]:
    """The reader boundary: any library's exception becomes an InputError naming this input."""
    accounted = False
    try:
        for result in _read(raw, settings, budget):
            accounted = True
            yield result
    except InputError as error:
        accounted = True
        yield error
    except Exception as exc:  # noqa: BLE001  (whatever a parser library raises, the run goes on)
        accounted = True
        yield InputError(raw.name, f"unreadable input: {type(exc).__name__}: {exc}")
    if not accounted:
        yield InputError(raw.name, "no article or record found in this input")


def _read(raw: RawInput, settings: Settings, budget: Budget) -> Iterator[Article | InputError]:
    if not raw.data:
        raise InputError(raw.name, "empty file (0 bytes)")
    kind = compression(raw.data)
    if kind in ("zip", "tar"):
        for member in archive_members(raw, kind, budget):
            yield from _read_guarded(member, settings, budget) if isinstance(member, RawInput) else [member]
            del member  # before the next member is read: memory holds one member at a time
        return
    if kind:
        yield from _read_guarded(decompress(raw, kind, budget), settings, budget)
        return
    binary = binary_kind(raw.data)
    if binary:
        raise InputError(raw.name, f"binary file ({binary}), not a news format")
    fmt = detect_format(inner_name(raw.name), raw.data)
    if raw.truncated and fmt not in _RECORD_FORMATS:
        raise InputError(raw.name, raw.truncated)
    if fmt in ("text", "html") and len(raw.data) > settings.max_document_mb * 1e6:
        raise InputError(
            raw.name,
            f"{len(raw.data) / 1e6:.1f} MB is too large for one {fmt} article "
            f"(limit {settings.max_document_mb:g} MB, setting max_document_mb)",
        )
    if fmt == "text":
        yield from read_text(raw)
    elif fmt == "html":
        yield from read_html(raw)
    elif fmt == "feed":
        yield from read_feed(raw)
    elif fmt == "warc":
        yield from read_warc(raw)
    elif fmt == "jsonl":
        yield from read_jsonl(raw, settings.fields)
    else:
        yield from read_csv(raw, settings.fields)
    for problem in (raw.truncated, raw.note):
        if problem:
            yield InputError(raw.name, problem)
