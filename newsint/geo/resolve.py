"""Pick the gazetteer entry each place mention of a document means, from the name and its context.

A mention is scored against each entry its name can refer to: a prior (kind of place and population, so
'Paris' is the capital before the Texas town) plus support from the rest of the document (other places
in the same country or region, places nearby, and a qualifier such as 'Paris, Texas' or 'Chasiv Yar,
Donetsk region'), and, when known, the home ground of the document's outlet (geo/home.py: a Columbus
paper's 'Dublin' is in Ohio). The best entries of the first round give the document's context for the
second; all mentions of one name in a document take one entry. The learned ranker (geo/ranker.py) may
then choose again among the entries so scored, or choose none (`rerank`). A name with no entry (a street, a
building) is placed at the place the document names most, with that reason, when the text names that
place by its own name; otherwise (an invented town, a name alone in its document), and for no place at
all ('the West'), it is kept unplaced with the reason.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from newsint.geo.gazetteer import Gazetteer
from newsint.geo.home import MIN_SCORE, Home
from newsint.geo.keys import DIVISION_WORDS, place_key, split_division
from newsint.model import Place, PlaceMention

# Features (seas, oceans, buildings that stand for governments) are ours, listed because news names them,
# and have no population: they count as well known as a city of 100,000.
_KIND_PRIOR = {
    "country": 3.0,
    "continent": 3.0,
    "capital": 3.0,
    "area": 2.5,
    "region": 0.5,
    "city": 1.0,
    "town": 0.3,
    "district": 0.0,
    "village": 0.0,
    "feature": 6.0,
}
_POPULATION_WEIGHT = 1.0
# A district's population is the sum of its places', the town that names it among them: a bare name is the
# town before the county (0.6 to 0.8 did equally well on both corpora).
_DISTRICT_POPULATION_WEIGHT = 0.7
# A name that is the entry's own rather than one of its alternates ('Salisbury' is the English town
# before it is Harare's colonial name).
_PRIMARY_NAME_WEIGHT = 1.0
_COUNTRY_WEIGHT = 3.0
_REGION_WEIGHT = 3.0
_NEAR_WEIGHT = 2.0
_NEAR_KM = 150.0
_QUALIFIER_WEIGHT = 6.0
# The outlet's home ground (geo/home.py), by the share of its confident places in the region and country.
_HOME_REGION_WEIGHT = 8.0
_HOME_COUNTRY_WEIGHT = 2.0
# The share of an outlet's places in a region that makes the region its home (see _SHADOWED_KINDS).
_HOME_REGION_SHARE = 0.25
_ASKED_KIND_WEIGHT = 4.0
_ROUNDS = 2
# A country, continent or area (ours: Middle East) called by its own name hides villages, towns and
# districts of that name, but those of the outlet's home region (_HOME_REGION_SHARE).
_SHADOWING_KINDS = frozenset({"country", "continent", "area"})
_SHADOWED_KINDS = frozenset({"village", "town", "district"})
_INNER_KINDS = frozenset({"country", "capital", "city", "region", "area", "continent"})
# Words for a kind of place, which name no place inside a longer name ("Qeshm Island", "Golden Gate Bridge").
_KIND_WORDS = frozenset(
    """island islands isle river lake mountain mountains mount sea bay gulf strait cape valley peninsula desert
    hill hills coast beach forest canal park street road avenue square bridge airport port harbour harbor station
    base camp dam""".split()
)
# A name no entry fits is placed, approximately and with this reason, at the document's main place.
_LOCAL_KINDS = frozenset({"capital", "city", "town", "village", "district"})
_REGION_KINDS = frozenset({"region"})
_UNKNOWN = "not in the gazetteer"
# The learned ranker (geo/ranker.py) turns down every entry of a name when none is likely enough.
NO_FIT = "no gazetteer entry fits well enough"
_AT_MAIN = "; placed at the place the document names most"

# A division word right after the name: 'Donetsk governor', 'Kherson region'; and a region named before
# one of its places: 'the Donetsk city of Bakhmut'.
_DIVISION_AFTER = re.compile(r"\s+(region|oblast|province|governor|governorate|state|county|parish)\b", re.I)
_PLACE_OF_REGION = re.compile(r"\s+(?:city|town|village|port|settlement)\s+of\s+[A-Z]")
_QUALIFIER_GAP = re.compile(r",\s*$")


@dataclass(frozen=True, slots=True)
class Toponym:
    """A span of the text that names a place; `how` and `entity` are carried to the PlaceMention."""

    start: int
    end: int
    text: str
    how: str = "entity"
    entity: str = ""


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _prior(place: Place) -> float:
    weight = _DISTRICT_POPULATION_WEIGHT if place.kind == "district" else _POPULATION_WEIGHT
    return _KIND_PRIOR.get(place.kind, 0.0) + weight * math.log10(1 + place.population)


def _at_home(place: Place, home: Home | None) -> bool:
    return home is not None and home.region_share(place.country, place.admin1) >= _HOME_REGION_SHARE


def _home_score(place: Place, home: Home | None) -> float:
    if home is None or not place.country:
        return 0.0
    region = home.region_share(place.country, place.admin1) if place.admin1 else 0.0
    return _HOME_REGION_WEIGHT * region + _HOME_COUNTRY_WEIGHT * home.country_share(place.country)


def _asked_kind(text: str, toponym: Toponym, key: str) -> str:
    """The kind of place the words ask for: 'Donetsk Oblast', 'Donetsk governor' ask for a region."""
    _, asked = split_division(key)
    if asked:
        return asked
    if _PLACE_OF_REGION.match(text, toponym.end):
        return "region"
    after = _DIVISION_AFTER.match(text, toponym.end)
    if after:
        word = after.group(1).lower()
        return "region" if word in ("governor", "governorate") else DIVISION_WORDS[word]
    return ""


class _Mention:
    """A toponym while it is being resolved: its candidates, their scores and what its words ask for."""

    def __init__(self, toponym: Toponym, text: str, gazetteer: Gazetteer, home: Home | None) -> None:
        self.toponym = toponym
        demonym = toponym.how == "demonym"
        self.key = place_key(toponym.text)
        self.asked = "" if demonym else _asked_kind(text, toponym, self.key)
        self.reason = gazetteer.not_a_place(self.key)
        self.candidates: list[Place] = []
        self.priors: list[float] = []
        self.scores: list[float] = []
        self.qualifier: _Mention | None = None
        # Named by a demonym ('Ukrainian'), or matched by a slip of one letter: features of the learned ranker.
        self.by_demonym: set[Place] = set()
        self.slip = False
        # The learned ranker's probability of its choice (geo/ranker.py): then the confidence of the choice.
        self.chance: float | None = None
        self.best = -1
        # Placed by a name inside it: too weak to be context for the other names.
        self.weak = False
        if self.reason:
            return
        candidates, self.by_demonym = self._candidates(gazetteer, demonym)
        if not candidates:
            slip = gazetteer.near_miss(self.key)
            if slip is not None:
                candidates = list(gazetteer.lookup(*slip))
                self.slip = bool(candidates)
        if not candidates and not demonym:
            candidates = _inner_place(self.key, gazetteer)
            self.weak = bool(candidates)
        if self.asked and any(c.kind == self.asked for c in candidates):
            candidates = [c for c in candidates if c.kind == self.asked]
        elif any(
            c.kind in _SHADOWING_KINDS and (place_key(c.name) == self.key or c in self.by_demonym) for c in candidates
        ):
            # 'China' is the country and 'Canadian' its people, whatever the Texas villages of those names,
            # unless the village is in the outlet's home region ('Jordan' in a Jordan, Minnesota paper).
            # The same goes for any place that has the name only as an alternate ('Mexico' for its capital).
            candidates = [
                c
                for c in candidates
                if c.kind in _SHADOWING_KINDS
                or (c.kind not in _SHADOWED_KINDS and place_key(c.name) == self.key)
                or _at_home(c, home)
            ]
        self.candidates = candidates
        self.priors = [
            _prior(c) + _PRIMARY_NAME_WEIGHT * (place_key(c.name) == self.key) + _home_score(c, home)
            for c in candidates
        ]
        self.best = max(range(len(candidates)), key=self.priors.__getitem__) if candidates else -1
        self.scores = list(self.priors)
        self.reason = "" if candidates else _UNKNOWN

    def _candidates(self, gazetteer: Gazetteer, demonym: bool) -> tuple[list[Place], set[Place]]:
        """The entries the name can mean, and those of them it names by demonym."""
        candidates = list(gazetteer.lookup(self.key, demonym))
        stem, _ = split_division(self.key)
        # 'Donetsk region' is the region 'Donetsk'; 'Mexico City' has an entry of its own and is not Mexico.
        if stem != self.key and not demonym and not candidates:
            candidates += [c for c in gazetteer.lookup(stem) if c not in candidates]
        by_demonym = set(gazetteer.lookup(self.key, True))
        if not demonym:
            # 'Russian' tagged as a place: a demonym stands for its country.
            candidates += [c for c in by_demonym if c not in candidates]
        return candidates, by_demonym

    def confidence(self) -> float:
        """The ranker's probability of the chosen entry, or a logistic of the margin between the rules' two best
        entries (one entry: margin 5)."""
        if self.chance is not None:
            return self.chance
        ranked = sorted(self.scores, reverse=True)
        margin = ranked[0] - ranked[1] if len(ranked) > 1 else 5.0
        return 1 / (1 + math.exp(-margin))

    @property
    def place(self) -> Place | None:
        return self.candidates[self.best] if self.best >= 0 else None


def _inner_place(key: str, gazetteer: Gazetteer) -> list[Place]:
    """Entries for the longest place name inside a longer name the gazetteer lacks: 'Manila Cathedral' is in
    Manila, 'University of California' in California. Only well-known kinds of place count, so that
    'Royal Street' is not placed at a village called Royal, and not by a division's name without its
    division word, so that the 'South' of 'South Kilburn Estate' is not Cameroon's South Province, nor by the
    word for its kind, so that the 'Island' of 'Qeshm Island' is not Iceland ('Island' in Icelandic)."""
    words = key.split()
    for size in range(len(words) - 1, 0, -1):
        for first in range(len(words) - size + 1):
            inner_key = " ".join(words[first : first + size])
            if gazetteer.not_a_place(inner_key) or inner_key in _KIND_WORDS:
                continue
            inner = [c for c in gazetteer.lookup(inner_key) if c.kind in _INNER_KINDS and not _by_stem(c, inner_key)]
            if inner:
                return inner
    return []


def _by_stem(place: Place, key: str) -> bool:
    """Whether `key` names `place` only as its name without the division word ('south' of 'South Province')."""
    own = place_key(place.name)
    return own != key and split_division(own)[0] == key


def contains(outer: Place, inner: Place) -> bool:
    """Whether `inner` lies in the country or first-level division `outer` ('Paris, Texas')."""
    if outer.kind == "country":
        return inner.country == outer.country
    if outer.kind == "region":
        return inner.country == outer.country and inner.admin1 == outer.admin1
    return False


def _link_qualifiers(mentions: list[_Mention], text: str) -> None:
    """'Paris, Texas': a place right after another, joined by a comma, qualifies it."""
    ordered = sorted(mentions, key=lambda m: m.toponym.start)
    for first, second in zip(ordered, ordered[1:], strict=False):
        gap = text[first.toponym.end : second.toponym.start]
        if len(gap) <= 3 and _QUALIFIER_GAP.match(gap) and second.candidates:
            first.qualifier = second


class Context:
    """The places the other names of a document were resolved to, counted for quick scoring."""

    def __init__(self, others: list[Place]) -> None:
        self.countries = Counter(o.country for o in others if o.country)
        self.regions = Counter((o.country, o.admin1) for o in others if o.admin1)
        self.points = [(o.lat, o.lon) for o in others if o.kind not in ("country", "continent", "region", "area")]

    def near(self, lat: float, lon: float) -> bool:
        # One degree of latitude is 111 km: most points fail the cheap test before the exact one.
        reach = _NEAR_KM / 111.0
        return any(
            abs(lat - p_lat) < reach and distance_km((lat, lon), (p_lat, p_lon)) < _NEAR_KM
            for p_lat, p_lon in self.points
        )


def _context_score(mention: _Mention, place: Place, context: Context) -> float:
    same_country = context.countries[place.country] if place.country else 0
    same_region = context.regions[(place.country, place.admin1)] if place.admin1 else 0
    score = _COUNTRY_WEIGHT * math.log1p(same_country) + _REGION_WEIGHT * math.log1p(same_region)
    if place.kind not in ("country", "continent") and context.near(place.lat, place.lon):
        score += _NEAR_WEIGHT
    qualifier = mention.qualifier.place if mention.qualifier is not None else None
    if qualifier is not None and contains(qualifier, place):
        score += _QUALIFIER_WEIGHT
    if mention.asked and place.kind == mention.asked:
        score += _ASKED_KIND_WEIGHT
    return score


def score_toponyms(
    text: str, toponyms: list[Toponym], gazetteer: Gazetteer, home: Home | None = None
) -> list[_Mention]:
    """Score every candidate of every toponym of one document by the hand-set rules, the document's other
    places and the home ground of its outlet when known; `best` of each is the rules' choice."""
    mentions = [_Mention(t, text, gazetteer, home) for t in toponyms]
    _link_qualifiers(mentions, text)
    by_key: dict[str, list[_Mention]] = defaultdict(list)
    for mention in mentions:
        by_key[mention.key].append(mention)
    for _ in range(_ROUNDS):
        picks = context_places(mentions)
        for key, group in by_key.items():
            head = group[0]
            if len(head.candidates) <= 1:
                continue
            context = Context([p for k, p in picks.items() if k != key])
            head.scores = [
                prior + _context_score(head, c, context) for prior, c in zip(head.priors, head.candidates, strict=True)
            ]
            head.best = max(range(len(head.candidates)), key=head.scores.__getitem__)
            for mention in group[1:]:
                mention.candidates, mention.priors = head.candidates, head.priors
                mention.scores, mention.best = head.scores, head.best
    return mentions


