"""Entities end to end on the seed articles: the real models, the real store, the CLI and the export.

Expected people and organisations are in tests/golden/seeds-entities.json, written by reading the
seed articles: each group lists written forms that must all be found and must be one entity, and
no two groups may be one entity.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from newsint.store import Store
from tests.conftest import SEEDS, needs

GOLDEN = json.loads((Path(__file__).parents[1] / "golden" / "seeds-entities.json").read_text(encoding="utf-8"))

pytestmark = [needs(SEEDS), pytest.mark.integration]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsint.batch import ingest
    from newsint.settings import load_settings

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    settings = load_settings(None, db=str(db))
    with Store.open(db) as store:
        report = ingest([str(SEEDS)], settings, store)
    assert report.new == 6
    return db


def _entity_of(store: Store, kind: str) -> dict[str, set[str]]:
    """Written form -> ids of the entities of `kind` it is a mention of."""
    found: dict[str, set[str]] = {}
    for entity in store.entities(kind):
        for _, _, _, text in store.entity_mentions(entity.id):
            found.setdefault(text, set()).add(entity.id)
    return found


@pytest.mark.parametrize(("kind", "key"), [("PERSON", "people"), ("ORG", "organisations")])
def test_every_named_person_and_organisation_is_one_entity(seeded: Path, kind: str, key: str) -> None:
    with Store.open(seeded) as store:
        mentions = _entity_of(store, kind)
    group_ids = []
    for group in GOLDEN[key]:
        missing = [form for form in group if form not in mentions]
        assert not missing, f"{kind} not found: {missing}"
        ids = set().union(*(mentions[form] for form in group))
        assert len(ids) == 1, f"{group} split into {len(ids)} entities"
        group_ids.append(ids.pop())
    assert len(set(group_ids)) == len(group_ids), "two different people or bodies were merged"


def test_canonical_name_is_the_most_usual_full_spelling(seeded: Path) -> None:
    with Store.open(seeded) as store:
        names = {e.name for e in store.entities("PERSON")}
    for group in GOLDEN["people"]:
        assert group[0] in names, f"expected {group[0]!r} as the canonical name of {group}"


def test_mentions_point_at_their_text(seeded: Path) -> None:
    with Store.open(seeded) as store:
        for article in store.articles():
            assert article.sentences and all(0 <= s.start < s.end <= len(article.text) for s in article.sentences)
            for entity in article.entities:
                assert entity.id and entity.type in {"PERSON", "ORG", "LOC", "MISC"}
                for mention in entity.mentions:
                    assert article.text[mention.start : mention.end] == mention.text


def test_entities_command_and_export(seeded: Path, run_cli: Callable[..., Result]) -> None:
    listed = run_cli("entities", "--type", "PERSON", "--limit", "0", "--db", str(seeded), with_db=False)
    assert listed.exit_code == 0
    assert "Prigozhin" in listed.output and "ORG " not in listed.output
    exported = run_cli("export", "--format", "json", "--db", str(seeded), with_db=False)
    data = json.loads(exported.output)
    documents = {d["id"]: d["text"] for d in data["documents"]}
    assert data["entities"], "the entities section is empty"
    for entity in data["entities"]:
        assert set(entity) == {"id", "name", "type", "aliases", "mentions"}
        for mention in entity["mentions"]:
            assert documents[mention["doc"]][mention["start"] : mention["end"]] == mention["text"]
    first = next(iter(documents))
    shown = run_cli("show", first, "--db", str(seeded), with_db=False)
    assert shown.exit_code == 0 and "entities" in shown.output


PLACES = json.loads((Path(__file__).parents[1] / "golden" / "seeds-places.json").read_text(encoding="utf-8"))


def test_seed_places_are_on_the_map(seeded: Path) -> None:
    from newsint.geo.resolve import distance_km

    with Store.open(seeded) as store:
        mentions = [m for article in store.articles() for m in article.places]
    by_text: dict[str, list[object]] = {}
    for mention in mentions:
        by_text.setdefault(mention.text, []).append(mention.place)
    for name, (lat, lon) in PLACES["within_25_km"].items():
        assert name in by_text, f"{name} not found as a place"
        for place in by_text[name]:
            assert place is not None, f"{name} unresolved"
            assert distance_km((place.lat, place.lon), (lat, lon)) <= 25, f"{name} placed at {place}"
    regions = {m.text: m.place for m in mentions if m.place is not None and m.place.kind in ("region", "area")}
    assert any("Donetsk" in text for text in regions), "the Donetsk region was not placed as a region"
    assert "Donbas" in regions
    for name, country in PLACES["countries"].items():
        places = by_text[name]
        assert all(p is not None and p.kind == "country" and p.country == country for p in places), name


def test_export_has_places_with_coordinates_and_geojson(seeded: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newsint.cli import cli

    out = tmp_path / "all.json"
    CliRunner().invoke(cli, ["export", "--out", str(out), "--db", str(seeded)], catch_exceptions=False)
    data = json.loads(out.read_text(encoding="utf-8"))
    resolved = [p for p in data["places"] if p["lat"] is not None]
    assert resolved and all(
        {"entity", "name", "lat", "lon", "country", "geonames_id", "kind"} <= p.keys() for p in resolved
    )
    for place in data["places"]:
        for mention in place["mentions"]:
            doc = next(d for d in data["documents"] if d["id"] == mention["doc"])
            source = doc["captions"][mention["caption"]] if "caption" in mention else doc["text"]
            assert source[mention["start"] : mention["end"]] == mention["text"]
    geo = tmp_path / "places.geojson"
    CliRunner().invoke(cli, ["export", "--format", "geojson", "--out", str(geo), "--db", str(seeded)])
    collection = json.loads(geo.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    bakhmut = [f for f in collection["features"] if f["properties"]["name"] == "Bakhmut"]
    assert bakhmut and bakhmut[0]["geometry"]["coordinates"][1] == pytest.approx(48.59, abs=0.1)
    assert all(d["id"] for d in bakhmut[0]["properties"]["documents"])


WEEKDAY = re.compile(r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)")


def test_seed_weekdays_resolve_to_dates_of_the_week_before_publication(seeded: Path) -> None:
    """News reports what happened: a bare weekday in a dated article is a day of the week up to its date."""
    checked = 0
    with Store.open(seeded) as store:
        for article in store.articles():
            for expr in article.times:
                if article.published is None:
                    assert not expr.value[:4].isdigit() or not WEEKDAY.fullmatch(expr.text), expr
                    continue
                if not WEEKDAY.fullmatch(expr.text):
                    continue
                day = date.fromisoformat(expr.value)
                assert 0 <= (article.published - day).days <= 6, (article.id, expr)
                assert day.strftime("%A") == expr.text
                checked += 1
    assert checked >= 3
