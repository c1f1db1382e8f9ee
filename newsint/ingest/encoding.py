"""Bytes to text: byte-order marks, UTF-16/32 without one, UTF-8, then Cyrillic code pages, then statistical detection.

Cyrillic news often arrives as cp1251 or KOI8-R with a wrong or missing declaration; generic
detectors confuse the two on short texts, so they are told apart here by letter case: ordinary
prose is mostly lower case, and each code page puts lower case in a different half of 0xC0–0xFF.
A UTF-8 page with a block pasted from a legacy page is decoded block by block, and stray NUL bytes
are dropped; both repairs are told in `Decoded.note`.
"""

from __future__ import annotations

import codecs
import re
from collections import Counter
from typing import NamedTuple

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Without a byte-order mark: (encoding, code unit size, which byte of a unit is the high one).
_WIDE = (("utf-32-le", 4, 3), ("utf-32-be", 4, 0), ("utf-16-le", 2, 1), ("utf-16-be", 2, 0))
_HIGH_RUN = re.compile(rb"[\xc0-\xff]{3,}")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_BYTES = bytes(range(0x09)) + bytes(range(0x0E, 0x20)) + b"\x7f"
# Bytes that are not UTF-8 (as surrogateescape leaves them), with the ASCII between them: one legacy block.
_FOREIGN_BLOCK = re.compile(r"[\udc80-\udcff](?:[\x00-\x7f]*[\udc80-\udcff])*")
_DETECT_BYTES = 65536

# Magic numbers of binary formats people point a news tool at by mistake.
_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
    (b"RIFF", "media file"),
    (b"OggS", "media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"Rar!", "RAR archive"),
)


class Decoded(NamedTuple):
    """Decoded text, the encoding used, and what decoding had to repair (empty when nothing)."""

    text: str
    encoding: str
    note: str = ""


def binary_kind(data: bytes) -> str | None:
    """A name for the binary format of `data`, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS) or _wide_without_bom(head):
        return None
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    # A few stray NULs are a damaged text; this many control bytes is no text at all.
    if controls > 0.05 * len(head):
        return "binary data"
    return None


def _wide_without_bom(head: bytes) -> str | None:
    """UTF-32 or UTF-16 without a BOM: the high byte of each code unit takes few values (0x00 for
    Latin, 0x04 for Cyrillic), and the units decode to text without control characters.

    CJK text in UTF-16 spreads its high bytes and is not recognised without a BOM.
    """
    if len(head) < 8:
        return None
    for encoding, unit, high in _WIDE:
        lane = head[high::unit]
        if sum(count for _, count in Counter(lane).most_common(3)) < 0.9 * len(lane):
            continue
        text = head[: len(head) - len(head) % unit].decode(encoding, errors="replace")
        if text.count("\ufffd") <= 1 and not CONTROL.search(text):  # one for a pair cut at the end
            return encoding
    return None


def _cyrillic_code_page(data: bytes) -> str | None:
    """cp1251 or koi8-r when the high bytes form words (Cyrillic), chosen by which reads as lower case."""
    sample = data[:_DETECT_BYTES]
    high = sum(len(run) for run in _HIGH_RUN.findall(sample))
    letters = sum(1 for b in sample if b >= 0xC0 or 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    if letters == 0 or high < 0.3 * letters:
        return None
    upper_half = sum(1 for b in sample if b >= 0xE0)
    lower_half = sum(1 for b in sample if 0xC0 <= b < 0xE0)
    return "cp1251" if upper_half >= lower_half else "koi8-r"


def decode(data: bytes, declared: str | None = None) -> Decoded:
    """Decode bytes to text, removing NUL bytes.

    A declared encoding (HTTP header, meta tag, XML prolog) is trusted only if the bytes are not
    valid UTF-8 and decode cleanly with it: declarations are often wrong, UTF-8 by accident never is.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _without_nul(data.decode(name, errors="replace"), name)
    head = data[:8192]
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    # UTF-16 of most scripts is valid UTF-8 full of low control bytes, so it is tried first when they abound.
    if text is None or len(head) - len(head.translate(None, _CONTROL_BYTES)) > 0.1 * len(head):
        wide = _wide_without_bom(head)
        if wide:
            return _without_nul(data.decode(wide, errors="replace"), wide)
    if text is not None:
        return _without_nul(text, "utf-8")
    return _utf8_with_legacy_blocks(data, declared) or _without_nul(*_legacy(data, declared))


def _utf8_with_legacy_blocks(data: bytes, declared: str | None) -> Decoded | None:
    """A UTF-8 text holding blocks in a legacy code page: UTF-8 kept, each block decoded in that code page.

    None when the text is mostly not UTF-8 (its few valid sequences are then accidents of a code page).
    """
    text = data.decode("utf-8", errors="surrogateescape")
    blocks = list(_FOREIGN_BLOCK.finditer(text))
    foreign = [block[0].encode("utf-8", errors="surrogateescape") for block in blocks]
    foreign_bytes = sum(len(raw) for raw in foreign)
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    invalid = sum(len(raw) - len(raw.decode("ascii", errors="ignore")) for raw in foreign)
    if non_ascii - invalid < max(1, 0.1 * invalid) or not foreign_bytes:
        return None
    _, code_page = _legacy(b"".join(foreign), declared)
    parts, end = [], 0
    for block, raw in zip(blocks, foreign, strict=True):
        parts += [text[end : block.start()], raw.decode(code_page, errors="replace")]
        end = block.end()
    parts.append(text[end:])
    note = f"{len(blocks)} block(s) not in UTF-8 decoded as {code_page}"
    return _without_nul("".join(parts), f"utf-8+{code_page}", note)


def _legacy(data: bytes, declared: str | None) -> tuple[str, str]:
    """Bytes that are not UTF-8: a Cyrillic code page, the declared encoding, a detected one, or cp1252."""
    encoding = _cyrillic_code_page(data)
    known = _known(declared) if declared else None
    if not encoding and known and known not in {"utf-8", "ascii"}:
        try:
            return data.decode(known), known
        except UnicodeDecodeError:
            pass
    if not encoding:
        best = from_bytes(data[:_DETECT_BYTES]).best()
        encoding = best.encoding if best is not None and best.encoding not in {"utf_8", "ascii"} else "cp1252"
    return data.decode(encoding, errors="replace"), encoding


def _without_nul(text: str, encoding: str, note: str = "") -> Decoded:
    nuls = text.count("\x00")
    if nuls:
        text = text.replace("\x00", "")
        note = "; ".join(filter(None, [note, f"removed {nuls} NUL byte(s)"]))
    return Decoded(text, encoding, note)


def _known(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None
