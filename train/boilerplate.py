"""Train the flat-text boilerplate classifier and write `models/boilerplate-v1.json`.

The model is two small tanh networks (see `newsint.stages.linemodel`) fitted with L-BFGS on weighted log
loss. Lines are weighted so that every page counts the same, as in the benchmark metric, whatever its number
of menu lines. The figures printed are held out: trained on trafilatura-eval only and scored on the
article-extraction-benchmark, and 5-fold cross-validation over the benchmark (trafilatura-eval always in
training, the scored fold never). The shipped model is then fitted on everything (`--train-on trafilatura-eval`
leaves the benchmark's public pages unseen); on those pages `newsint eval extract` is then an in-sample figure,
and the held-out figures printed here are the ones to quote.

Usage (from the repo root): python -m train.boilerplate [--no-eval] [--no-write]
Training needs scipy; the shipped model needs numpy only. Trafilatura outputs and the labelled corpus are
cached in the system temp dir (see train/corpus.py); delete it after changing the flattener or labelling.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from newsint.evaluation.extraction import ShingleScore, shingle_score
from newsint.stages.linemodel import (
    MODEL_PATH,
    Array,
    Model,
    context_of_scores,
    extract_body,
    line_features,
    model_from_dict,
    refine_body,
)
from train.corpus import CACHE, Doc, load_corpus

SEED = 13
FOLDS = 5
# A third pass and 32 hidden units measured no better held out; smaller is faster at run time.
PASSES = 2
HIDDEN = 16
L2 = 1e-4
ITERS = 150
# Weight of the body-only copy of each page relative to the page itself.
CLEAN_WEIGHT = 0.25
# Share of pages trained without their title, so the model also works when none is known.
NO_TITLE_PERCENT = 25
# Silver labels (trafilatura output) are noisier than the benchmark's gold bodies; 0.2 measured best of
# 0.1 / 0.2 / 0.5 held out.
SILVER_WEIGHT = 0.2


@dataclass
class Matrices:
    """Stacked first-pass features, labels, weights and the row range of each doc."""

    x: Array
    y: Array
    w: Array
    spans: list[tuple[int, int]]


def cached_corpus() -> list[Doc]:
    path = CACHE / "corpus.pkl"
    if path.exists():
        docs: list[Doc] = pickle.loads(path.read_bytes())
        return docs
    docs = load_corpus()
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(docs))
    return docs


def stack(docs: Sequence[Doc]) -> Matrices:
    """Features of every page, plus each page's body alone labelled all-body.

    The body-only copies teach the model that text which is already clean stays as it is, which keeps
    `extract_body` idempotent and `refine_body` conservative.
    """
    xs, ys, ws, spans = [], [], [], []
    row = 0
    for doc in docs:
        weight = (1.0 if doc.source == "aeb" else SILVER_WEIGHT) * 200.0
        body = [line for line, label in zip(doc.lines, doc.labels, strict=True) if label]
        for lines, labels, factor in ((doc.lines, doc.labels, 1.0), (body, [1] * len(body), CLEAN_WEIGHT)):
            if not lines:
                continue
            n = len(lines)
            xs.append(line_features(lines, title_for(doc)).matrix)
            ys.append(np.asarray(labels, dtype=np.float64))
            ws.append(np.full(n, factor * weight / max(n, 50)))
            spans.append((row, row + n))
            row += n
    return Matrices(np.vstack(xs), np.concatenate(ys), np.concatenate(ws), spans)


def title_for(doc: Doc) -> str | None:
    """The page title, withheld from a fixed share of pages so the model also works without one."""
    digest = int(hashlib.sha256(doc.id.encode()).hexdigest()[:8], 16)
    return None if digest % 100 < NO_TITLE_PERCENT else doc.title


def fit_layer(x: Array, y: Array, w: Array, hidden: int, l2: float, iters: int) -> dict[str, Array]:
    """Fit standardisation plus a one-hidden-layer tanh network (or logistic regression if hidden=0)."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0) + 1e-6
    z = (x - mean) / scale
    n, d = z.shape
    rng = np.random.default_rng(SEED)
    shapes = [(d, hidden), (hidden,), (hidden,), ()] if hidden else [(d,), ()]
    init = np.concatenate([rng.normal(0, 0.3 / np.sqrt(max(s[0], 1)), s).ravel() if s else np.zeros(1) for s in shapes])
    wsum = w.sum()

    def unpack(theta: Array) -> list[Array]:
        out, pos = [], 0
        for s in shapes:
            size = int(np.prod(s)) if s else 1
            out.append(theta[pos : pos + size].reshape(s) if s else theta[pos : pos + 1])
            pos += size
        return out

    def loss(theta: Array) -> tuple[float, Array]:
        if hidden:
            w1, b1, w2, b2 = unpack(theta)
            h = np.tanh(z @ w1 + b1)
            logits = h @ w2 + b2[0]
        else:
            w2, b2 = unpack(theta)
            logits = z @ w2 + b2[0]
        p = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
        eps = 1e-9
        value = -(w * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))).sum() / wsum
        g = w * (p - y) / wsum
        if hidden:
            gw2 = h.T @ g
            gh = np.outer(g, w2) * (1 - h**2)
            grads = [z.T @ gh + 2 * l2 * w1, gh.sum(axis=0), gw2 + 2 * l2 * w2, np.array([g.sum()])]
            value += l2 * ((w1**2).sum() + (w2**2).sum())
        else:
            grads = [z.T @ g + 2 * l2 * w2, np.array([g.sum()])]
            value += l2 * (w2**2).sum()
        return value, np.concatenate([gr.ravel() for gr in grads])

    result = minimize(loss, init, jac=True, method="L-BFGS-B", options={"maxiter": iters})
    params = unpack(result.x)
    layer = {"mean": mean, "scale": scale}
    if hidden:
        layer |= {"w1": params[0], "b1": params[1], "w2": params[2], "b2": params[3][0]}
    else:
        layer |= {"w2": params[0], "b2": params[1][0]}
    return layer


