"""Places in the store: every field of the entry round-trips (admin2 since schema 13), and a database of schema 12
gains the column and fills it when an article names the place again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsint.batch import RULES
from newsint.model import Article, Event, Place, PlaceMention, Span, content_id
from newsint.store import Store
from newsint.store.sqlite import _migrations
from tests.conftest import make_article

SPRINGFIELD = Place("Springfield", 39.80172, -89.64371, "city", "US", "Illinois", 4250542, 116250, "Sangamon County")
TEXT = "Protesters marched in Springfield on Saturday."


def _article() -> Article:
    article = make_article(TEXT, title="March", text=TEXT)
    article.id = content_id(article.title, TEXT)
    start = TEXT.index("Springfield")
    article.places = [PlaceMention(start, start + 11, "Springfield", SPRINGFIELD, how="ner")]
    article.events = [
        Event("PEACE_PROTEST", "marched", 11, 18, (Span(0, len(TEXT)),), 0.9, actors=("Protesters",),
              place=SPRINGFIELD, place_text="Springfield", date="2024-05-04", date_precision="day"),
    ]  # fmt: skip
    return article


def test_a_place_keeps_its_second_level_division(tmp_path: Path) -> None:
    article = _article()
    with Store.open(tmp_path / "places.db") as store:
        store.write_batch([article], rules=RULES)
        back = store.get(article.id)
        assert back is not None
        assert back.places[0].place == SPRINGFIELD and back.events[0].place == SPRINGFIELD
        assert [s.place for s in store.places()] == [SPRINGFIELD]


def test_a_schema_12_database_gains_admin2_filled_when_the_place_is_named_again(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as old:
        for version, script in _migrations():
            if version <= 12:
                old.executescript(script)
        old.execute("PRAGMA user_version=12")
        old.execute(
            "INSERT INTO places VALUES ('gn:4250542', 'Springfield', 39.80172, -89.64371, 'city', 'US', 'Illinois', "
            "4250542, 116250)"
        )
    old.close()
    with Store.open(path) as store:
        assert store.schema_version >= 13
        assert store.places() == []  # stored, named by no article yet
        assert store.db.execute("SELECT admin2 FROM places").fetchall() == [("",)]
        store.write_batch([_article()], rules=RULES)
        assert [s.place for s in store.places()] == [SPRINGFIELD]
