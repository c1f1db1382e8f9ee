"""Scoring event classes on CASE 2021 Task 2 snippets: micro, macro and weighted F1 over the sub-types.

The file is the shared task's TSV (`id`, `EventSnippet`, `SubType`, with a header line). Macro F1 averages
the per-class F1 of every class in the gold labels, so rare classes count as much as common ones; weighted
F1 weights them by their gold count; micro F1 is accuracy when every snippet has one label.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from newsint.errors import InputError


@dataclass(frozen=True, slots=True)
class Snippet:
    id: str
    text: str
    label: str


def read_snippets(path: Path) -> list[Snippet]:
    """The snippets of a CASE 2021 Task 2 TSV file."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), str(error)) from error
    if not rows or [c.strip() for c in rows[0][:3]] != ["id", "EventSnippet", "SubType"]:
        raise InputError(str(path), "not a CASE 2021 Task 2 file (expected the header id, EventSnippet, SubType)")
    snippets = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) < 3 or not row[1].strip():
            raise InputError(str(path), "expected id, snippet and sub-type", f"line {number}")
        snippets.append(Snippet(row[0], row[1], row[2].strip()))
    return snippets


def class_f1(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """{"macro_f1", "micro_f1", "weighted_f1"} over the classes of `gold`."""
    if len(gold) != len(predicted):
        raise ValueError("gold and predicted differ in length")
    support = Counter(gold)
    hits = Counter(g for g, p in zip(gold, predicted, strict=True) if g == p)
    guessed = Counter(predicted)
    per_class = {}
    for label in support:
        precision = hits[label] / guessed[label] if guessed[label] else 0.0
        recall = hits[label] / support[label]
        per_class[label] = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    total = len(gold)
    return {
        "macro_f1": sum(per_class.values()) / len(per_class) if per_class else 0.0,
        "micro_f1": sum(hits.values()) / total if total else 0.0,
        "weighted_f1": sum(per_class[label] * support[label] for label in support) / total if total else 0.0,
    }


def evaluate_events(path: Path, classify: Callable[[list[str]], list[str]]) -> dict[str, float]:
    """Score `classify` (snippet texts in, one class each out) on a CASE 2021 Task 2 file."""
    snippets = read_snippets(path)
    return class_f1([s.label for s in snippets], classify([s.text for s in snippets]))
