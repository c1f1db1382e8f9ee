"""Train the attribution cue model and write `models/attribution-v1.json`.

Every verb of the PolNeAR training split (parsed with the shipped core pipeline) is an example, labelled a
cue when a gold cue span of its article covers it. A logistic regression over `cue_features` is fitted on
90% of the articles; the threshold is the one with the best attribution F1 on the other 10%, the dev split
is never read. Only weights that matter are written, so the artifact stays small.

Usage (from the repo root): python -m train.attribution [--data ../shared/datasets/polnear/train] [--c 0.5]
Needs scikit-learn (the `train` extra); the shipped model needs none.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from newsint.claims.cuemodel import MODEL_PATH, CueModel, cue_features, is_candidate
from newsint.claims.extract import find_attributions
from newsint.evaluation.attribution import AttributionDocument, _Counts, _score_document, as_attributions, read_split
from newsint.nlp.core import load_core

VERSION = "1.0.0"


def _examples(documents: list[AttributionDocument]) -> tuple[list[dict[str, bool]], list[int], list]:  # type: ignore[type-arg]
    nlp = load_core("default")
    features, labels, docs = [], [], []
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        cue_chars = {i for a in document.attributions for start, end in a.cue for i in range(start, end)}
        for token in doc:
            if is_candidate(token):
                features.append(dict.fromkeys(cue_features(token), True))
                labels.append(int(token.idx in cue_chars))
        docs.append(doc)
    return features, labels, docs


def held_out_f1(
    documents: list[AttributionDocument],
    docs: list,  # type: ignore[type-arg]
    model: CueModel,
    probabilities: list[list[float]] | None = None,
) -> tuple[float, float]:
    """Overlap content F1 and attribution F1 of `model` on parsed articles (`probabilities`: the cue tagger's,
    per article)."""
    counts = {key: _Counts() for key in ("source", "cue", "content", "attribution", "attribution_source")}
    for index, (document, doc) in enumerate(zip(documents, docs, strict=True)):
        found = find_attributions(doc, model, probabilities[index] if probabilities is not None else None)
        predicted = as_attributions(found)
        _score_document(document.text, document.attributions, predicted, False, counts)
    return counts["content"].figures()["f1"], counts["attribution"].figures()["f1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/polnear/train"))
    parser.add_argument("--c", type=float, default=0.5, help="inverse L2 strength of the regression")
    parser.add_argument("--output", type=Path, default=MODEL_PATH)
    args = parser.parse_args()
    started = time.time()
    documents = list(read_split(args.data))
    random.Random(7).shuffle(documents)
    held = len(documents) // 10
    fit_documents, held_documents = documents[held:], documents[:held]
    features, labels, _ = _examples(fit_documents)
    held_features, held_labels, held_docs = _examples(held_documents)
    print(
        f"{len(labels)} verbs ({sum(labels)} cues) to fit, {len(held_labels)} held out, {time.time() - started:.0f} s"
    )
    vectorizer = DictVectorizer()
    regression = LogisticRegression(C=args.c, max_iter=2000)
    regression.fit(vectorizer.fit_transform(features), labels)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): round(float(w), 4) for name, w in zip(names, regression.coef_[0], strict=True) if abs(w) >= 0.05
    }
    weights["bias"] = round(weights.get("bias", 0.0) + float(regression.intercept_[0]), 4)
    best = (0.0, 0.5, 0.5)
    for threshold in (0.2, 0.3, 0.4, 0.5):
        for other in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
            _, f1 = held_out_f1(held_documents, held_docs, CueModel(weights, threshold, other))
            print(f"thresholds {threshold:.2f} (listed verbs), {other:.2f} (others): held-out attribution F1 {f1:.4f}")
            best = max(best, (f1, threshold, other))
    f1, threshold, other = best
    artifact = {
        "version": VERSION,
        "threshold": threshold,
        "other_threshold": other,
        "held_out_attribution_f1": f1,
        "trained_on": str(args.data.name),
        "weights": weights,
    }
    args.output.write_text(json.dumps(artifact, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    elapsed = time.time() - started
    print(f"wrote {args.output} ({len(weights)} weights, thresholds {threshold}, {other}) in {elapsed:.0f} s")


if __name__ == "__main__":
    main()
