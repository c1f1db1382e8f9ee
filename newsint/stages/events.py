"""Events of each article: what happened, who did it to whom, where and when, with the sentences that say so (issue 7).

`events/extract.py` finds the triggers in the parse; the event model (`events/classifier.py`) gives each
trigger's sentence a class among those the trigger's family allows; this stage adds the rest:
- actors and targets are the canonical names of the entities the parse puts in the subject and object
  (or agent) slots, else the phrase itself ("rebel artillery", "local journalist");
- the place is the most specific place the trigger's clause names outside the actors (a village before a city
  before a region before a country); demonyms ("Iranian") are not places of events;
- the date is the date expression the trigger governs with no other verb between them (in "said on
  Tuesday" the day dates the saying, not the event), else the publication date with `date_from_published`
  set; negated and hypothetical events get none; states that go on ("has been going on for weeks") are no
  events;
- fatalities are the figures of the killed, or one for "a worker was killed";
- sentences that tell the same event again merge into it: a definite event noun ("the blast killed …")
  joins the last event of its kind, and an event of the same class with a shared actor, target or place
  and no conflicting date or place joins the earlier one.
"""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
from spacy.tokens import Doc, Token

from newsint.entities.mentions import entity_at, preceding_entity
from newsint.events.classifier import EventClassifier, load_classifier
from newsint.events.extract import Candidate, find_candidates, is_verb
from newsint.events.taxonomy import CLASSES
from newsint.events.triggers import FAMILIES
from newsint.model import Article, Entity, Event, Figure, Place, PlaceMention, Span, TimeExpr
from newsint.nlp.core import dependency_parse
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage

# Most specific first: the place an event is mapped to.
_SPECIFICITY = ("feature", "village", "town", "city", "district", "region", "area", "country")
_KILLED = re.compile(r"\b(?:kill\w*|dead|died|deaths?|lives|bodies|fatalit\w*)\b", re.I)
_PRECISIONS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(?:Q\d|H\d|SP|SU|FA|WI)$"), "quarter"),
    (re.compile(r"^\d{4}$"), "year"),
)
_PHRASE_DEPS = ("amod", "compound", "flat", "nmod:poss", "nummod")
_SUMMARY_CUTS = ("advcl", "parataxis", "acl:relcl", "punct", "cc", "mark", "conj", "dep")
_MAX_PHRASE_TOKENS = 8
_MAX_SUMMARY = 200


def date_precision(value: str) -> str:
    """The precision of a TIMEX3 date value: day, week, month, quarter or year; "" for a value that is no date."""
    return next((name for pattern, name in _PRECISIONS if pattern.match(value)), "")


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


def _names(tokens: list[Token], entities: list[Entity]) -> tuple[str, ...]:
    names = (_participant(t, entities) for t in tokens)
    return tuple(dict.fromkeys(n for n in names if n))


