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
from functools import lru_cache

from newsint.entities.names import fold
from newsint.model import Article
from newsint.text.dateline import dateline, first_dateline

STATE = "state"
UNNAMED_STATE = "the government"  # the state side of a story that fights an armed group and never names its country
ARMED_GROUP = "armed group"
THIRD_PARTY = "third party"

# Words that make a speaker a third party whoever it is attached to: monitors, the UN and its agencies, aid
# groups and rights groups, hospitals, embassies (a foreign government).
_THIRD_PARTY_WORDS = frozenset(
    """monitor monitors monitoring observers observer un u.n. united nations unhcr ocha unicef icrc
    amnesty ngo ngos charity charities relief association lawyers rights embassy hospital hospitals
    doctors medics clinic trust osce iaea""".split()
)
# Words of group names that name no group alone: "northern", "people's", "liberation", "army" (also a state's).
_GENERIC_NAME_WORDS = frozenset(
    """northern southern eastern western central national popular people democratic revolutionary united free
    liberation army forces islamic holy defence defense self""".split()
)
_RED_CROSS = re.compile(r"\bred (?:cross|crescent)\b")  # "Red" alone is no third party ("the Red Ridge Militia")
# Words that make a speaker a third party only when no state of the story is named with them ("Kestria's envoy"
# speaks for Kestria, "the envoy" may not).
_WEAK_THIRD_PARTY_WORDS = frozenset(
    """mission agency agencies coalition journalists journalist reporters reporter correspondent
    correspondents experts analysts court tribunal envoy mediator mediators panel commission inquiry
    investigators inspectors""".split()
)
_GROUP_REFERENCES = frozenset(
    "group brigades rebels militants insurgents fighters militia front terrorists movement separatists".split()
)
# Officials and bodies of a state, named without their country: of the story's one state when it has one.
_STATE_BODIES = frozenset(
    """government minister ministry ministers police army military authorities officials official spokesman
    spokeswoman spokesperson president governor mayor troops forces commander general staff cabinet command
    headquarters office""".split()
)
# Common nouns for a state's side in a story of one state: "army artillery", "government guns", "the regime".
_STATE_REFERENCES = frozenset("army military government regime troops soldiers artillery authorities".split())
# Words for a state's forces after its name: "Zemaran jets", "Kaldora's army", "Tarnish artillery".
_FORCES = (
    r"(?:army|armed forces|forces|troops|soldiers|artillery|air force|jets|aircraft|warplanes|drones|missiles|"
    r"units|military|navy|brigades?|battalions?|tanks)"
)
_MEDIATORS = re.compile(r"(?<=\w) (?:mediators?|mediation|envoys?|observers|monitors|peacekeepers)\b")
_FORCES_AFTER = re.compile(rf"(?<=\w) {_FORCES}\b")  # found first: far rarer than the names before them
_LONGEST_NAME = 40  # characters before forces read for the state they belong to
# Words that make an organisation an armed group rather than a state body.
_GROUP_WORDS = frozenset(
    """militia militias rebels rebel front movement brigade brigades battalion insurgents insurgent group
    fighters guerrillas liberation resistance jihadists separatists""".split()
)
# Words that name a body that can speak for a party (`StoryParties.speaks`).
_SPEAKING_BODIES = _STATE_BODIES | _GROUP_REFERENCES | _GROUP_WORDS | _THIRD_PARTY_WORDS | _WEAK_THIRD_PARTY_WORDS
# A name owning a state body: "Lannemark's security service", "Valdia's defence ministry".
_STATE_OWNER = re.compile(
    r"\b([A-Z][a-z]{3,})['’]s (?i:government|army|armed forces|military|(?:\w+ )?ministry|forces|troops|president|"
    r"prime minister|(?:defen[cs]e|interior|foreign) minister|security (?:service|forces)|parliament|"
    r"general staff|air force|navy|coast ?guard|border guards?)\b"
)  # not "police", "mayor" or "governor": a city has them too ("Lystrand's police chief")
# A place with an army of its own is a side (a breakaway region's authorities): "the Istrel Defence Force", and a
# governing body with forces, which then names that side alone ("Istrel Council forces": "the Council said").
_OWN_ARMY = re.compile(
    r"\b([A-Z][a-z]{3,}) (?:Defen[cs]e Forces?|Armed Forces|Navy|Air Force|Marine Corps|Coast ?Guard|General Staff)\b"
)  # also a country written without a demonym: "the Yrsland Navy"
_BODY_FORCES = re.compile(r"\b([A-Z][a-z]{3,}) (Council|Administration|Authority|Government) (?:forces|troops|units)\b")
# What a story calls an armed group after its name: "the Lowland Brigades militia coalition" is "the coalition".
_GROUP_DESCRIPTORS = re.compile(r"\s+(?:[a-z]+\s+)?(coalition|alliance)\b")
# A state named after its body: "the interior ministry of Vaskaria", "the government of Ombra".
_BODY_OF_STATE = re.compile(
    r"\b(?i:ministry|government|armed forces|army|president) of (?!(?:Defen[cs]e|Interior|Foreign|Justice|Health|"
    r"Information|Finance|State|Emergenc\w+|Internal|Home|National)\b)([A-Z][a-z]{3,})\b(?! of)"
)
# A state's name before its government or forces, no possessive: "the insurgents fighting the Tavoren government".
_NAMED_GOVERNMENT = re.compile(r"\bthe ([A-Z][a-z]{3,}) (?:government|armed forces|security forces)\b")
_TOWN = r"(?:city|town|village|port|capital|district|province|region)"
# A name the story places inside a state is no state: "the Tarsovian city of Lystrand", "Lystrand, a town in
# Tarsovia".
_INSIDE = (
    re.compile(rf"\b[A-Z][a-z]+ {_TOWN} of ([A-Z][a-z]{{3,}})\b"),
    re.compile(rf"\b([A-Z][a-z]{{3,}}), (?:an? |the )(?:\w+ )?{_TOWN} (?:in|of|near)\b"),
)
_LOCATED = (
    re.compile(rf"\b(?P<state>[A-Z][a-z]+) {_TOWN} of (?P<town>[A-Z][a-z]{{3,}})\b"),
    re.compile(rf"\b(?P<town>[A-Z][a-z]{{3,}}), (?:an? |the )(?:\w+ )?{_TOWN} in (?P<state>[A-Z][a-z]+)\b"),
)
# Officials of a town or a region, not of a state: "Oresk regional governor", "the Brask mayor".
_LOCAL_BODIES = frozenset("governor governorate mayor police administration council".split())
# Where a state's officials sit: "officials in Miravel", "the ministry in Fennholt".
_SEAT = re.compile(
    r"\b(?i:officials?|ministry|ministries|government|authorities|leaders?|spokes\w+) in ([A-Z][a-z]{3,})\b"
)
# A capitalised word used as an adjective before a lower-case noun: "Kestrian units", "Tarnish forces".
_ADJECTIVE = re.compile(r"\b([A-Z][a-z]{3,}(?:ian|ean|an|n|ese|i|ish|sh|ic))\s+[a-z]")
# A demonym naming a state body: "the Zemaran Armed Forces", "the Kestrian General Staff".
_DEMONYM_BODY = re.compile(
    r"\b([A-Z][a-z]{3,}(?:ian|ean|an|n|ese|i|ish|sh|ic))\s+(?:Armed Forces|Army|Air Force|Navy|Government|"
    r"General Staff|(?:Defen[cs]e |Interior |Foreign )?Ministry|Border Guards?)\b"
)
_DEMONYM_OF_STATE = re.compile(
    r"\b([A-Z][a-z]{3,}(?:ian|ean|an|ese|ish))\s+(?:town|village|city|region|province|capital|border|government|"
    r"army|authorities|forces|troops|soldiers|ministry)\b"
)
_STRONG_DEMONYM = re.compile(r"(?:ian|ean|an|ese|ish|i)$")  # not the "Foreign" of "Foreign Ministry"
_DEMONYM_FORCES = re.compile(rf"\b([A-Z][a-z]{{3,}}(?:ian|ean|an|ese|ish))\s+(?i:{_FORCES})\b")
# A demonym in -i ("Iraqi", "Ashkavari") names a state only before its army or government (many other capitalised
# words end in -i); any demonym does as "the Ashkavari city of Qadresh", "the Zerenian town of Amsarra".
_I_DEMONYM = re.compile(
    r"\b([A-Z][a-z]{3,}i)\s+(?:army|armed forces|forces|troops|soldiers|military|government|authorities)\b"
    r"|\bthe ([A-Z][a-z]{3,}(?:i|ian|ean|an|ese|ish)) (?:city|town|village|capital|province|region) of\b"
)
_CALLED_GROUP = re.compile(
    r"\b(?:armed (?:formation|group|movement)|militia|rebel (?:group|movement)|insurgent group|rebel)"
    r"(?: known as| called)? (?:the )?((?:[A-Z][a-z]+ ){1,3}(?:[A-Z][a-z]+))\b"
)
# Lower-case words an entity's span took in before a name: "bureau of the " of "political bureau of the X Front".
_LOWER_HEAD = re.compile(r"^(?:[a-z][\w'’-]*\s+)+(?=[A-Z])")
_GROUP_NAME = re.compile(
    r"\b(?:[A-Z][a-z]+(?:['’]s)? ){1,4}(?:Militia|Militias|Front|Movement|Brigades?|Battalion|Rebels|Resistance|"
    r"Guerrillas|Insurgents|Cell|(?:Liberation|People['’]s|Popular|Revolutionary|Islamic|National) Army)\b"
)
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)\b|^(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b")
_UNIT_WORDS = frozenset("operational tactical task".split())  # "Operational Group", "Task Force": an army's units
_FORMATION = re.compile(r"\b((?:[A-Z][a-z]+ ){1,3}Group) of (?:Forces|Troops)\b")  # "the Western Group of Forces"
_NOT_NAME_STARTS = frozenset("the a an no on in at and but as said when while after before".split())
_CALENDAR = frozenset(
    "january february march april may june july august september october november december monday tuesday "
    "wednesday thursday friday saturday sunday".split()
)
_DEMONYM_ENDINGS = frozenset({"ian", "ean", "an", "n", "ese", "i", "ish", "sh", "ic"})
_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


@dataclass(frozen=True, slots=True)
class Party:
    """A side: its name (a country, a group, or the third party's own name) and its kind."""

    name: str
    kind: str


def _words_of(text: str) -> set[str]:
    """The lower-cased words of a phrase, without possessive endings: what the word lists are matched against."""
    return {_bare(w).lower() for w in _WORD.findall(text)}


def local_official(text: str) -> bool:
    """Whether a phrase names a town's or a region's own officials ("the Ostvale regional administration", "the
    Brask mayor"), not a state's."""
    words = _words_of(text)
    return bool(words & _LOCAL_BODIES) and not words & (_STATE_BODIES - _LOCAL_BODIES)


def names_third_party(text: str) -> bool:
    """Whether a name is a third party's by its own words (a monitor, a UN office, a hospital, the Red Cross),
    not only by a word that many outlets' names hold too ("agency", "mission")."""
    words = _words_of(text)
    return bool(words & _THIRD_PARTY_WORDS) or bool(_RED_CROSS.search(fold(text)))


@dataclass(slots=True)
class StoryParties:
    """The names a story's articles give its parties, by folded name: countries with their demonyms and
    capitals, armed groups, third parties."""

    states: dict[str, str] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    third: dict[str, str] = field(default_factory=dict)
    places: frozenset[str] = frozenset()  # folded names the story writes as places ("Selde" of "Selde province")
    located: dict[str, str] = field(default_factory=dict)  # folded town -> the state the story places it in
    fighting: frozenset[str] = frozenset()  # the states whose forces the story names ("Zemaran jets")
    mediating: frozenset[str] = frozenset()  # the states whose mediators or monitors it names ("Corandian mediators")

    @classmethod
    def of(cls, articles: Sequence[Article]) -> StoryParties:
        parties = cls()
        parties.places = frozenset(fold(m.text) for a in articles for m in a.places if m.how == "entity")
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
                numbered = any(_after_ordinal(article.text, m.start) for m in entity.mentions)
                if entity.type != "PERSON" and words & _GROUP_WORDS and not numbered:
                    name = _LOWER_HEAD.sub("", entity.name)  # "bureau of the Tessoukh Liberation Front"
                    parties.groups[fold(name)] = name
                elif entity.type == "ORG" and words & (_THIRD_PARTY_WORDS | _WEAK_THIRD_PARTY_WORDS):
                    parties.third[fold(entity.name)] = entity.name
        text = "\n".join(a.text for a in articles)  # the story's words, read by the steps below
        parties._add_unknown_countries(articles, text)
        parties._add_written_groups(articles)
        parties._add_acronyms(text)
        parties._add_state_media_towns(articles, text)
        # A state's unit is no armed group: "the Ruvenian Brigade", "Kestria's 14th Brigade", "the 9th Mountain
        # Brigade", "the Northern Operational Group", "the Western Group of Forces".
        formations = {fold(m.group(1)) for m in _FORMATION.finditer(text)}
        parties.groups = {
            key: name
            for key, name in parties.groups.items()
            if not any(_contains(key, s) for s in parties.states)
            and not _ORDINAL.match(key)
            and not set(key.split()) & _UNIT_WORDS
            and key not in formations
            and not key.endswith(("group of forces", "group of troops"))
        }
        parties._add_name_tails(text)
        parties._add_descriptors(text)
        parties._add_located(articles, text)
        parties._add_fighting(text)
        return parties

    def _add_fighting(self, text: str) -> None:
        """The states the story names with forces of their own ("Zemaran jets", "Kaldora's army"): a mediating
        or condemning state ("Corandian mediators") is none of them."""
        if not self.states:
            return
        text = fold(text)
        owner = re.compile(rf"\b({'|'.join(map(re.escape, sorted(self.states, key=len, reverse=True)))})(?:'s)?$")

        def owners(after: re.Pattern[str]) -> frozenset[str]:
            """The states named right before the words `after` finds ("zemaran" of "zemaran jets")."""
            found = (owner.search(text, max(0, m.start() - _LONGEST_NAME), m.start()) for m in after.finditer(text))
            return frozenset(self.states[match.group(1)] for match in found if match is not None)

        self.fighting, self.mediating = owners(_FORCES_AFTER), owners(_MEDIATORS)

    def the_state(self) -> str:
        """The state "the army", "the regime" or "the government" means: the story's one state, else its one
        state at war, else ""."""
        states = set(self.states.values())
        if len(states) == 1:
            return states.pop()
        return next(iter(self.fighting)) if len(self.fighting) == 1 else ""

    def _add_located(self, articles: Sequence[Article], text: str) -> None:
        """The state each town is in where the story says so ("the Tavrenian town of Brask", "Brask, a town in
        Tavrenia", a dateline "BRASK, Tavrenia (Wire) —"): the side of the town's own officials."""
        found = [(m.group("town"), m.group("state")) for pattern in _LOCATED for m in pattern.finditer(text)]
        filed = [first_dateline(article.text) for article in articles]
        found += [(line.town, line.region) for line in filed if line is not None and line.region]
        for town, named in found:
            state = self.states.get(fold(named))
            if state is not None and fold(town) not in self.states:
                self.located.setdefault(fold(town), state)

    def _add_unknown_countries(self, articles: Sequence[Article], text: str) -> None:
        """Names the gazetteer does not know that the story uses as a country: written with its demonym as an
        adjective ("Kestria" and "Kestrian units"), or owning a state body ("Lannemark's security service")."""
        names = {fold(_bare(m.text)): _bare(m.text) for a in articles for m in a.places if m.text[:1].isupper()}
        names |= {fold(_bare(e.name)): _bare(e.name) for a in articles for e in a.entities if e.type != "PERSON"}
        # A one-word name the model took for a person ("Mesmira has been fighting the TPA") is a state when the
        # story writes its demonym before a town or a state's body ("the Mesmiran town of Qarnet").
        strong = {m.group(1) for m in _DEMONYM_OF_STATE.finditer(text)}
        names |= {
            fold(e.name): e.name
            for a in articles
            for e in a.entities
            if e.type == "PERSON" and " " not in e.name and any(_is_demonym_of(w, e.name) for w in strong)
        }
        owners = {fold(m.group(1)): m.group(1) for m in _STATE_OWNER.finditer(text)}
        owners |= {fold(m.group(1)): m.group(1) for m in _NAMED_GOVERNMENT.finditer(text)}
        owners |= {fold(m.group(1)): m.group(1) for m in _BODY_OF_STATE.finditer(text)}
        # not "People's Army", nor "the Front's military"
        owners = {key: name for key, name in owners.items() if key not in _GENERIC_NAME_WORDS | _GROUP_WORDS}
        adjectives = {m.group(1) for pattern in (_ADJECTIVE, _DEMONYM_BODY) for m in pattern.finditer(text)}
        inside = {fold(m.group(1)) for pattern in _INSIDE for m in pattern.finditer(text)}
        for key, name in (names | owners).items():
            if key in self.states or " " in name or key in _CALENDAR or key in inside:
                continue
            demonyms = [w for w in adjectives if _is_demonym_of(w, name)]
            if demonyms or key in owners:
                self.states[key] = name
                for demonym in demonyms:
                    self.states.setdefault(fold(demonym), name)
        # A place with its own army or governing body with forces: "the Istrel Defence Force", "Istrel Council forces".
        for match in _OWN_ARMY.finditer(text):
            if fold(match.group(1)) not in _GENERIC_NAME_WORDS | _GROUP_WORDS:
                self.states.setdefault(fold(match.group(1)), match.group(1))
        for match in _BODY_FORCES.finditer(text):
            if fold(match.group(1)) in self.places | set(self.states):
                self.states.setdefault(fold(match.group(1)), match.group(1))
                self.states.setdefault(fold(match.group(2)), self.states[fold(match.group(1))])
        # A state the story names only by its demonym, before its forces or a state body ("Vendravan troops", "the
        # Vendravan army", "the Vannetian General Staff").
        written = "\n".join([text, *(a.outlet or "" for a in articles)])  # "Ashkavar News Agency" names Ashkavar
        demonyms = [m.group(1) for m in _DEMONYM_FORCES.finditer(text)]
        demonyms += [m.group(1) for m in _DEMONYM_BODY.finditer(text) if _STRONG_DEMONYM.search(m.group(1))]
        demonyms += [m.group(1) or m.group(2) for m in _I_DEMONYM.finditer(text)]
        for demonym in demonyms:
            known = any(_is_demonym_of(demonym, name) for name in self.states.values())
            if fold(demonym) not in self.states and fold(demonym) not in _GENERIC_NAME_WORDS and not known:
                # its name where the story writes it ("Vendrava" of "Vendravan"), else the demonym
                stems = (demonym[:cut] for cut in (-1, -2, -3))
                name = next((w for w in stems if _is_demonym_of(demonym, w) and whole_word(w).search(written)), demonym)
                self.states[fold(demonym)] = self.states[fold(name)] = name

    def _add_name_tails(self, text: str) -> None:
        """A group's name without its first words where the story writes it so ("the People's Army" for the Selde
        People's Army), when no other group's name ends the same way."""
        tails: dict[str, set[str]] = {}
        for name in set(self.groups.values()):
            words = name.split()
            for cut in range(1, len(words) - 1):
                tails.setdefault(" ".join(words[cut:]), set()).add(name)
        for key, name in list(self.groups.items()):
            if len(tails.get(name, ())) == 1:
                self.groups[key] = next(iter(tails[name]))  # "People's Militia" read alone is the Orin one
            ending = {other for other in self.groups.values() if other != name and other.endswith(f" {name}")}
            if " " not in name and len(ending) == 1:
                self.groups[key] = ending.pop()  # "the Front" taken alone is the story's one Front
        for tail, names in tails.items():
            name = next(iter(names))
            written = len(whole_word(tail).findall(text)) > len(whole_word(name).findall(text))  # alone, not in full
            if len(names) == 1 and fold(tail) not in self.states and written:
                self.groups.setdefault(fold(tail), name)

    def _add_descriptors(self, text: str) -> None:
        """The word a story calls an armed group by after its name ("the Lowland Brigades militia coalition" →
        "the coalition"), when it calls no other group so: then "the coalition's command" speaks for that group,
        not for a third party as a coalition otherwise would."""
        found: dict[str, set[str]] = {}
        for name in set(self.groups.values()):
            for match in re.finditer(re.escape(name) + _GROUP_DESCRIPTORS.pattern, text):
                found.setdefault(match.group(1), set()).add(name)
        for word, names in found.items():
            if len(names) == 1:
                self.groups.setdefault(word, names.pop())

    def _add_state_media_towns(self, articles: Sequence[Article], text: str) -> None:
        """The seat of a state's government the gazetteer does not know: a town its own media file from ("MIRAVEL -"
        in Tarsovian National News) that the story names as where officials sit ("officials in Miravel"), which
        then speaks for that state as a known capital does. A front town its reporters file from is no seat."""
        seats = {fold(m.group(1)) for m in _SEAT.finditer(text)}
        for article in articles:
            outlet = self.party(article.outlet or "")
            town = dateline(article.text)
            if outlet is not None and outlet.kind == STATE and town is not None and fold(town.town) in seats:
                self.states.setdefault(fold(town.town), outlet.name)

    def _add_written_groups(self, articles: Sequence[Article]) -> None:
        """Armed groups the entity model missed or took for a person, by how their names are written: capitalised
        words ending in a word for an armed group ("the Red Ridge Militia", "the Northern Sentinel Movement"), or
        after words that call them one ("the armed group known as the Popular Guard")."""
        for article in articles:
            for match in _GROUP_NAME.finditer(article.text):
                words = match.group(0).split()
                if words[0].lower() in _NOT_NAME_STARTS:
                    words = words[1:]  # a sentence's first word: "The Orin People's Militia said"
                if len(words) < 2 or _after_ordinal(article.text, match.start()):
                    continue  # "the 9th Mountain Brigade": a state's unit
                self.groups.setdefault(fold(" ".join(words)), " ".join(words))
            # or called one: "the illegal armed formation known as the Popular Guard", "the rebel Popular Guard"
            for match in _CALLED_GROUP.finditer(article.text):
                if fold(match.group(1)) not in self.states:
                    self.groups.setdefault(fold(match.group(1)), match.group(1))

    def _add_acronyms(self, text: str) -> None:
        """The initials of a group or a third party where the story writes them ("the VLA" for the Vessar
        Liberation Army): reports name a party in full once, then by its initials."""
        for names in (self.groups, self.third):
            for name in list(names.values()):
                initials = "".join(w[0] for w in _WORD.findall(name) if w[0].isupper())
                if len(initials) >= 2 and whole_word(initials).search(text):
                    names.setdefault(fold(initials), name)

    def mentioned(self, text: str) -> list[str]:
        """The states and armed groups a text names, in the order it names them: by name, demonym or capital,
        and by a common noun where the story has only one party it can mean ("the rebels" in a story of one
        armed group, "army artillery" in a story of one state)."""
        folded = fold(text)
        found: dict[str, int] = {}
        covered: list[tuple[int, int]] = []  # the names' spans: the "Army" of "the People's Army" is no state's army
        for names in (self.states, self.groups):
            for match in self._names_in(names).finditer(folded):
                name = names[match.group()]
                found.setdefault(name, match.start())
                covered.append(match.span())
        short = self.group_words()
        for match in _WORD.finditer(folded):
            group = short.get(_singular(_bare(match.group())))
            if group is not None:
                found.setdefault(group, match.start())
        groups, state = set(self.groups.values()), self.the_state()
        for words, only in ((_GROUP_REFERENCES, groups), (_STATE_REFERENCES, {state} - {""})):
            if len(only) != 1:
                continue
            name = next(iter(only))
            at = min(
                (
                    m.start()
                    for m in _WORD.finditer(folded)
                    if {_bare(m.group()), _singular(_bare(m.group()))} & words  # "the militias", "the rebels"
                    and not any(start <= m.start() < end for start, end in covered)
                ),
                default=None,
            )
            if at is not None and at < found.get(name, len(folded)):
                found[name] = at
        return sorted(found, key=found.__getitem__)

    def _names_in(self, names: dict[str, str]) -> re.Pattern[str]:
        """One pattern for every key of `names` as whole words (compiled once for a story's names: its parties
        are asked about every sentence)."""
        return any_of(tuple(sorted(names)))

    def _longest_in(self, names: dict[str, str], folded: str) -> str:
        """The longest key of `names` the folded text holds as whole words, "" when none."""
        return max((m.group() for m in self._names_in(names).finditer(folded)), key=len, default="")

    def group_words(self) -> dict[str, str]:
        """Words of one armed group's name and of no other's, by which reports name it short ("the militia" for
        the Red Ridge Militia beside the Northern Sentinel Movement, "the Sentinels"), other than the name of a
        place the story writes."""
        return _short_names(frozenset(self.groups.values()), self.places)

    def speaks(self, text: str) -> bool:
        """Whether a phrase names a body that can speak for a party (a ministry, a general staff, a group, a
        monitor), not only a state or a place."""
        words = _words_of(text)
        return bool(words & _SPEAKING_BODIES) or self._longest_in(self.groups, fold(text)) != ""

    def named(self, name: str) -> Party | None:
        """The party of this story a `party()` name stands for ("Kestria": a state); "" is none."""
        if not name:
            return None
        if name in self.states.values() or name == UNNAMED_STATE:
            return Party(name, STATE)
        return Party(name, ARMED_GROUP if name in self.groups.values() else THIRD_PARTY)

    def party(self, text: str, home: str = "") -> Party | None:
        """The party a phrase speaks or acts for ("Kestria's defence minister" → Kestria, a state; "the
        monitoring mission" → a third party), or None when it names none. `home` is the state of officials
        named without their country when the story has more than one (the state an article quotes, say)."""
        folded = fold(text)
        words = _words_of(text)
        for names, kind in ((self.third, THIRD_PARTY), (self.groups, ARMED_GROUP)):
            key = self._longest_in(names, folded)
            if key:
                return Party(names[key], kind)
        short = self.group_words()
        own_word = next((short[w] for w in map(_singular, words) if w in short), None)
        if own_word is not None:
            return Party(own_word, ARMED_GROUP)  # "militia commander Bran Tovey", "the Sentinels"
        owner = re.search(r"([A-Z][\w-]+)['’]s\b", text)  # "Ruvenia's human rights ombudsman" speaks for Ruvenia
        if owner is not None and fold(owner.group(1)) in self.states:
            return Party(self.states[fold(owner.group(1))], STATE)
        if words & _THIRD_PARTY_WORDS or _RED_CROSS.search(folded):
            return Party(_third_party_name(words, _THIRD_PARTY_WORDS) or "red cross", THIRD_PARTY)
        key = self._longest_in(self.states, folded)
        if key:
            return Party(self.states[key], STATE)
        if words & _WEAK_THIRD_PARTY_WORDS:
            return Party(_third_party_name(words, _WEAK_THIRD_PARTY_WORDS), THIRD_PARTY)
        groups, states = set(self.groups.values()), set(self.states.values())
        if words & _GROUP_REFERENCES:
            # "the group's spokesman": the story's one armed group, else no one can tell which (and no state)
            return Party(groups.pop(), ARMED_GROUP) if len(groups) == 1 else None
        local = self._local_state(folded)
        if local is not None:  # "Oresk regional governor": Oresk's state, if told (the story's one state, if one)
            local = (
                local
                or (next(iter(states)) if len(states) == 1 else "")
                or (UNNAMED_STATE if not states and groups else "")
            )
            return Party(local, STATE) if local else None
        if words & _STATE_BODIES and (len(states) == 1 or home):
            return Party(home or states.pop(), STATE)  # "the interior minister" in a story of one state
        if words & (_STATE_BODIES | _STATE_REFERENCES) and not states and groups:
            return Party(UNNAMED_STATE, STATE)  # "the army" against an armed group, its country never named
        return None

    def _local_state(self, folded: str) -> str | None:
        """For a town's or a region's own officials ("Oresk regional governor", "the Brask police"): the state the
        story places that town in, else the one state the story places any town in, "" when none; None for any
        other phrase. A local official is never the state an article happens to quote most."""
        if not local_official(folded):
            return None
        named = ((whole_word(key).search(folded), key) for key in self.places - set(self.states))
        towns = [key for _, key in sorted((match.start(), key) for match, key in named if match is not None)]
        if not towns:
            return None
        told = next((self.located[town] for town in towns if town in self.located), "")
        where = set(self.located.values())
        return told or (where.pop() if len(where) == 1 else "")  # the one state the story's towns are placed in


def _singular(word: str) -> str:
    """A plural's singular, roughly ("sentinels" → "sentinel", "militias" → "militia"); enough to match names."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def _bare(word: str) -> str:
    """A word without its possessive ending ("Kestria's" → "Kestria")."""
    return word.removesuffix("'s").removesuffix("’s").rstrip("'’.")


@lru_cache(maxsize=4096)
def whole_word(name: str) -> re.Pattern[str]:
    """The pattern of `name` written as whole words ("Kyiv", not the "Kyiv" of "Kyivstar")."""
    return any_of((name,))


@lru_cache(maxsize=256)
def any_of(names: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for any of `names` as whole words, the longer first where one holds another; none matches
    nothing."""
    if not names:
        return re.compile(r"(?!)")
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


@lru_cache(maxsize=256)
def _short_names(groups: frozenset[str], places: frozenset[str]) -> dict[str, str]:
    """`StoryParties.group_words` of a story's groups and places ("Selde province" is no short name of the Selde
    People's Army)."""
    owners: dict[str, set[str]] = {}
    for name in groups:
        for word in _WORD.findall(name):
            word = _singular(_bare(word).lower())
            if len(word) >= 4 and word not in _GENERIC_NAME_WORDS and word not in places:
                owners.setdefault(word, set()).add(name)
    return {word: next(iter(names)) for word, names in owners.items() if len(names) == 1}


def _contains(text: str, key: str) -> bool:
    return whole_word(key).search(text) is not None


def _third_party_name(words: set[str], known: frozenset[str]) -> str:
    """A third party named only by what it is ("monitors", "UN officials"): the word that says so."""
    return min(words & known, default="")


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


def _after_ordinal(text: str, start: int) -> bool:
    """Whether the name at `start` follows an ordinal ("the 9th Mountain Brigade"): a state's numbered unit."""
    before = text[max(0, start - 8) : start].split()
    return bool(before and _ORDINAL.match(before[-1].lower()))
