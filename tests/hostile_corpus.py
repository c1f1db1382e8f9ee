"""A generated corpus of hostile inputs beside good ones: what a monitoring desk's inbox holds on a bad day.

`write_corpus(folder, count, seed)` writes `count` files drawn from the classes below (and a good article every
tenth file) and returns the good files' names. Used by tests/test_hostile_corpus.py (1,000 files) and
bench/fuzz.py (`make fuzz`, 100,000 inputs). Shapes are scaled so a file stays small: the memory budgets are
measured by bench/shapes.py on full-size shapes.
"""

from __future__ import annotations

import bz2
import gzip
import io
import os
import random
import tarfile
import zipfile
from collections.abc import Callable
from pathlib import Path

WORDS = (
    "the army said shelling hit the town overnight while officials reported three people killed near the bridge "
    "in the east of the region according to the governor who spoke on Monday about the new front line"
).split()
ESCAPES = ["\x1b]0;owned\x07", "\x1b[2J", "\x1b[31m", "\r", "\x08\x08", "\u202e", "\x9b31m", "\x00"]
HOSTILE = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', "[bold]x[/bold]", "{{7*7}}",
           "javascript:alert(1)", "![x](javascript:alert(1))"]  # fmt: skip


def _sentence(rng: random.Random, words: int = 14) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def good_article(rng: random.Random, n: int) -> str:
    body = "\n\n".join(_sentence(rng, rng.randint(12, 24)) for _ in range(rng.randint(3, 6)))
    return f"title: Report {n} from the front\ndate: 2023-03-{1 + n % 28:02d}\n\n{body}\n"


def _hostile_text(rng: random.Random, n: int) -> bytes:
    title = rng.choice(ESCAPES) + rng.choice(HOSTILE) + f" report {n}"
    return f"title: {title}\n\n{_sentence(rng)} {rng.choice(HOSTILE)} {rng.choice(ESCAPES)} {_sentence(rng)}\n".encode()


def _compressed(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["gz", "bz2", "zip", "tar"])
    if kind == "gz":
        return ".txt.gz", gzip.compress(data)
    if kind == "bz2":
        return ".txt.bz2", bz2.compress(data)
    buffer = io.BytesIO()
    if kind == "zip":
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("inner.txt", data)
        return ".zip", buffer.getvalue()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("inner.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return ".tar", buffer.getvalue()


def _warc(rng: random.Random) -> bytes:
    length = rng.choice(["999999", "abc", "-5", "12"])
    uri = rng.choice(["WARC-Target-URI: https://example.org/a\r\n", ""])
    body = rng.choice([b"<html><body><p>short</p>", b"\x00\xff" * 10, b""])
    return f"WARC/1.0\r\nWARC-Type: {rng.choice(['response', 'conversion', 'resource'])}\r\n{uri}Content-Length: {length}\r\n\r\n".encode() + body


#: Each class: (file suffix, bytes) from a random generator and the file's number.
CLASSES: dict[str, Callable[[random.Random, int], tuple[str, bytes]]] = {
    "binary": lambda rng, n: (".txt", rng.randbytes(rng.randint(1, 4000))),
    "tiny": lambda rng, n: (".txt", rng.randbytes(rng.randint(1, 10))),
    "empty": lambda rng, n: (rng.choice([".txt", ".html", ".jsonl", ".csv", ".xml"]), b""),
    "cp1251": lambda rng, n: (".txt", ("Заголовок\n\nСили оборони повідомили про обстріл міста вночі. " * 5).encode("cp1251")),
    "mixed encoding": lambda rng, n: (".txt", good_article(rng, n).encode() + "Обстріл міста вночі.\n".encode("cp1251")),
    "utf-16 no bom": lambda rng, n: (".txt", good_article(rng, n).encode("utf-16-le")),
    "nul bytes": lambda rng, n: (".txt", good_article(rng, n).encode().replace(b" ", b"\x00 ", 10)),
    "short lines": lambda rng, n: (".txt", b"a\n" * rng.randint(1000, 20000)),
    "one long line": lambda rng, n: (".txt", (_sentence(rng) + " ").encode() * rng.randint(200, 2000)),
    "html tags": lambda rng, n: (".html", b"<p>para</p>" * rng.randint(100, 3000)),
    "malformed html": lambda rng, n: (".html", b"<html><body><div><p>" + _sentence(rng).encode() + b"<script>alert(1)"),
    "malformed xml": lambda rng, n: (".xml", b"<?xml version='1.0'?><rss><channel><item><title>x</title><description>"),
    "bad jsonl": lambda rng, n: (".jsonl", b'{"title": "a", "text": 5}\n{not json\n' + rng.randbytes(50)),
    "bad csv": lambda rng, n: (".csv", b'title,text\n"unclosed,' + rng.randbytes(30)),
    "truncated archive": lambda rng, n: (lambda s, d: (s, d[: max(1, len(d) // 2)]))(*_compressed(good_article(rng, n).encode(), rng)),
    "archive with junk": lambda rng, n: (lambda s, d: (s, d + rng.randbytes(20)))(*_compressed(good_article(rng, n).encode(), rng)),
    "warc stub": lambda rng, n: (".warc", _warc(rng)),
    "hostile text": lambda rng, n: (".txt", _hostile_text(rng, n)),
    "duplicate": lambda rng, n: (".txt", good_article(random.Random(0), 0).encode()),
}
#: File names that a shell, a terminal or a database may choke on.
NAME_TRICKS = ["", "bad\xffname", "line\nbreak", "esc\x1b[2J", "tab\there", " space ", "ünïcødé", "\u202eevil"]


def write_corpus(folder: Path, count: int, seed: int = 0) -> dict[str, str]:
    """Write `count` files into `folder`; their display names by class ("good" for the good articles)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, str] = {}
    names = list(CLASSES)
    for n in range(count):
        kind = "good" if n % 10 == 0 else names[n % len(names)]
        suffix, data = (".txt", good_article(rng, n).encode()) if kind == "good" else CLASSES[kind](rng, n)
        trick = "" if kind == "good" else rng.choice(NAME_TRICKS)
        name = f"{n:06d}-{trick}{suffix}"
        path = os.fsencode(folder) + b"/" + name.encode("utf-8", "surrogateescape").replace(b"\xc3\xbf", b"\xff")
        with open(path, "wb") as handle:
            handle.write(data)
        kinds[os.fsdecode(path)] = kind
    return kinds
