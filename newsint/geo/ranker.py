"""The learned toponym ranker: gradient-boosted trees that choose among a name's gazetteer entries, or none.

The rules of geo/resolve.py were tuned on one corpus (LGL) and lose a tenth of their accuracy on news they
never saw. The ranker reads the rules' scores with the other evidence of geo/features.py, and was trained
leave-one-corpus-out on LGL and GeoWebNews (train/geo_ranker.py, card in docs/places.md). It plugs into
`resolve_toponyms(..., rerank=ranker)`: every mention of one name takes the entry the ranker likes best for
any of them, and a name whose best entry is less likely than the model's threshold takes none.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import lightgbm
import numpy as np

from newsint.errors import ConfigError
from newsint.geo.features import FEATURES, feature_rows
from newsint.geo.home import Home
from newsint.geo.resolve import NO_FIT, _Mention
from newsint.resources import MODELS_DIR

RANKER_DIR = MODELS_DIR / "toponyms-v1"


class Ranker:
    """A LightGBM model over FEATURES and the probability under which a name takes no entry."""

    def __init__(self, booster: lightgbm.Booster, threshold: float) -> None:
        self.booster = booster
        self.threshold = threshold

    @classmethod
    def load(cls, model_dir: Path = RANKER_DIR) -> Ranker:
        """The model of `model_dir` (model.txt, meta.json); its features must be those of geo/features.py."""
        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        if tuple(meta["features"]) != FEATURES:
            raise ConfigError(f"{model_dir}: its features differ from newsint/geo/features.py; retrain it")
        return cls(lightgbm.Booster(model_file=str(model_dir / "model.txt")), float(meta["settings"]["threshold"]))

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """The probability that each row's candidate is the place meant."""
        if not len(rows):
            return np.zeros(0)
        return np.asarray(self.booster.predict(rows, num_threads=1), dtype=np.float64)

    def __call__(self, text: str, mentions: list[_Mention], home: Home | None) -> None:
        """Choose again for every mention the rules scored: the ranker's best entry, or none (NO_FIT)."""
        rows, where = feature_rows(text, mentions, home)
        probabilities = self.probabilities(rows)
        # Mentions of one name share their candidates list: they take one entry, the best for any of them.
        shared: dict[int, np.ndarray] = {}
        for (number, index), probability in zip(where, probabilities, strict=True):
            candidates = mentions[number].candidates
            best_of = shared.setdefault(id(candidates), np.zeros(len(candidates)))
            best_of[index] = max(best_of[index], probability)
        for mention in mentions:
            if not mention.candidates:
                continue
            chances = shared[id(mention.candidates)]
            mention.best = int(chances.argmax())
            mention.chance = float(chances[mention.best])
            if mention.chance < self.threshold:
                mention.best, mention.reason = -1, NO_FIT


@lru_cache(maxsize=1)
def shipped_ranker() -> Ranker:
    """The shipped model, loaded once a process."""
    return Ranker.load()
