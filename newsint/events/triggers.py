"""Words that report an event, the family of event each reports, and the classes a family allows.

A sentence is an event candidate when one of its verbs (or a noun such as "barrage" or "meeting") is a
trigger. The family keeps the classifier honest: "captured" can be a government or a rebel gain but never
an air strike, whatever the rest of the sentence is about. A family with one class (an agreement, a
meeting, aid, a threat) needs no classifier; AID and THREAT have no class in ACLED or CASE 2021.
"""

from __future__ import annotations

from newsint.lexicon import WEAPONS, inflections

_VIOLENT = (
    "ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "CHEM_WEAP", "AIR_STRIKE", "SUIC_BOMB",
    "ART_MISS_ATTACK", "REM_EXPLOS", "GRENADE", "SEX_VIOL", "ATTACK", "MOB_VIOL", "FORCE_AGAINST_PROTEST",
    "VIOL_DEMONSTR", "PROPERTY_DISTRUCT",
)  # fmt: skip
FAMILIES: dict[str, tuple[str, ...]] = {
    "remote": (
        "ART_MISS_ATTACK",
        "AIR_STRIKE",
        "REM_EXPLOS",
        "GRENADE",
        "SUIC_BOMB",
        "CHEM_WEAP",
        "DISR_WEAP",
        "MAN_MADE_DISASTER",
        "NATURAL_DISASTER",
    ),  # fmt: skip
    "violence": _VIOLENT,
    "territory": ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "ARMED_CLASH"),
    # An offensive is fighting, whatever the model reads into its sentence ("a winter offensive involving …").
    "offensive": ("ARMED_CLASH",),
    "withdrawal": ("NON_VIOL_TERRIT_TRANSFER", "CHANGE_TO_GROUP_ACT"),
    "coercion": (
        "ARREST",
        "ABDUCT_DISSAP",
        "SEX_VIOL",
        "PROPERTY_DISTRUCT",
        "ATTACK",
        "PROTEST_WITH_INTER",
        "FORCE_AGAINST_PROTEST",
        "ORG_CRIME",
        "MOB_VIOL",
    ),  # fmt: skip
    "protest": ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL"),
    "agreement": ("AGREEMENT",),
    "consultation": ("DIPLO",),
    "mobilization": ("CHANGE_TO_GROUP_ACT", "HQ_ESTABLISHED"),
    "interception": ("DISR_WEAP",),
    "accusation": ("ATTRIB",),
    "disaster": ("NATURAL_DISASTER", "MAN_MADE_DISASTER"),
    "aid": ("AID",),
    "threat": ("THREAT",),
}