def _place(
    candidate: Candidate, places: list[PlaceMention], clause: set[int], excluded: set[int]
) -> PlaceMention | None:
    """The most specific resolved place named in the trigger's clause (in its sentence, for an event told
    again) that is not an actor ("Russia fired …"); a target can be one ("… at Kharkiv"); the nearest on ties."""
    sentence, trigger = candidate.sentence, candidate.trigger
    found = [
        p for p in places
        if p.caption is None and p.place is not None and p.how == "entity"
        and sentence.start_char <= p.start and p.end <= sentence.end_char
        and (candidate.refers_to or any(p.start <= i < p.end for i in clause))
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


def _governs(trigger: Token, token: Token) -> bool:
    """Whether the trigger is above `token` in the parse with no other verb between them: in "trip since
    taking office last May", "last May" dates the taking office, not the trip."""
    while token.i != trigger.i:
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i != trigger.i and token.tag_.startswith("VB"):
            return False
    return True


def _date(candidate: Candidate, doc: Doc, times: list[TimeExpr]) -> TimeExpr | None:
    """The date expression the trigger governs (a reporting verb in between would own it), nearest first."""
    sentence, trigger = candidate.sentence, candidate.trigger
    governed = []
    for expr in times:
        if expr.type != "DATE" or not date_precision(expr.value):
            continue
        if not (sentence.start_char <= expr.start and expr.end <= sentence.end_char):
            continue
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is not None and _governs(trigger, span.root):
            governed.append(expr)
    return min(governed, key=lambda e: abs(e.start - trigger.idx)) if governed else None


def _fatalities(candidate: Candidate, doc: Doc, figures: list[Figure], indexes: list[int]) -> int | None:
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


def _clause(trigger: Token) -> list[Token]:
    """The trigger's clause: its subtree without subordinate and coordinated clauses."""
    cut: set[int] = set()
    for child in trigger.children:
        if child.dep_ in _SUMMARY_CUTS and (child.dep_ != "conj" or child.tag_.startswith("VB")):
            cut.update(t.i for t in child.subtree)
    return [t for t in trigger.subtree if t.i not in cut]


def _summary(clause: list[Token]) -> str:
    text = "".join(t.text_with_ws for t in clause).strip()
    return text if len(text) <= _MAX_SUMMARY else text[: _MAX_SUMMARY - 1].rstrip() + "…"


def _allowed(candidate: Candidate) -> tuple[str, ...]:
    """The classes the candidate's trigger families allow, in the order the families list them."""
    return tuple(dict.fromkeys(code for f in [candidate.family, *candidate.absorbed] for code in FAMILIES[f]))


def _choose_class(candidate: Candidate, probabilities: np.ndarray | None, labels: tuple[str, ...]) -> tuple[str, float]:
    allowed = _allowed(candidate)
    if probabilities is None or len(allowed) == 1:
        return allowed[0], 1.0
    scored = [(float(probabilities[labels.index(code)]), code) for code in allowed if code in labels]
    total = sum(score for score, _ in scored) or 1.0
    score, code = max(scored)
    return code, score / total


def _contains(outer: Place, inner: Place) -> bool:
    if outer == inner:
        return True
    if outer.kind == "country":
        return bool(outer.country) and outer.country == inner.country
    if outer.kind in ("region", "area"):
        return bool(outer.admin1) and outer.admin1 == inner.admin1 and outer.country == inner.country
    return False


def _compatible(a: Event, b: Event) -> bool:
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
    ca, cb = CLASSES.get(a.subtype), CLASSES.get(b.subtype)
    if ca is None or cb is None:
        return a.subtype == b.subtype
    return a.subtype == b.subtype or (bool(ca.acled_type) and ca.acled_type == cb.acled_type)


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


def build_events(article: Article, doc: Doc, classifier: EventClassifier | None) -> list[Event]:
    """The events of a parsed article (without a classifier, each family's first class).

    A noun trigger ("the attack", "a visit") makes an event only when it tells an earlier one again or
    the text dates it: undated, it is mostly background ("part of a spring offensive").
    """
    candidates = [c for c in find_candidates(doc, _headlines(article)) if not c.ongoing]
    if not candidates:
        return []
    # The model runs only on sentences where it has a choice to make: "signed" is an agreement whatever it says.
    sentences = sorted({c.sentence.start_char: c.sentence.text for c in candidates if len(_allowed(c)) > 1}.items())
    rows = {start: i for i, (start, _) in enumerate(sentences)}
    probabilities = classifier.probabilities([text for _, text in sentences]) if classifier and sentences else None
    labels = classifier.labels if classifier else ()
    events, refers_to, standalone = [], [], []
    for candidate in candidates:
        index = rows.get(candidate.sentence.start_char)
        row = probabilities[index] if probabilities is not None and index is not None else None
        code, score = _choose_class(candidate, row, labels)
        event = _event(article, doc, candidate, code, score)
        events.append(event)
        refers_to.append(candidate.refers_to)
        standalone.append(is_verb(candidate.trigger) or (bool(event.date) and not event.date_from_published))
    return merge_events(events, refers_to, standalone)


def _event(article: Article, doc: Doc, candidate: Candidate, code: str, score: float) -> Event:
    sentence, trigger = candidate.sentence, candidate.trigger
    # "on Monday" fills the slot of a target ("attacked on Monday"), "last week's" that of an actor; both are dates.
    candidate.targets = [t for t in candidate.targets if not any(e.start <= t.idx < e.end for e in article.times)]
    candidate.actors = [t for t in candidate.actors if not any(e.start <= t.idx < e.end for e in article.times)]
    # The actor's name, not what hangs from it: in "shot by gunmen in Mogadishu" the town is the place.
    actors = {t.idx for head in candidate.actors for t in (head, *head.children) if t.dep_ not in ("nmod", "acl")}
    clause = _clause(trigger)
    place = _place(candidate, article.places, {t.idx for t in clause}, actors)
    when = _date(candidate, doc, article.times)
    date, precision, from_published = "", "", False
    if when is not None:
        date, precision = when.value[:10], date_precision(when.value)
    elif article.published is not None and not (candidate.hypothetical or candidate.negated):
        date, precision, from_published = article.published.isoformat(), "day", True
    figure_indexes = [
        i for i, f in enumerate(article.figures) if sentence.start_char <= f.start and f.end <= sentence.end_char
    ]
    return Event(
        subtype=code,
        trigger=trigger.text,
        trigger_start=trigger.idx,
        trigger_end=trigger.idx + len(trigger),
        evidence=(Span(sentence.start_char, sentence.end_char),),
        score=round(score, 4),
        actors=_names(candidate.actors, article.entities),
        targets=_names(candidate.targets, article.entities),
        place=place.place if place else None,
        place_text=place.text if place else "",
        date=date,
        date_precision=precision,
        date_from_published=from_published,
        fatalities=_fatalities(candidate, doc, article.figures, figure_indexes),
        figures=tuple(figure_indexes),
        negated=candidate.negated,
        hypothetical=candidate.hypothetical,
        summary=_summary(clause),
    )


def _headlines(article: Article) -> frozenset[int]:
    """Start offsets of paragraphs that read as headlines: one short line, capitalised words, no full stop."""
    starts = set()
    for paragraph in article.paragraphs:
        text = article.span_text(paragraph).strip()
        words = text.split()
        if 2 <= len(words) <= 16 and "\n" not in text and not text.endswith("."):
            capitalised = sum(w[:1].isupper() for w in words if len(w) > 3)
            if capitalised >= 0.6 * sum(len(w) > 3 for w in words):
                starts.add(paragraph.start)
    return frozenset(starts)


@stage("events", requires=("analysis", "entities", "places", "times", "claims", "figures"), assigns=("events",))
class EventStage(StageBase):
    """Set `events` from the parse (made here when the `fast` profile gave none), entities, places, times, claims
    and figures; none for an article without analysis (not English).

    Example: EventStage(settings, StageContext())(article).events
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.classifier: EventClassifier | None = None

    def setup(self) -> None:
        self.classifier = load_classifier()

    def __call__(self, article: Article) -> Article:
        doc = dependency_parse(article)
        article.events = build_events(article, doc, self.classifier or load_classifier()) if doc is not None else []
        return article