def context_places(mentions: list[_Mention]) -> dict[str, Place]:
    """The chosen place of each name of the document, by key: the context of the others (a guess by a name
    inside a longer one is too weak to count)."""
    heads: dict[str, _Mention] = {}
    for mention in mentions:
        heads.setdefault(mention.key, mention)
    return {key: head.place for key, head in heads.items() if head.place is not None and not head.weak}


Rerank = Callable[[str, list[_Mention], Home | None], None]


def keep_rules(text: str, mentions: list[_Mention], home: Home | None) -> None:
    """Keep the choices of the hand-set rules: the resolver before the learned ranker, the baseline of every
    evaluation."""


def resolve_toponyms(
    text: str,
    toponyms: list[Toponym],
    gazetteer: Gazetteer,
    home: Home | None = None,
    rerank: Rerank = keep_rules,
) -> list[PlaceMention]:
    """Resolve every toponym of one document together, with the home ground of its outlet when known; the
    result has one PlaceMention per toponym. The rules score every candidate, then `rerank` chooses among
    them: the rules' own choice by default, or the learned ranker's (geo/ranker.py), which may choose none."""
    mentions = score_toponyms(text, toponyms, gazetteer, home)
    rerank(text, mentions, home)
    main = _main_place(mentions)
    return [_place_mention(m, main) for m in mentions]


