"""The parties of a story: which side a speaker or an actor speaks or acts for.

War reporting is told by parties: a state (its government, ministries, army, officials, named by the country,
its demonym or its capital: "Kestria's defence ministry", "a Kestrian spokesman", "Kyiv said"), an armed group
("the Free Valley Front"), or a third party (monitors, UN agencies, NGOs, the press). Two sources of one party
do not corroborate each other independently, and a dispute is one between parties, not between outlets.

A story's parties are read from its own articles (`StoryParties.of`): the countries and demonyms its place
mentions resolved to, and, for names the gazetteer does not know, a name written both as a place and as its
demonym in the story ("Morvania" and "Morvanian"). Nothing here knows a particular war.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from newsint.entities.names import fold
from newsint.model import Article

STATE = "state"
ARMED_GROUP = "armed group"
THIRD_PARTY = "third party"

# Words that make a speaker a third party: monitors, the UN and its agencies, aid groups, the press, courts.
_THIRD_PARTY_WORDS = frozenset(
    """monitor monitors monitoring mission observers observer un u.n. united nations unhcr ocha unicef who
    icrc red cross crescent amnesty human rights watch ngo ngos charity charities aid agency agencies coalition
    relief journalists journalist reporters reporter correspondent correspondents investigators inspectors
    experts analysts osce iaea court tribunal envoy mediator mediators commission inquiry panel""".split()
)
# Words that make an organisation an armed group rather than a state body.
_GROUP_WORDS = frozenset(
    """militia militias rebels rebel front movement brigade brigades battalion insurgents insurgent group
    fighters guerrillas liberation resistance jihadists separatists""".split()
)
_DEMONYM_ENDINGS = frozenset({"ian", "ean", "an", "n", "ese", "i", "ish", "sh", "ic"})
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Party:
    """A side: its name (a country, a group, or the third party's own name) and its kind."""

    name: str
    kind: str


@dataclass(slots=True)
class StoryParties:
    """The names a story's articles give its parties, by folded name: countries with their demonyms and
    capitals, armed groups, third parties."""

    states: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    third: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, articles: Sequence[Article]) -> StoryParties:
        parties = cls()
        countries: dict[str, str] = {}
        for article in articles:
            for mention in article.places:
                place = mention.place
                if place is None:
                    continue
                if place.kind == "country":
                    countries[place.country] = place.name
                    parties.states[fold(mention.text)] = place.name
        for article in articles:
            for mention in article.places:
                place = mention.place
                # A capital or a city speaks for its country ("Kyiv said"): metonymy, common in reporting.
                if place is not None and place.kind != "country" and place.country in countries:
                    parties.states.setdefault(fold(mention.text), countries[place.country])
            for entity in article.entities:
                words = {w.lower() for w in _WORD.findall(entity.name)}
                # The model may type a group's name as a place ("the Free Hill Front"); never as a person.
                if entity.type != "PERSON" and words & _GROUP_WORDS:
                    parties.groups[fold(entity.name)] = entity.name
                elif entity.type == "ORG" and words & _THIRD_PARTY_WORDS:
                    parties.third[fold(entity.name)] = entity.name
        parties._add_unknown_countries(articles)
        return parties

    def _add_unknown_countries(self, articles: Sequence[Article]) -> None:
        """Names the gazetteer does not know that the story writes both as a name and as its demonym
        ("Kestria" and "Kestrian"): a country of the story."""
        unresolved = {
            fold(m.text): m.text for a in articles for m in a.places if m.place is None and m.text[:1].isupper()
        }
        unresolved |= {fold(e.name): e.name for a in articles for e in a.entities if " " not in e.name}
        words = {_bare(w) for a in articles for w in _WORD.findall(a.text) if w[:1].isupper()}
        unresolved |= {fold(w): w for w in words if w.isalpha()}
        for key, name in unresolved.items():
            if key in self.states or " " in name:
                continue
            demonyms = [w for w in words if w != name and _is_demonym_of(w, name)]
            if demonyms:
                self.states[key] = name
                for demonym in demonyms:
                    self.states.setdefault(fold(demonym), name)

    def party(self, text: str) -> Party | None:
        """The party a phrase speaks or acts for ("Kestria's defence minister" → Kestria, a state; "the
        monitoring mission" → a third party), or None when it names none."""
        folded = fold(text)
        words = [w.lower().rstrip("'’") for w in _WORD.findall(text)]
        for names, kind in ((self.third, THIRD_PARTY), (self.groups, ARMED_GROUP)):
            for key in sorted(names, key=len, reverse=True):
                if _contains(folded, key):
                    return Party(names[key], kind)
        for word in words:
            key = fold(word.removesuffix("'s").removesuffix("’s"))
            if key in self.states:
                return Party(self.states[key], STATE)
        for key, name in self.states.items():
            if " " in key and _contains(folded, key):
                return Party(name, STATE)
        if set(words) & _THIRD_PARTY_WORDS:
            return Party(_third_party_name(words), THIRD_PARTY)
        return None


def _bare(word: str) -> str:
    """A word without its possessive ending ("Kestria's" → "Kestria")."""
    return word.removesuffix("'s").removesuffix("’s").rstrip("'’.")


def _contains(text: str, key: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(key)}(?!\w)", text) is not None


def _third_party_name(words: list[str]) -> str:
    """A third party named only by what it is ("monitors", "UN officials"): the word that says so."""
    return next(w for w in words if w in _THIRD_PARTY_WORDS)


def _is_demonym_of(word: str, name: str) -> bool:
    """Whether `word` reads as the demonym of the place `name`: a demonym ending on all of the name or all
    but its last two letters ("Kestrian" of "Kestria", "Tarnish" of "Tarnia", "Ukrainian" of "Ukraine")."""
    if not word[:1].isupper() or len(name) < 4 or word == name:
        return False
    for cut in range(3):
        stem = name[: len(name) - cut]
        if word.startswith(stem) and word[len(stem) :] in _DEMONYM_ENDINGS:
            return True
    return False


def same_party(a: Party | None, b: Party | None) -> bool:
    """Whether two parties are one side (an unknown party is nobody's side)."""
    return a is not None and b is not None and a == b
