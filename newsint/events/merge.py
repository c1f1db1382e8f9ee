"""Sentences that tell the same event again, joined into one event with the evidence of all.

A definite event noun ("the blast killed …") joins the last event of its kind, an event of the same class
with a shared actor, target or place and no conflicting date or place joins the earlier one, and a killing or
wounding told in the next sentence with no other actor ("Russian forces shelled Kharkiv. Three civilians were
killed.") is the outcome of the violent event before it: it joins it, which keeps its more specific class and
counts the dead once.
"""

from __future__ import annotations

from dataclasses import replace

from newsint.events.taxonomy import CLASSES, STRATEGIC
from newsint.events.triggers import FAMILIES, trigger_lemma
from newsint.model import Event, Place


def _contains(outer: Place, inner: Place) -> bool:
    """Whether `outer` is `inner` or a country or region that holds it."""
    if outer == inner:
        return True
    if outer.kind == "country":
        return bool(outer.country) and outer.country == inner.country
    if outer.kind in ("region", "area"):
        return bool(outer.admin1) and outer.admin1 == inner.admin1 and outer.country == inner.country
    return False


def _compatible(a: Event, b: Event) -> bool:
    """Whether the two may be one event: same modality, no conflicting dates given by the text, nested places."""
    if a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    both_dated = a.date and b.date and not a.date_from_published and not b.date_from_published
    if both_dated and not (a.date.startswith(b.date) or b.date.startswith(a.date)):
        return False
    return not (a.place and b.place and not (_contains(a.place, b.place) or _contains(b.place, a.place)))


def _joined(a: Event, b: Event) -> Event:
    """`a` told again by `b`: the evidence of both, the more specific place, the date the text gave."""
    place, place_text = a.place, a.place_text
    if b.place and (place is None or _contains(place, b.place)):
        place, place_text = b.place, b.place_text
    date = a
    if b.date and (not a.date or (a.date_from_published and not b.date_from_published)):
        date = b
    fatalities = max((f for f in (a.fatalities, b.fatalities) if f is not None), default=None)
    return replace(
        a,
        evidence=tuple(sorted(set(a.evidence) | set(b.evidence), key=lambda s: s.start)),
        score=max(a.score, b.score),
        actors=tuple(dict.fromkeys(a.actors + b.actors)),
        targets=tuple(dict.fromkeys(a.targets + b.targets)),
        place=place,
        place_text=place_text,
        date=date.date,
        date_precision=date.date_precision,
        date_from_published=date.date_from_published,
        fatalities=fatalities,
        figures=tuple(sorted(set(a.figures) | set(b.figures))),
    )


def _same_kind(a: Event, b: Event) -> bool:
    """Whether the two are of one class, or of classes of one ACLED event type other than its catch-all
    (an arrest and an agreement are both "Strategic developments")."""
    ca, cb = CLASSES.get(a.subtype), CLASSES.get(b.subtype)
    if ca is None or cb is None:
        return a.subtype == b.subtype
    one_type = bool(ca.acled_type) and ca.acled_type == cb.acled_type and ca.acled_type != STRATEGIC
    return a.subtype == b.subtype or one_type


_OUTCOMES = frozenset("kill wound injure die".split())
_VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"})
# Characters between two sentences next to each other: the space or line break that parts them.
_ADJACENT = 3


def _violent(event: Event) -> bool:
    kind = CLASSES.get(event.subtype)
    return kind is not None and kind.acled_type in _VIOLENT_TYPES


def same_happening(a: Event, b: Event) -> bool:
    """Whether two events' classes allow them to be one happening: one class, classes of one ACLED event type,
    or a killing or wounding and the violent act that caused it ("shelled Kharkiv" and "3 civilians were
    killed in Kharkiv")."""
    if _same_kind(a, b):
        return True
    outcome = trigger_lemma(a.trigger) in _OUTCOMES or trigger_lemma(b.trigger) in _OUTCOMES
    return outcome and _violent(a) and _violent(b)


def _outcome_of(earlier: Event, event: Event) -> bool:
    """Whether `event` is the dead or wounded of `earlier`, told in the same or the next sentence by no other
    actor ("… shelled Kharkiv. Three civilians were killed.")."""
    if trigger_lemma(event.trigger) not in _OUTCOMES or not (_violent(earlier) and _violent(event)):
        return False
    if event.actors and not set(event.actors) & set(earlier.actors):
        return False
    return event.evidence[0].start - earlier.evidence[-1].end <= _ADJACENT


def merge_events(events: list[Event], refers_to: list[str], standalone: list[bool]) -> list[Event]:
    """Events in text order with those that tell an earlier one again joined into it; an event that joins
    none is kept when it may stand alone. `refers_to` is the family of the event each one points back at
    ("the blast killed …": remote violence), or ""."""
    merged: list[Event] = []
    for event, family, alone in zip(events, refers_to, standalone, strict=True):
        into = None
        for index in range(len(merged) - 1, -1, -1):
            earlier = merged[index]
            if not _compatible(earlier, event):
                continue
            if family and (earlier.subtype in FAMILIES[family] or _same_kind(earlier, event)):
                into = index
                break
            if index == len(merged) - 1 and _outcome_of(earlier, event):
                into = index
                break
            shared = (
                (set(earlier.actors) & set(event.actors))
                or (set(earlier.targets) & set(event.targets))
                or (earlier.place is not None and earlier.place == event.place)
            )
            if earlier.subtype == event.subtype and shared:
                into = index
                break
        if into is None:
            if alone:
                merged.append(event)
        else:
            merged[into] = _joined(merged[into], event)
    return merged