def _main_place(mentions: list[_Mention]) -> Place | None:
    """The place the document names most, cities, towns and districts before regions and regions before
    the rest (the first named on a tie), from the clear choices (confidence 0.9 or more) when there are any:
    where a street or building the gazetteer lacks most likely is. Only a place the text names by the
    entry's own name counts, so that an invented town whose name is an alternate of a real one ('Seren' for
    Seraing) does not carry every unknown name of the article there, and of the learned ranker's choices only
    the probable ones (its probabilities are calibrated, the rules' margins are not), so that a namesake it
    picks on little evidence (its 'Seren', a village of Java) does not either; without one, those names stay
    unplaced."""
    named = [
        m
        for m in mentions
        if m.place is not None
        and not m.weak
        and place_key(m.place.name) == m.key
        and (m.chance is None or m.chance >= MIN_SCORE)
    ]
    strong = [p for m in named if (p := m.place) is not None and m.confidence() >= MIN_SCORE]
    guessed = [p for m in named if (p := m.place) is not None]
    for placed in (strong, guessed):
        for kinds in (_LOCAL_KINDS, _REGION_KINDS, None):
            counts = Counter(p for p in placed if kinds is None or p.kind in kinds)
            if counts:
                return counts.most_common(1)[0][0]
    return None


def _place_mention(mention: _Mention, main: Place | None) -> PlaceMention:
    t = mention.toponym
    if mention.best < 0:
        if main is not None and mention.reason in (_UNKNOWN, NO_FIT):
            return PlaceMention(t.start, t.end, t.text, main, t.how, t.entity, reason=mention.reason + _AT_MAIN)
        return PlaceMention(t.start, t.end, t.text, None, t.how, t.entity, reason=mention.reason)
    return PlaceMention(t.start, t.end, t.text, mention.place, t.how, t.entity, score=round(mention.confidence(), 3))
