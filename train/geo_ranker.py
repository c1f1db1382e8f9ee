"""Train the learned toponym ranker (newsint/geo/ranker.py) leave-one-corpus-out, then ship it trained on both.

Examples: every gold toponym of LGL and GeoWebNews with coordinates and gazetteer candidates, resolved by the
rules (geo/resolve.py) alone and, where its outlet has one, with the outlet's home ground counted from the
outlet's other articles (as `newsint eval geo` does); one feature row (geo/features.py) a candidate, labelled 1
for the candidate nearest the gold point within 161 km, and all 0 when none is that near ("none").
Each direction trains on one corpus and scores on the other: its settings (trees, leaves, rounds, the
threshold under which a name takes no entry) are chosen by 4-fold cross-validation by document *inside the
training corpus*, on acc@161 of the full resolution; the held-out corpus is read only for the final figures.
The shipped model is trained on both corpora with settings chosen the same way on both.

Usage (from the repo root): python -m train.geo_ranker [--datasets ../shared/datasets] [--output models/toponyms-v1]
Writes the two leave-one-corpus-out models under build/geo_ranker/ (for `newsint eval geo --ranker-model`).
Needs lightgbm (a runtime dependency); scikit-learn is not used.
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lightgbm
import numpy as np

from newsint.evaluation.geo import (
    GeoDocument,
    gold_toponyms,
    outlet_homes,
    read_geo_corpus,
    resolution_figures,
    resolve_gold,
    resolver,
)
from newsint.geo.features import FEATURES, feature_rows
from newsint.geo.gazetteer import Gazetteer, shared_gazetteer
from newsint.geo.ranker import RANKER_DIR, Ranker
from newsint.geo.resolve import Rerank, distance_km, keep_rules, score_toponyms

VERSION = "1.0.0"
CORPORA = {"lgl": "geoparsing-lgl/lgl.xml", "gwn": "geoparsing-geowebnews/GWN.xml"}
NEAR_KM = 161.0
FOLDS = 4
SEED = 7
# The grid of the cross-validation: leaves a tree and boosting rounds (learning rate 0.05), then the threshold.
LEAVES = (15, 31)
ROUNDS = (150, 400)
THRESHOLDS = (0.0, 0.02, 0.05, 0.1, 0.2)
BASE_PARAMS: dict[str, Any] = {
    "objective": "binary",
    "learning_rate": 0.05,
    "min_data_in_leaf": 40,
    "feature_fraction": 0.8,
    "lambda_l2": 1.0,
    "seed": SEED,
    "deterministic": True,
    "num_threads": 2,
    "verbose": -1,
}


@dataclass
class Examples:
    """Feature rows, their labels and the document each came from."""

    rows: np.ndarray
    labels: np.ndarray
    documents: np.ndarray


def examples(documents: list[GeoDocument], gazetteer: Gazetteer) -> Examples:
    """One row a candidate of each gold toponym with coordinates, without and (where known) with the home ground."""
    rules = resolver(gazetteer, keep_rules)
    homes = outlet_homes(documents, [rules(d.text, gold_toponyms(d), None) for d in documents])
    rows: list[np.ndarray] = []
    labels: list[float] = []
    owners: list[int] = []
    for number, (document, home) in enumerate(zip(documents, homes, strict=True)):
        for ground in [None, home] if home is not None else [None]:
            mentions = score_toponyms(document.text, gold_toponyms(document), gazetteer, ground)
            features, where = feature_rows(document.text, mentions, ground)
            gold_of = {
                index: nearest
                for index, (gold, mention) in enumerate(zip(document.toponyms, mentions, strict=True))
                if gold.lat is not None and gold.lon is not None and mention.candidates
                for nearest in [_nearest(gold.lat, gold.lon, mention.candidates)]
            }
            for row, (index, candidate) in zip(features, where, strict=True):
                if index in gold_of:
                    rows.append(row)
                    labels.append(float(gold_of[index] == candidate))
                    owners.append(number)
    return Examples(np.asarray(rows), np.asarray(labels), np.asarray(owners))


def _nearest(lat: float, lon: float, candidates: list[Any]) -> int:
    """The index of the candidate nearest the gold point within NEAR_KM, or -1 ('none')."""
    distances = [distance_km((lat, lon), (c.lat, c.lon)) for c in candidates]
    best = int(np.argmin(distances))
    return best if distances[best] <= NEAR_KM else -1


def train(data: Examples, keep: np.ndarray, leaves: int, rounds: int) -> lightgbm.Booster:
    params = {**BASE_PARAMS, "num_leaves": leaves}
    return lightgbm.train(params, lightgbm.Dataset(data.rows[keep], data.labels[keep]), num_boost_round=rounds)


def acc161(documents: list[GeoDocument], gazetteer: Gazetteer, ranker: Ranker) -> tuple[float, float]:
    """acc@161 of the full resolution with and without the outlet prior."""
    with_home, without, _ = resolve_gold(documents, resolver(gazetteer, ranker))
    return resolution_figures(with_home)["acc161"], resolution_figures(without)["acc161"]


def cross_validate(documents: list[GeoDocument], data: Examples, gazetteer: Gazetteer) -> dict[str, Any]:
    """Leaves, rounds and threshold with the best mean acc@161 (with and without the outlet prior) over
    FOLDS folds by document of the training documents alone."""
    order = list(range(len(documents)))
    random.Random(SEED).shuffle(order)
    folds = [set(order[k::FOLDS]) for k in range(FOLDS)]

    def score(leaves: int, rounds: int, threshold: float, boosters: list[lightgbm.Booster]) -> float:
        total = 0.0
        for fold, booster in zip(folds, boosters, strict=True):
            held = [documents[i] for i in sorted(fold)]
            total += sum(acc161(held, gazetteer, Ranker(booster, threshold))) / 2 * len(held)
        result = total / len(documents)
        print(f"  cv leaves {leaves:>2} rounds {rounds:>3} threshold {threshold:.2f}: acc@161 {result:.4f}", flush=True)
        return result

    trained: dict[tuple[int, int], list[lightgbm.Booster]] = {}
    best: tuple[float, int, int, float] = (-1.0, 0, 0, 0.0)
    for leaves, rounds in itertools.product(LEAVES, ROUNDS):
        trained[leaves, rounds] = [
            train(data, ~np.isin(data.documents, sorted(fold)), leaves, rounds) for fold in folds
        ]
        best = max(best, (score(leaves, rounds, 0.0, trained[leaves, rounds]), leaves, rounds, 0.0))
    _, leaves, rounds, _ = best
    for threshold in THRESHOLDS[1:]:
        best = max(best, (score(leaves, rounds, threshold, trained[leaves, rounds]), leaves, rounds, threshold))
    cv, leaves, rounds, threshold = best
    return {"num_leaves": leaves, "rounds": rounds, "threshold": threshold, "cv_acc161": round(cv, 4)}


def fit(documents: list[GeoDocument], gazetteer: Gazetteer) -> tuple[Ranker, dict[str, Any], int]:
    """A ranker trained on `documents` with settings chosen by cross-validation on them; its settings and rows."""
    data = examples(documents, gazetteer)
    print(f" {len(data.labels)} rows, {int(data.labels.sum())} positive, from {len(documents)} documents", flush=True)
    settings = cross_validate(documents, data, gazetteer)
    booster = train(data, np.ones(len(data.labels), dtype=bool), settings["num_leaves"], settings["rounds"])
    return Ranker(booster, settings["threshold"]), settings, len(data.labels)


def figures(documents: list[GeoDocument], gazetteer: Gazetteer, rerank: Rerank) -> dict[str, float]:
    with_home, without, _ = resolve_gold(documents, resolver(gazetteer, rerank))
    figures = {k: round(v, 4) for k, v in resolution_figures(with_home).items()}
    figures.update({f"{k}_no_outlet_prior": round(v, 4) for k, v in resolution_figures(without).items()})
    return figures


def save(ranker: Ranker, directory: Path, meta: dict[str, Any]) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    ranker.booster.save_model(str(directory / "model.txt"))
    meta = {**meta, "features": list(FEATURES)}
    meta["settings"] = {**meta["settings"], **{k: v for k, v in BASE_PARAMS.items() if k != "verbose"}}
    (directory / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", type=Path, default=Path("../shared/datasets"))
    parser.add_argument("--output", type=Path, default=RANKER_DIR)
    parser.add_argument("--build-dir", type=Path, default=Path("build/geo_ranker"))
    args = parser.parse_args()
    started = time.time()
    gazetteer = shared_gazetteer()
    corpora = {name: read_geo_corpus(args.datasets / path) for name, path in CORPORA.items()}
    loco: dict[str, Any] = {}
    for trained_on, scored_on in (("lgl", "gwn"), ("gwn", "lgl")):
        print(f"train on {trained_on}, score on {scored_on}", flush=True)
        ranker, settings, rows = fit(corpora[trained_on], gazetteer)
        held = corpora[scored_on]
        loco[f"trained_on_{trained_on}_scored_on_{scored_on}"] = {
            "settings": settings,
            "ranker": figures(held, gazetteer, ranker),
            "rules": figures(held, gazetteer, keep_rules),
        }
        print(json.dumps(loco[f"trained_on_{trained_on}_scored_on_{scored_on}"]), flush=True)
        meta = {"version": VERSION, "data": [CORPORA[trained_on]], "rows": rows, "settings": settings}
        save(ranker, args.build_dir / f"trained-on-{trained_on}", meta)
    print("train on both (shipped)", flush=True)
    ranker, settings, rows = fit(corpora["lgl"] + corpora["gwn"], gazetteer)
    shipped = {
        name: {"ranker": figures(documents, gazetteer, ranker), "rules": figures(documents, gazetteer, keep_rules)}
        for name, documents in corpora.items()
    }
    meta = {
        "version": VERSION,
        "trained_by": "python -m train.geo_ranker",
        "data": list(CORPORA.values()),
        "rows": rows,
        "settings": settings,
        "wall_time_s": round(time.time() - started),
        "figures": {
            "leave_one_corpus_out": loco,
            "shipped_on_its_training_data": shipped,
        },
    }
    save(ranker, args.output, meta)
    print(json.dumps(meta["figures"], indent=2))
    print(f"wrote {args.output} in {meta['wall_time_s']} s")


if __name__ == "__main__":
    main()
