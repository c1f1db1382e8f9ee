"""Feature rows of the learned toponym ranker: one row a (toponym, candidate entry), from what the rules saw.

The rows describe how the name matches the entry (own name, alternate, demonym, slip, a name inside a
longer one), what the entry is (kind, population), how it sits with the document's other places (shared
country or region, distance to the nearest and to their centre, a comma-qualified parent, a division word
after the name), the outlet's home ground, and the hand-set score of the rules with its rank: the rules are
one witness among others. The same code builds the rows for training (train/geo_ranker.py) and at run time.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import Counter
from typing import Any

import numpy as np

from newsint.geo.home import Home
from newsint.geo.keys import place_key
from newsint.geo.resolve import Context, _Mention, contains, context_places
from newsint.model import Place

KINDS = ("country", "continent", "capital", "area", "region", "district", "city", "town", "village", "feature")
# Words of a mention's neighbourhood that say it is a division or an administrator's seat.
_QUALIFIER_WORDS = re.compile(r"\b(region|province|oblast|governor|state|county|district|parish|department)\b", re.I)
_ABBREVIATION = re.compile(r"^(?:[A-Z]\.?){2,4}$")
_POINT_KINDS = frozenset({"capital", "city", "town", "village", "district", "feature"})

FEATURES = (
    *(f"kind_{k}" for k in KINDS),
    "log_population",
    "own_name",
    "by_demonym",
    "slip",
    "inner_name",
    "abbreviation",
    "division_asked",
    "asked_kind_matches",
    "log_candidates",
    "log_mentions_of_name",
    "rules_prior",
    "rules_score",
    "rules_margin",
    "rules_rank",
    "rules_choice",
    "context_places",
    "same_country",
    "same_region",
    "majority_country",
    "log_nearest_km",
    "log_centre_km",
    "qualified",
    "qualifier_contains",
    "qualifier_word_near",
    "home_region_share",
    "home_country_share",
    "has_home",
)
_FAR_KM = 20000.0


class _DocumentContext:
    """The other places of a document as the rules chose them, for one name (itself left out)."""

    def __init__(self, others: list[Place]) -> None:
        self.context = Context(others)
        self.count = len(others)
        self.majority = self.context.countries.most_common(1)[0][0] if self.context.countries else ""
        points = [(p.lat, p.lon) for p in others if p.kind in _POINT_KINDS] or [(p.lat, p.lon) for p in others]
        self.points = np.asarray(points, dtype=np.float64).reshape(len(points), 2)
        self.centre = _centre(self.points)

    def distances_km(self, places: list[Place]) -> tuple[np.ndarray, np.ndarray]:
        """Each place's distance to the nearest of the other places and to their centre (far when none)."""
        lat = np.array([p.lat for p in places])[:, None]
        lon = np.array([p.lon for p in places])[:, None]
        if not len(self.points):
            far = np.full(len(places), _FAR_KM)
            return far, far
        nearest = _haversine_km(lat, lon, self.points[None, :, 0], self.points[None, :, 1]).min(axis=1)
        return nearest, _haversine_km(lat, lon, *self.centre)[:, 0]


def _haversine_km(lat1: np.ndarray, lon1: np.ndarray, lat2: Any, lon2: Any) -> np.ndarray:
    """distance_km over arrays (broadcast): a document's candidates against its other places."""
    lat1, lon1, lat2, lon2 = (np.radians(v) for v in (lat1, lon1, lat2, lon2))
    h = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return np.asarray(2 * 6371.0 * np.arcsin(np.minimum(1.0, np.sqrt(h))))


def _centre(points: np.ndarray) -> tuple[float, float]:
    """The mean of the points on the unit sphere, back in (lat, lon)."""
    lat, lon = np.radians(points[:, 0]), np.radians(points[:, 1])
    x, y, z = (np.cos(lat) * np.cos(lon)).sum(), (np.cos(lat) * np.sin(lon)).sum(), np.sin(lat).sum()
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def _mention_rows(
    mention: _Mention, text: str, context: _DocumentContext, mentions_of_name: int, home: Home | None
) -> list[list[float]]:
    """The rows of one mention's candidates, in the order of FEATURES."""
    places, scores = mention.candidates, mention.scores
    best_score = scores[mention.best]
    # Negated and ascending, so that bisect counts the candidates the rules scored higher.
    higher = sorted(-s for s in scores)
    qualifier = mention.qualifier.place if mention.qualifier is not None else None
    around = text[max(0, mention.toponym.start - 30) : mention.toponym.end + 30]
    nearest, centre = context.distances_km(places)
    countries, regions = context.context.countries, context.context.regions
    words = [
        float(mention.slip),
        float(mention.weak),
        float(bool(_ABBREVIATION.match(mention.toponym.text))),
        float(bool(mention.asked)),
    ]
    counts = [math.log(len(places)), math.log(mentions_of_name)]
    return [
        [
            *(float(place.kind == k) for k in KINDS),
            math.log10(1 + place.population),
            float(place_key(place.name) == mention.key),
            float(place in mention.by_demonym),
            *words,
            float(bool(mention.asked) and place.kind == mention.asked),
            *counts,
            mention.priors[index],
            scores[index],
            scores[index] - best_score,
            math.log1p(bisect_left(higher, -scores[index])),
            float(index == mention.best),
            math.log1p(context.count),
            math.log1p(countries[place.country]) if place.country else 0.0,
            math.log1p(regions[(place.country, place.admin1)]) if place.admin1 else 0.0,
            float(bool(place.country) and place.country == context.majority),
            math.log1p(min(float(nearest[index]), _FAR_KM)),
            math.log1p(min(float(centre[index]), _FAR_KM)),
            float(qualifier is not None),
            float(qualifier is not None and contains(qualifier, place)),
            float(bool(_QUALIFIER_WORDS.search(around))),
            home.region_share(place.country, place.admin1) if home is not None and place.admin1 else 0.0,
            home.country_share(place.country) if home is not None and place.country else 0.0,
            float(home is not None),
        ]
        for index, place in enumerate(places)
    ]


def feature_rows(text: str, mentions: list[_Mention], home: Home | None) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """One row of FEATURES a (mention, candidate), and the (mention index, candidate index) of each row."""
    picks = context_places(mentions)
    names = Counter(m.key for m in mentions)
    contexts: dict[str, _DocumentContext] = {}
    rows: list[list[float]] = []
    where: list[tuple[int, int]] = []
    for number, mention in enumerate(mentions):
        if not mention.candidates:
            continue
        if mention.key not in contexts:
            contexts[mention.key] = _DocumentContext([p for k, p in picks.items() if k != mention.key])
        rows += _mention_rows(mention, text, contexts[mention.key], names[mention.key], home)
        where += [(number, index) for index in range(len(mention.candidates))]
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(FEATURES)), where