def predict(layer: dict[str, Array], x: Array) -> Array:
    z = (x - layer["mean"]) / layer["scale"]
    if "w1" in layer:
        z = np.tanh(z @ layer["w1"] + layer["b1"])
    out: Array = 1.0 / (1.0 + np.exp(-np.clip(z @ layer["w2"] + layer["b2"], -30, 30)))
    return out


def train(docs: Sequence[Doc], hidden: int, l2: float, iters: int, passes: int = PASSES) -> dict[str, Any]:
    """Fit every pass on `docs` and return the JSON-ready model."""
    m = stack(docs)
    layers = [fit_layer(m.x, m.y, m.w, hidden, l2, iters)]
    p = predict(layers[0], m.x)
    for _ in range(passes - 1):
        x = np.hstack([m.x, np.vstack([context_of_scores(p[a:b]) for a, b in m.spans])])
        layers.append(fit_layer(x, m.y, m.w, hidden, l2, iters))
        p = predict(layers[-1], x)
    return {
        "version": "boilerplate-v1",
        "threshold": 0.5,
        "stages": [{k: np.asarray(v).tolist() for k, v in layer.items()} for layer in layers],
    }


def score(model: Model, docs: Sequence[Doc]) -> ShingleScore:
    return shingle_score((d.gold, extract_body("\n".join(d.lines), model=model)) for d in docs)


def held_out(
    docs: Sequence[Doc],
    hidden: int = HIDDEN,
    l2: float = L2,
    iters: int = ITERS,
    folds_only: bool = False,
) -> dict[str, ShingleScore]:
    """Benchmark figures with every scored page kept out of training."""
    aeb = [d for d in docs if d.source == "aeb"]
    teval = [d for d in docs if d.source == "teval"]
    results: dict[str, ShingleScore] = {}
    if not folds_only:
        results["teval-only"] = score(model_from_dict(train(teval, hidden, l2, iters)), aeb)
    order = np.random.default_rng(SEED).permutation(len(aeb)).tolist()
    pairs: list[tuple[str, str]] = []
    titled: list[tuple[str, str]] = []
    refined: list[tuple[str, str]] = []
    for fold in range(FOLDS):
        test = set(order[fold::FOLDS])
        model = model_from_dict(train(teval + [d for i, d in enumerate(aeb) if i not in test], hidden, l2, iters))
        for i in sorted(test):
            text = "\n".join(aeb[i].lines)
            pairs.append((aeb[i].gold, extract_body(text, model=model)))
            titled.append((aeb[i].gold, extract_body(text, aeb[i].title, model=model)))
            refined.append((aeb[i].gold, refine_body(aeb[i].trafilatura, model=model)))
    results["5-fold"] = shingle_score(pairs)
    results["5-fold, title given"] = shingle_score(titled)
    results["5-fold, trafilatura + refine_body"] = shingle_score(refined)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--hidden", type=int, default=HIDDEN)
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--iters", type=int, default=ITERS)
    parser.add_argument("--no-eval", action="store_true")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument(
        "--train-on",
        choices=("trafilatura-eval", "all"),
        default="all",
        help="pages the model learns from; trafilatura-eval alone keeps the public article-extraction-benchmark "
        "pages unseen, for a held-out `newsint eval extract` on them",
    )
    args = parser.parse_args()
    started = time.perf_counter()
    docs = cached_corpus()
    if not args.no_eval:
        for name, result in held_out(docs, args.hidden, args.l2, args.iters).items():
            print(f"held-out {name}: P={result.precision:.4f} R={result.recall:.4f} F1={result.f1:.4f}")
    if not args.no_write:
        chosen = docs if args.train_on == "all" else [d for d in docs if d.source == "teval"]
        model = train(chosen, args.hidden, args.l2, args.iters)
        args.out.write_text(json.dumps(_rounded(model), separators=(",", ":")), encoding="utf-8")
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB)")
    print(f"done in {time.perf_counter() - started:.0f}s")


def _rounded(value: Any) -> Any:
    # Six significant digits change no prediction and halve the artifact.
    if isinstance(value, float):
        return float(f"{value:.6g}")
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    return value


if __name__ == "__main__":
    main()
