"""Score attribution extraction (source, cue, content) on PolNeAR, so claim finding is measured, not claimed.

A split folder holds `text/<name>.txt` and `attributions/<name>_<annotator>.ann` (brat standoff): text-bound
`Source`, `Cue` and `Content` spans (a span may have several fragments) and events `E<n>` that link the roles
of one attribution. No scorer ships with the corpus; its README asks for span precision/recall/F1 per role,
exact and token-overlap, and attribution-level F1 requiring a matched cue and content. Here:

- tokens are runs of word characters; punctuation is ignored when comparing, so "said," and "said" are the
  same span (a span of punctuation only, such as a ":" cue, is compared by its marks);
- *exact*: the same tokens; *overlap*: at least one token shared. Matching is one to one, best overlap first;
- an attribution matches when its cue and its content match (overlap, or exact for the exact figures);
  `attribution_source_f1` also asks the source to match when the gold attribution has one;
- the contents found for one cue are the fragments of one attribution ('"…," he said. "…"');
- an article annotated several times is scored against its first annotator (by file name), as the README
  allows, so no attribution is counted twice.
Figures are fractions 0..1, micro-averaged over the split.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsint.claims.frames import Found
from newsint.errors import InputError

ROLES = ("source", "cue", "content")
_ID = re.compile(r"[TE]\d+$")
_WORD = re.compile(r"\w+")
_MARK = re.compile(r"[^\w\s]")


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution as character fragments per role; `source` is empty when it has none."""

    source: tuple[tuple[int, int], ...]
    cue: tuple[tuple[int, int], ...]
    content: tuple[tuple[int, int], ...]


# An extractor reads a document's text and returns its attributions.
Extractor = Callable[[str], list[Attribution]]


def as_attributions(found: Iterable[Found]) -> list[Attribution]:
    """What `find_attributions` returns, as the scorer reads it: the contents of one cue are fragments of one
    attribution, as PolNeAR annotates '"…," he said. "…"' (a quotation `continued` takes its cue from the one
    before), not several attributions."""
    by_cue: dict[tuple[int, int], Attribution] = {}
    for f in sorted(found, key=lambda f: f.content):
        earlier = by_cue.get(f.cue)
        if earlier is None:
            by_cue[f.cue] = Attribution((f.source,) if f.source else (), (f.cue,), (f.content,))
        else:
            by_cue[f.cue] = Attribution(earlier.source, earlier.cue, (*earlier.content, f.content))
    return list(by_cue.values())


@dataclass(frozen=True, slots=True)
class AttributionDocument:
    name: str
    text: str
    attributions: list[Attribution]


