"""The runs behind `newsint eval`: each loads the models a scorer needs and feeds them to it.

Importing this module loads spaCy; the CLI imports it only inside the eval commands.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from newsint.claims import find_attributions
from newsint.claims.cuemodel import load_cue_model
from newsint.entities.mentions import group_mentions
from newsint.evaluation.attribution import Attribution, as_attributions, evaluate_attribution
from newsint.evaluation.events import evaluate_events, read_snippets
from newsint.evaluation.ner import WORLDWIDE_TO_CONLL, evaluate_ner
from newsint.evaluation.parse import evaluate_parse
from newsint.events.classifier import load_classifier
from newsint.events.extract import find_candidates
from newsint.nlp import load_pipeline
from newsint.nlp.core import load_core


def ner_mapping(data: Path) -> dict[str, str | None] | None:
    """en-worldwide-newswire's classes mapped to CoNLL's, as its README says; other data as it is."""
    return WORLDWIDE_TO_CONLL if data.is_dir() or data.suffix == ".tsv" else None


def run_ner(data: Path, profile: str, part: str = "all") -> dict[str, Any]:
    """Named entities of the `profile` pipeline on a CoNLL-format file or folder (the files of `part`)."""
    return evaluate_ner(data, load_pipeline(profile), mapping=ner_mapping(data), part=part)


def run_parse(data: Path) -> dict[str, float]:
    """The default pipeline's dependency parse on a CoNLL-U file."""
    return evaluate_parse(data, load_pipeline("default"))


def toponym_finder(profile: str) -> Callable[[str], list[tuple[int, int]]]:
    """Spans of LOC entities the `profile` pipeline and the entity stage find in a text."""
    nlp = load_pipeline(profile)

    def find(text: str) -> list[tuple[int, int]]:
        entities = group_mentions(nlp(text))
        return [(m.start, m.end) for e in entities if e.type == "LOC" for m in e.mentions if m.how != "role"]

    return find


def run_attribution(split_dir: Path, limit: int | None = None) -> dict[str, Any]:
    """Attributions found by the default core pipeline and the cue model on a PolNeAR split folder."""
    nlp, model = load_core("default"), load_cue_model()

    def extract(text: str) -> list[Attribution]:
        return as_attributions(find_attributions(nlp(text), model))

    return evaluate_attribution(split_dir, extract, limit)


def run_events(case_tsv: Path, triggers: bool = False) -> dict[str, Any]:
    """Event classes of the shipped event model on a CASE 2021 Task 2 file; with `triggers`, also trigger_recall:
    the share of snippets where the default parse finds an event."""
    classifier = load_classifier()

    def classify(texts: list[str]) -> list[str]:
        return [classifier.labels[int(row.argmax())] for row in classifier.probabilities(texts)]

    figures: dict[str, Any] = dict(evaluate_events(case_tsv, classify))
    if triggers:
        texts = [s.text for s in read_snippets(case_tsv)]
        found = sum(any(not c.ongoing for c in find_candidates(doc)) for doc in load_pipeline("default").pipe(texts))
        figures["trigger_recall"] = found / len(texts) if texts else 0.0
    return figures
