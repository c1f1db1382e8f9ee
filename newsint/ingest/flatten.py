"""HTML to plain lines: the crude text a scraper keeps, one line per block element.

Used for feed items (whose content is an HTML fragment) and by the extraction evaluation,
which flattens whole pages to test the plain-text path. Only script, style, noscript,
template and head are dropped; navigation, footers and asides stay, as they do in real dumps.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_DROP = {"script", "style", "noscript", "template", "head"}
_BLOCK = {
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "td",
    "th",
    "tr",
    "ul",
    "option",
    "caption",
    "title",
}
_SPACE = re.compile(r"\s+")


def flatten_html(html: str) -> str:
    """Every visible text node of the page, a line per block element, empty lines dropped."""
    if not html.strip():
        return ""
    try:
        root = (
            lxml.html.document_fromstring(html)
            if "<html" in html[:2000].lower()
            else (lxml.html.fragment_fromstring(html, create_parent="div"))
        )
    except (etree.ParserError, ValueError):
        return ""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    # iterwalk rather than recursion: malformed pages nest thousands of elements deep.
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        visible = bool(tag) and tag not in _DROP
        if event == "start":
            if not visible:
                walker.skip_subtree()
                continue
            if tag in _BLOCK:
                flush()
            if element.text:
                current.append(element.text)
        else:
            if visible and tag in _BLOCK:
                flush()
            if element.tail and element is not root:
                current.append(element.tail)
    flush()
    return "\n".join(lines)
