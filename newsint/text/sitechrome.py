"""Site chrome: the lines a site prints on many of its pages (menus, section labels, sidebars, footers).

One page cannot always tell its site's menu from a short list in the article; the site's other pages
can. Each article's lines are keyed (words, case folded, hashed) and counted per site, the site being
the domain of the article's URL or else the outlet its reader named. A line already printed on
`site_chrome_pages` other pages of the same site, and on at least a quarter of them, belongs to the site,
not to the article. The share keeps the short lines that recur in the text of one kind of story ("Terms
were not disclosed.", the headings of an earnings table) on the page; menus and footers are on nearly
every page. Running text is never counted: wire services reprint background paragraphs word for word,
and those belong to each story.

Counts start from the articles already stored (read per site, the first time a run meets the site) and
grow with every article of the run, so the first pages of a site new to the database are judged alone.
The same page read twice counts once.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from newsint.model import Article
from newsint.text.linefeatures import is_running_text
from newsint.text.sites import outlet_from_url

_WORD = re.compile(r"\w+")
_KEY = np.dtype("<u8")
# Of the site's other pages, the share a line must be printed on to be the site's.
_MIN_SHARE = 0.25


def site_of(article: Article) -> str | None:
    """The site an article comes from: its URL's domain, else the outlet its reader named."""
    site = (outlet_from_url(article.meta.get("url")) or article.outlet or "").strip().casefold()
    return site or None


@lru_cache(maxsize=16384)  # the boilerplate stage folds the same lines again in every round
def fold_line(line: str) -> str:
    """A line's words, case folded: what makes two printed lines the same line."""
    return " ".join(_WORD.findall(line.casefold()))


def line_key(line: str) -> int | None:
    """A 64-bit key of the line's words, case folded; None for running text and for lines without words."""
    if is_running_text(line):
        return None
    words = fold_line(line)
    if not words:
        return None
    return int.from_bytes(hashlib.blake2b(words.encode("utf-8"), digest_size=8).digest(), "little")


def pack_keys(keys: Iterable[int | None]) -> bytes:
    """A page's distinct line keys, sorted, as little-endian uint64: the form they are stored in."""
    return np.unique(np.fromiter((k for k in keys if k is not None), dtype=_KEY)).astype(_KEY).tobytes()


def _digest(packed: bytes) -> bytes:
    """A page's identity: the digest of its packed keys."""
    return hashlib.blake2b(packed, digest_size=16).digest()


@dataclass(slots=True)
class _Site:
    lines: Counter[int] = field(default_factory=Counter)
    pages: set[bytes] = field(default_factory=set)  # `_digest`s of the pages: a page read twice counts once


class SiteChrome:
    """Per site, on how many pages each line was printed; loaded from the store one site at a time."""

    def __init__(self, pages: int, stored: Callable[[str], Iterable[bytes]] | None = None) -> None:
        self.pages = pages
        self._stored = stored
        self._sites: dict[str, _Site] = {}

    def _site(self, site: str) -> _Site:
        known = self._sites.get(site)
        if known is None:
            known = self._sites[site] = _Site()
            for packed in self._stored(site) if self._stored else ():
                self._count(known, _digest(packed), packed)
        return known

    @staticmethod
    def _count(site: _Site, digest: bytes, packed: bytes) -> None:
        if digest not in site.pages:
            site.pages.add(digest)
            site.lines.update(np.frombuffer(packed, dtype=_KEY).tolist())

    def judge(self, site: str | None, lines: list[str]) -> tuple[frozenset[str], bytes]:
        """The lines of this page that the site printed on `pages` other pages, and on _MIN_SHARE of them; and
        the page's packed keys, to store. The page is counted for the pages after it."""
        if not site:
            return frozenset(), b""
        keys = [line_key(line) for line in lines]
        packed = pack_keys(keys)
        if self.pages <= 0:
            return frozenset(), packed
        known = self._site(site)
        digest = _digest(packed)
        # A page seen before (the same lines) is among the counts already; it must not vouch for itself.
        own = digest in known.pages
        needed = max(self.pages, _MIN_SHARE * (len(known.pages) - own))
        chrome = frozenset(
            line for line, key in zip(lines, keys, strict=True) if key is not None and known.lines[key] - own >= needed
        )
        self._count(known, digest, packed)
        return chrome, packed
