"""Where input bytes come from: paths, directories, globs and stdin, and the archives around them.

Everything here turns a user's PATH arguments into `RawInput`s (name, bytes, sha256) or
`InputError`s, so that a missing file, a permission problem, an oversized file or a broken
archive is reported by name and the rest of the batch goes on. Decompression is streamed against
one `Budget` per input, so a small archive of huge members never holds more than one member.
"""

from __future__ import annotations

import bz2
import glob
import hashlib
import io
import lzma
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import IO, BinaryIO, Protocol

from newsint.errors import InputError

_CHUNK = 1 << 20
_STEP = 1 << 16  # compressed bytes fed at a time; output is bounded separately, by _CHUNK
_COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")
_MAGIC = {"gzip": b"\x1f\x8b", "bzip2": b"BZh", "xz": b"\xfd7zXZ\x00"}


@dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of one input. `name` is what errors and provenance show ("a.zip:b.html" for members);
    `truncated` says why the bytes end early, for formats whose complete part is still worth reading;
    `note` tells of bytes left out that did not stop the rest being read (junk after a compressed stream)."""

    name: str
    data: bytes
    sha256: str
    truncated: str = ""
    note: str = ""


@dataclass(slots=True)
class Budget:
    """Decompressed bytes one input may still produce, shared by all its members (setting max_input_mb)."""

    limit: int
    used: int = 0

    def take(self, size: int, name: str) -> None:
        self.used += size
        if self.used > self.limit:
            raise InputError(name, self.reason())

    def reason(self) -> str:
        return f"stopped at {self.limit / 1e6:.0f} MB decompressed, the limit for one input (setting max_input_mb)"


def display_name(path: str) -> str:
    """`path` as text that can be stored and printed: bytes that are not UTF-8 shown as `\\xff`.

    Paths arrive as str with undecodable bytes smuggled in as lone surrogates (os.fsdecode); SQLite
    and terminals refuse those, so the name shown is the escaped form and the real path only opens the file.
    """
    try:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:  # a surrogate that no undecodable byte made (a tar or JSON name)
        return path.encode("utf-8", "backslashreplace").decode("utf-8")


def expand_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Files named by the arguments: directories recursively, globs expanded, "-" for stdin."""
    for arg in paths:
        if arg == "-":
            yield "-"
            continue
        path = Path(arg).expanduser()
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield str(child)
        elif path.exists():
            yield str(path)
        elif glob.has_magic(arg):
            matches = sorted(glob.glob(arg, recursive=True))
            if not matches:
                yield InputError(display_name(arg), "no file matches this pattern")
            for match in matches:
                yield from expand_paths([match]) if Path(match).is_dir() else [match]
        else:
            yield InputError(display_name(arg), "no such file or directory")


