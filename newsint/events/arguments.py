"""Who, where and how many of an event, read off the parse around its trigger, and the clause that tells it.

- actors and targets are the canonical names of the entities the parse puts in the subject and object
  (or agent) slots, else the phrase itself ("rebel artillery", "local journalist");
- the place is the most specific place the trigger's clause names outside the actors (a village before a city
  before a region before a country); demonyms ("Iranian") are not places of events;
- fatalities are the figures of the killed, or one for "a worker was killed".
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsint.entities.mentions import entity_at, preceding_entity
from newsint.text.dateline import dateline

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.events.extract import Candidate
    from newsint.model import Entity, Figure, PlaceMention

# Most specific first: the place an event is mapped to.
_SPECIFICITY = ("feature", "village", "town", "city", "district", "region", "area", "country")
_KILLED = re.compile(r"\b(?:kill\w*|dead|died|deaths?|lives|bodies|fatalit\w*)\b", re.I)
_WOUNDED = re.compile(r"(?:wound|injur|hurt)\w*$", re.I)
_LOCATIVE_CASES = frozenset("in at near outside inside around on across".split())
_PHRASE_DEPS = ("amod", "compound", "flat", "nmod:poss", "nummod")
_SUMMARY_CUTS = ("advcl", "parataxis", "acl:relcl", "punct", "cc", "mark", "conj", "dep")
_MAX_PHRASE_TOKENS = 8
_MAX_SUMMARY = 200


def _participant(token: Token, entities: list[Entity]) -> str:
    """The canonical name of the entity a phrase names, else the phrase without its determiner."""
    if token.lower_ in ("he", "she"):
        person = preceding_entity(entities, token.idx, ("PERSON",))
        return person.name if person else ""
    if token.tag_ in ("PRP", "WP", "WDT", "EX"):
        return ""
    for candidate in [token, *(c for c in token.children if c.dep_ in ("flat", "appos", "compound"))]:
        entity = entity_at(entities, candidate.idx, candidate.idx + len(candidate))
        if entity is not None and entity.type != "MISC":  # "French" in "the French minister" is no actor
            return entity.name
    left = [t for c in token.children if c.dep_ in _PHRASE_DEPS and c.i < token.i for t in c.subtree]
    start = max(min(t.i for t in [*left, token]), token.i - _MAX_PHRASE_TOKENS)
    words = list(token.doc[start : token.i + 1])
    while words and words[0].dep_ == "det":
        words = words[1:]
    if words and words[0].lower_ in ("least", "most") and words[0].i > 0 and token.doc[words[0].i - 1].lower_ == "at":
        words.insert(0, token.doc[words[0].i - 1])  # "at least 11 people", which the parse may split
    return "".join(t.text_with_ws for t in words).strip()


def participant_names(tokens: list[Token], entities: list[Entity]) -> tuple[str, ...]:
    """The names of the participants the tokens head, in order, each once, none empty."""
    names = (_participant(t, entities) for t in tokens)
    return tuple(dict.fromkeys(n for n in names if n))


def event_place(
    candidate: Candidate, places: list[PlaceMention], clause: set[int], excluded: set[int]
) -> PlaceMention | None:
    """The most specific resolved place named in the trigger's clause (in its sentence, for an event told
    again) that is not an actor ("Russia fired …"); a target can be one ("… at Kharkiv"); the nearest on ties."""
    sentence, trigger = candidate.sentence, candidate.trigger
    filed_at = sentence.start_char + dateline_length(sentence.text)  # "HARNESK, Ruvenia (Wire) —" is no place
    found = [
        p for p in places
        if p.caption is None and p.place is not None and p.how == "entity"
        and filed_at <= p.start and p.end <= sentence.end_char
        and (any(p.start <= i < p.end for i in clause) or candidate.refers_to and _located(sentence.doc, p))
        and not any(p.start <= i < p.end for i in excluded)
    ]  # fmt: skip
    if not found:
        return None
    return min(
        found,
        key=lambda p: (
            _SPECIFICITY.index(p.place.kind) if p.place and p.place.kind in _SPECIFICITY else len(_SPECIFICITY),
            abs(p.start - trigger.idx),
        ),
    )


def _located(doc: Doc, mention: PlaceMention) -> bool:
    """Whether a place named outside the trigger's clause is where things are ("in Qadresh", "Qadresh's
    station"), not where they go or come from ("buses for Varzabad")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return False
    head = span.root
    while head.dep_ == "conj" and head.head.i != head.i:  # "for Varzabad and Noravan"
        head = head.head
    cases = [c.lower_ for c in head.children if c.dep_ == "case"]
    return not cases or any(case in _LOCATIVE_CASES for case in cases)


def dateline_length(sentence: str) -> int:
    """The length of the dateline a sentence starts with ("KYIV, March 3 (Reuters) - "), 0 when none."""
    found = dateline(sentence)
    return found.end if found else 0


def fatality_count(candidate: Candidate, doc: Doc, figures: list[Figure], indexes: list[int]) -> int | None:
    """The number killed: a figure of the dead ("seven people killed", "killing seven people"), or one for
    "a journalist was killed"."""
    counts = []
    for i in indexes:
        figure = figures[i]
        count = figure.value if figure.value is not None else figure.low
        span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
        if count is None or span is None:
            continue
        counted = (span.root, span.root.head)  # the number, or the noun it counts
        if any(_WOUNDED.match(t.text) for t in counted):
            continue  # "nine were killed and 31 wounded": the 31 are the wounded
        # The killed, not the killers: any slot of a kill verb but the subject of an active one.
        if _KILLED.search(figure.what) or any(t.dep_ != "nsubj" and _KILLED.match(t.head.text) for t in counted):
            counts.append(count)
    if counts:
        return int(max(counts))
    trigger = candidate.trigger
    shot_dead = trigger.i + 1 < len(trigger.doc) and trigger.doc[trigger.i + 1].lower_ == "dead"
    if _KILLED.match(trigger.text) or shot_dead:
        victims = [c for c in trigger.children if c.dep_ == "nsubj:pass"]
        if victims and all(v.tag_ == "NN" and any(d.lower_ in ("a", "an", "one") for d in v.children) for v in victims):
            return len(victims)
    return None


def trigger_clause(trigger: Token) -> list[Token]:
    """The trigger's clause: its subtree without subordinate and coordinated clauses."""
    cut: set[int] = set()
    for child in trigger.children:
        if child.dep_ in _SUMMARY_CUTS and (child.dep_ != "conj" or child.tag_.startswith("VB")):
            cut.update(t.i for t in child.subtree)
    return [t for t in trigger.subtree if t.i not in cut]


def clause_summary(clause: list[Token]) -> str:
    """The clause's text, cut to at most _MAX_SUMMARY characters with an ellipsis."""
    text = "".join(t.text_with_ws for t in clause).strip()
    return text if len(text) <= _MAX_SUMMARY else text[: _MAX_SUMMARY - 1].rstrip() + "…"
