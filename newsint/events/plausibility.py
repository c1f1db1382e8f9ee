"""Whether a trigger tells a real conflict or crisis event at all, before its class is chosen (issue 28).

The trigger lists are built for war reporting, so ordinary news fires them: a team "clashed" with its rival,
a firm "launched a major attack on these new markets", growth "targeted at four pct", a singer "killed it",
"Sign up for our Email Newsletters". Each rule here is a reason a reader would give, and `implausible`
returns that reason so that a dropped trigger can be explained:

- **chrome**: an imperative with no subject ("Sign up for …", "Subscribe") is a page's furniture, not news;
- **metaphor**: a violent trigger whose target or object is an abstract or economic thing ("market share",
  "the proposal", "growth", "the goal") or a sporting one;
- **no territory**: a capture or seizure needs a combatant or a piece of ground ("cameras captured the Audi");
- **accident**: in an article about a disaster (its quake, flood or crash words are as many as its conflict
  words), a killing or an explosion needs a combatant or a fired weapon of its own;
- **no combatant**: a violent trigger needs a plausible actor or target: armed or civil people (forces,
  troops, militants, police, civilians), a weapon, a place or a nation (a named place or people, "Iranian");
  a noun trigger ("an attack") may take them from its sentence; a nation or a person alone is enough only when
  the article is about conflict (three kinds of conflict word, four in a thousand words, not outnumbered four
  to one by those of sport or business).
The price in recall is measured on CASE 2021 snippets, all real events, by `bench/false_events.py --corpus case`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsint.entities.mentions import entity_at
from newsint.events.extract import existential, fight_subject, is_verb
from newsint.events.triggers import trigger_lemma
from newsint.lexicon import WEAPONS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from newsint.events.extract import Candidate
    from newsint.model import Entity

# Families whose classes ACLED codes as political violence: the ones that need a combatant.
VIOLENT_FAMILIES = frozenset({"remote", "violence", "offensive", "territory", "coercion"})

# People and things that take part in political violence, as the head or a word of an actor or target.
_COMBATANTS = frozenset(
    """forces force troops soldier soldiers army armies military militants militant rebels rebel guerrillas
    guerrilla insurgents insurgent fighters fighter gunmen gunman police policemen militia militias militiamen
    jihadists terrorists terrorist paratroopers commandos marines navy sailors warplanes warplane jets jet
    bombers helicopters gunboats gunboat tanks tank artillery infantry battalion brigade division regiment units
    snipers sniper mercenaries assailants attackers attacker separatists extremists mob mobs rioters protesters
    protestors demonstrators crowd crowds students strikers squad squads detachment garrison bombers bomber
    bandits bandit herdsmen servicemen vigilante vigilantes gangs gang guards troopers raiders kidnappers
    abductors killers murderers shooters""".split()
)
_VICTIMS = frozenset(
    """civilians civilian people villagers residents refugees children women men man woman boy girl boys girls
    worker workers journalist journalists family families prisoners hostages pilgrims passengers crew crews
    farmers peasants tribesmen villages village town towns city cities capital positions position base bases
    camp camps outpost outposts checkpoint border frontier front island islands tanker tankers ship ships vessel
    vessels freighter convoy platform platforms embassy consulate mosque church temple school hospital market
    police station barracks airport port harbour harbor bridge territory province region district area
    neighbourhood neighborhood enemy targets dead wounded bodies casualties""".split()
)
# What is captured, seized or occupied when territory changes hands.
_TERRAIN = frozenset(
    """town towns city cities village villages territory territories land area areas region province district
    island islands heights hill hills ridge positions position posts post base bases airport port harbour
    harbor bridge fortifications defences defenses lines trenches border frontier stronghold enclave
    peninsula strip valley kilometres kilometers miles""".split()
)
# Objects a violent verb takes only as a figure of speech, in business, politics or sport.
# Arms and their marks, beside the fired weapons of `triggers.WEAPONS`.
_ARMS = WEAPONS | frozenset(
    """explosives explosive landmine landmines ied ieds gas chlorine mustard sarin chemical gunfire
    gunshot gunshots bullets bullet guns gun rifles rifle machetes knives knife grenades""".split()
)
_SPACE = frozenset("satellite satellites orbit liftoff lift-off spacecraft shuttle nasa launchpad payload".split())
_MARKET_SUBJECTS = frozenset("index indices futures bonds gold silver oil stock stocks prices dollar".split())
_HARMED = frozenset("killed killing dead died wounded wounding injured injuring injuries casualties".split())
_ABSTRACT = frozenset(
    """market markets share shares stake price prices rate rates growth inflation deficit surplus pct percent
    percentage target targets goal goals bid bids takeover offer proposal proposals plan plans policy policies
    bill bills law legislation idea ideas view views plan budget tax taxes tariff tariffs quota quotas costs cost
    spending profits profit earnings sales revenue demand supply production output exports imports debt loans
    dollar currency yen stocks equities bonds competition competitors rival rivals business industry sector
    company companies firm firms bank banks deal deals merger contract issue issues problem problems decision
    move moves measure measures report reports claim claims charges allegations critics criticism opposition
    record records lead title titles championship cup match matches game games season ball net basket
    shot points victory defeat win race rally seat seats vote votes election elections campaign ballot audience
    crowd-pleaser stage song songs role album show consumers customers investors shareholders it figures data
    statistics estimates estimate forecast forecasts results numbers comments remarks statement statements terms
    conditions""".split()
)
_SPORT = frozenset(
    """game games match matches season league team teams coach player players score scored goal goals
    championship tournament playoff playoffs quarterback striker midfielder goalkeeper innings inning nba nfl nhl
    mlb fifa olympic olympics cup final finals stadium fans referee""".split()
)
_BUSINESS = frozenset(
    """pct percent dlrs dollars mln billion shares stock stocks market markets prices profit profits earnings
    revenue sales company companies firm firms bank banks investors shareholders dividend quarter fiscal
    economy economic trade tariffs exports imports inflation growth tonnes barrels bpd""".split()
)
_CONFLICT = frozenset(
    """war wars warfare military troops soldiers army armed guerrillas guerrilla rebels rebel insurgents
    militants gunmen killed dead wounded bomb bombs bombing missile missiles rocket rockets artillery shelling
    shelled gunboats warplanes airstrike airstrikes offensive ceasefire truce casualties fighting battle battles
    invasion frontline riot riots rioters protesters demonstrators""".split()
)
_SEIZING_PEOPLE = frozenset("arrest detain imprison abduct kidnap rape".split())
_HARM_TO_THINGS = frozenset("damage destroy collapse".split())
_DISASTER = frozenset(
    """earthquake earthquakes quake quakes tremor tremors aftershocks richter flood floods flooding storm storms
    hurricane typhoon cyclone tornado landslide avalanche drought blaze eruption volcano tsunami accident
    derailed crash crashed collision""".split()
)
# Causes of harm that are no attack, in the trigger's own sentence ("killed when a fire set off toxic fumes").
_ACCIDENT = _DISASTER | frozenset("fire fires fumes smoke drowned suffocated electrocuted mishap".split())
_CONFLICT_PER_1000 = 4
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")
_PLACE_TYPES = ("LOC", "MISC")  # a place, or a nation's adjective ("Iraqi")


def topic(text: str) -> str:
    """The article's topic ("conflict", "disaster", "sport", "business" or "") by its words; conflict when it has
    two conflict words or more and no fewer than a quarter as many as of sport or business."""
    counts = {"conflict": 0, "sport": 0, "business": 0, "disaster": 0}
    words = _WORD.findall(text.lower())
    kinds = {word for word in words if word in _CONFLICT}
    for word in words:
        if word in _DISASTER:
            counts["disaster"] += 1
        if word in _CONFLICT:
            counts["conflict"] += 1
        if word in _SPORT:
            counts["sport"] += 1
        if word in _BUSINESS:
            counts["business"] += 1
    if counts["disaster"] and counts["disaster"] >= counts["conflict"]:
        return "disaster"
    dense = counts["conflict"] * 1000 >= _CONFLICT_PER_1000 * max(len(words), 1)
    if len(kinds) >= 3 and dense and counts["conflict"] * 4 >= max(counts["sport"], counts["business"]):
        return "conflict"
    best = max(("sport", "business"), key=lambda k: counts[k])
    return best if counts[best] >= 2 else ""


def implausible(candidate: Candidate, entities: list[Entity], article_topic: str) -> str:
    """Why the candidate tells no real conflict or crisis event ("chrome", "metaphor", "no territory",
    "accident", "no combatant"), or "" when it may."""
    trigger = candidate.trigger
    if _is_chrome(trigger):
        return "chrome"
    if candidate.family == "protest":
        return _not_a_protest(candidate)
    if candidate.family not in VIOLENT_FAMILIES:
        return ""
    participants = [*candidate.actors, *candidate.targets]
    objects = [c for c in trigger.children if c.dep_ in ("obj", "nsubj:pass", "obl")]
    # "it" is a figure of speech as what is hit ("killed it"), not as who acts ("it has succeeded in capturing").
    heads = {t.lower_ for t in [*participants, *objects] if t.lower_ != "it" or t.dep_ not in ("nsubj", "nsubj:pass")}
    words = {t.lower_ for p in [*participants, *objects] for t in p.subtree}
    # Common words only: "Sun Chemical" and "Delta" are names, not arms.
    sentence_words = {t.lower_ for t in candidate.sentence if not t.text[:1].isupper()}
    if sentence_words & _SPACE:
        sentence_words -= WEAPONS  # "a Delta rocket exploded after liftoff"
    if (heads & _ABSTRACT or trigger.lower_ == "killed" and "it" in heads) and not heads & (_COMBATANTS | _VICTIMS):
        return "metaphor"
    if trigger_lemma(trigger.text) in _SEIZING_PEOPLE:
        return ""  # "she was arrested after entering the venue": the police are implied
    if (
        candidate.family == "territory"
        and not words & (_COMBATANTS | _TERRAIN)
        and not _names_place(candidate.targets, entities, places_only=True)
    ):
        return "no territory"  # "7News cameras captured the mangled Audi"
    if words & _COMBATANTS or sentence_words & WEAPONS:
        return ""
    if article_topic == "disaster" or sentence_words & _ACCIDENT:
        return "accident"  # a driver "killed" in a crash, a "gas explosion" in a mine
    if sentence_words & _ARMS:
        return ""
    # A noun trigger ("an attack", "the explosion") has few slots of its own: its sentence speaks for it.
    if sentence_words & _COMBATANTS and (not is_verb(trigger) or sentence_words & _HARMED):
        return ""
    # Roads "damaged" by floods, a plant "destroyed" by fire: harm to things needs a conflict around it.
    if words & _VICTIMS and (article_topic == "conflict" or trigger_lemma(trigger.text) not in _HARM_TO_THINGS):
        return ""
    if article_topic == "conflict" and (_names_place(participants, entities) or _names_person(participants, entities)):
        return ""
    if _names_place(participants, entities) and sentence_words & _CONFLICT:
        return ""
    # "Heavy fighting broke out in X": the subject is the fighting, in a conflict or at a named place.
    # "There was fierce fighting around Drobnik" too
    fighting = is_verb(trigger) and (fight_subject(trigger) is not None or existential(trigger))
    if fighting and (article_topic == "conflict" or _names_place(objects, entities)):
        return ""
    # "The explosion on Friday came from a minibus", "the fighting on Tuesday": in war news, the war's.
    if article_topic == "conflict" and not is_verb(trigger) and candidate.family in ("remote", "violence"):
        return ""
    return "no combatant"


def _not_a_protest(candidate: Candidate) -> str:
    """ "metaphor" when a protest verb has an object or an abstract subject ("IBM demonstrated a chip", "the
    dollar rallied"), else ""."""
    trigger = candidate.trigger
    if not is_verb(trigger):
        return ""
    if trigger_lemma(trigger.text) in ("demonstrate", "rally") and any(c.dep_ == "obj" for c in trigger.children):
        return "metaphor"  # "protested the funding system" is a protest, "demonstrated a chip" is not
    subjects = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubj:pass")]
    return "metaphor" if any(s.lower_ in _ABSTRACT or s.lower_ in _MARKET_SUBJECTS for s in subjects) else ""


def _is_chrome(trigger: Token) -> bool:
    """A subjectless imperative at the start of its sentence ("Sign up for our Email Newsletters")."""
    if trigger.tag_ != "VB" or trigger.i != trigger.sent.start:
        return False
    return not any(c.dep_ in ("nsubj", "nsubj:pass", "aux", "aux:pass", "expl") for c in trigger.children)


def _entity_types(tokens: list[Token], entities: list[Entity]) -> set[str]:
    found = (entity_at(entities, t.idx, t.idx + len(t)) for p in tokens for t in p.subtree if t.text[:1].isupper())
    return {e.type for e in found if e is not None}


def _names_place(tokens: list[Token], entities: list[Entity], places_only: bool = False) -> bool:
    return bool(_entity_types(tokens, entities) & ({"LOC"} if places_only else set(_PLACE_TYPES)))


def _names_person(tokens: list[Token], entities: list[Entity]) -> bool:
    return "PERSON" in _entity_types(tokens, entities)