def load(path: str, max_bytes: int) -> RawInput:
    """Read one file (or stdin) whole, refusing files over `max_bytes` before reading them."""
    if path == "-":
        data = _read_limited(sys.stdin.buffer, max_bytes, "<stdin>")
        return RawInput("<stdin>", data, hashlib.sha256(data).hexdigest())
    name = display_name(path)
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise InputError(name, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        with open(path, "rb") as handle:
            data = _read_limited(handle, max_bytes, name)
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None
    return RawInput(name, data, hashlib.sha256(data).hexdigest())


def _read_limited(handle: BinaryIO, max_bytes: int, name: str) -> bytes:
    buffer = bytearray()
    while chunk := handle.read(_CHUNK):
        buffer += chunk
        if len(buffer) > max_bytes:
            raise InputError(name, f"input is over the {max_bytes / 1e6:.0f} MB limit")
    return bytes(buffer)


def compression(data: bytes) -> str | None:
    """The container format of `data`, from its magic number, not its name."""
    for kind, magic in _MAGIC.items():
        if data.startswith(magic):
            return kind
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    if data[257:262] == b"ustar":
        return "tar"
    return None


def inner_name(name: str) -> str:
    """The name of what a compressed file holds, for choosing its reader: "a.warc.gz" holds "a.warc"."""
    for suffix in _COMPRESSED_SUFFIXES:
        if name.lower().endswith(suffix):
            return inner_name(name[: -len(suffix)])
    return name


class _Decompressor(Protocol):
    @property
    def eof(self) -> bool: ...
    @property
    def unused_data(self) -> bytes: ...
    def decompress(self, data: bytes, max_length: int, /) -> bytes: ...


_DECOMPRESSORS: dict[str, Callable[[], _Decompressor]] = {
    "gzip": partial(zlib.decompressobj, 16 + zlib.MAX_WBITS),
    "bzip2": bz2.BZ2Decompressor,
    "xz": lzma.LZMADecompressor,
}


def decompress(raw: RawInput, kind: str, budget: Budget) -> RawInput:
    """Undo gzip, bzip2 or xz, keeping the input's own name.

    Concatenated streams (WARC.gz) are all read; a stream cut off or corrupt keeps what came before the
    break (`truncated`); bytes after the last stream that are no stream are left out with a `note`.
    """
    if len(raw.data) < 3:
        raise InputError(raw.name, f"empty {kind} file")
    output = bytearray()
    truncated = note = ""
    rest = raw.data
    try:
        while rest:
            rest = _inflate_stream(rest, _DECOMPRESSORS[kind](), output, budget, raw.name).lstrip(b"\x00")
            if rest and not rest.startswith(_MAGIC[kind]):
                note = f"{len(rest)} bytes of trailing data after the {kind} stream, not read"
                break
    except InputError as error:  # the budget: keep what fits, like a cut-off stream
        truncated = error.reason
    except (EOFError, zlib.error, OSError, lzma.LZMAError) as exc:
        if not output:
            raise InputError(raw.name, f"corrupt or truncated {kind} data: {exc}") from None
        truncated = f"{kind} stream truncated or corrupt after {len(output)} bytes: {exc}"
    return RawInput(raw.name, bytes(output), raw.sha256, truncated, note)


def _inflate_stream(data: bytes, decompressor: _Decompressor, output: bytearray, budget: Budget, name: str) -> bytes:
    """Decompress the first stream in `data` into `output`, a chunk at a time; returns the bytes after it."""
    position = 0
    full = False
    while not decompressor.eof:
        tail: bytes = getattr(decompressor, "unconsumed_tail", b"")  # zlib hands back unread input here
        if tail or full:
            piece = tail
        elif position < len(data):
            piece = data[position : position + _STEP]
            position += _STEP
        else:
            raise EOFError("stream ended before its end marker")
        produced = decompressor.decompress(piece, _CHUNK)
        full = len(produced) == _CHUNK
        output += produced  # kept even past the budget: a cut-off stream keeps its last chunk too
        budget.take(len(produced), name)
    return decompressor.unused_data + data[position:]


def archive_members(raw: RawInput, kind: str, budget: Budget) -> Iterator[RawInput | InputError]:
    """Members of a zip or tar archive, each named "archive.zip:member", read only when asked for.

    Reading stops, with a reason, once the members together pass the input's budget.
    """
    try:
        members = _zip_members(raw.data) if kind == "zip" else _tar_members(raw.data)
        for member_name, open_member in members:
            name = f"{raw.name}:{display_name(member_name)}"
            try:
                with open_member() as stream:
                    data = _read_within(stream, budget, name)
            except InputError as error:
                yield error
                return
            except Exception as exc:  # noqa: BLE001  (one unreadable member never stops the archive)
                yield InputError(name, f"cannot read {kind} member: {type(exc).__name__}: {exc}")
                continue
            yield RawInput(name, data, hashlib.sha256(data).hexdigest())
            del data  # before the next member is read: memory holds one member at a time
    except Exception as exc:  # noqa: BLE001  (a broken directory or header ends the archive, reported)
        yield InputError(raw.name, f"bad {kind} archive: {type(exc).__name__}: {exc}")


def _zip_members(data: bytes) -> Iterator[tuple[str, Callable[[], IO[bytes]]]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    for member in archive.infolist():
        if not member.is_dir() and not member.filename.startswith("__MACOSX/"):
            yield member.filename, partial(archive.open, member)


def _tar_members(data: bytes) -> Iterator[tuple[str, Callable[[], IO[bytes]]]]:
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
        for member in archive:
            if member.isfile():
                yield member.name, partial(_extract, archive, member)


def _extract(archive: tarfile.TarFile, member: tarfile.TarInfo) -> IO[bytes]:
    stream = archive.extractfile(member)
    if stream is None:
        raise tarfile.ExtractError("not a regular file")
    return stream


def _read_within(stream: IO[bytes], budget: Budget, name: str) -> bytes:
    chunks = []
    while chunk := stream.read(_CHUNK):
        budget.take(len(chunk), name)
        chunks.append(chunk)
    return b"".join(chunks)
