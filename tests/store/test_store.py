"""The real SQLite store: schema, search, round trips, atomic batches and a kill -9 in mid-ingest."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsint.batch import RULES
from newsint.model import (
    Article,
    Claim,
    Entity,
    Event,
    Figure,
    Mention,
    Place,
    PlaceMention,
    Provenance,
    Removed,
    Span,
    TimeExpr,
    content_id,
)
from newsint.settings import Settings
from newsint.store import InputRecord, Store
from newsint.store.sqlite import _migrations
from tests.conftest import make_article

#: The schema version of the newest migration.
LATEST = max(version for version, _ in _migrations())


def stored_article(text: str, title: str = "T", **fields: object) -> Article:
    article = make_article(text, title=title, text=text, **fields)
    article.id = content_id(title, text)
    return article


def test_fresh_database_is_wal_with_current_schema(settings: Settings) -> None:
    with Store.open(settings.db_path) as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.schema_version == LATEST
    with Store.open(settings.db_path) as again:  # reopening migrates nothing and keeps the data
        assert again.schema_version == LATEST


def test_a_version_1_database_is_upgraded_keeping_its_articles(tmp_path: Path) -> None:
    from importlib import resources

    path = tmp_path / "old.db"
    script = resources.files("newsint.store").joinpath("migrations/0001_initial.sql").read_text(encoding="utf-8")
    with sqlite3.connect(path) as old:
        old.executescript(script + "\nPRAGMA user_version=1;")
        old.execute(
            "INSERT INTO articles (id, source, text, raw, words, input_path, input_sha256, ingested_at) "
            "VALUES ('a1', 's', 'Kept text.', 'Kept text.', 2, 'p', 'h', 'now')"
        )
    with Store.open(path) as store:
        assert store.schema_version == LATEST
        article = store.get("a1")
        assert article is not None and article.text == "Kept text."
        assert article.sentences == [] and article.entities == []
        assert article.places == [] and article.times == []
        assert article.claims == [] and article.events == [] and store.events() == []
        assert store.entities() == [] and store.places() == []


def test_search_ranks_title_matches_first_with_snippets(settings: Settings) -> None:
    with Store.open(settings.db_path) as store:
        store.write_batch(
            [
                stored_article("The siege of the city continues with heavy shelling.", title="Markets"),
                stored_article("Other news of the day.", title="Siege enters third month"),
                stored_article("Nothing relevant.", title="Weather"),
            ],
            rules=RULES,
        )
        hits = store.search("siege")
        assert [h.title for h in hits] == ["Siege enters third month", "Markets"]
        assert "[siege]" in hits[1].snippet.lower()


def test_exact_duplicates_are_stored_once_with_every_sighting(settings: Settings) -> None:
    with Store.open(settings.db_path) as store:
        first = stored_article("Same words.", source="https://a.example/1")
        second = stored_article("Same words.", source="https://b.example/2")
        second.provenance = Provenance("other.jsonl", "f" * 64, "line 3")
        assert store.write_batch([first, second], rules=RULES) == [True, False]
        assert store.count() == 1
        assert store.sightings(first.id) == [("https://a.example/1", ""), ("https://b.example/2", "line 3")]


def test_inputs_are_marked_done_with_their_batch(settings: Settings) -> None:
    with Store.open(settings.db_path) as store:
        store.write_batch([stored_article("x")], done=[InputRecord("abc", "a.txt", 1, 1)], pipeline="p1", rules=RULES)
        assert store.input_done("abc", "p1") and not store.input_done("abc", "p2")


@hsettings(max_examples=40, deadline=None)
@given(
    text=st.text(min_size=1, max_size=300),
    title=st.one_of(st.none(), st.text(max_size=50)),
    authors=st.lists(st.text(max_size=20), max_size=3),
    day=st.one_of(st.none(), st.dates()),
    captions=st.lists(st.text(max_size=30), max_size=2),
    cut=st.integers(min_value=0, max_value=300),
)
def test_store_round_trip_is_equal(
    text: str, title: str | None, authors: list[str], day: date | None, captions: list[str], cut: int
) -> None:
    article = stored_article(
        text,
        title=title or "",
        authors=authors,
        published=day,
        captions=captions,
        removed=[Removed("Advertisement", "boilerplate")],
        paragraphs=[Span(0, len(text), "paragraph")],
        meta={"url": "https://x.example"},
        published_confidence=0.5,
        fingerprint=b"\x01\x02",
        embedding=np.full(384, 0.05, dtype="<f4").tobytes(),
        story="s0123456789a",
        story_score=0.75,
        sentences=[Span(0, min(cut, len(text))), Span(min(cut, len(text)), len(text))],
    )
    mention = Mention(0, min(cut, len(text)), text[:cut], "ner", 0.75)
    article.entities = [Entity(name=mention.text, type="PERSON", mentions=[mention], roles=["x y"], id="e1")]
    end = min(cut, len(text))
    place = Place("Lviv", 49.84, 24.03, "city", "UA", "Lviv", 702550, 717273)
    article.places = [
        PlaceMention(0, end, text[:end], place, "entity", "e1", score=0.9),
        PlaceMention(0, 1, "x", place, caption=0),
        PlaceMention(0, 1, "y", None, reason="not in the gazetteer", caption=1),
    ]
    article.times = [TimeExpr(0, end, text[:end], "DATE", "2023-03-09", "MID", True)]
    article.claims = [
        Claim(0, end, text[:end], True, "said", 0, 1, "the mayor", 1, 2, "e1", ("in a post", "Outlet"), "possible",
              "may", 0, 1),
        Claim(1, end + 1, "x", False, "according to", 0, 1),
    ]  # fmt: skip
    article.figures = [Figure(0, 1, "5", 5.0, None, None, "", "", "soldiers", 1.0, "Ukrainian killed", 0),
                       Figure(1, 2, "a few", None, 2.0, 5.0, "a few", "%", "", None, "", None)]  # fmt: skip
    elsewhere = Place("Pokrovsk", 48.28, 37.18, "city", "UA", "Donetsk")  # no GeoNames id: a made-up key
    article.events = [
        Event("ART_MISS_ATTACK", text[:end], 0, end, (Span(0, end), Span(0, 1, "retold")), 0.875, ("Russian forces",),
              ("civilians", "a school"), place, "Lviv", "2023-03-09", "day", False, 3, (0, 1), False, False, "Shelled."),
        Event("ARMED_CLASH", "x", 0, 1, (Span(0, 1),), place=elsewhere, date="2023-W10", date_precision="week",
              date_from_published=True, negated=True, hypothetical=True),
        Event("DIPLO", "y", 1, 1, (), place_text="the capital", fatalities=0),
    ]  # fmt: skip
    article.title = title
    article.id = content_id(title, text)
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "r.db") as store:
        store.write_batch([article], rules=RULES)
        assert store.get(article.id) == article
        assert [e.id for e in store.entities()] == ["e1"]
        assert [(i, e) for _, i, e in store.events()] == [(1, article.events[1]), (0, article.events[0]),
                                                          (2, article.events[2])]  # fmt: skip


_PLACES = ["the capital", "the northern port", "the border town", "the river valley", "the eastern region"]
_SUBJECTS = ["officials", "aid workers", "local residents", "the regional governor", "military spokesmen"]
_NAMED = ["Governor Maria Kovalenko", "the mayor, Peter Hollis,", "Red Cross official Anna Berg", "Colonel Ivan Marsh"]


def _corpus(path: Path, count: int) -> None:
    """Distinct, article-like reports: numbered sentences of ordinary news prose."""
    with open(path, "w") as handle:
        for i in range(count):
            sentences = [
                f"{_SUBJECTS[(i + j) % 5].capitalize()} in {_PLACES[(i * j) % 5]} said on day {i}-{j} that "
                f"convoy {i * 31 + j} had reached its destination after a delay of {j + i % 7} hours."
                for j in range(6)
            ]
            sentences.append(
                f"{_NAMED[i % 4][0].upper()}{_NAMED[i % 4][1:]} told reporters in London that help was coming."
            )
            text = "\n\n".join(" ".join(sentences[k : k + 2]) for k in range(0, 7, 2))
            handle.write(json.dumps({"title": f"Convoy report number {i} from the region", "text": text}) + "\n")


ARTICLES = 400  # eight batches of 50: enough to kill the ingest between two commits


def test_kill_9_mid_ingest_leaves_no_half_article_and_a_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, ARTICLES)
    db = tmp_path / "crash.db"
    command = [sys.executable, "-m", "newsint.cli", "ingest", str(corpus), "--db", str(db), "--profile", "fast"]
    env = {**os.environ, "NEWSINT_BATCH_SIZE": "50"}
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline:  # wait until some batches are committed, then kill mid-stream
        time.sleep(0.2)
        if db.exists():
            try:
                with sqlite3.connect(db) as probe:
                    if probe.execute("SELECT count(*) FROM articles").fetchone()[0] >= ARTICLES // 3:
                        break
            except sqlite3.OperationalError:
                continue
    process.send_signal(signal.SIGKILL)
    process.wait()
    with sqlite3.connect(db) as check:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = check.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert 0 < stored < ARTICLES
        assert stored % 50 == 0  # whole batches only
        assert check.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == stored
        assert check.execute("SELECT count(*) FROM articles WHERE text = '' OR title IS NULL").fetchone()[0] == 0
        assert check.execute("SELECT count(*) FROM inputs").fetchone()[0] == 0
        orphans = "SELECT count(*) FROM mentions WHERE article_id NOT IN (SELECT id FROM articles)"
        assert check.execute(orphans).fetchone()[0] == 0
        assert check.execute("SELECT count(*) FROM mentions").fetchone()[0] > 0  # entities went in with articles
        in_stories = check.execute("SELECT coalesce(sum(size), 0) FROM stories").fetchone()[0]
        assert in_stories == check.execute("SELECT count(*) FROM articles WHERE story IS NOT NULL").fetchone()[0] > 0
    rerun = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with Store.open(db) as store:
        assert store.count() == ARTICLES
        assert store.db.execute("SELECT count(*) FROM inputs").fetchone()[0] == 1


def test_a_view_the_database_will_not_take_is_left_out(settings: Settings) -> None:
    with Store.open(settings.db_path) as store:
        assert store.keep_view("v", "k1", "body") and store.view("v", "k1") == "body"
        assert store.view("v", "k2") is None  # another key: computed again
        assert store.keep_view("v", "k2", "new") and store.view("v", "k2") == "new" and store.view("v", "k1") is None
    reader = sqlite3.connect(f"file:{settings.db_path}?mode=ro", uri=True)
    read_only = Store(reader, Path(settings.db_path))
    assert not read_only.keep_view("v", "k3", "lost") and read_only.view("v", "k2") == "new"
    reader.close()


def test_datasette_and_sqlite_utils_find_the_full_text_index(settings: Settings) -> None:
    """Datasette offers search on a table when a virtual FTS table names it as `content="<table>"` (its
    `detect_fts`, asked here with the same SQL when Datasette is not installed); its `_search` then runs this."""
    with Store.open(settings.db_path) as store:
        store.write_batch([make_article(title="Shelling in Kherson", text="Shelling hit the port of Kherson.")],
                          rules=RULES)  # fmt: skip
        detect = (
            "SELECT name FROM sqlite_master WHERE rootpage = 0 AND (sql LIKE '%VIRTUAL TABLE%USING FTS%content=\"articles\"%'"
            " OR sql LIKE '%VIRTUAL TABLE%USING FTS%content=[articles]%')"
        )
        assert store.db.execute(detect).fetchall() == [("articles_fts",)]
        try:
            from datasette.utils import detect_fts
        except ImportError:
            pass
        else:
            assert detect_fts(store.db, "articles") == "articles_fts"
        searched = store.db.execute(
            "SELECT title FROM articles WHERE rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)",
            ("kherson",),
        ).fetchall()
        assert searched == [("Shelling in Kherson",)]


_OPEN_AND_WRITE = """
import sys
from newsint.batch import RULES
from newsint.store import Store
from tests.conftest import make_article

with Store.open(sys.argv[1]) as store:
    text = f"Article {sys.argv[2]} says the bridge at Kherson was hit."
    store.write_batch([make_article(id=f"a{sys.argv[2]}", title=f"Report {sys.argv[2]}", text=text)], rules=RULES)
    print(store.schema_version)
"""


def test_processes_opening_a_new_database_at_once_all_succeed(tmp_path: Path) -> None:
    """Eight processes open one new database at the same moment: each migration is applied once, none fails,
    and every process's article is stored."""
    db = tmp_path / "fresh.db"
    root = Path(__file__).resolve().parents[2]
    processes = [
        subprocess.Popen([sys.executable, "-c", _OPEN_AND_WRITE, str(db), str(n)], cwd=root,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        for n in range(8)
    ]
    results = [p.communicate(timeout=120) + (p.returncode,) for p in processes]
    assert all(code == 0 for _, _, code in results), [err for _, err, code in results if code]
    with Store.open(db) as store:
        latest = store.schema_version
        assert {out.strip() for out, _, _ in results} == {str(latest)}
        assert sorted(a.title or "" for a in store.articles()) == [f"Report {n}" for n in range(8)]
