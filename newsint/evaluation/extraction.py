"""Article-body extraction scored as in the Zyte article-extraction benchmark.

Metric (from the dataset's README): tokens are `\\w+` matches; each page's gold and predicted
bodies become multisets of 4-gram shingles; per page, precision = tp/(tp+fp) and recall =
tp/(tp+fn) (1.0 for both when the page has nothing to find and nothing was predicted);
the figures are means over pages, and F1 is the harmonic mean of the mean precision and recall.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsint.errors import ConfigError
from newsint.evaluation import EvalResult
from newsint.ingest.flatten import flatten_html
from newsint.ingest.html import article_from_html
from newsint.model import Article, Provenance
from newsint.pipeline import Pipeline
from newsint.settings import Settings

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str
    html: str
    gold: str


def load_zyte(folder: Path) -> Iterator[Page]:
    """Pages of a dataset in the Zyte format: ground-truth.json and html/<id>.html.gz."""
    truth_file = folder / "ground-truth.json"
    if not truth_file.is_file():
        raise ConfigError(f"{folder}: no ground-truth.json; not a Zyte-format dataset")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = folder / "html" / f"{page_id}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
        yield Page(page_id, truth[page_id].get("url", ""), html, truth[page_id].get("articleBody", ""))


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    return Counter(tuple(tokens[i : i + size]) for i in range(max(len(tokens) - size + 1, 0)))


def page_scores(gold: str, predicted: str) -> tuple[float, float]:
    """(precision, recall) of one page."""
    expected, found = shingles(gold), shingles(predicted)
    tp = sum((expected & found).values())
    fp = sum(found.values()) - tp
    fn = sum(expected.values()) - tp
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def score_extractor(pages: list[Page], extract: Callable[[Page], str]) -> dict[str, float]:
    """Mean precision and recall over pages and F1 of the means; a crash counts as an empty body."""
    precisions, recalls = [], []
    for page in pages:
        try:
            predicted = extract(page)
        except Exception:  # noqa: BLE001  (the benchmark scores a crash as extracting nothing)
            predicted = ""
        precision, recall = page_scores(page.gold, predicted)
        precisions.append(precision)
        recalls.append(recall)
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4)}


def _pipeline_text(article: Article | None, pipeline: Pipeline) -> str:
    if article is None:
        return ""
    outputs = pipeline.process(article)
    return "\n\n".join(a.text for a in outputs)


def evaluate_extract(folder: Path, mode: str, settings: Settings) -> EvalResult:
    """Score newsint's HTML path (`html`) or plain-text path on flattened pages (`text`),
    beside the references measured in the same run."""
    import trafilatura

    pages = list(load_zyte(folder))
    pipeline = Pipeline.build(settings)

    def newsint_html(page: Page) -> str:
        article = article_from_html(page.html, page.id, "", url=page.url or None)
        return _pipeline_text(article, pipeline)

    def newsint_text(page: Page) -> str:
        raw = flatten_html(page.html)
        article = Article(raw=raw, source=page.id, provenance=Provenance(page.id, ""))
        return _pipeline_text(article, pipeline)

    def trafilatura_html(page: Page) -> str:
        return (
            trafilatura.extract(
                page.html,
                url=page.url or None,
                include_comments=False,
                include_tables=True,
                include_formatting=False,
            )
            or ""
        )

    if mode == "html":
        ours = score_extractor(pages, newsint_html)
        rows = [
            ("newsint (HTML path)", ours),
            ("trafilatura alone", score_extractor(pages, trafilatura_html)),
        ]
    elif mode == "text":
        ours = score_extractor(pages, newsint_text)
        rows = [
            ("newsint (plain-text path)", ours),
            ("crude flattened page", score_extractor(pages, lambda p: flatten_html(p.html))),
        ]
    else:
        raise ConfigError(f"unknown mode {mode!r}; use html or text")
    return EvalResult("extract", str(folder), ours, rows, [f"{len(pages)} pages, mode {mode}"])
