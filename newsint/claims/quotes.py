"""Quoted passages of a text: curly, straight, low-9 and guillemet quotes, and the doubled apostrophes ('' … '') of
wire and archive text, including ones that run over paragraphs.

News style leaves a quote open at the end of a paragraph when the same speaker goes on in the next one, which
reopens it; such a run is one quotation. Straight quotes pair up in order within a paragraph. An apostrophe
(’ inside or after a word) is never a quote mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Opening mark → the closing marks that end it.
_PAIRS = {"“": ("”", '"'), '"': ('"', "”"), "«": ("»",), "„": ("“", "”"), "‘": ("’",), "»": ("«",), "''": ("''",)}
_MARK = re.compile(r"''|[“”\"«»„‘’]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: `start`..`end` covers the marks, `inner_start`..`inner_end` the quoted words."""

    start: int
    end: int
    inner_start: int
    inner_end: int

    @property
    def words(self) -> int:
        return self.inner_end - self.inner_start


def _is_single_open(text: str, index: int) -> bool:
    """‘ opens a quote only at the start of a word that follows a space or bracket."""
    before = text[index - 1] if index else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return (before.isspace() or before in "([—–-") and after.isalnum()


def _is_single_close(text: str, index: int) -> bool:
    """’ closes a quote when no letter follows (not "don’t", not "Ukraine’s")."""
    after = text[index + 1] if index + 1 < len(text) else " "
    return not after.isalnum()


def _paragraph_quotes(text: str, start: int, end: int) -> tuple[list[Quote], tuple[int, str] | None]:
    """Closed quotes of one paragraph, and the offset and mark of a quote left open at its end (None if none)."""
    quotes: list[Quote] = []
    opened: tuple[int, str] | None = None
    nested = 0  # quotes of the same typographic kind opened inside the open one ("… myths about “Nazis”. …")
    for match in _MARK.finditer(text, start, end):
        mark, index = match.group(), match.start()
        if opened is None:
            if mark == "’" or (mark == "‘" and not _is_single_open(text, index)) or mark == "”":
                continue
            opened = (index, mark)
        elif mark == opened[1] and mark in "“«„":
            nested += 1
        elif mark in _PAIRS[opened[1]] and (mark != "’" or _is_single_close(text, index)):
            if nested:
                nested -= 1
                continue
            quotes.append(Quote(opened[0], match.end(), opened[0] + len(opened[1]), index))
            opened = None
    return quotes, opened


def find_quotes(text: str) -> list[Quote]:
    """Every quotation of `text` in order; one left open at a paragraph's end runs on while the next
    paragraph opens with a quote mark (the news convention), and is dropped if it is never closed."""
    bounds = []
    position = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        bounds.append((position, match.start()))
        position = match.end()
    bounds.append((position, len(text)))
    found: list[Quote] = []
    running: tuple[int, str] | None = None  # offset and mark of a quote still open at the last paragraph break
    for start, end in bounds:
        quotes, left_open = _paragraph_quotes(text, start, end)
        first_mark = start + len(text[start:end]) - len(text[start:end].lstrip())
        if running is not None and quotes and quotes[0].start == first_mark:
            first = quotes.pop(0)
            found.append(Quote(running[0], first.end, running[0] + len(running[1]), first.inner_end))
            running = None
        elif running is not None and not quotes and left_open is not None and left_open[0] == first_mark:
            continue  # a whole paragraph inside the running quote
        found.extend(quotes)
        running = left_open
    return found
