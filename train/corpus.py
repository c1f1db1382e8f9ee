"""Build the line-labelled training corpus for the boilerplate classifier by distant supervision.

Each page is flattened to lines; a line is labelled body when most of its tokens align, in order, with the
reference body: the gold `articleBody` for the article-extraction-benchmark, trafilatura's own HTML extraction
(silver) for trafilatura-eval, where the hand-written with/without snippets then override the silver label.
Trafilatura outputs are cached under the system temp dir because they are slow to recompute.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from newsint.evaluation.extraction import Page, load_trafilatura_eval, load_zyte, tokenize
from newsint.ingest.flatten import flatten_html

DATASETS = Path(__file__).resolve().parents[1] / ".." / "shared" / "datasets"
AEB = DATASETS / "article-extraction-benchmark"
TEVAL = DATASETS / "trafilatura-eval"
CACHE = Path(tempfile.gettempdir()) / "newsint-boilerplate-cache"
_SPACE = re.compile(r"\s+")


@dataclass
class Doc:
    """A flattened page with per-line body labels and the reference body text."""

    id: str
    source: str
    lines: list[str]
    labels: list[int]
    gold: str
    title: str | None
    trafilatura: str
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


def reference_extract(html: str) -> str:
    """trafilatura with the benchmark's reference settings: no comments, tables, no formatting."""
    out = trafilatura.extract(html, include_comments=False, include_tables=True, include_formatting=False)
    return out or ""


def html_title(html: str) -> str | None:
    meta = trafilatura.extract_metadata(html)
    return meta.title if meta is not None and meta.title else None


def _cached(page: Page) -> dict[str, str | None]:
    CACHE.mkdir(parents=True, exist_ok=True)
    key = hashlib.sha256(page.html.encode("utf-8", "replace")).hexdigest()[:24]
    path = CACHE / f"{key}.json"
    if path.exists():
        data: dict[str, str | None] = json.loads(path.read_text(encoding="utf-8"))
        return data
    data = {"trafilatura": reference_extract(page.html), "title": html_title(page.html)}
    path.write_text(json.dumps(data), encoding="utf-8")
    return data


def label_lines(lines: list[str], reference: str) -> list[int]:
    """1 for lines whose tokens mostly align in order with `reference`, else 0."""
    line_tokens = [tokenize(line.lower()) for line in lines]
    flat = [tok for toks in line_tokens for tok in toks]
    ref = tokenize(reference.lower())
    matched = [False] * len(flat)
    matcher = difflib.SequenceMatcher(None, flat, ref, autojunk=False)
    for block in matcher.get_matching_blocks():
        # Lone one-word matches are coincidences ("Share", "News"), not alignment.
        if block.size >= 2:
            for i in range(block.a, block.a + block.size):
                matched[i] = True
    labels: list[int] = []
    pos = 0
    for toks in line_tokens:
        n = len(toks)
        hit = sum(matched[pos : pos + n])
        labels.append(int(n > 0 and hit / n >= 0.5))
        pos += n
    return labels


def _apply_snippets(lines: list[str], labels: list[int], page: Page) -> None:
    squashed = [_SPACE.sub(" ", line) for line in lines]
    for snippets, value in ((page.with_snippets, 1), (page.without_snippets, 0)):
        for snippet in snippets:
            s = _SPACE.sub(" ", snippet).strip()
            for i, line in enumerate(squashed):
                if s and (s in line or (len(line) > 20 and line in s)):
                    labels[i] = value


def build_doc(page: Page, source: str) -> Doc:
    lines = flatten_html(page.html).split("\n")
    cached = _cached(page)
    silver = cached["trafilatura"] or ""
    reference = page.gold if source == "aeb" else silver
    labels = label_lines(lines, reference)
    if source == "teval":
        _apply_snippets(lines, labels, page)
    return Doc(
        page.id,
        source,
        lines,
        labels,
        page.gold,
        cached["title"],
        silver,
        page.with_snippets,
        page.without_snippets,
    )


def load_corpus() -> list[Doc]:
    """All pages of both datasets as labelled docs (AEB first, in id order)."""
    docs = [build_doc(p, "aeb") for p in load_zyte(AEB)]
    docs += [build_doc(p, "teval") for p in load_trafilatura_eval(TEVAL)]
    return docs
