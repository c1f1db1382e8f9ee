"""The SemEval-2015 Task 4 side of `newsint eval timeline`: its data and its temporal-awareness metric.

Data. Documents are NAF/CAT XML (`<token sentence=...>` elements, and a TIMEX3 markable with
functionInDocument="CREATION_TIME", the DCT). Track A may read only the tokens and the DCT, so event markables
are ignored. A timeline file holds the target entity on its first line, then `ordering<TAB>anchor<TAB>event...`
lines; an event is `docid-sentence-word`, the word in lower case ("_" joins a multi-word one: `17677-5-took_off`),
and the events of one line corefer.

Metric: the official scorer (`evaluation_all.py` over `evaluation_timeline.py` and the TempEval-3
`temporal_evaluation.py`), re-implemented from its code. For each timeline, gold and system alike:
- lines are sorted in natural order (digit runs compared as numbers: by ordering number first); lines with
  ordering 0 (events the annotators could not order) are dropped and never scored;
- each event mention is a node; the k-th mention of a string is the same node in both timelines when both have
  a k-th one, so a system event counts only when it names the gold one's document, sentence and word;
- each distinct anchor string is a TIMEX3 node ("2010" and "2010-XX-XX" differ; all XXXX-XX-XX events share
  one), and each event is SIMULTANEOUS with its anchor;
- consecutive events of the sorted list are related, BEFORE when the first has the smaller ordering number and
  SIMULTANEOUS otherwise; anchors are not ordered among themselves, only through their events.
The relations are added in that order (anchor links, then the chain) to a closure of BEFORE and SIMULTANEOUS:
equality classes ordered by a DAG, the exact closure for these two relations. A relation already entailed is left
out of the reduced graph; one contradicting the earlier ones (an XXXX-XX-XX event ordered between dated ones) is
not added to the closure but stays in the reduced graph, as in the TempEval-3 tool. Precision is the share of the
system's reduced relations that the gold closure entails or the gold graph states; recall the reverse. Counts are
summed over the timelines (micro average) before dividing. The official tool skips a gold timeline that has no
system file; here every gold timeline is scored, an empty system timeline adding only to the recall total.
Figures are fractions (the task reports percentages: its best Track A run scored 7.85 F1 on the test corpora).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsint.errors import InputError

DOCUMENT_DIRS = ("Corpus-trial-data_task4", "corpus_TrackA_CAT")


@dataclass(frozen=True, slots=True)
class CatToken:
    sentence: int
    text: str


@dataclass(frozen=True, slots=True)
class TimelineDocument:
    """A CAT document as Track A may read it: tokens in order, and the creation time (a TIMEX3 value)."""

    id: str
    tokens: tuple[CatToken, ...]
    created: str


@dataclass(frozen=True, slots=True)
class TimelineRow:
    order: int
    date: str
    events: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Timeline:
    entity: str
    rows: tuple[TimelineRow, ...]


def read_document(path: Path) -> TimelineDocument:
    """Read one CAT file; raises InputError naming it when it has no tokens or no creation time."""
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        raise InputError(str(path), f"cannot read CAT XML: {exc}") from exc
    tokens = tuple(CatToken(int(t.get("sentence", "0")), t.text or "") for t in root.iter("token"))
    dct = [t.get("value", "") for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME"]
    if not tokens or not dct or not root.get("doc_id"):
        raise InputError(str(path), "not a CAT document with a doc_id, tokens and a CREATION_TIME")
    return TimelineDocument(root.get("doc_id", ""), tokens, dct[0])


def read_timeline(path: Path) -> Timeline:
    """Read one timeline file: the entity, then ordering, anchor and events separated by tabs."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), str(exc)) from exc
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        fields = [f.strip() for f in line.split("\t") if f.strip()]
        if fields and (len(fields) < 3 or not fields[0].isdigit()):
            raise InputError(str(path), "expected ordering, anchor and events", f"line {number}")
        if fields:
            rows.append(TimelineRow(int(fields[0]), fields[1], tuple(fields[2:])))
    if not lines or not lines[0].strip():
        raise InputError(str(path), "no target entity on the first line")
    return Timeline(lines[0].strip(), tuple(rows))


def read_corpus(path: Path) -> tuple[list[TimelineDocument], dict[str, Timeline]]:
    """The documents and the gold timelines (by file stem) of a task folder: the trial layout or a test corpus."""
    documents = next((path / name for name in DOCUMENT_DIRS if (path / name).is_dir()), None)
    gold = sorted(p for p in path.iterdir() if p.is_dir() and p.name.startswith("TimeLines")) if path.is_dir() else []
    if documents is None or not gold:
        expected = " or ".join(DOCUMENT_DIRS)
        raise InputError(str(path), f"expected a documents folder ({expected}) and a TimeLines* folder")
    return [read_document(f) for f in sorted(documents.glob("*.xml"))], {
        f.stem: read_timeline(f) for f in sorted(gold[0].glob("*.txt"))
    }


# --- the metric ------------------------------------------------------------------------------------------------

Node = tuple[str, str, int]  # ("e", mention, occurrence) or ("t", anchor, 0)
Relation = tuple[Node, Node, str]  # BEFORE or SIMULTANEOUS


