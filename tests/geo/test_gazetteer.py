"""The gazetteer's coverage (issue 30): physical features, ISO 3166-2 subdivisions, the boxes of countries and
regions that score a country or region either way, and a build that gives the same file every time."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from newsint.evaluation.geo import evaluate_geo
from newsint.geo.build import build_gazetteer
from newsint.geo.gazetteer import Gazetteer, shared_gazetteer
from newsint.geo.keys import place_key
from newsint.geo.resolve import Toponym, resolve_toponyms
from newsint.model import PlaceMention


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return shared_gazetteer()


def _resolve(text: str, names: list[str], gazetteer: Gazetteer) -> list[PlaceMention]:
    toponyms = [Toponym(text.index(n), text.index(n) + len(n), n) for n in names]
    return resolve_toponyms(text, toponyms, gazetteer)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ukrainian troops crossed the Dnieper River on Friday.", "Dnieper River"),
        ("Shelling was heard from across the Siverskyi Donets overnight.", "Siverskyi Donets"),
        ("Barges on the Mississippi River were stuck for a week.", "Mississippi River"),
    ],
)
def test_a_river_resolves_to_a_physical_feature(text: str, name: str, gazetteer: Gazetteer) -> None:
    (mention,) = _resolve(text, [name], gazetteer)
    assert mention.place is not None and mention.place.kind == "feature", mention


@pytest.mark.parametrize(
    ("text", "name"),
    [("A drone struck a tanker in the Black Sea.", "Black Sea"), ("The Caspian Sea rose.", "Caspian Sea")],
)
def test_a_sea_resolves_to_a_physical_feature(text: str, name: str, gazetteer: Gazetteer) -> None:
    (mention,) = _resolve(text, [name], gazetteer)
    assert mention.place is not None and mention.place.kind == "feature" and mention.place.name == name


def test_an_invented_name_still_resolves_to_nothing(gazetteer: Gazetteer) -> None:
    (river, town) = _resolve(
        "Floods on the Varnholt River cut off Quellmire.", ["Varnholt River", "Quellmire"], gazetteer
    )
    assert river.place is None and town.place is None


def test_iso_subdivisions_lend_regions_their_names_and_points(gazetteer: Gazetteer) -> None:
    """'Donechchyna' is an English other name of the Donetsk region in ISO 3166-2; Virginia takes the ISO point,
    within 161 km of GeoNames' (Richmond), where the box midpoint was not."""
    (region,) = [p for p in gazetteer.lookup(place_key("Donechchyna")) if p.kind == "region"]
    assert (region.name, region.country) == ("Donetsk", "UA")
    (virginia,) = [p for p in gazetteer.lookup(place_key("Virginia")) if p.kind == "region" and p.country == "US"]
    assert abs(virginia.lat - 37.12) < 0.1 and abs(virginia.lon + 78.49) < 0.1


def test_country_and_region_boxes_hold_points_inside_them(gazetteer: Gazetteer) -> None:
    canada = next(p for p in gazetteer.lookup(place_key("Canada")) if p.kind == "country")
    assert gazetteer.holds(canada, 60.1, -113.6) and not gazetteer.holds(canada, 48.85, 2.35)
    russia = next(p for p in gazetteer.lookup(place_key("Russia")) if p.kind == "country")
    assert gazetteer.holds(russia, 64.7, 177.5)  # Anadyr: the box crosses the antimeridian
    paris = next(p for p in gazetteer.lookup(place_key("Paris")) if p.kind == "capital")
    assert gazetteer.extent(paris) is None and not gazetteer.holds(paris, paris.lat, paris.lon)


GWN_CANADA = """<articles><article file="0"><title>t</title><link>l</link><text>Canada said so.</text>
<toponyms><toponym><extractedName>Canada</extractedName><type>Metonymic</type><start>0</start><end>6</end>
<latitude>60.10867</latitude><longitude>-113.64258</longitude></toponym></toponyms></article></articles>"""


def test_a_country_is_scored_both_ways(tmp_path: Path) -> None:
    """GeoWebNews puts Canada at GeoNames' point (60.1, -113.6), far from ours: a strict miss, an in-area hit."""
    path = tmp_path / "corpus.xml"
    path.write_text(GWN_CANADA, encoding="utf-8")
    figures = evaluate_geo(path, None, shared_gazetteer())
    assert figures["acc161"] == 0.0 and figures["acc161_in_area"] == 1.0
    assert figures["acc161_in_area_no_outlet_prior"] == 1.0


def _content(path: Path) -> str:
    db = sqlite3.connect(path)
    try:
        digest = hashlib.sha256()
        for table, order in (("places", "id"), ("names", "key, place, demonym"), ("extents", "name, kind, country")):
            for row in db.execute(f"SELECT * FROM {table} ORDER BY {order}"):  # noqa: S608 - fixed table names
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        db.close()


@pytest.mark.slow
def test_the_build_is_deterministic(tmp_path: Path, gazetteer: Gazetteer) -> None:
    """A fresh build holds the same rows, with the same ids, as the one every test reads."""
    build_gazetteer(tmp_path / "again.sqlite")
    assert _content(tmp_path / "again.sqlite") == _content(gazetteer.path)
