"""Score article-body extraction the way the public benchmarks do, so our figures compare with published ones.

Two metrics, re-implemented from the dataset READMEs:

* Zyte article-extraction-benchmark: per-page 4-gram shingle overlap, pages weighted equally, F1 of the mean
  precision and mean recall.
* trafilatura-eval: "with" snippets that must appear in the output and "without" snippets that must not,
  counted over all pages.

Loaders read the datasets in place; nothing is copied.
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsint.errors import ConfigError
from newsint.evaluation import EvalResult
from newsint.ingest.encoding import decode
from newsint.ingest.flatten import flatten_html
from newsint.ingest.html import article_from_html, declared_charset
from newsint.model import Article, Provenance
from newsint.pipeline import Pipeline
from newsint.settings import Settings

_TEXT_STAGES = frozenset({"clean", "split", "boilerplate", "metadata", "language"})
_TOKEN = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")
SHINGLE = 4


@dataclass(frozen=True)
class Page:
    """One benchmark page: its HTML and whatever gold the dataset gives."""

    id: str
    html: str
    gold: str = ""
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()


@dataclass(frozen=True)
class ShingleScore:
    """Mean precision/recall over pages and the F1 of those means."""

    precision: float
    recall: float
    f1: float
    accuracy: float
    pages: int


@dataclass(frozen=True)
class SnippetScore:
    """Micro-averaged snippet counts over all pages."""

    tp: int
    fp: int
    fn: int
    tn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denom = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denom if denom else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


def tokenize(text: str) -> list[str]:
    """Split into Unicode word tokens, as the benchmark does."""
    return _TOKEN.findall(text)


def shingles(tokens: list[str], size: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """Multiset of `size`-grams; a text shorter than `size` yields its whole token run once."""
    if len(tokens) < size:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def page_precision_recall(gold: str, predicted: str) -> tuple[float, float]:
    """Precision and recall of one page from normalised shingle tp/fp/fn."""
    g, p = shingles(tokenize(gold)), shingles(tokenize(predicted))
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    # Normalising by the total makes each page weigh the same whatever its length; the ratios are unchanged.
    total = tp + fp + fn
    tp_n, fp_n, fn_n = tp / total, fp / total, fn / total
    precision = tp_n / (tp_n + fp_n) if tp_n + fp_n else 0.0
    recall = tp_n / (tp_n + fn_n) if tp_n + fn_n else 0.0
    return precision, recall


def shingle_score(pairs: Iterable[tuple[str, str]]) -> ShingleScore:
    """Score (gold, predicted) pairs with the article-extraction-benchmark metric."""
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for gold, predicted in pairs:
        p, r = page_precision_recall(gold, predicted)
        precisions.append(p)
        recalls.append(r)
        exact += tokenize(gold) == tokenize(predicted)
    n = len(precisions)
    if n == 0:
        return ShingleScore(0.0, 0.0, 0.0, 0.0, 0)
    mp, mr = sum(precisions) / n, sum(recalls) / n
    f1 = 2 * mp * mr / (mp + mr) if mp + mr else 0.0
    return ShingleScore(mp, mr, f1, exact / n, n)


def snippet_score(pages: Iterable[Page], extract: Callable[[Page], str | None]) -> SnippetScore:
    """Score `extract` with trafilatura-eval's with/without snippets; a crash or None counts as all misses."""
    tp = fp = fn = tn = 0
    for page in pages:
        try:
            output = extract(page)
        except Exception:  # noqa: BLE001 - the metric defines a crash as an empty result
            output = None
        text = _squash(output or "")
        found_with = sum(_squash(s) in text for s in page.with_snippets) if output else 0
        found_without = sum(_squash(s) in text for s in page.without_snippets) if output else 0
        tp += found_with
        fn += len(page.with_snippets) - found_with
        fp += found_without
        tn += len(page.without_snippets) - found_without
    return SnippetScore(tp, fp, fn, tn)


def load_zyte(root: Path) -> Iterator[Page]:
    """Yield pages of the Zyte benchmark layout (`ground-truth.json`, `html/<id>.html.gz`)."""
    if not (root / "ground-truth.json").is_file():
        raise ConfigError(f"{root}: no ground-truth.json; not a Zyte-format dataset")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for item_id in sorted(truth):
        path = root / "html" / f"{item_id}.html.gz"
        if path.exists():
            yield Page(item_id, decode_html(gzip.decompress(path.read_bytes())), truth[item_id]["articleBody"])


def load_trafilatura_eval(root: Path) -> Iterator[Page]:
    """Yield pages of the trafilatura-eval layout (`evaldata.json`, `html/<file>.gz`)."""
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    for url in sorted(data):
        item = data[url]
        path = root / "html" / f"{item['file']}.gz"
        if path.exists():
            yield Page(
                url,
                decode_html(gzip.decompress(path.read_bytes())),
                with_snippets=tuple(item.get("with", ())),
                without_snippets=tuple(item.get("without", ())),
            )


def decode_html(raw: bytes) -> str:
    """Decode page bytes the way the readers do."""
    return decode(raw, declared_charset(raw))[0]


def _squash(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _safe(extract: Callable[[Page], str], page: Page) -> str:
    try:
        return extract(page)
    except Exception:  # noqa: BLE001 - the benchmarks count a crash as an empty result
        return ""


def evaluate_extract(folder: Path, mode: str, settings: Settings) -> EvalResult:
    """Score newsint's HTML path (`html`) or its plain-text path on flattened pages (`text`), beside the
    references measured in the same run: trafilatura alone, and the crude flattened page.

    A Zyte-format folder is scored with shingle precision/recall/F1; a trafilatura-eval folder
    (`evaldata.json`) with its must-have / must-not-have snippets.
    """
    import trafilatura

    if mode not in ("html", "text"):
        raise ConfigError(f"unknown mode {mode!r}; use html or text")
    snippets = (folder / "evaldata.json").is_file()
    pages = list(load_trafilatura_eval(folder) if snippets else load_zyte(folder))
    # Only the stages that shape the text are scored; the NLP stages after them change no text.
    cleaning = tuple(name for name in settings.stages if name in _TEXT_STAGES)
    pipeline = Pipeline.build(dataclasses.replace(settings, stages=cleaning))

    def newsint(page: Page) -> str:
        if mode == "html":
            article: Article = article_from_html(page.html, page.id, "")
        else:
            article = Article(raw=flatten_html(page.html), source=page.id, provenance=Provenance(page.id, ""))
        return "\n\n".join(a.text for a in pipeline.process(article))

    def trafilatura_alone(page: Page) -> str:
        extracted = trafilatura.extract(
            page.html, include_comments=False, include_tables=True, include_formatting=False
        )
        return extracted or ""

    def crude(page: Page) -> str:
        return flatten_html(page.html)

    reference = ("trafilatura alone (HTML)", trafilatura_alone) if mode == "html" else ("crude flattened page", crude)
    rows: list[tuple[str, dict[str, float]]] = []
    for label, extract in ((f"newsint ({mode} path)", newsint), reference):
        if snippets:
            s = snippet_score(pages, extract)
            figures = {"precision": s.precision, "recall": s.recall, "f1": s.f1, "accuracy": s.accuracy}
        else:
            z = shingle_score((page.gold, _safe(extract, page)) for page in pages)
            figures = {"precision": z.precision, "recall": z.recall, "f1": z.f1}
        rows.append((label, {k: round(v, 4) for k, v in figures.items()}))
    metric = "snippets found / wrongly kept" if snippets else "4-gram shingles"
    return EvalResult("extract", str(folder), rows[0][1], rows, [f"{len(pages)} pages, mode {mode}, {metric}"])
