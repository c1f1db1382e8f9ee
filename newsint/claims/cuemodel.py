"""Which verbs attribute a statement: a logistic model over the verb and its place in the parse.

"Said" nearly always attributes, but "called", "want", "showed" or "support" do so only in some frames
("called it a disgrace", "polls show that …"), which a word list cannot tell apart. The model scores each
verb from its form, lemma, dependency label, the labels of its dependents, its subject and the marks around
it. Weights are learned from the PolNeAR training split by `train/attribution.py` and shipped as
`models/attribution-v1.json` (a sparse table of feature weights: no learning library at run time).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.tokens import Token

from newsint.claims.cues import COGNITION_VERBS, LISTED_VERBS, SPEECH_VERBS, is_action_verb, verb_lemma
from newsint.errors import ConfigError
from newsint.resources import MODELS_DIR

MODEL_PATH = MODELS_DIR / "attribution-v1.json"


def is_candidate(token: Token) -> bool:
    """Verbs are scored; every cue the model can find is one."""
    return token.pos_ == "VERB"


def cue_features(token: Token) -> list[str]:
    """Named binary features of a verb token."""
    lemma = verb_lemma(token.text)
    child_deps = sorted({child.dep_ for child in token.children})
    features = [
        "bias",
        f"w={token.lower_}",
        f"l={lemma}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"l+dep={lemma}|{token.dep_}",
        f"lex={'speech' if lemma in SPEECH_VERBS else 'cognition' if lemma in COGNITION_VERBS else 'none'}",
        f"head={token.head.pos_}",
    ]
    for dep in child_deps:
        features += [f"c={dep}", f"l+c={lemma}|{dep}"]
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    if subject is not None:
        features += [f"subj={subject.pos_}", f"l+subj={lemma}|{subject.pos_}"]
    if any(child.dep_ == "aux:pass" for child in token.children):
        features.append(f"l+pass={lemma}")
    after = token.nbor() if token.i + 1 < len(token.doc) else None
    before = token.nbor(-1) if token.i > 0 else None
    features.append(f"next={after.text if after is not None and after.is_punct else after.pos_ if after else '-'}")
    features.append(f"prev={before.text if before is not None and before.is_punct else before.pos_ if before else '-'}")
    features.append(f"quote_near={any(t.is_quote for t in token.sent)}")
    return features


@dataclass(frozen=True, slots=True)
class CueModel:
    """Sparse logistic weights and the scores above which a verb is a cue: `threshold` for the reporting and
    thinking verbs of `cues.py`, `other_threshold` for any other verb, which needs more evidence."""

    weights: dict[str, float]
    threshold: float
    other_threshold: float
    version: str = ""

    def score(self, token: Token) -> float:
        total = sum(self.weights.get(feature, 0.0) for feature in cue_features(token))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def is_cue(self, token: Token) -> bool:
        if not is_candidate(token) or is_action_verb(token.text):
            return False
        listed = verb_lemma(token.text) in LISTED_VERBS
        return self.score(token) >= (self.threshold if listed else self.other_threshold)


@cache
def load_cue_model(path: Path = MODEL_PATH) -> CueModel:
    """The shipped model, read once."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return CueModel(data["weights"], float(data["threshold"]), float(data["other_threshold"]), data["version"])
    except (OSError, ValueError, KeyError) as error:
        raise ConfigError(f"cannot read the attribution cue model {path}: {error}") from None
