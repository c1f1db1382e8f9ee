"""Where input bytes come from: paths, directories, globs and stdin, and the archives around them.

Everything here turns a user's PATH arguments into `RawInput`s (name, bytes, sha256) or
`InputError`s, so that a missing file, a permission problem, an oversized file or a broken
archive is reported by name and the rest of the batch goes on.
"""

from __future__ import annotations

import bz2
import glob
import hashlib
import io
import lzma
import sys
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from newsint.errors import InputError

_CHUNK = 1 << 20
_COMPRESSED_SUFFIXES = (".gz", ".bz2", ".xz")


@dataclass(frozen=True, slots=True)
class RawInput:
    """The bytes of one input. `name` is what errors and provenance show ("a.zip:b.html" for members);
    `truncated` says why the bytes end early, for formats whose complete part is still worth reading."""

    name: str
    data: bytes
    sha256: str
    truncated: str = ""


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
                yield InputError(arg, "no file matches this pattern")
            for match in matches:
                yield from expand_paths([match]) if Path(match).is_dir() else [match]
        else:
            yield InputError(arg, "no such file or directory")


def load(path: str, max_bytes: int) -> RawInput:
    """Read one file (or stdin) whole, refusing files over `max_bytes` before reading them."""
    if path == "-":
        data = _read_limited(sys.stdin.buffer, max_bytes, "<stdin>")
        return RawInput("<stdin>", data, hashlib.sha256(data).hexdigest())
    try:
        size = Path(path).stat().st_size
        if size > max_bytes:
            raise InputError(path, f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit")
        with open(path, "rb") as handle:
            data = _read_limited(handle, max_bytes, path)
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory") from None
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return RawInput(path, data, hashlib.sha256(data).hexdigest())


def _read_limited(handle: BinaryIO, max_bytes: int, name: str) -> bytes:
    buffer = bytearray()
    while chunk := handle.read(_CHUNK):
        buffer += chunk
        if len(buffer) > max_bytes:
            raise InputError(name, f"input is over the {max_bytes / 1e6:.0f} MB limit")
    return bytes(buffer)


def compression(data: bytes) -> str | None:
    """The container format of `data`, from its magic number, not its name."""
    if data.startswith(b"\x1f\x8b"):
        return "gzip"
    if data.startswith(b"BZh"):
        return "bzip2"
    if data.startswith(b"\xfd7zXZ\x00"):
        return "xz"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return "zip"
    return None


def inner_name(name: str) -> str:
    """The name of what a compressed file holds: "a.warc.gz" holds "a.warc"."""
    for suffix in _COMPRESSED_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def decompress(raw: RawInput, kind: str, max_bytes: int) -> RawInput:
    """Decompress a gzip, bzip2 or xz input; a truncated stream keeps what came before the break."""
    name = inner_name(raw.name)
    if not raw.data or len(raw.data) < 3:
        raise InputError(raw.name, f"empty {kind} file")
    output = bytearray()
    truncated = ""
    try:
        if kind == "gzip":
            _gunzip(raw.data, output, max_bytes, raw.name)
        else:
            opener = bz2.BZ2File if kind == "bzip2" else lzma.LZMAFile
            with opener(io.BytesIO(raw.data)) as stream:
                while chunk := stream.read(_CHUNK):
                    output += chunk
                    if len(output) > max_bytes:
                        raise InputError(raw.name, f"decompresses to over {max_bytes / 1e6:.0f} MB")
    except (EOFError, zlib.error, OSError, lzma.LZMAError) as exc:
        if not output:
            raise InputError(raw.name, f"corrupt or truncated {kind} data: {exc}") from None
        truncated = f"{kind} stream truncated after {len(output)} bytes"
    if truncated and not output:
        raise InputError(raw.name, truncated)
    return RawInput(name, bytes(output), raw.sha256, truncated)


def _gunzip(data: bytes, output: bytearray, max_bytes: int, name: str) -> None:
    """Multi-member gzip (as in WARC.gz), streamed so a cut-off file yields its complete part."""
    rest = data
    step = 1 << 16  # small input steps bound how far a decompression bomb overshoots the limit
    while rest:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        position = 0
        while not decompressor.eof and position < len(rest):
            output += decompressor.decompress(rest[position : position + step])
            position += step
            if len(output) > max_bytes:
                raise InputError(name, f"decompresses to over {max_bytes / 1e6:.0f} MB")
        if not decompressor.eof:
            raise EOFError("gzip stream ended before its end marker")
        rest = (decompressor.unused_data + rest[position:]).lstrip(b"\x00")


def unzip(raw: RawInput, max_bytes: int) -> Iterator[RawInput | InputError]:
    """Members of a zip archive, each named "archive.zip:member"."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw.data))
        members = [m for m in archive.infolist() if not m.is_dir() and not m.filename.startswith("__MACOSX/")]
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        yield InputError(raw.name, f"bad zip archive: {exc}")
        return
    for member in members:
        name = f"{raw.name}:{member.filename}"
        if member.file_size > max_bytes:
            yield InputError(name, f"member is {member.file_size / 1e6:.1f} MB, over the limit")
            continue
        try:
            data = archive.read(member)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error, RuntimeError) as exc:
            yield InputError(name, f"cannot read zip member: {exc}")
            continue
        yield RawInput(name, data, hashlib.sha256(data).hexdigest())
