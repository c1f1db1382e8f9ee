"""The map page through a real server: uvicorn on a free localhost port over a store of the seeds. The page is parsed
with lxml; what its script fetches (the events and places GeoJSON, the vendored country outlines) is fetched here
the same way. No browser runs here: the page was checked in headless Chromium by hand."""

from __future__ import annotations

import fnmatch
import tomllib
from collections.abc import Iterator
from pathlib import Path

import httpx
import lxml.html
import pytest

from newsint.web.app import CSP
from tests.conftest import SEEDS, needs
from tests.web.live import serve, store_of_seeds

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "newsint" / "web" / "static"
VENDORED = {
    "leaflet": "LICENSE",
    "leaflet.markercluster": "MIT-LICENCE.txt",
    "world-atlas": "LICENSE",
    "topojson-client": "LICENSE",
}
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    settings = store_of_seeds(tmp_path_factory.mktemp("map"), {})
    with serve(settings, "test-token-0123456789") as url, httpx.Client(base_url=url, timeout=120) as found:
        yield found


def _get(client: httpx.Client, url: str, params: dict[str, str] | None = None) -> httpx.Response:
    answer = client.get(url, params=params)
    assert answer.status_code == 200, (url, answer.status_code, answer.text[:500])
    assert answer.headers["content-security-policy"] == CSP, url
    return answer


def _map_page(client: httpx.Client, params: dict[str, str] | None = None) -> lxml.html.HtmlElement:
    answer = _get(client, "/map", params)
    assert answer.headers["content-type"].startswith("text/html")
    return lxml.html.fromstring(answer.text)


@needs(SEEDS)
@pytest.mark.integration
def test_map_page_keeps_the_csp(client: httpx.Client) -> None:
    tree = _map_page(client)
    assert tree.get_element_by_id("map") is not None
    scripts = tree.xpath("//script")
    assert scripts, "the map page loads its scripts"
    for script in scripts:
        assert script.get("src"), "an inline script"
        assert not (script.text or "").strip(), "an inline script"
    assert not tree.xpath("//*[@style]"), "a style attribute (the CSP refuses it)"
    assert not tree.xpath("//style"), "an inline stylesheet"
    assert not [name for element in tree.iter() for name in element.attrib if name.startswith("on")]
    sources = [s.get("src") for s in scripts] + tree.xpath("//link[@rel='stylesheet']/@href")
    assert "/static/map.js" in sources
    assert "/static/vendor/leaflet/leaflet.js" in sources
    assert "/static/vendor/leaflet/leaflet.css" in sources
    for source in sources:
        assert source.startswith("/static/"), source
        _get(client, source)
    assert tree.xpath("//header//a[@href='/map']"), "the nav links the map"


@needs(SEEDS)
@pytest.mark.integration
def test_map_filters_are_a_get_form_echoed_escaped(client: httpx.Client) -> None:
    given = {"type": "Battles", "since": "2023-01-01", "until": "2023-03-31", "place": HOSTILE, "actor": HOSTILE,
             "story": "s0123"}  # fmt: skip
    tree = _map_page(client, given)
    form = tree.xpath("//form[@action='/map']")[0]
    assert form.get("method") == "get"
    assert form.xpath(".//select[@name='type']/option[@selected]/@value") == ["Battles"]
    for name in ("since", "until", "place", "actor", "story"):  # date range, place, actor, story
        assert form.xpath(f".//input[@name='{name}']/@value") == [given[name]], name
    assert all(s.get("src") for s in tree.xpath("//script")), "the filter became markup"
    assert HOSTILE not in _get(client, "/map", {"place": HOSTILE}).text


def test_map_script_builds_no_markup_from_data() -> None:
    script = (STATIC / "map.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
    assert "/api/v1/events?" in script and "/api/v1/places?" in script


@needs(SEEDS)
@pytest.mark.integration
def test_vendored_libraries_are_served(client: httpx.Client) -> None:
    for package, licence in VENDORED.items():
        _get(client, f"/static/vendor/{package}/{licence}")
    _get(client, "/static/vendor/leaflet/images/marker-icon.png")
    topo = _get(client, "/static/vendor/world-atlas/countries-50m.json").json()
    assert topo["type"] == "Topology"
    assert len(topo["objects"]["countries"]["geometries"]) > 200


def test_vendored_licences_ship_with_the_package() -> None:
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    patterns = globs["newsint"]
    for package, licence in VENDORED.items():
        folder = STATIC / "vendor" / package
        assert (folder / licence).stat().st_size > 100, package
        source = (folder / "SOURCE.md").read_text(encoding="utf-8")
        assert package in source and "npm" in source, package
    for path in (STATIC / "vendor").rglob("*"):
        if path.is_file():
            relative = path.relative_to(ROOT / "newsint").as_posix()
            assert any(fnmatch.fnmatchcase(relative, p) and p.count("/") == relative.count("/") for p in patterns), (
                f"{relative} is not package data"
            )


@needs(SEEDS)
@pytest.mark.integration
def test_events_geojson_the_map_uses_is_lon_lat(client: httpx.Client) -> None:
    events = _get(client, "/api/v1/events", {"format": "geojson", "limit": "500"}).json()
    places = _get(client, "/api/v1/places", {"format": "geojson", "limit": "500"}).json()
    assert events["type"] == "FeatureCollection"
    bakhmut = [f for f in places["features"] if f["properties"]["name"] == "Bakhmut"]
    assert len(bakhmut) == 1
    lon, lat = bakhmut[0]["geometry"]["coordinates"]
    assert 37.5 < lon < 38.5 and 48.3 < lat < 48.9, "Bakhmut is at about 38.0 E, 48.6 N"
    at_bakhmut = [f for f in events["features"] if f["properties"]["place"] == "Bakhmut"]
    assert at_bakhmut, "the seeds have events at Bakhmut"
    for found in at_bakhmut:
        assert found["geometry"] == {"type": "Point", "coordinates": [lon, lat]}
        assert (found["properties"]["lon"], found["properties"]["lat"]) == (lon, lat)
        assert found["properties"]["evidence"], "a popup links its evidence"
    filtered = _get(client, "/api/v1/events", {"format": "geojson", "place": "Bakhmut", "limit": "500"}).json()
    assert {f["properties"]["place"] for f in filtered["features"]} == {"Bakhmut"}
