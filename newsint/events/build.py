"""The events of a parsed article: each trigger's class, participants, place, date and fatalities, merged.

`events/extract.py` finds the triggers in the parse; the event model (`events/classifier.py`) gives each
trigger's sentence a class among those the trigger's family allows; the rest comes from `events/arguments.py`
(who, where, how many), `events/dating.py` (when) and `events/merge.py` (the same event told again). An event
dated by no expression the trigger governs takes the publication date with `date_from_published` set;
negated and hypothetical events get none; states that go on ("has been going on for weeks") are no events.
Before any of it, `events/plausibility.py` drops triggers that tell no real conflict or crisis event (a team
that "clashed" with its rival, "a battle for market share", "Sign up for our newsletter").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsint.events.arguments import (
    clause_summary,
    dateline_length,
    event_place,
    fatality_count,
    participant_names,
    trigger_clause,
)
from newsint.events.dating import date_precision, event_date
from newsint.events.extract import Candidate, find_candidates, is_verb
from newsint.events.merge import merge_events
from newsint.events.plausibility import implausible, topic
from newsint.events.taxonomy import CLASSES
from newsint.events.triggers import FAMILIES
from newsint.lexicon import AIRCRAFT, MONTHS, WEAPONS, WEEKDAYS
from newsint.model import Article, Event, Span

if TYPE_CHECKING:
    import numpy as np
    from spacy.tokens import Doc, Token

    from newsint.events.classifier import EventClassifier


def _allowed(candidate: Candidate) -> tuple[str, ...]:
    """The classes the candidate's trigger families allow, in the order the families list them. A killing or
    wounding told with a more specific act ("shelled Kharkiv, killing 3") is the outcome of that act, which
    gives the class: the general violence family gives way to any other violent family."""
    if candidate.family in _OWN_CLASS:
        return FAMILIES[candidate.family]  # "threatened a resumption of air raids" is a threat, not a raid
    families = list(dict.fromkeys([candidate.family, *candidate.absorbed]))
    if "violence" in families and any(f in _SPECIFIC for f in families):
        families.remove("violence")
    return tuple(dict.fromkeys(code for f in families for code in FAMILIES[f]))


def _fitting(candidate: Candidate, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The allowed classes the sentence's words can be, when one is left: protests and riots need a crowd in
    the sentence, riots and force a word of violence (security forces acting on protesters, with no riot or
    clash told, are force against protesters); the killing of soldiers, or an attack on their positions, is
    fighting, not violence against civilians; a strike from afar needs its means named."""
    # "21 March" is no march: a month's name, capitalised, counts for no crowd.
    words = {t.lower_ for t in candidate.sentence if t.text != "March"}
    unfit: set[str] = set()
    if not words & _CROWDS:
        unfit |= _CROWD_CLASSES
    elif not words & _HARM:
        unfit |= _FORCEFUL_CROWD_CLASSES  # a protest with no violence told is a peaceful one
    victims = {t.lower_ for t in candidate.targets} | {
        t.lower_ for t in candidate.trigger.children if t.dep_ == "nsubj:pass"
    }
    # "opened fire on …": the light verb's object is no victim, nor is "on Saturday".
    victims = {v for v in victims if v != "fire" and v not in WEEKDAYS and v not in MONTHS and v not in _TIME_WORDS}
    if victims and victims <= _ARMED_TARGETS:
        unfit |= _CIVILIAN_CLASSES | _CROWD_CLASSES | {"PROPERTY_DISTRUCT"}
    if "remote" not in (candidate.family, *candidate.absorbed) and not words & _REMOTE_MEANS:
        unfit |= _REMOTE_CLASSES  # "1,200 soldiers were killed" says nothing of a strike
    if "violence" in candidate.absorbed:
        unfit.add("DISR_WEAP")  # "the bombing, which killed nine": a bomb that killed was not stopped
    actors = {t.lower_ for t in candidate.actors}
    two_sided = words & (_RIOTERS | _CLASHING)
    if "FORCE_AGAINST_PROTEST" in allowed and words & _CROWDS and not two_sided and actors & _SECURITY_FORCES:
        return ("FORCE_AGAINST_PROTEST",)  # "police fired tear gas at protesters, killing one"
    fitting = tuple(code for code in allowed if code not in unfit)
    return fitting or allowed


