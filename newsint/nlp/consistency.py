"""Document-level consistency for named entities: one reading of each name per document (issue 32).

The entity models decide each window of sentences alone, so one name may be ORG in one paragraph and MISC in
the next, and a surname may be missed or mistyped where its sentence says little. `make_consistent` settles
this after either profile's model, on `doc.ents`:

1. type voting, where the model scores its entities (`doc.spans["ents"]`, the default profile): the occurrences
   tagged with the same exact words take the type with the highest summed score in the document. A tie changes
   nothing, a confident occurrence (score >= CONFIDENT) keeps its type, and LOC and ORG never overrule each
   other: a city is also its team and a country its government, often in one document ("NEW YORK" the
   dateline and "NEW YORK" the baseball club). Without scores (the fast profile) there is no vote: a plain
   count let a town the model called PER three times overrule the places it is named as;
2. surnames: after a multi-word PER, a lone word equal to its last word is that person: untagged, it becomes
   PER; tagged with another type, it is retyped PER (unless confident). A surname the document also writes in
   lower case ("Stool" and "stool") is a common word, and the second half of a hyphenated name
   ("Logan-Rogersville") no surname: both are left alone.

Propagating a confidently tagged name to its untagged occurrences, and shortening an ORG to its first or last
word, were tried too and left out: neither helped on the tuning data (docs/ner.md, "Document-level
consistency").

`add_ner` appends `newsint_ner_consistency` after the entity model. Where the model gives a span group of
scores, the group is kept in step with `doc.ents`; a surname it adds takes the score of the full name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

COMPONENT = "newsint_ner_consistency"
CONFIDENT = 0.9  # a model score at or above this is never overruled (tuned: docs/ner.md)
_METONYMS = frozenset({"LOC", "ORG"})
_HYPHENS = frozenset("-‐‑–—")


@dataclass
class _Entity:
    start: int
    end: int
    label: str
    score: float | None  # the model's confidence; None where the model gives none (the fast profile)
    span: Span | None  # the model's own span, kept while nothing about it changes

    def relabel(self, label: str) -> bool:
        """Give the entity `label` unless the model was confident of its own; whether it changed."""
        if label == self.label or (self.score is not None and self.score >= CONFIDENT):
            return False
        self.label, self.span = label, None
        return True


def make_consistent(doc: Doc, vote: bool = True, surnames: bool = True) -> Doc:
    """Apply this module's rules to `doc.ents` (and the scores of `doc.spans["ents"]`) in place.

    Args:
        vote: give the occurrences of one name the type with the highest summed score in the document (only
            where `doc.spans["ents"]` has scores).
        surnames: make a lone surname of a multi-word PER, later in the document, PER.

    Returns: the same Doc.
    """
    entities, scored = _read(doc)
    if not entities:
        return doc
    words = [token.text for token in doc]
    changed = _vote(entities, words) if vote and scored else False
    if surnames:
        added, retyped = _surnames(entities, words)
        entities = sorted(entities + added, key=lambda e: e.start)
        changed = changed or retyped or bool(added)
    if changed:
        _write(doc, entities, scored)
    return doc


@Language.component(COMPONENT, requires=["doc.ents"], assigns=["doc.ents", "token.ent_iob", "token.ent_type"])
def ner_consistency(doc: Doc) -> Doc:
    """Make the entity model's types consistent across the document (`make_consistent`)."""
    return make_consistent(doc)


def _read(doc: Doc) -> tuple[list[_Entity], bool]:
    group = doc.spans.get("ents")
    scores = list(group.attrs.get("scores", [])) if group is not None else []
    scored = group is not None and len(scores) == len(group) == len(doc.ents)
    entities = [
        _Entity(ent.start, ent.end, ent.label_, float(scores[i]) if scored else None, ent)
        for i, ent in enumerate(doc.ents)
    ]
    return entities, scored


def _vote(entities: list[_Entity], words: Sequence[str]) -> bool:
    weights: dict[tuple[str, ...], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for entity in entities:
        weights[_name(words, entity)][entity.label] += entity.score or 0.0
    changed = False
    for entity in entities:
        by_label = weights[_name(words, entity)]
        best = max(by_label.values())
        winners = [label for label, weight in by_label.items() if weight == best]
        if len(winners) == 1 and {winners[0], entity.label} != _METONYMS:
            changed = entity.relabel(winners[0]) or changed
    return changed


def _surnames(entities: list[_Entity], words: Sequence[str]) -> tuple[list[_Entity], bool]:
    """Untagged lone surnames of the document's multi-word PERs as new entities; whether a tagged one was
    retyped."""
    lower = set(words)
    people: dict[str, _Entity] = {}  # surname -> the first full name that ends with it
    for entity in entities:
        surname = words[entity.end - 1]
        if (
            entity.label == "PER"
            and entity.end - entity.start >= 2
            and words[entity.end - 2] not in _HYPHENS
            and _is_name_word(surname)
            and surname.lower() not in lower
        ):
            people.setdefault(surname, entity)
    if not people:
        return [], False
    retyped = False
    taken = [False] * len(words)
    for entity in entities:
        taken[entity.start : entity.end] = [True] * (entity.end - entity.start)
        person = people.get(words[entity.start])
        if entity.end - entity.start == 1 and person is not None and entity.start >= person.end:
            retyped = entity.relabel("PER") or retyped
    added: list[_Entity] = []
    for index, word in enumerate(words):
        person = people.get(word)
        if person is None or index < person.end or taken[index] or not _stands_alone(words, index):
            continue
        added.append(_Entity(index, index + 1, "PER", person.score, None))
    return added, retyped


def _name(words: Sequence[str], entity: _Entity) -> tuple[str, ...]:
    return tuple(words[entity.start : entity.end])


def _is_name_word(word: str) -> bool:
    return len(word) > 1 and word[0].isupper() and any(c.islower() for c in word)


def _stands_alone(words: Sequence[str], index: int) -> bool:
    """Whether words[index] is not inside a longer run of capitalised words (a name within another name)."""
    before = words[index - 1] if index > 0 else ""
    after = words[index + 1] if index + 1 < len(words) else ""
    return not _is_name_word(before) and not _is_name_word(after)


def _write(doc: Doc, entities: list[_Entity], scored: bool) -> None:
    spans = [e.span if e.span is not None else Span(doc, e.start, e.end, label=e.label) for e in entities]
    doc.set_ents(spans, default="outside")
    if scored:
        scores = [1.0 if e.score is None else e.score for e in entities]
        doc.spans["ents"] = SpanGroup(doc, name="ents", spans=spans, attrs={"scores": scores})
