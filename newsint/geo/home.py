"""An outlet's home ground: where the places its articles name with confidence lie, a prior for namesakes.

A local paper's 'Dublin' is the Dublin near it (Ohio, for a Columbus paper), and one of its articles often
names nothing else to tell. The other articles of the same outlet do: the regions and countries of the
places they name without doubt. The places stage counts them as articles arrive (and reads back those of
earlier runs from the store); the evaluation counts every other article of the outlet (leave one out).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from newsint.model import PlaceMention

# Only choices this clear count: a namesake picked on a coin toss would teach the outlet its own mistake.
MIN_SCORE = 0.9
# An outlet with fewer counted places has no home ground yet.
_MIN_PLACES = 5

Ground = Counter[tuple[str, str]]


def ground_of(mentions: Iterable[PlaceMention]) -> Ground:
    """(country, first-level division) of each distinct place one article names with confidence; a country
    or an area counts with an empty division."""
    places = {
        m.place for m in mentions if m.place is not None and not m.reason and m.score >= MIN_SCORE and m.place.country
    }
    return Counter((p.country, p.admin1) for p in places)


class Home:
    """The shares of an outlet's confident places in each region and country."""

    def __init__(self, ground: Ground) -> None:
        total = sum(ground.values())
        self.regions = {key: n / total for key, n in ground.items() if key[1]}
        countries: Counter[str] = Counter()
        for (country, _), n in ground.items():
            countries[country] += n
        self.countries = {country: n / total for country, n in countries.items()}

    def region_share(self, country: str, admin1: str) -> float:
        return self.regions.get((country, admin1), 0.0)

    def country_share(self, country: str) -> float:
        return self.countries.get(country, 0.0)


class Homes:
    """Home grounds by outlet, added to article by article."""

    def __init__(self) -> None:
        self._grounds: dict[str, Ground] = defaultdict(Counter)

    def add(self, outlet: str | None, ground: Ground) -> None:
        if outlet:
            self._grounds[outlet].update(ground)

    def of(self, outlet: str | None, without: Ground | None = None) -> Home | None:
        """The outlet's home, leaving out `without` (the article being resolved); None when too little is known."""
        if not outlet or outlet not in self._grounds:
            return None
        ground = self._grounds[outlet] - without if without else self._grounds[outlet]
        return Home(ground) if sum(ground.values()) >= _MIN_PLACES else None
