"""Hostile inputs (#27): whatever the bytes or the file name, a run goes on and no input vanishes.

Each input ends as articles or as InputErrors that name it and say why; nothing raises out of a reader.
"""

from __future__ import annotations

import bz2
import dataclasses
import gzip
import hashlib
import io
import lzma
import os
import tarfile
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

import newsint.ingest
from newsint.errors import InputError
from newsint.ingest import iter_raw_inputs, read_input
from newsint.ingest.encoding import binary_kind, decode
from newsint.ingest.sources import RawInput
from newsint.model import Article
from newsint.settings import Settings, load_settings
from tests.ingest.test_readers import BODY, PAGE, warc_bytes, wet_bytes

RUSSIAN = "Украинские военные заявили, что продолжают оборону города и не собираются отступать. " * 3
TEXT = f"title: T\n\n{BODY}".encode()


def read(name: str, data: bytes, settings: Settings) -> list[Article | InputError]:
    return list(read_input(RawInput(name, data, hashlib.sha256(data).hexdigest()), settings))


def assert_accounted(name: str, results: list[Article | InputError]) -> None:
    """Articles or reasons, every name storable as UTF-8."""
    assert results, f"{name} vanished: no article and no error"
    for result in results:
        if isinstance(result, InputError):
            assert result.reason and result.path.startswith(name), result
            result.path.encode("utf-8")
        else:
            assert isinstance(result, Article)
            result.provenance.input_path.encode("utf-8")


