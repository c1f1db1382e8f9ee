"""Event classes: the CASE 2021 sub-type names newsint codes, and what each is in ACLED and PLOVER.

ACLED's codebook has 6 event types and 25 sub-types; CASE 2021 Task 2 names the same sub-types in short
codes and adds five classes ACLED does not code (crime, disasters, diplomacy, claims of responsibility).
PLOVER is the event ontology of the POLECAT data set; each class maps to the PLOVER event it is a case of.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from newsint.errors import ConfigError


@dataclass(frozen=True, slots=True)
class EventClass:
    code: str
    acled_type: str
    acled_subtype: str
    plover: str
    # ACLED's interaction-free "disorder type", which ACLED's own files carry beside the event type.
    disorder: str = "Political violence"


_BATTLES = "Battles"
_REMOTE = "Explosions/Remote violence"
_CIVILIANS = "Violence against civilians"
_PROTESTS = "Protests"
_RIOTS = "Riots"
#: ACLED's type for everything else (agreements, arrests, bases, looting): its classes are no one kind of happening.
STRATEGIC = "Strategic developments"
_DEMONSTRATIONS = "Demonstrations"

CLASSES: dict[str, EventClass] = {
    c.code: c
    for c in (
        EventClass("ARMED_CLASH", _BATTLES, "Armed clash", "ASSAULT"),
        EventClass("GOV_REGAINS_TERIT", _BATTLES, "Government regains territory", "ASSAULT"),
        EventClass("NON_STATE_ACTOR_OVERTAKES_TER", _BATTLES, "Non-state actor overtakes territory", "ASSAULT"),
        EventClass("CHEM_WEAP", _REMOTE, "Chemical weapon", "ASSAULT"),
        EventClass("AIR_STRIKE", _REMOTE, "Air/drone strike", "ASSAULT"),
        EventClass("SUIC_BOMB", _REMOTE, "Suicide bomb", "ASSAULT"),
        EventClass("ART_MISS_ATTACK", _REMOTE, "Shelling/artillery/missile attack", "ASSAULT"),
        EventClass("REM_EXPLOS", _REMOTE, "Remote explosive/landmine/IED", "ASSAULT"),
        EventClass("GRENADE", _REMOTE, "Grenade", "ASSAULT"),
        EventClass("SEX_VIOL", _CIVILIANS, "Sexual violence", "ASSAULT"),
        EventClass("ATTACK", _CIVILIANS, "Attack", "ASSAULT"),
        EventClass("ABDUCT_DISSAP", _CIVILIANS, "Abduction/forced disappearance", "COERCE"),
        EventClass("PEACE_PROTEST", _PROTESTS, "Peaceful protest", "PROTEST", _DEMONSTRATIONS),
        EventClass("PROTEST_WITH_INTER", _PROTESTS, "Protest with intervention", "PROTEST", _DEMONSTRATIONS),
        EventClass("FORCE_AGAINST_PROTEST", _PROTESTS, "Excessive force against protesters", "COERCE", _DEMONSTRATIONS),
        EventClass("VIOL_DEMONSTR", _RIOTS, "Violent demonstration", "PROTEST", _DEMONSTRATIONS),
        EventClass("MOB_VIOL", _RIOTS, "Mob violence", "ASSAULT"),
        EventClass("AGREEMENT", STRATEGIC, "Agreement", "AGREE", STRATEGIC),
        EventClass("ARREST", STRATEGIC, "Arrests", "COERCE", STRATEGIC),
        EventClass("CHANGE_TO_GROUP_ACT", STRATEGIC, "Change to group/activity", "MOBILIZE", STRATEGIC),
        EventClass("DISR_WEAP", STRATEGIC, "Disrupted weapons use", "COERCE", STRATEGIC),
        EventClass("HQ_ESTABLISHED", STRATEGIC, "Headquarters or base established", "MOBILIZE", STRATEGIC),
        EventClass("PROPERTY_DISTRUCT", STRATEGIC, "Looting/property destruction", "COERCE", STRATEGIC),
        EventClass("NON_VIOL_TERRIT_TRANSFER", STRATEGIC, "Non-violent transfer of territory", "RETREAT", STRATEGIC),
        EventClass("OTHER", STRATEGIC, "Other", "", STRATEGIC),
        # Not in ACLED's taxonomy: coded by CASE 2021 and kept so that no reported event is forced into a wrong class.
        EventClass("DIPLO", "", "", "CONSULT", ""),
        EventClass("ATTRIB", "", "", "ACCUSE", ""),
        EventClass("ORG_CRIME", "", "", "ASSAULT", ""),
        EventClass("NATURAL_DISASTER", "", "", "", ""),
        EventClass("MAN_MADE_DISASTER", "", "", "", ""),
        # Not in CASE 2021 either: found by their trigger words alone ("delivered artillery", "threatened to").
        EventClass("AID", "", "", "AID", ""),
        EventClass("THREAT", "", "", "THREATEN", ""),
    )
}

# PLOVER's 16 event classes (POLECAT codebook).
PLOVER = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip


def event_subtypes(names: Iterable[str]) -> set[str]:
    """The subtype codes that `names` stand for, each a subtype code (ART_MISS_ATTACK), an ACLED event type
    ("Battles") or sub-type ("Air/drone strike"), or a PLOVER class (ASSAULT), in any case.

    Raises ConfigError for a name that is none of these, so every face filters events by the same names.
    """
    codes: set[str] = set()
    for name in names:
        folded = name.casefold()
        found = {
            c.code
            for c in CLASSES.values()
            if folded in {n.casefold() for n in (c.code, c.acled_type, c.acled_subtype, c.plover) if n}
        }
        if not found and folded not in {p.casefold() for p in PLOVER}:
            raise ConfigError(
                f"unknown event type {name!r}: give a subtype code (ART_MISS_ATTACK), an ACLED event type "
                "(Battles) or sub-type (Air/drone strike), or a PLOVER class (ASSAULT)"
            )
        codes |= found
    return codes
