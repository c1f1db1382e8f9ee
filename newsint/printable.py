"""Text a terminal or a Markdown reader only shows: what every face writes input-derived text through.

C0 and C1 controls (ESC starts a terminal sequence, a newline forges a line) and the bidirectional overrides and
isolates (U+202E turns text around) are written as their escapes (`\\x1b`, `\\n`, `\\u202e`).
"""

from __future__ import annotations

import re

#: What a terminal would act on or a reader could be fooled by.
UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escaped(char: str) -> str:
    """One unsafe character as its escape."""
    code = ord(char)
    return _NAMED.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def printable(text: str) -> str:
    """`text` with every unsafe character written as its escape."""
    return UNSAFE.sub(lambda m: escaped(m[0]), text)
