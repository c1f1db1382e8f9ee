"""The REST API through a real server: uvicorn on a free localhost port over a real store of the seeds, called with
httpx. Answers are compared with what the CLI and the exports give for the same store."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from newsint.cli import cli
from newsint.errors import ConfigError
from newsint.store import Store
from newsint.temporal.normalize import value_period
from newsint.web.app import check_bind, is_loopback
from tests.conftest import SEEDS, needs
from tests.web.live import serve, store_of_seeds

TOKEN = "test-token-0123456789"
HOSTILE = '<script>alert(1)</script> "quoted" & {{7*7}}'


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[httpx.Client, str]]:
    """A server over a fresh store of the seeds and one invented article; the client and the database path."""
    hostile = (
        f"title: {HOSTILE}\n\nThe mayor of Kharkiv said on Monday that shelling hit the city centre overnight. "
        "Officials said three people were killed in the strike, according to the regional governor.\n"
    )
    settings = store_of_seeds(tmp_path_factory.mktemp("api"), {"hostile.txt": hostile})
    with serve(settings, TOKEN) as url, httpx.Client(base_url=url, timeout=120) as client:
        yield client, str(settings.db_path)


pytestmark = [needs(SEEDS), pytest.mark.integration]


def test_health_counts_the_stored_documents(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    answer = client.get("/api/v1/health")
    assert answer.status_code == 200
    with Store.open(db) as store:
        assert answer.json() == {"status": "ok", "documents": store.count()}


def test_documents_page_through_the_store_in_order(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    first = client.get("/api/v1/documents", params={"limit": 2}).json()
    second = client.get("/api/v1/documents", params={"limit": 2, "offset": first["next"]}).json()
    with Store.open(db) as store:
        ids = [a.id for a in store.articles()]
    assert [d["id"] for d in first["items"] + second["items"]] == ids[:4]
    assert first["next"] == 2 and first["offset"] == 0
    last = client.get("/api/v1/documents", params={"limit": 2, "offset": len(ids) - 1}).json()
    assert len(last["items"]) == 1 and last["next"] is None


def test_a_document_is_its_export_form_and_a_prefix_finds_it(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    exported = CliRunner().invoke(cli, ["export", "--format", "jsonl", "--db", db]).output.splitlines()
    wanted = json.loads(exported[0])
    found = client.get(f"/api/v1/documents/{wanted['id'][:8]}")
    assert found.status_code == 200 and found.json() == wanted


def test_unknown_ids_are_404_with_a_json_error(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    for path in ("/api/v1/documents/zzzz", "/api/v1/stories/nope", "/api/v1/entities/nope", "/api/v1/stories/x/brief"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "no " in answer.json()["detail"], path


def test_bad_parameters_are_422_naming_the_parameter(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    too_many = client.get("/api/v1/documents", params={"limit": 100000})
    assert too_many.status_code == 422 and too_many.json()["detail"][0]["loc"] == ["query", "limit"]
    bad_type = client.get("/api/v1/events", params={"type": "Picnics"})
    assert bad_type.status_code == 422 and bad_type.json()["detail"].startswith("type:")
    bad_date = client.get("/api/v1/events", params={"since": "yesterday"})
    assert bad_date.status_code == 422 and bad_date.json()["detail"][0]["loc"] == ["query", "since"]
    malformed = client.get("/api/v1/search", params={"q": 'Bakhmut AND ("'})
    assert malformed.status_code == 422 and malformed.json()["detail"].startswith("q:")
    assert client.get("/api/v1/search", params={"q": "x" * 501}).status_code == 422


def test_the_story_is_what_the_cli_prints(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    stories = client.get("/api/v1/stories").json()["items"]
    assert stories and stories[0]["size"] >= stories[-1]["size"]
    printed = CliRunner().invoke(cli, ["story", stories[0]["id"], "--json", "--db", db]).output
    assert client.get(f"/api/v1/stories/{stories[0]['id']}").json() == json.loads(printed)


def test_the_server_computes_the_first_views_before_a_reader_asks(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    stories = client.get("/api/v1/stories", params={"limit": 500}).json()["items"]
    wanted = {f"{kind}:{s['id']}" for s in stories for kind in ("analysis", "brief.html")} | {"stories", "timeline"}
    deadline = time.monotonic() + 120
    with Store.open(db) as store:
        while time.monotonic() < deadline:
            stored = {name for (name,) in store.db.execute("SELECT name FROM views")}
            if wanted <= stored:
                break
            time.sleep(0.2)
    assert wanted <= stored, wanted - stored


def test_the_brief_is_served_as_text_not_rendered(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    story = client.get("/api/v1/stories", params={"limit": 1}).json()["items"][0]["id"]
    answer = client.get(f"/api/v1/stories/{story}/brief", params={"format": "html"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/plain")
    printed = CliRunner().invoke(cli, ["brief", "--story", story, "--format", "html", "--db", db]).output
    assert answer.text.strip() == printed.strip()


def test_events_filter_and_geojson_is_rfc_7946(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    events = client.get("/api/v1/events", params={"limit": 500}).json()["items"]
    assert events
    kind = events[0]["acled_type"] or events[0]["type"]
    filtered = client.get("/api/v1/events", params={"type": kind, "limit": 500}).json()["items"]
    assert filtered and all(kind in (e["acled_type"], e["type"]) for e in filtered)
    collection = client.get("/api/v1/events", params={"format": "geojson", "limit": 500}).json()
    assert collection["type"] == "FeatureCollection" and collection["features"]
    for item in collection["features"]:
        lon, lat = item["geometry"]["coordinates"]
        assert item["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert [lon, lat] == [item["properties"]["lon"], item["properties"]["lat"]]


def _period(value: str | None) -> tuple[date, date] | None:
    return value_period(value) if value else None


def test_events_filter_by_their_own_dates_and_story(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    events = client.get("/api/v1/events", params={"limit": 500}).json()["items"]
    dated = sorted({p for e in events if (p := _period(e["date"]))})
    assert len(dated) >= 2
    day = dated[len(dated) // 2][0]
    for name, keeps in (("since", lambda p: p[1] >= day), ("until", lambda p: p[0] <= day)):
        found = client.get("/api/v1/events", params={name: day.isoformat(), "limit": 500}).json()["items"]
        wanted = [e["id"] for e in events if (p := _period(e["date"])) and keeps(p)]
        assert [e["id"] for e in found] == wanted and 0 < len(wanted) < len(events), name
    with Store.open(db) as store:
        story_of = dict(store.article_stories())
    story = story_of[events[0]["evidence"][0]["doc"]]
    found = client.get("/api/v1/events", params={"story": story[:10], "limit": 500}).json()["items"]
    assert found == [e for e in events if story_of.get(e["evidence"][0]["doc"]) == story]
    assert client.get("/api/v1/events", params={"story": "no-such-story"}).status_code == 422
    named = next(e for e in events if e["actors"])
    part = named["actors"][0][1:-1].upper()  # part of the name, any case
    found = client.get("/api/v1/events", params={"actor": part, "limit": 500}).json()["items"]
    assert named in found and all(
        any(part.casefold() in who.casefold() for who in e["actors"] + e["targets"]) for e in found
    )


def test_search_and_documents_filter_by_story_dates_outlet_and_language(server: tuple[httpx.Client, str]) -> None:
    client, db = server
    with Store.open(db) as store:
        stored = list(store.articles())
    hits = client.get("/api/v1/search", params={"q": "Bakhmut", "limit": 100}).json()["items"]
    dates = sorted({h["published"] for h in hits if h["published"]})
    assert len(dates) >= 2, "the seeds are published on different days"
    since = client.get("/api/v1/search", params={"q": "Bakhmut", "since": dates[-1], "limit": 100}).json()["items"]
    assert since and [h["id"] for h in since] == [h["id"] for h in hits if (h["published"] or "") >= dates[-1]]
    outlet = next(a.outlet for a in stored if a.outlet)
    part = outlet[1:-1].upper()  # part of the name, any case
    of_outlet = client.get("/api/v1/search", params={"q": "Bakhmut", "outlet": part, "limit": 100}).json()["items"]
    assert of_outlet and all(part.casefold() in (h["outlet"] or "").casefold() for h in of_outlet)
    story = next(a.story for a in stored if a.story)
    listed = client.get("/api/v1/documents", params={"story": story, "limit": 500}).json()["items"]
    assert [d["id"] for d in listed] == [a.id for a in stored if a.story == story]
    english = client.get("/api/v1/documents", params={"language": "en", "until": dates[0], "limit": 500}).json()
    assert [d["id"] for d in english["items"]] == [
        a.id for a in stored if a.language == "en" and a.published and a.published.isoformat() <= dates[0]
    ]
    matched = client.get("/api/v1/documents", params={"q": "Bakhmut", "limit": 500}).json()["items"]
    assert {d["id"] for d in matched} == {h["id"] for h in hits}
    assert client.get("/api/v1/documents", params={"q": '"unclosed'}).status_code == 422
    semantic = client.get("/api/v1/search", params={"q": "battle", "mode": "semantic", "story": story}).json()
    assert semantic["items"] and {h["id"] for h in semantic["items"]} <= {a.id for a in stored if a.story == story}


def test_places_geojson_has_bakhmut_in_lon_lat_order(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    collection = client.get("/api/v1/places", params={"format": "geojson", "limit": 500}).json()
    bakhmut = [f for f in collection["features"] if f["properties"]["name"] == "Bakhmut"]
    assert bakhmut, [f["properties"]["name"] for f in collection["features"]]
    lon, lat = bakhmut[0]["geometry"]["coordinates"]
    assert 37.5 < lon < 38.5 and 48.3 < lat < 48.9  # Bakhmut lies at about 48.6 N, 38.0 E
    assert len(bakhmut[0]["properties"]["documents"]) == bakhmut[0]["properties"]["document_count"] >= 2
    short = client.get("/api/v1/places", params={"format": "geojson", "limit": 500, "documents": 1}).json()
    listed = {f["properties"]["id"]: f["properties"] for f in short["features"]}
    assert all(len(p["documents"]) == min(1, p["document_count"]) for p in listed.values())
    assert listed[bakhmut[0]["properties"]["id"]]["document_count"] == bakhmut[0]["properties"]["document_count"]


def test_claims_filter_by_hedge_and_document(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    claims = client.get("/api/v1/claims", params={"limit": 500}).json()["items"]
    assert claims
    doc = claims[0]["doc"]
    of_doc = client.get("/api/v1/claims", params={"doc": doc, "limit": 500}).json()["items"]
    assert of_doc and {c["doc"] for c in of_doc} == {doc}
    hedge = claims[0]["hedge"]
    hedged = client.get("/api/v1/claims", params={"hedge": hedge, "limit": 500}).json()["items"]
    assert hedged and {c["hedge"] for c in hedged} == {hedge}
    assert client.get("/api/v1/claims", params={"hedge": "sure"}).status_code == 422


def test_search_finds_bakhmut_with_a_snippet(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    hits = client.get("/api/v1/search", params={"q": "Bakhmut"}).json()["items"]
    assert hits and all("[" in h["snippet"] for h in hits)


def test_hostile_text_comes_back_as_data(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    documents = client.get("/api/v1/documents", params={"limit": 500}).json()["items"]
    assert HOSTILE in [d["title"] for d in documents]
    assert client.get("/api/v1/documents", params={"limit": 1}).headers["content-type"] == "application/json"


def test_writes_need_the_token(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    body = json.dumps({"title": "A test upload", "text": "The council met on Tuesday and agreed a budget."}) + "\n"
    assert client.post("/api/v1/ingest", content=body).status_code == 401
    wrong = client.post("/api/v1/ingest", content=body, headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 401
    headers = {"Authorization": f"Bearer {TOKEN}", "X-Filename": "../../upload.jsonl"}
    stored = client.post("/api/v1/ingest", content=body, headers=headers)
    assert stored.status_code == 200, stored.text
    answer = stored.json()
    assert answer["new"] == 1 and len(answer["ids"]) == 1
    assert client.get(f"/api/v1/documents/{answer['ids'][0]}").json()["title"] == "A test upload"
    again = client.post("/api/v1/ingest", content=body, headers=headers).json()
    assert again["new"] == 0 and again["ids"] == []


def test_a_binary_upload_is_skipped_with_its_reason(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    headers = {"Authorization": f"Bearer {TOKEN}", "X-Filename": "blob.bin"}
    answer = client.post("/api/v1/ingest", content=bytes(range(256)) * 64, headers=headers)
    assert answer.status_code == 200 and answer.json()["new"] == 0
    assert answer.json()["errors"] and answer.json()["errors"][0]["reason"]
    assert client.get("/api/v1/health").status_code == 200


def test_the_openapi_document_lists_the_endpoints(server: tuple[httpx.Client, str]) -> None:
    client, _ = server
    paths = client.get("/api/openapi.json").json()["paths"]
    for path in ("/api/v1/documents", "/api/v1/events", "/api/v1/stories/{story_id}", "/api/v1/ingest"):
        assert path in paths
    assert client.get("/api/docs").status_code == 200


def test_only_loopback_binds_without_a_token() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "secret")
    with pytest.raises(ConfigError, match="without --token"):
        check_bind("0.0.0.0", None)


def test_serve_refuses_a_public_address_without_a_token(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "without --token" in result.output