_VERBS = {
    "remote": "shell bombard bomb strike explode detonate",
    "violence": "attack assault kill shoot wound injure raid ambush clash fight battle target destroy damage "
    "massacre execute behead stab torture murder lynch gun",
    "territory": "capture seize recapture retake liberate overrun encircle occupy storm",
    "withdrawal": "withdraw retreat",
    "coercion": "arrest detain abduct kidnap rape loot torch imprison",
    "protest": "protest demonstrate rally riot",
    "agreement": "sign agree ratify surrender",
    "consultation": "meet visit host chair discuss expel sever summon",
    "mobilization": "deploy reinforce mobilize mobilise recruit decide defect",
    "interception": "intercept defuse",
    "accusation": "accuse blame",
    "disaster": "crash collapse flood erupt derail capsize sink",
    "aid": "deliver supply donate",
    "threat": "threaten",
}
_IRREGULAR = {
    "shot": "shoot", "struck": "strike", "fought": "fight", "hit": "hit", "met": "meet", "took": "take",
    "taken": "take", "fired": "fire", "fell": "fall", "sent": "send", "blew": "blow", "blown": "blow",
    "stricken": "strike", "withdrew": "withdraw", "withdrawn": "withdraw", "overran": "overrun", "held": "hold",
    "gunned": "gun", "found": "find", "caught": "catch", "sank": "sink", "sunk": "sink", "built": "build",
    "set": "set", "tore": "tear", "torn": "tear",
}  # fmt: skip
#: Who or what changes hands in a prisoner swap; "remains" and "bodies" are the dead returned in one.
CAPTIVES = frozenset("prisoner prisoners captive captives captivity pows detainees hostages bodies remains".split())
#: Nouns of a swap, an event only with captives in their sentence ("a prisoner exchange", not "in exchange for").
EXCHANGES = frozenset("exchange exchanges swap swaps".split())
_SUPPLIES = frozenset(
    """troops soldiers forces reinforcements weapons arms ammunition equipment tanks artillery aid humanitarian
    missiles drones""".split()
)
_BASES = frozenset(
    """base bases post posts camp camps headquarters checkpoint checkpoints outpost outposts position positions
    point points""".split()
)
_CACHES = WEAPONS | frozenset(
    """weapons arms firearms guns rifles ammunition explosives ied ieds cache stash stockpile depot""".split()
)
# Verbs that are triggers only with the right words near them (in an object, oblique or passive subject):
# "fired missiles", "hit by artillery", "took control", "sent troops", "held talks"; without them they are
# ordinary verbs ("he was fired", "the convoy was held at the bridge").
CONDITIONAL_VERBS: dict[str, tuple[str, frozenset[str]]] = {
    "fire": ("remote", WEAPONS), "hit": ("remote", WEAPONS), "blow": ("remote", frozenset({"up"})),
    "launch": ("remote", WEAPONS), "take": ("territory", frozenset({"control"})),
    "send": ("mobilization", _SUPPLIES), "provide": ("aid", _SUPPLIES),
    "hold": ("consultation", frozenset("talks meeting meetings summit consultations negotiations".split())),
    "open": ("violence", frozenset({"fire"})),
    "move": ("mobilization", _SUPPLIES),
    "establish": ("mobilization", _BASES), "set": ("mobilization", _BASES), "build": ("mobilization", _BASES),
    "find": ("interception", _CACHES), "discover": ("interception", _CACHES), "recover": ("interception", _CACHES),
    "uncover": ("interception", _CACHES), "seize": ("interception", _CACHES),
    "catch": ("disaster", frozenset({"fire"})),
    # A prisoner swap is an agreement carried out (ACLED codes it so): "exchanged 120 prisoners of war".
    "exchange": ("agreement", CAPTIVES), "swap": ("agreement", CAPTIVES),
}  # fmt: skip
# What a fired weapon does on arrival, a strike when the weapon is the subject: "a bomb tore through a bus", "a
# shell landed near the school" (not "crosswinds could have torn the rocket apart").
IMPACT_VERBS = frozenset("tear rip slam land".split())
# Light verbs whose object names the event: "launched an offensive", "carried out strikes", "staged a protest".
SUPPORT_VERBS = frozenset("carry conduct stage mount launch hold".split())
# Crowds whose doings are protests: "thousands of demonstrators marched", "protesters blocked roads".
PROTESTERS = frozenset("protesters protestors demonstrators rioters marchers strikers picketers".split())
NOUNS = {
    "remote": "strike strikes airstrike airstrikes barrage barrages salvo salvoes shelling bombardment bombing "
    "explosion explosions blast blasts",
    "violence": "attack attacks assault assaults massacre clash clashes ambush raid raids fighting firefight "
    "firefights skirmish skirmishes gunfight gunfights",
    "offensive": "offensive offensives counteroffensive counteroffensives counter-offensive counter-offensives",
    "territory": "capture seizure",
    "withdrawal": "withdrawal retreat",
    "coercion": "arrest arrests abduction kidnapping",
    "protest": "protest protests demonstration demonstrations rally riot riots",
    "agreement": "signing treaty agreement accord ceasefire truce deal",
    "consultation": "meeting talks summit visit",
    "disaster": "earthquake flood floods crash",
}
_FORMS = {form: lemma for words in _VERBS.values() for lemma in words.split() for form in inflections(lemma)}
_FORMS |= {
    form: lemma
    for lemma in CONDITIONAL_VERBS | dict.fromkeys(SUPPORT_VERBS | IMPACT_VERBS)
    for form in inflections(lemma)
}
_FORMS |= _IRREGULAR
VERB_FAMILY = {lemma: family for family, words in _VERBS.items() for lemma in words.split()}
NOUN_FAMILY = {noun: family for family, words in NOUNS.items() for noun in words.split()}


def trigger_lemma(word: str) -> str:
    """The lemma of a form of a trigger verb ("struck" → "strike"), else the word lower-cased."""
    lowered = word.lower()
    return _FORMS.get(lowered, lowered)
