"""The bad-input list: each gives one line naming the file and the reason, is recorded, and the batch goes on."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsint.batch import RULES
from newsint.errors import InputError
from newsint.ingest import iter_raw_inputs, read_input
from newsint.ingest.sources import RawInput
from newsint.model import Article
from newsint.pipeline import Pipeline
from newsint.settings import Settings, load_settings
from newsint.stage import StageContext
from newsint.store import Store
from tests.ingest.test_readers import BODY, PAGE, warc_bytes

GOOD = f"title: A good article\n\n{BODY}"


def _half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def bad_inputs(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a phrase the error must contain)."""
    files: dict[str, tuple[bytes, str]] = {
        "garbage.txt": (bytes(range(256)) * 40, "binary"),
        "image.html": (b"\x89PNG\r\n\x1a\n" + os.urandom(500), "PNG image"),
        "empty.txt": (b"", "empty"),
        "empty.txt.gz": (b"", "empty"),
        "zero.jsonl.gz": (gzip.compress(b""), "empty"),
        "cut.txt.gz": (
            _half(gzip.compress("\n".join(f"{i} {BODY} {i * i}" for i in range(300)).encode())),
            "truncated",
        ),
        "cut.warc.gz": (
            warc_bytes([("https://e.example/1", PAGE), ("https://e.example/2", PAGE + " ")])[:-200],
            "truncated",
        ),
        "broken.rss": (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title><item><title>unclosed',
            "feed",
        ),
        "blank.html": (
            b"<!DOCTYPE html><html><head><title>t</title></head><body><div></div></body></html>",
            "no article text",
        ),
    }
    written = {}
    for name, (data, phrase) in files.items():
        path = folder / name
        path.write_bytes(data)
        written[name] = (path, phrase)
    return written


def test_each_bad_input_is_named_recorded_and_the_batch_goes_on(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    bad = bad_inputs(tmp_path)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    result = run_cli("ingest", str(tmp_path), str(tmp_path / "does-not-exist.txt"))
    assert result.exit_code == 3, result.output
    lines = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
    for name, (path, phrase) in bad.items():
        matching = [line for line in lines if str(path) in line]
        assert matching, f"no error line for {name}: {lines}"
        assert phrase.lower() in " ".join(matching).lower(), (name, matching)
    assert any("does-not-exist.txt: no such file" in line for line in lines)
    assert "1 new" in result.stdout or "2 new" in result.stdout  # good.txt, plus the truncated WARC's first record
    listed = run_cli("errors").stdout
    assert "does-not-exist.txt" in listed and "garbage.txt" in listed
    stored = run_cli("ls").stdout
    assert "A good article" in stored


def test_truncated_warc_keeps_the_records_before_the_break(settings: Settings) -> None:
    data = warc_bytes([("https://e.example/1", PAGE), ("https://e.example/2", PAGE.replace("river", "sea"))])[:-200]
    results = list(read_input(RawInput("cut.warc.gz", data, "x"), settings))
    assert isinstance(results[0], Article) and results[0].source == "https://e.example/1"
    assert isinstance(results[-1], InputError) and "truncated" in results[-1].reason


def test_huge_text_file_is_refused_with_its_size(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        line = (BODY + "\n").encode()
        for _ in range(100_000_000 // len(line) + 1):
            handle.write(line)
    assert huge.stat().st_size > 100_000_000
    result = run_cli("ingest", str(huge))
    assert result.exit_code == 3
    assert "huge.txt" in result.stderr and "too large" in result.stderr and "max_document_mb" in result.stderr


def test_wrong_declared_encoding_still_reads_right(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    text = "Украинские военные заявили, что продолжают оборону города. " * 10
    page = f'<html><head><meta charset="utf-8"><title>Бахмут</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>'
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("cp1251"))
    assert run_cli("ingest", str(path)).exit_code == 0
    exported = run_cli("export", "--format", "jsonl").stdout
    assert "Украинские военные" in exported


def test_unreadable_file_is_reported(settings: Settings) -> None:
    folder = Path(tempfile.mkdtemp())
    folder.chmod(0o755)  # the file, not its folder, is what the reader may not read
    secret = folder / "secret.txt"
    secret.write_text(GOOD)
    secret.chmod(0)
    if os.geteuid() != 0:
        [error] = list(iter_raw_inputs([str(secret)], settings))
        assert isinstance(error, InputError) and error.reason == "permission denied"
        return
    # root reads anything: check in a child process that has given up root.
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover (runs in the child)
        os.close(read_end)
        try:
            os.setgid(65534)
            os.setuid(65534)
            results = list(iter_raw_inputs([str(secret)], settings))
            message = str(results[0]) if results and isinstance(results[0], InputError) else "no error"
        except Exception as exc:  # noqa: BLE001  (reported to the parent, which fails the test)
            message = repr(exc)
        os.write(write_end, message.encode())
        os._exit(0)
    os.close(write_end)
    os.waitpid(pid, 0)
    message = os.read(read_end, 4096).decode()
    os.close(read_end)
    shutil.rmtree(folder)
    assert message == f"{secret}: permission denied"


def test_usage_errors_exit_2(run_cli: Callable[..., Result]) -> None:
    assert run_cli("ingest", with_db=False).exit_code == 2
    assert run_cli("export", "--format", "xml").exit_code == 2


_PIPELINES: dict[str, Pipeline] = {}


def _pipeline(settings: Settings) -> Pipeline:
    """One pipeline for all examples: loading the language model per example would dominate."""
    if "p" not in _PIPELINES:
        _PIPELINES["p"] = Pipeline.build(settings, StageContext())
    return _PIPELINES["p"]


@hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    data=st.binary(max_size=3000),
    name=st.sampled_from(["x.txt", "x.html", "x.rss", "x.warc", "x.jsonl", "x.csv", "x.gz", "x.zip", "x"]),
)
def test_no_reader_raises_on_arbitrary_bytes_and_spans_stay_inside_text(
    data: bytes, name: str, settings: Settings
) -> None:
    pipeline = _pipeline(settings)
    for result in read_input(RawInput(name, data, hashlib.sha256(data).hexdigest()), settings):
        if isinstance(result, InputError):
            assert result.path.startswith(name) and result.reason
            continue
        for article in pipeline.process(result):
            assert all(0 <= s.start <= s.end <= len(article.text) for s in article.paragraphs)


@hsettings(max_examples=100, deadline=None)
@given(st.text(max_size=2000))
def test_text_like_inputs_never_raise(text: str) -> None:
    loaded = load_settings(None)
    for wrapper in (text, f"<html><body><p>{text}</p></body></html>", f'{{"text": {text!r}}}'):
        results = list(read_input(RawInput("y", wrapper.encode("utf-8", "replace"), "h"), loaded))
        assert all(isinstance(r, Article | InputError) for r in results)


def test_a_stored_database_survives_a_bad_batch(settings: Settings, tmp_path: Path) -> None:
    with Store.open(settings.db_path) as store:
        pipeline = Pipeline.build(settings, StageContext(store=store))
        [article] = pipeline.process(
            next(a for a in read_input(RawInput("g.txt", GOOD.encode(), "h"), settings) if isinstance(a, Article))
        )
        store.write_batch([article], rules=RULES)
        broken = Article(raw="x", source="s", provenance=article.provenance, id=None, text="t")  # type: ignore[arg-type]
        with pytest.raises(sqlite3.IntegrityError):
            store.write_batch([article, broken], rules=RULES)
        assert store.count() == 1
        assert store.get(article.id) == article
