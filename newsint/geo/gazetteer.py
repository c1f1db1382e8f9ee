"""The gazetteer at run time: a read-only SQLite file looked up by place key.

The file is built once from the installed registry packages (`geo/build.py`, about 20 s) into the user
cache directory, or where `NEWSINT_GAZETTEER` points; after that, opening it takes milliseconds and
each lookup is one indexed query. Nothing is downloaded.
"""

from __future__ import annotations

import os
import sqlite3
from collections import defaultdict
from functools import cached_property, lru_cache
from pathlib import Path

import platformdirs
from rapidfuzz import fuzz, process

from newsint.entities.names import similar
from newsint.geo.build import GAZETTEER_VERSION, build_gazetteer, gazetteer_stamp, our_data
from newsint.geo.keys import place_key
from newsint.model import Place

# Kinds of place whose names are worth a fuzzy match: well known enough to be misspelt, few enough that an
# unknown town ('Aurenburg') does not land on a real one (Orenburg).
_FUZZY_KINDS = ("country", "continent", "area", "region", "capital")


def default_path() -> Path:
    configured = os.environ.get("NEWSINT_GAZETTEER")
    if configured:
        return Path(configured)
    return Path(platformdirs.user_cache_dir("newsint")) / f"gazetteer-v{GAZETTEER_VERSION}.sqlite"


def _stamp(path: Path) -> str | None:
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM info WHERE name = 'version'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return str(row[0]) if row else None


class Gazetteer:
    """Place entries by name key; `lookup('donetsk')` gives the city, the region and the Russian town."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_path()
        if not self.path.exists() or _stamp(self.path) != gazetteer_stamp():
            build_gazetteer(self.path)
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        self.lookup = lru_cache(maxsize=50_000)(self._lookup)
        not_places = our_data().get("not_places", {})
        self._not_places = {place_key(n): str(not_places["reason"]) for n in not_places.get("names", [])}

    def not_a_place(self, key: str) -> str:
        """Why a name that models tag as a place is none ('West'), or '' for a name that may be one."""
        return self._not_places.get(key, "")

    @cached_property
    def _fuzzy_keys(self) -> dict[str, list[tuple[str, bool]]]:
        """Keys by first letter: a slip rarely changes the first letter, and it makes the search 20x smaller."""
        marks = ", ".join("?" * len(_FUZZY_KINDS))
        rows = self._db.execute(
            f"SELECT DISTINCT n.key, n.demonym FROM names n JOIN places p ON p.id = n.place WHERE p.kind IN ({marks})",
            _FUZZY_KINDS,
        )
        by_letter: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for key, demonym in rows:
            by_letter[str(key)[:1]].append((str(key), bool(demonym)))
        return by_letter

    def near_miss(self, key: str) -> tuple[str, bool] | None:
        """The key of a country, region, capital or area that `key` misspells by a slip ('ukranian'), with
        whether it is a demonym; None when none is that close."""
        if len(key) < 5:
            return None
        keys = self._fuzzy_keys.get(key[:1], [])
        match = process.extractOne(key, [k for k, _ in keys], scorer=fuzz.ratio, score_cutoff=85)
        if match is None or not similar(key, match[0]):
            return None
        return keys[match[2]]

    def _lookup(self, key: str, demonym: bool = False) -> tuple[Place, ...]:
        rows = self._db.execute(
            "SELECT p.name, p.lat, p.lon, p.kind, p.country, p.admin1, p.geonames_id, p.population, p.admin2 "
            "FROM names n JOIN places p ON p.id = n.place WHERE n.key = ? AND n.demonym = ?",
            (key, int(demonym)),
        ).fetchall()
        return tuple(Place(*row) for row in rows)

    def extent(self, place: Place) -> tuple[float, float, float, float] | None:
        """(south, west, north, east) of the box around a country's or first-level division's places (west > east
        across the antimeridian), or None for other kinds and for entries without one."""
        if place.kind not in ("country", "region"):
            return None
        row = self._db.execute(
            "SELECT south, west, north, east FROM extents WHERE name = ? AND kind = ? AND country = ? AND admin1 = ?",
            (place.name, place.kind, place.country, place.admin1),
        ).fetchone()
        return (float(row[0]), float(row[1]), float(row[2]), float(row[3])) if row else None

    def holds(self, place: Place, lat: float, lon: float) -> bool:
        """Whether (lat, lon) lies in the box of `place`, a country or first-level division (`extent`)."""
        box = self.extent(place)
        if box is None:
            return False
        south, west, north, east = box
        if not south <= lat <= north:
            return False
        return west <= lon <= east if west <= east else lon >= west or lon <= east

    def close(self) -> None:
        self._db.close()


@lru_cache(maxsize=1)
def shared_gazetteer() -> Gazetteer:
    """One gazetteer a process: stages and evaluations share its connection and lookup cache."""
    return Gazetteer()
