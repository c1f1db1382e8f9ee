"""Turn an HTML page into the crude flat text a scraper keeps, to train and score plain-text extraction.

The dump is deliberately naive: every text node, one line per block element, with only the never-visible
subtrees (`script`, `style`, `noscript`, `template`, `head`) removed. Menus, footers and asides stay, which is
exactly what `newsint.text.boilerplate` has to learn to remove.

Example: flatten_html("<p>One</p><p>Two <b>words</b></p>") == "One\\nTwo words"
"""

from __future__ import annotations

import re

from lxml import etree, html

_REMOVED = frozenset({"script", "style", "noscript", "template", "head"})

# Elements that start a new line; inline elements (a, span, b, ...) flow into the surrounding line.
_BLOCKS = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "center", "dd", "details",
        "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "frame",
        "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "iframe", "legend",
        "li", "main", "menu", "nav", "ol", "option", "p", "pre", "section", "select", "summary", "table",
        "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "textarea",
    }
)  # fmt: skip

_SPACE = re.compile(r"\s+")
# lxml refuses str input that still carries an encoding declaration.
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def flatten_html(page: str) -> str:
    """Return the visible text of `page`, one line per block element, blank lines dropped."""
    root = _parse(page)
    if root is None:
        return ""
    parts: list[str] = []
    # An explicit stack, not iterwalk: iterwalk skips comments and so loses the text after them, and
    # recursion would overflow on the deeply nested markup some sites produce.
    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, closing = stack.pop()
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if closing or tag is None or tag in _REMOVED:
            if closing and tag in _BLOCKS:
                parts.append("\n")
            if el.tail:
                parts.append(el.tail)
            continue
        if tag in _BLOCKS:
            parts.append("\n")
        if el.text:
            parts.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return _normalise("".join(parts))


def _parse(page: str) -> etree._Element | None:
    page = _XML_DECL.sub("", page, count=1)
    if not page.strip():
        return None
    try:
        return html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None


def _normalise(text: str) -> str:
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