def _fragments(field: str) -> tuple[tuple[int, int], ...]:
    """'12 20;25 30' (brat's discontinuous span) → ((12, 20), (25, 30))."""
    pairs = []
    for part in field.split(";"):
        start, end = part.split()
        pairs.append((int(start), int(end)))
    return tuple(pairs)


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one brat .ann file; text-bound spans not linked by an event are left out."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...]]] = {}
    events: list[list[tuple[str, str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        fields = line.split("\t")
        if not _ID.match(fields[0]):
            continue  # the rest of a span text that holds a line break
        try:
            if fields[0].startswith("T"):
                label, _, offsets = fields[1].partition(" ")
                spans[fields[0]] = (label, _fragments(offsets))
            elif fields[0].startswith("E"):
                events.append([tuple(arg.split(":", 1)) for arg in fields[1].split()])  # type: ignore[misc]
        except (IndexError, ValueError) as error:
            raise InputError(str(path), f"line {number}: not brat standoff ({error})") from None
    found = []
    for event in events:
        roles: dict[str, list[tuple[int, int]]] = {"source": [], "cue": [], "content": []}
        for role, target in event:
            role = role.lower().rstrip("0123456789")
            if role in roles and target in spans:
                roles[role].extend(spans[target][1])
        if roles["cue"] and roles["content"]:
            found.append(Attribution(tuple(roles["source"]), tuple(roles["cue"]), tuple(roles["content"])))
    return found


def read_split(folder: Path, limit: int | None = None) -> Iterator[AttributionDocument]:
    """Each article of a split folder with its first annotator's attributions."""
    texts, annotations = folder / "text", folder / "attributions"
    if not texts.is_dir() or not annotations.is_dir():
        raise InputError(str(folder), "not a PolNeAR split: expected text/ and attributions/ inside")
    first: dict[str, Path] = {}
    for path in sorted(annotations.glob("*.ann")):
        first.setdefault(path.stem.rsplit("_", 1)[0], path)
    for count, (name, path) in enumerate(sorted(first.items())):
        if limit is not None and count >= limit:
            return
        text_path = texts / f"{name}.txt"
        if not text_path.is_file():
            raise InputError(str(path), f"no text file {text_path.name} for these annotations")
        yield AttributionDocument(name, text_path.read_text(encoding="utf-8"), read_ann(path))


def _tokens(text: str, fragments: Iterable[tuple[int, int]]) -> frozenset[int]:
    """Start offsets of the word tokens inside the fragments; of its marks when a span has no word (a ":" cue)."""
    fragments = tuple(fragments)
    for pattern in (_WORD, _MARK):
        found = {match.start() for start, end in fragments for match in pattern.finditer(text, start, end)}
        if found:
            return frozenset(found)
    return frozenset()


def _match(gold: list[frozenset[int]], predicted: list[frozenset[int]], exact: bool) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs, the largest overlaps first."""
    candidates = []
    for g, gold_tokens in enumerate(gold):
        for p, predicted_tokens in enumerate(predicted):
            shared = len(gold_tokens & predicted_tokens)
            if (gold_tokens == predicted_tokens) if exact else shared:
                candidates.append((-shared, g, p))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    pairs = []
    for _, g, p in sorted(candidates):
        if g not in used_gold and p not in used_predicted:
            used_gold.add(g)
            used_predicted.add(p)
            pairs.append((g, p))
    return pairs


class _Counts:
    def __init__(self) -> None:
        self.matched = self.gold = self.predicted = 0

    def add(self, matched: int, gold: int, predicted: int) -> None:
        self.matched += matched
        self.gold += gold
        self.predicted += predicted

    def figures(self) -> dict[str, float]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def _score_document(text: str, gold: list[Attribution], predicted: list[Attribution], exact: bool,
                    counts: dict[str, _Counts]) -> None:  # fmt: skip
    for role in ROLES:
        gold_spans = list({_tokens(text, getattr(a, role)) for a in gold} - {frozenset()})
        predicted_spans = list({_tokens(text, getattr(a, role)) for a in predicted} - {frozenset()})
        counts[role].add(len(_match(gold_spans, predicted_spans, exact)), len(gold_spans), len(predicted_spans))
    for with_source in (False, True):
        key = "attribution_source" if with_source else "attribution"
        candidates = []
        for g, gold_attribution in enumerate(gold):
            gold_roles = {role: _tokens(text, getattr(gold_attribution, role)) for role in ROLES}
            for p, predicted_attribution in enumerate(predicted):
                shared = 0
                for role in ("cue", "content", "source") if with_source else ("cue", "content"):
                    if role == "source" and not gold_roles["source"]:
                        continue
                    mine = _tokens(text, getattr(predicted_attribution, role))
                    overlap = len(gold_roles[role] & mine)
                    if not (gold_roles[role] == mine if exact else overlap):
                        break
                    shared += overlap
                else:
                    candidates.append((-shared, g, p))
        used_gold: set[int] = set()
        used_predicted: set[int] = set()
        for _, g, p in sorted(candidates):
            if g not in used_gold and p not in used_predicted:
                used_gold.add(g)
                used_predicted.add(p)
        counts[key].add(len(used_gold), len(gold), len(predicted))


def evaluate_attribution(folder: Path, extract: Extractor, limit: int | None = None) -> dict[str, Any]:
    """Overlap figures at the top (`attribution_f1`, `source_f1`, `cue_f1`, `content_f1`), exact ones under
    `exact`, with precision and recall per role under `detail`."""
    keys = (*ROLES, "attribution", "attribution_source")
    overlap = {key: _Counts() for key in keys}
    exact = {key: _Counts() for key in keys}
    documents = gold_count = 0
    for document in read_split(folder, limit):
        predicted = extract(document.text)
        _score_document(document.text, document.attributions, predicted, False, overlap)
        _score_document(document.text, document.attributions, predicted, True, exact)
        documents += 1
        gold_count += len(document.attributions)
    if not documents:
        raise InputError(str(folder), "no annotated articles found")
    result: dict[str, Any] = {f"{key}_f1": overlap[key].figures()["f1"] for key in keys}
    result["exact"] = {f"{key}_f1": exact[key].figures()["f1"] for key in keys}
    result["detail"] = {
        "overlap": {key: overlap[key].figures() for key in keys},
        "exact": {key: exact[key].figures() for key in keys},
    }
    result["documents"] = documents
    result["gold_attributions"] = gold_count
    return result
