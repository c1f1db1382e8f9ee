"""Which verbs attribute a statement: a tagger reading the whole sentence, blended with a linear model of the parse.

"Said" nearly always attributes, but "called", "want", "showed" or "support" do so only in some frames
("called it a disgrace", "polls show that …"), which a word list cannot tell apart. Two models score each verb:
- a logistic model over its form, lemma, dependency label, the labels of its dependents, its subject and the
  marks around it (`train/attribution.py`, `models/attribution-v1.json`, a sparse table of feature weights);
- a MiniLM tagger fine-tuned on PolNeAR cues, which reads windows of whole sentences and gives each word the
  probability that it is part of a cue (`train/cues.py`, `models/cues-v3`, ONNX int8 run with onnxruntime).
A verb is a cue when the blend of the two passes the threshold of its kind, and a noun or adjective of stance
when the tagger's probability passes its own; `models/cues-v3/meta.json` holds the blend and the thresholds,
chosen on held-out training articles.
"""

from __future__ import annotations

import json
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Token

from newsint.claims.contentmodel import ContentTagger, load_content_tagger
from newsint.claims.cues import (
    COGNITION_VERBS,
    LISTED_VERBS,
    SPEECH_VERBS,
    read_as_noun,
    reports_nothing,
    verb_lemma,
)
from newsint.errors import ConfigError
from newsint.nlp.ner import OnnxTagger
from newsint.resources import MODELS_DIR

MODEL_PATH = MODELS_DIR / "attribution-v1.json"
CUE_MODEL_DIR = MODELS_DIR / "cues-v3"
CUE_LABELS = ("O", "CUE")


def _noun_after_name(token: Token) -> bool:
    """`cues.read_as_noun` of a token with the two words before it."""
    if token.i < 2:
        return False
    return read_as_noun(token.text, token.nbor(-1).text, token.nbor(-2).text)


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


def sentence_units(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the sentences: the units the tagger's windows are packed from."""
    return [(sentence.start, sentence.end) for sentence in doc.sents]


class CueTagger:
    """The fine-tuned cue tagger: the probability, per token of a parsed doc, that it belongs to a cue."""

    def __init__(self, model_dir: Path, threads: int = 1) -> None:
        self.model = OnnxTagger(model_dir, threads, CUE_LABELS)
        self.meta = self.model.meta

    def probabilities(self, doc: Doc, wanted: set[int] | None = None) -> list[float]:
        """The probability of each token; with `wanted`, only the windows holding one of those tokens are
        run (the others stay 0), each alone. Tokens without pieces (whitespace) get 0."""
        result = [0.0] * len(doc)
        for window in self.model.pieces.windows([token.text for token in doc], sentence_units(doc)):
            if wanted is not None and not any(window.start <= i < window.end for i in wanted):
                continue
            for offset, probability in self.model.second_label_probabilities(window):
                result[window.start + offset] = probability
        return result


@dataclass(frozen=True, slots=True)
class CueModel:
    """Linear weights, the tagger (optional) and its share `blend` of the score, and the scores above which a
    verb is a cue: `threshold` for the reporting and thinking verbs of `cues.py`, `other_threshold` for any
    other verb, which needs more evidence; `nominal_threshold` the tagger's probability a noun or adjective
    of stance needs; `contents` the tagger that places what each cue reports where the parse misplaced it."""

    weights: dict[str, float]
    threshold: float
    other_threshold: float
    version: str = ""
    blend: float = 0.0
    tagger: CueTagger | None = field(default=None, compare=False)
    nominal_threshold: float = 0.7
    contents: ContentTagger | None = field(default=None, compare=False)

    def linear_score(self, token: Token) -> float:
        """The linear model's probability that a verb is a cue."""
        total = sum(self.weights.get(feature, 0.0) for feature in cue_features(token))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, total))))

    def cues(
        self, doc: Doc, probabilities: Sequence[float] | None = None, nominal: Collection[int] = ()
    ) -> tuple[set[int], set[int]]:
        """Indexes of the cue verbs of a parsed doc, and of the `nominal` candidates (nouns and adjectives with
        a clause: "the claim that …", "worried that …") the tagger is sure report a stance. `probabilities`
        are the tagger's; when the model has a tagger and none are given, it runs once, only on the windows
        where its score can still change a decision. Without a tagger no nominal candidate is a cue."""
        limits: dict[int, tuple[float, float]] = {}  # candidate -> (linear score, threshold)
        for token in doc:
            if is_candidate(token) and not reports_nothing(token.text) and not _noun_after_name(token):
                listed = verb_lemma(token.text) in LISTED_VERBS
                limits[token.i] = (self.linear_score(token), self.threshold if listed else self.other_threshold)
        rest = 1.0 - self.blend
        if probabilities is None and self.tagger is not None:
            undecided = {i for i, (linear, cut) in limits.items() if rest * linear < cut <= self.blend + rest * linear}
            probabilities = self.tagger.probabilities(doc, undecided | set(nominal))
        if probabilities is None:
            return {i for i, (linear, threshold) in limits.items() if linear >= threshold}, set()
        verbs = {
            i for i, (linear, threshold) in limits.items() if self.blend * probabilities[i] + rest * linear >= threshold
        }
        return verbs, {i for i in nominal if probabilities[i] >= self.nominal_threshold}


@cache
def load_cue_model(path: Path = MODEL_PATH, tagger_dir: Path | None = CUE_MODEL_DIR) -> CueModel:
    """The shipped models, read once: the linear weights, and the tagger with its blend and thresholds
    (`tagger_dir=None`: the linear model alone, with its own thresholds, as `train/cues.py` starts from)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tagger_dir is None:
            return CueModel(data["weights"], float(data["threshold"]), float(data["other_threshold"]), data["version"])
        tagger = CueTagger(tagger_dir)
        meta = tagger.meta
        version = f"{data['version']}+{meta['name']}-{meta['version']}"
        contents = load_content_tagger()
        version += f"+{contents.model.meta['name']}-{contents.model.meta['version']}"
        return CueModel(data["weights"], float(meta["threshold"]), float(meta["other_threshold"]), version,
                        float(meta["blend"]), tagger, float(meta["nominal_threshold"]), contents)  # fmt: skip
    except (OSError, ValueError, KeyError) as error:
        raise ConfigError(f"cannot read the attribution cue models {path}, {tagger_dir}: {error}") from None