_CROWDS = frozenset(
    """protest protests protested protesting protesters protestors demonstration demonstrations demonstrators
    rally rallies riot riots rioters rioting march marches marchers crowd crowds mob mobs strikers picket
    pickets vigilantes""".split()
)
_CROWD_CLASSES = frozenset(
    {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL"}
)
_SOLDIERS = frozenset(
    """soldier soldiers troops servicemen fighters militants rebels insurgents guerrillas mercenaries marines
    paratroopers forces combatants conscripts reservists""".split()
)
_TIME_WORDS = frozenset("today yesterday tonight night morning evening afternoon overnight weekend week".split())
# Soldiers and the places they hold: an attack on them is fighting ("opened fire on our positions").
_ARMED_TARGETS = _SOLDIERS | frozenset(
    """position positions post posts base bases outpost outposts trenches checkpoint checkpoints barracks unit
    units garrison tanks convoy""".split()
)
_REMOTE_CLASSES = frozenset(FAMILIES["remote"])
# Words that tell violence from afar: what was fired or dropped, and how.
_REMOTE_MEANS = (
    WEAPONS
    | AIRCRAFT
    | frozenset(
        """strike strikes airstrike airstrikes blast blasts explosion explosions explosive explosives bomber bombers
    bombing bombings suicide ied ieds landmine landmines mine mines shelling shelled bombardment grenades
    missile-strike chemical chlorine sarin mustard gas toxic nerve agent kamikaze kamikazes exploded detonated
    went""".split()
    )
)
_FORCEFUL_CROWD_CLASSES = frozenset({"FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL"})
# Words that tell of violence at a protest: without one, it was peaceful (or the text does not say).
_HARM = frozenset(
    """riot riots rioters rioting violent violence violently clash clashes clashed clashing battled fought
    stones rocks bottles molotov tear gas rubber bullets water cannon batons beat beaten injured wounded killed
    dead died burned torched looted smashed attacked stormed ransacked arrested detained dispersed""".split()
)
_RIOTERS = frozenset("riot riots rioters rioting mob mobs".split())
_CLASHING = frozenset("clash clashes clashed clashing fought battled".split())
_SECURITY_FORCES = frozenset("police policemen officers troops soldiers army guards forces gendarmes".split())
_CIVILIAN_CLASSES = frozenset({"ATTACK", "SEX_VIOL", "ABDUCT_DISSAP"})
_SPECIFIC = frozenset({"remote", "offensive", "territory", "coercion", "protest"})
# Families whose trigger says what the sentence reports whatever it tells of below it: a threat of raids, an
# accusation of shelling, an agreement to stop fighting.
_OWN_CLASS = frozenset({"threat", "accusation", "agreement", "consultation", "aid"})


_SHELLING = frozenset("shell shells shelled shelling artillery mortar mortars howitzer howitzers".split())


def _choose_class(candidate: Candidate, probabilities: np.ndarray | None, labels: tuple[str, ...]) -> tuple[str, float]:
    """The allowed class the model scores highest, with its share of the allowed classes' scores; shelling
    told in words ("shelled", "artillery") and nothing from the air is shelling whatever the model says."""
    allowed = _fitting(candidate, _allowed(candidate))
    words = {t.lower_ for t in candidate.sentence}
    if "ART_MISS_ATTACK" in allowed and words & _SHELLING and not words & AIRCRAFT:
        allowed = ("ART_MISS_ATTACK",)
    if probabilities is None or len(allowed) == 1:
        return allowed[0], 1.0
    scored = [(float(probabilities[labels.index(code)]), code) for code in allowed if code in labels]
    total = sum(score for score, _ in scored) or 1.0
    score, code = max(scored)
    return code, score / total


def build_events(article: Article, doc: Doc, classifier: EventClassifier | None) -> list[Event]:
    """The events of a parsed article (without a classifier, each family's first class).

    A noun trigger ("the attack", "a visit") makes an event only when it tells an earlier one again or
    the text dates it: undated, it is mostly background ("part of a spring offensive").
    """
    article_topic = topic(article.text)
    candidates = [
        c
        for c in find_candidates(doc, _headlines(article))
        if not c.ongoing and not implausible(c, article.entities, article_topic)
    ]
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
    """The event a candidate tells, of class `code` with the model's `score`."""
    sentence, trigger = candidate.sentence, candidate.trigger
    # "on Monday" fills the slot of a target ("attacked on Monday"), "last week's" that of an actor; both are dates.
    candidate.targets = [t for t in candidate.targets if not any(e.start <= t.idx < e.end for e in article.times)]
    candidate.actors = [t for t in candidate.actors if not any(e.start <= t.idx < e.end for e in article.times)]
    # "TOLVARRA, 21 March (RSNA) — …": where the report was filed is no participant.
    filed_at = sentence.start_char + dateline_length(sentence.text)
    candidate.actors = [t for t in candidate.actors if t.idx >= filed_at]
    candidate.targets = [t for t in candidate.targets if t.idx >= filed_at and not _light_object(t, trigger)]
    # The actor's name, not what hangs from it: in "shot by gunmen in Mogadishu" the town is the place.
    actors = {t.idx for head in candidate.actors for t in (head, *head.children) if t.dep_ not in ("nmod", "acl")}
    clause = trigger_clause(trigger)
    where = {t.idx for t in clause}
    if trigger.dep_ == "advcl" and trigger.tag_ == "VBG":
        where |= {t.idx for t in trigger_clause(trigger.head)}  # "shelled Kharkiv, killing 3": the head's place
    place = event_place(candidate, article.places, where, actors)
    when = event_date(candidate, doc, article.times)
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
        actors=participant_names(candidate.actors, article.entities),
        targets=participant_names(candidate.targets, article.entities),
        place=place.place if place else None,
        place_text=place.text if place else "",
        date=date,
        date_precision=precision,
        date_from_published=from_published,
        fatalities=fatality_count(candidate, doc, article.figures, figure_indexes) if _deadly(code) else None,
        figures=tuple(figure_indexes),
        negated=candidate.negated,
        hypothetical=candidate.hypothetical,
        summary=clause_summary(clause),
    )


def _light_object(token: Token, trigger: Token) -> bool:
    """Whether a token is the object that makes a light verb a trigger: the "fire" of "opened fire on"."""
    return token.head.i == trigger.i and token.dep_ == "obj" and token.lower_ == "fire"


def _deadly(code: str) -> bool:
    """Whether events of a class can have fatalities of their own: violence and protests, not a visit to a
    hospital where patients died."""
    kind = CLASSES.get(code)
    return kind is not None and kind.acled_type in _DEADLY_TYPES


_DEADLY_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests"})


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