def _natural_key(line: str) -> list[tuple[int, int | str]]:
    # Python 2, which the scorer ran on, ordered numbers before strings.
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", line)]


def timeline_relations(timeline: Timeline) -> list[Relation]:
    """The relations of a timeline's graph, in the order the official scorer writes them."""
    rows = (f"{r.order}\t{r.date}\t" + "\t".join(r.events) for r in timeline.rows if r.order != 0)
    seen: Counter[str] = Counter()
    events: list[tuple[Node, int]] = []
    anchors: list[Relation] = []
    for line in sorted(rows, key=_natural_key):
        order, anchor, *mentions = line.split("\t")
        for mention in mentions:
            node = ("e", mention, seen[mention])
            seen[mention] += 1
            events.append((node, int(order)))
            anchors.append((node, ("t", anchor, 0), "SIMULTANEOUS"))
    pairs = zip(events, events[1:], strict=False)
    return anchors + [(a, b, "BEFORE" if i < j else "SIMULTANEOUS") for (a, i), (b, j) in pairs]


class Closure:
    """What BEFORE and SIMULTANEOUS relations entail: equality classes (union-find) ordered by a DAG."""

    def __init__(self) -> None:
        self._parent: dict[Node, Node] = {}
        self._after: dict[Node, set[Node]] = defaultdict(set)

    def _root(self, node: Node) -> Node:
        while self._parent[node] != node:
            self._parent[node] = self._parent[self._parent[node]]
            node = self._parent[node]
        return node

    def _reaches(self, start: Node, goal: Node) -> bool:
        stack, seen = [start], {start}
        while stack:
            for node in self._after[stack.pop()] - seen:
                if node == goal:
                    return True
                seen.add(node)
                stack.append(node)
        return False

    def relation(self, x: Node, y: Node) -> str | None:
        """'=', '<' (x BEFORE y), '>', or None when nothing relates them."""
        if x not in self._parent or y not in self._parent:
            return None
        rx, ry = self._root(x), self._root(y)
        return "=" if rx == ry else "<" if self._reaches(rx, ry) else ">" if self._reaches(ry, rx) else None

    def entails(self, relation: Relation) -> bool:
        return self.relation(relation[0], relation[1]) == ("<" if relation[2] == "BEFORE" else "=")

    def add(self, relation: Relation) -> str:
        """Add a relation: "entailed" (nothing to add), "violated" (contradicts the closure; not added) or "added"."""
        x, y, kind = relation
        if self.relation(x, y) is not None:
            return "entailed" if self.entails(relation) else "violated"
        for node in (x, y):
            self._parent.setdefault(node, node)
        rx, ry = self._root(x), self._root(y)
        if kind == "BEFORE":
            self._after[rx].add(ry)
            return "added"
        self._parent[ry] = rx
        self._after[rx] |= self._after.pop(ry, set())
        for later in self._after.values():
            if ry in later:
                later.discard(ry)
                later.add(rx)
        return "added"


def reduce_relations(relations: list[Relation]) -> tuple[list[Relation], Closure]:
    """The reduced graph (the relations added or violated, in order) and the closure of the added ones."""
    closure, reduced = Closure(), []
    for relation in dict.fromkeys(relations):
        if closure.add(relation) != "entailed":
            reduced.append(relation)
    return reduced, closure


def _stated(relations: list[Relation]) -> set[Relation]:
    """The relations as the scorer matches them literally: also read backwards (x BEFORE y is y AFTER x)."""
    return set(relations) | {(y, x, "AFTER" if kind == "BEFORE" else kind) for x, y, kind in relations}


def awareness_counts(system: Timeline, gold: Timeline) -> tuple[int, int, int, int]:
    """Temporal-awareness counts of one timeline: precision matched, system total, recall matched, gold total."""
    system_relations, gold_relations = timeline_relations(system), timeline_relations(gold)
    system_reduced, system_closure = reduce_relations(system_relations)
    gold_reduced, gold_closure = reduce_relations(gold_relations)
    system_stated, gold_stated = _stated(system_relations), _stated(gold_relations)
    precision = sum(r in gold_stated or gold_closure.entails(r) for r in system_reduced)
    recall = sum(r in system_stated or system_closure.entails(r) for r in gold_reduced)
    return precision, len(system_reduced), recall, len(gold_reduced)


def _prf(matched_p: int, total_p: int, matched_r: int, total_r: int) -> dict[str, float]:
    precision = matched_p / total_p if total_p else 0.0
    recall = matched_r / total_r if total_r else 0.0
    return {"precision": precision, "recall": recall, "f1": 2 * precision * recall / (precision + recall or 1)}


def score_timelines(system: dict[str, Timeline], gold: dict[str, Timeline]) -> dict[str, Any]:
    """Micro-averaged precision, recall and F1 over the gold timelines, with each timeline's own figures."""
    totals, per_timeline = [0, 0, 0, 0], {}
    for name, reference in gold.items():
        counts = awareness_counts(system.get(name, Timeline(reference.entity, ())), reference)
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        per_timeline[name] = _prf(*counts)
    return {**_prf(*totals), "per_timeline": per_timeline, "relations": {"system": totals[1], "gold": totals[3]}}
