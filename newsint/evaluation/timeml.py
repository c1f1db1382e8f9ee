"""Score time-expression tagging the TempEval-3 way on TimeML files, so our figures compare with published ones.

A TimeML document carries its text with inline `<TIMEX3>` and `<EVENT>` tags inside `<TEXT>`; the plain text is
that element with the tags stripped, and the gold expressions are the TIMEX3 spans over it. The document creation
time (the TIMEX3 with functionInDocument="CREATION_TIME") is the anchor given to the tagger and is not scored.

Scoring follows the TempEval-3 definitions (UzZaman et al. 2013): strict matching needs the exact extent, relaxed
matching any overlap (one-to-one); `type` and `value` are scored over relaxed matches, an attribute counting only
when it is identical, with precision over predicted and recall over gold expressions. Figures are fractions 0..1.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from newsint.errors import InputError
from newsint.model import TimeExpr
from newsint.temporal import find_times

Tagger = Callable[[str, date | None], list[TimeExpr]]


@dataclass(frozen=True, slots=True)
class GoldTimex:
    """One annotated expression: character offsets into the document's plain text, its type and value."""

    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML document reduced to what time tagging is scored on."""

    name: str
    text: str
    dct: date | None
    timexes: list[GoldTimex]


def _parse_date(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _flatten(element: ET.Element, parts: list[str], offset: int, found: list[GoldTimex]) -> int:
    """Append the element's text to `parts` depth first, recording TIMEX3 spans; returns the new offset."""
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        start = offset
        offset = _flatten(child, parts, offset, found)
        if child.tag == "TIMEX3":
            raw = "".join(parts)[start:offset]
            # Extents are compared without surrounding whitespace, which some annotations include.
            lead = len(raw) - len(raw.lstrip())
            core = raw.strip()
            found.append(
                GoldTimex(
                    start + lead,
                    start + lead + len(core),
                    core,
                    child.get("type", ""),
                    child.get("value", ""),
                )
            )
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    return offset


def read_timeml(path: Path) -> TimeMLDocument:
    """Read one `.tml` file; raises InputError naming the file when it is not TimeML."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(str(path), f"cannot read TimeML: {exc}") from exc
    text_element = root.find(".//TEXT")
    if text_element is None:
        raise InputError(str(path), "no TEXT element")
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _parse_date(timex.get("value", ""))
            break
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    _flatten(text_element, parts, 0, timexes)
    return TimeMLDocument(path.stem, "".join(parts), dct, timexes)


def read_timeml_dir(path: Path) -> Iterator[TimeMLDocument]:
    """Every `.tml` document under `path` (recursively, in name order), or the single file `path`."""
    files = [path] if path.is_file() else sorted(path.rglob("*.tml"))
    if not files:
        raise InputError(str(path), "no .tml files")
    for file in files:
        yield read_timeml(file)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def match_relaxed(gold: list[GoldTimex], predicted: list[TimeExpr]) -> list[tuple[GoldTimex, TimeExpr]]:
    """Pair gold and predicted expressions one-to-one by overlap, exact extents first."""
    pairs: list[tuple[GoldTimex, TimeExpr]] = []
    used: set[int] = set()
    unmatched: list[GoldTimex] = []
    by_span = {(p.start, p.end): i for i, p in enumerate(predicted)}
    for g in gold:
        index = by_span.get((g.start, g.end))
        if index is not None and index not in used:
            used.add(index)
            pairs.append((g, predicted[index]))
        else:
            unmatched.append(g)
    for g in unmatched:
        for i, p in enumerate(predicted):
            if i not in used and _overlaps((g.start, g.end), (p.start, p.end)):
                used.add(i)
                pairs.append((g, p))
                break
    return pairs


def evaluate_timeml(path: Path, tagger: Tagger = find_times) -> dict[str, Any]:
    """Run `tagger` on every TimeML document under `path` and score it with the TempEval-3 definitions.

    Returns strict/relaxed precision, recall and F1, `type_f1` and `value_f1`, and the counts of documents,
    gold and predicted expressions.
    """
    documents = gold_count = predicted_count = strict = relaxed = type_ok = value_ok = 0
    for document in read_timeml_dir(path):
        predicted = tagger(document.text, document.dct)
        documents += 1
        gold_count += len(document.timexes)
        predicted_count += len(predicted)
        pairs = match_relaxed(document.timexes, predicted)
        relaxed += len(pairs)
        strict += sum(g.start == p.start and g.end == p.end for g, p in pairs)
        type_ok += sum(g.type == p.type for g, p in pairs)
        value_ok += sum(g.value == p.value for g, p in pairs)
    scores: dict[str, Any] = {}
    for name, correct in (("strict", strict), ("relaxed", relaxed), ("type", type_ok), ("value", value_ok)):
        precision, recall = _ratio(correct, predicted_count), _ratio(correct, gold_count)
        if name in ("strict", "relaxed"):
            scores[f"{name}_precision"] = precision
            scores[f"{name}_recall"] = recall
        scores[f"{name}_f1"] = _f1(precision, recall)
    scores.update(documents=documents, gold=gold_count, predicted=predicted_count)
    return scores
