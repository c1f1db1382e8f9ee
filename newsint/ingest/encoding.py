"""Bytes to text: byte-order marks, UTF-8, then Cyrillic code pages, then statistical detection.

Cyrillic news often arrives as cp1251 or KOI8-R with a wrong or missing declaration; generic
detectors confuse the two on short texts, so they are told apart here by letter case: ordinary
prose is mostly lower case, and each code page puts lower case in a different half of 0xC0–0xFF.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HIGH_RUN = re.compile(rb"[\xc0-\xff]{3,}")
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


def binary_kind(data: bytes) -> str | None:
    """A name for the binary format of `data`, or None when it may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head):
        return None
    if b"\x00" in head:
        return "binary data"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text without a BOM has a NUL in every other byte while the text is ASCII-ish."""
    if len(head) < 8:
        return None
    even, odd = head[0::2], head[1::2]
    if even.count(0) > 0.4 * len(even) and odd.count(0) == 0:
        return "utf-16-be"
    if odd.count(0) > 0.4 * len(odd) and even.count(0) == 0:
        return "utf-16-le"
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


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode bytes to text; returns the text and the encoding used.

    A declared encoding (HTTP header, meta tag, XML prolog) is trusted only if the bytes are not
    valid UTF-8 and decode cleanly with it: declarations are often wrong, UTF-8 by accident never is.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name, errors="replace"), name
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    cyrillic = _cyrillic_code_page(data)
    if cyrillic:
        return data.decode(cyrillic, errors="replace"), cyrillic
    if declared and _known(declared) and _known(declared) not in {"utf-8", "ascii"}:
        try:
            return data.decode(declared), _known(declared) or declared
        except UnicodeDecodeError:
            pass
    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is not None and best.encoding not in {"utf_8", "ascii"}:
        return data.decode(best.encoding, errors="replace"), best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


def _known(name: str) -> str | None:
    try:
        return codecs.lookup(name.strip().strip("'\"")).name
    except LookupError:
        return None
