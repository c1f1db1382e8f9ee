"""Print body-extraction figures on the article-extraction-benchmark for the four ways we can get a body.

(a) the crude flat text as is; (b) the boilerplate classifier on that flat text, held out (5-fold
cross-validation over the benchmark with trafilatura-eval always in training, and trained on trafilatura-eval
only); (c) trafilatura on the full HTML with the reference settings; (d) trafilatura followed by
`refine_body`, held out by the same 5 folds, and with the shipped model (which saw these pages).
Also prints the trafilatura-eval snippet figures for (c) and (d) and the classifier's speed.

Usage (from the repo root): python -m train.eval_extraction [--fast]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence

from newsint.evaluation.extraction import Page, ShingleScore, shingle_score, snippet_score
from newsint.text.linemodel import classify_lines, extract_body, refine_body
from train.boilerplate import cached_corpus, held_out
from train.corpus import Doc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fast", action="store_true", help="skip the held-out retraining behind (b)")
    args = parser.parse_args()
    docs = cached_corpus()
    aeb = [d for d in docs if d.source == "aeb"]
    teval = [d for d in docs if d.source == "teval"]
    _row("(a) crude flat text", shingle_score((d.gold, "\n".join(d.lines)) for d in aeb))
    held = {} if args.fast else held_out(docs)
    for key, name in (
        ("teval-only", "(b) classifier, trained on trafilatura-eval only"),
        ("5-fold", "(b) classifier, 5-fold held out"),
        ("5-fold, title given", "(b) classifier, 5-fold held out, title given"),
    ):
        if key in held:
            _row(name, held[key])
    _row("(c) trafilatura on HTML", shingle_score((d.gold, d.trafilatura) for d in aeb))
    if held:
        _row("(d) trafilatura + refine_body, 5-fold held out", held["5-fold, trafilatura + refine_body"])
    _row(
        "(d) trafilatura + refine_body, shipped model",
        shingle_score((d.gold, refine_body(d.trafilatura)) for d in aeb),
    )
    _snippets(teval)
    _speed(docs)


def _row(name: str, s: ShingleScore) -> None:
    print(f"{name:<58} P={s.precision:.4f} R={s.recall:.4f} F1={s.f1:.4f} exact={s.accuracy:.3f} n={s.pages}")


def _snippets(teval: Sequence[Doc]) -> None:
    pages = [Page(d.id, "", with_snippets=d.with_snippets, without_snippets=d.without_snippets) for d in teval]
    output = {d.id: d.trafilatura for d in teval}
    for name, extract in (
        ("(c) trafilatura", lambda p: output[p.id]),
        ("(d) trafilatura + refine_body", lambda p: refine_body(output[p.id])),
    ):
        s = snippet_score(pages, extract)
        print(f"trafilatura-eval snippets {name:<32} P={s.precision:.4f} R={s.recall:.4f} F1={s.f1:.4f}")


def _speed(docs: Sequence[Doc]) -> None:
    pages = [d.lines for d in docs]
    articles = [extract_body("\n".join(lines)).split("\n") for lines in pages]
    for name, inputs in (("full flat page", pages), ("extracted article", articles)):
        started = time.perf_counter()
        for lines in inputs:
            classify_lines(lines)
        ms = (time.perf_counter() - started) / len(inputs) * 1000
        mean_lines = sum(map(len, inputs)) / len(inputs)
        print(f"classify_lines speed: {ms:.2f} ms per {name} (mean {mean_lines:.0f} lines)")


if __name__ == "__main__":
    main()