def errors(results: list[Article | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


# 1. Every reader error becomes an InputError; nothing vanishes.


def test_warc_record_without_target_uri_is_an_error_not_a_crash(settings: Settings) -> None:
    data = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nshort body"
    [error] = read("no-uri.warc", data, settings)
    assert isinstance(error, InputError) and error.path == "no-uri.warc"
    assert "AttributeError" in error.reason


@pytest.mark.parametrize(
    "data",
    [
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nshort body",
        b"WARC/1.0\r\nContent-Length: abc\r\n\r\n",
        b"WARC/1.0\r\n",
    ],
)
def test_warc_stubs_are_reported(data: bytes, settings: Settings) -> None:
    [error] = read("stub.warc", data, settings)
    assert isinstance(error, InputError) and "WARC record" in error.reason


def test_wet_record_followed_by_garbage_keeps_the_record_and_reports_the_garbage(settings: Settings) -> None:
    data = gzip.decompress(wet_bytes([("https://a.example/x", BODY)])) + b"garbage\x00\xff junk here"
    article, error = read("junk.warc", data, settings)
    assert isinstance(article, Article) and article.raw == BODY
    assert isinstance(error, InputError) and "broken WARC record" in error.reason


def test_any_library_exception_becomes_an_input_error(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    def explode(raw: RawInput) -> Iterator[Article]:
        raise KeyError("deep inside a parser")

    monkeypatch.setattr(newsint.ingest, "read_text", explode)
    [error] = read("x.txt", TEXT, settings)
    assert isinstance(error, InputError) and error.path == "x.txt"
    assert error.reason == "unreadable input: KeyError: 'deep inside a parser'"


@pytest.mark.parametrize("name", ["x.txt", "x.html", "x.rss", "x.warc", "x.jsonl", "x.csv", "x"])
def test_every_one_byte_file_is_accounted_for(name: str, settings: Settings) -> None:
    for value in range(256):
        assert_accounted(name, read(name, bytes([value]), settings))


def test_records_file_with_nothing_in_it_is_reported(settings: Settings) -> None:
    [error] = read("header-only.csv", b"title,text\n", settings)
    assert isinstance(error, InputError) and "no article or record" in error.reason


# 2. File names that are not UTF-8.


def test_file_names_that_are_not_utf8_are_read_and_stored_escaped(tmp_path: Path, settings: Settings) -> None:
    folder = os.fsencode(tmp_path / "in") + b"\xfe"
    os.mkdir(folder)
    with open(os.path.join(folder, b"bad\xffname.txt"), "wb") as handle:
        handle.write(TEXT)
    with open(os.path.join(folder, b"empty\xff.txt"), "wb"):
        pass
    results = [r for raw in iter_raw_inputs([os.fsdecode(folder)], settings) for r in _read_all(raw, settings)]
    shown = f"{tmp_path}/in\\xfe/"
    [article] = [r for r in results if isinstance(r, Article)]
    assert article.provenance.input_path == shown + "bad\\xffname.txt"
    [error] = errors(results)
    assert error.path == shown + "empty\\xff.txt" and "empty" in error.reason


def _read_all(raw: RawInput | InputError, settings: Settings) -> list[Article | InputError]:
    return [raw] if isinstance(raw, InputError) else list(read_input(raw, settings))


def test_a_run_over_names_that_are_not_utf8_stores_them(tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    folder = os.fsencode(tmp_path)
    with open(os.path.join(folder, b"bad\xffname.txt"), "wb") as handle:
        handle.write(TEXT)
    with open(os.path.join(folder, b"empty\xff.txt"), "wb"):
        pass
    result = run_cli("ingest", str(tmp_path))
    assert result.exit_code == 3, result.output
    assert "empty\\xff.txt" in run_cli("errors").stdout


# 3. Compressed inputs.


def test_truncated_gzip_is_reported_under_its_own_name(settings: Settings) -> None:
    data = gzip.compress("\n".join(f"{i} {BODY} {i * i}" for i in range(300)).encode())
    [error] = read("x.txt.gz", data[: len(data) // 2], settings)
    assert isinstance(error, InputError) and error.path == "x.txt.gz" and "truncated" in error.reason


@pytest.mark.parametrize("compress", [gzip.compress, bz2.compress, lzma.compress])
def test_junk_after_a_compressed_stream_is_noted_and_the_article_read(
    compress: Callable[[bytes], bytes], settings: Settings
) -> None:
    article, note = read("x.txt.z", compress(TEXT) + b"this is no compressed stream", settings)
    assert isinstance(article, Article) and article.title == "T" and article.provenance.input_path == "x.txt.z"
    assert isinstance(note, InputError) and "28 bytes of trailing data" in note.reason


def test_concatenated_streams_are_all_read(settings: Settings) -> None:
    records = [f'{{"text": "{BODY} {i}"}}\n'.encode() for i in range(3)]
    for compress in (gzip.compress, bz2.compress, lzma.compress):
        results = read("x.jsonl.gz", b"".join(compress(r) for r in records), settings)
        assert [type(r) for r in results] == [Article] * 3


def _zip_of(count: int, size: int) -> bytes:
    buffer = io.BytesIO()
    member = b"x" * size
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number in range(count):
            archive.writestr(f"m{number:02}.txt", member)
    return buffer.getvalue()


def test_archive_members_are_read_one_at_a_time(settings: Settings) -> None:
    size = 4 << 20
    data = _zip_of(20, size)  # 80 MB of text in a 0.4 MB zip
    tracemalloc.start()
    try:
        count = sum(
            1 for result in read_input(RawInput("bomb.zip", data, "h"), settings) if isinstance(result, Article)
        )
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == 20
    assert peak < 5 * size, f"peak {peak / 1e6:.0f} MB for members of {size / 1e6:.0f} MB"


def test_archive_stops_at_the_input_budget_with_a_reason(settings: Settings) -> None:
    small = dataclasses.replace(settings, max_input_mb=10.0)
    results = read("bomb.zip", _zip_of(20, 4 << 20), small)
    assert [type(r) for r in results] == [Article, Article, InputError]
    assert results[-1].path == "bomb.zip:m02.txt" and "max_input_mb" in str(results[-1])  # type: ignore[union-attr]


def test_compressed_input_over_the_budget_is_cut_with_a_reason(settings: Settings) -> None:
    small = dataclasses.replace(settings, max_input_mb=1.0)
    lines = b"".join(f'{{"text": "{BODY} {i}"}}\n'.encode() for i in range(5000))
    results = read("big.jsonl.xz", lzma.compress(lines), small)
    assert isinstance(results[0], Article) and isinstance(results[-1], InputError)
    assert "max_input_mb" in results[-1].reason


def test_tar_members_are_read(settings: Settings) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in [("a.txt", TEXT), ("b.html", PAGE.encode())]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    results = read("bundle.tar.gz", buffer.getvalue(), settings)
    assert [r.provenance.input_path for r in results if isinstance(r, Article)] == [
        "bundle.tar.gz:a.txt",
        "bundle.tar.gz:b.html",
    ]


# 4. Decoding.


def test_utf8_with_one_cp1251_block_is_decoded_block_by_block() -> None:
    before, after = "Київ — «столиця» України. ", " Кінець статті, ще «лапки»."
    decoded = decode(before.encode() + RUSSIAN.encode("cp1251") + after.encode())
    assert decoded.text == before + RUSSIAN + after
    assert decoded.encoding == "utf-8+cp1251" and "1 block(s)" in decoded.note


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
@pytest.mark.parametrize("text", [RUSSIAN, BODY])
def test_utf16_and_utf32_without_bom_are_text(text: str, encoding: str, settings: Settings) -> None:
    data = text.encode(encoding)
    assert binary_kind(data) is None
    assert decode(data) == (text, encoding, "")
    [article] = read("x.txt", data, settings)
    assert isinstance(article, Article) and article.raw == text


def test_stray_nul_bytes_are_removed_with_a_note(settings: Settings) -> None:
    [article] = read("x.txt", f"title: T\n\n{BODY[:100]}\x00{BODY[100:]}\x00\x00".encode(), settings)
    assert isinstance(article, Article) and article.raw.strip() == BODY
    assert article.meta["decoding"] == "removed 3 NUL byte(s)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (bytes(range(256)) * 8, "binary data"),
        (hashlib.sha512(b"seed").digest() * 64, "binary"),
        (lzma.compress(os.urandom(4000), format=lzma.FORMAT_RAW, filters=[{"id": lzma.FILTER_LZMA2}]), "binary"),
    ],
)
def test_real_binary_is_still_rejected(data: bytes, reason: str, settings: Settings) -> None:
    [error] = read("disguised.txt", data, settings)
    assert isinstance(error, InputError) and reason in error.reason


# 5. Properties over every reader.

_NAMES = ["x.txt", "x.html", "x.rss", "x.warc", "x.jsonl", "x.csv", "x.txt.gz", "x.zip", "x.tar", "x"]
_SAMPLES = {
    "a.txt": TEXT,
    "a.html": PAGE.encode(),
    "a.rss": f'<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title><description>{BODY}'
    "</description></item></channel></rss>".encode(),
    "a.warc.gz": warc_bytes([("https://e.example/1", PAGE)]),
    "a.warc": warc_bytes([("https://e.example/1", PAGE)], gzip_records=False),
    "a.jsonl": f'{{"text": "{BODY}"}}\n{{"text": "{BODY}!"}}\n'.encode(),
    "a.csv": f'title,text\nT,"{BODY}"\n'.encode(),
    "a.txt.bz2": bz2.compress(TEXT),
    "a.zip": _zip_of(2, 300),
}
_LOADED: dict[str, Settings] = {}


def _settings() -> Settings:
    """Settings outside the function-scoped fixture, which hypothesis would share across examples anyway."""
    if "s" not in _LOADED:
        _LOADED["s"] = load_settings(None)
    return _LOADED["s"]


@hsettings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000), name=st.sampled_from(_NAMES))
def test_random_bytes_never_raise_and_are_accounted_for(data: bytes, name: str) -> None:
    assert_accounted(name, read(name, data, _settings()))


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A valid sample with bytes flipped, inserted, deleted, or its end cut off."""
    name = draw(st.sampled_from(sorted(_SAMPLES)))
    data = bytearray(_SAMPLES[name])
    for _ in range(draw(st.integers(1, 4))):
        position = draw(st.integers(0, len(data)))
        operation = draw(st.sampled_from(["flip", "insert", "delete", "cut"]))
        if operation == "cut":
            del data[position:]
        elif operation == "delete":
            del data[position : position + draw(st.integers(1, 64))]
        elif operation == "insert":
            data[position:position] = draw(st.binary(min_size=1, max_size=32))
        elif position < len(data):
            data[position] ^= draw(st.integers(1, 255))
    return name, bytes(data)


@hsettings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sample=mutated())
def test_mutated_valid_inputs_never_raise_and_are_accounted_for(sample: tuple[str, bytes]) -> None:
    name, data = sample
    assert_accounted(name, read(name, data, _settings()))
