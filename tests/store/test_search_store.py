"""Search reads: the store's entity spellings and embeddings, and the query layer's alias expansion and semantic
search over them (with a stand-in encoder, so the ranking is known exactly)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from newsint import query
from newsint.batch import RULES
from newsint.errors import ConfigError
from newsint.model import Article, Entity, Mention, content_id
from newsint.nlp import encoder as encoder_module
from newsint.settings import Settings
from newsint.store import Store
from tests.conftest import make_article

SPELLINGS = ("Zelenskyy", "Zelensky", "Zelenskiy")


def named(text: str, title: str, entity_id: str, spelling: str, embedding: bytes | None = None) -> Article:
    """A stored-to-be article whose text names entity `entity_id` as `spelling`."""
    start = text.index(spelling)
    mention = Mention(start, start + len(spelling), spelling, "ner", 1.0)
    article = make_article(text, title=title, text=text, embedding=embedding)
    article.entities = [Entity(name=spelling, type="PERSON", mentions=[mention], id=entity_id)]
    article.id = content_id(title, text)
    return article


def unit(*values: float) -> bytes:
    vector = np.zeros(384, dtype=np.float32)
    vector[: len(values)] = values
    return (vector / np.linalg.norm(vector)).astype("<f4").tobytes()


@pytest.fixture
def store(settings: Settings) -> Store:
    opened = Store.open(settings.db_path)
    batch = [
        named(f"President {s} spoke in Kyiv about air defence.", f"Report {i}", "e-zel", s, unit(1.0, i / 10))
        for i, s in enumerate(SPELLINGS)
    ]
    batch.append(named("Vladimir Putin met the press.", "Moscow", "e-put", "Vladimir Putin", unit(0.0, 1.0)))
    batch.append(make_article("No names here.", title="Weather", text="No names here.", id=content_id("W", "x")))
    opened.write_batch(batch, rules=RULES)
    return opened


def test_the_store_gives_every_spelling_of_the_entities_a_name_matches(store: Store) -> None:
    with store:
        for spelling in (*SPELLINGS, "zelenskiy", "ZELENSKY"):
            found = store.entity_aliases_matching(spelling)
            assert {entity for entity, _ in found} == {"e-zel"}, spelling
            assert set(SPELLINGS) <= {form for _, form in found}, spelling
        assert store.entity_aliases_matching("Putin") == []  # only whole written forms match
        assert store.entity_aliases_matching("Kyiv") == []


def test_a_plain_name_is_expanded_with_the_other_spellings(store: Store) -> None:
    with store:
        assert query.expand_query(store, "Zelenskyy") == '(Zelenskyy) OR "Zelenskiy" OR "Zelensky"'
        hits = query.search(store, "zelenskyy")
        assert sorted(h.title for h in hits) == ["Report 0", "Report 1", "Report 2"]
        assert {h.snippet.split("[")[1].split("]")[0] for h in hits} == set(SPELLINGS)
        assert [h.rank for h in hits] == sorted(h.rank for h in hits)  # BM25: lower is better, best first
        assert [h.title for h in store.search("zelenskyy")] == ["Report 0"]  # what expansion added


def test_fts_syntax_and_unknown_names_pass_through_unchanged(store: Store) -> None:
    with store:
        for written in (
            '"Zelenskyy"',
            "Zelenskyy OR Putin",
            "Zelensk*",
            "Zelenskyy NOT Kyiv",
            "title:Zelenskyy",
            "Kyiv",
        ):
            assert query.expand_query(store, written) == written
        assert [h.title for h in query.search(store, '"Zelenskyy"')] == ["Report 0"]
        assert sorted(h.title for h in query.search(store, "Zelenskyy OR Putin")) == ["Moscow", "Report 0"]


class Forms:
    """A store in which every text is a written form of one entity."""

    def entity_aliases_matching(self, text: str) -> list[tuple[str, str]]:
        return [("e", "Volodymyr Zelensky"), ("e", "Zelensky"), ("e", "zelenskyy"), ("e", "President Zelensky")]


def test_fts_syntax_is_never_expanded_even_when_it_names_an_entity() -> None:
    for written in ('"Zelenskyy"', "Zelenskyy OR Kyiv", "Zelensk*", "NEAR(Zelenskyy Kyiv)", "title:Zelenskyy", "^Zel"):
        assert query.expand_query(Forms(), written) == written  # type: ignore[arg-type]
    assert query.expand_query(Forms(), "zelenskyy or kyiv") != "zelenskyy or kyiv"  # FTS5 keywords are upper case


def test_a_form_inside_another_adds_nothing() -> None:
    expanded = query.expand_query(Forms(), "Zelenskyy")  # type: ignore[arg-type]
    assert expanded == '(Zelenskyy) OR "Zelensky"'
    # words FTS5 would not read bare are searched as a phrase
    assert query.expand_query(Forms(), "Jean-Pierre") == '"Jean-Pierre" OR "Zelensky" OR "zelenskyy"'


class Stand:
    """An encoder giving the query a chosen vector."""

    def __init__(self, *values: float) -> None:
        self.vector = np.frombuffer(unit(*values), dtype="<f4")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return np.stack([self.vector for _ in texts])


def test_semantic_search_ranks_by_cosine_across_chunks(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_module, "load_encoder", lambda: Stand(0.0, 1.0))
    chunked = store.article_embeddings
    monkeypatch.setattr(store, "article_embeddings", lambda where=None: chunked(chunk=1, where=where))
    with store:
        assert [len(c) for c in chunked(chunk=3)] == [3, 1]  # the article without an embedding is not read
        hits = query.semantic_search(store, "the man in Moscow", limit=3)
        assert [h.title for h in hits] == ["Moscow", "Report 2", "Report 1"]
        assert hits[0].rank == pytest.approx(1.0, abs=1e-5)
        assert hits[1].rank == pytest.approx(0.2 / np.hypot(1.0, 0.2), abs=1e-5)
        assert hits[0].snippet == "Vladimir Putin met the press." and "[" not in hits[1].snippet
        assert query.search(store, "the man in Moscow", 1, mode="semantic") == hits[:1]


def test_semantic_search_caps_the_query_and_the_snippet(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(encoder_module, "load_encoder", lambda: Stand(1.0))
    with store:
        with pytest.raises(ConfigError, match="500"):
            query.semantic_search(store, "x" * 501)
        with pytest.raises(ConfigError):
            query.semantic_search(store, "   ")
        with pytest.raises(ConfigError, match="mode"):
            query.search(store, "x", mode="fuzzy")
        assert len(query.semantic_search(store, "x" * 500, limit=10)) == 4
        long = "word " * 100
        store.write_batch([make_article(long, title="Long", text=long, embedding=unit(1.0), id="long")], rules=RULES)
        snippet = next(h.snippet for h in query.semantic_search(store, "x") if h.id == "long")
        assert snippet.endswith(" …") and len(snippet) <= query.SNIPPET_CHARS + 2


def test_a_long_or_repetitive_query_is_bounded(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """80 times "spoke" is searched as "spoke" (a snippet's cost grows with the query's terms times their matches);
    a query over MAX_QUERY_TERMS words or MAX_QUERY_CHARS characters is refused; a search running over the time
    budget is stopped with a message."""
    with store:
        assert query.fts_query(" ".join(["spoke"] * 80)) == "spoke"
        assert [h.id for h in query.search(store, " ".join(["spoke"] * 80))] == [h.id for h in query.search(store, "spoke")]
        with pytest.raises(ConfigError, match="words"):
            query.search(store, " ".join(f"word{n}" for n in range(query.MAX_QUERY_TERMS + 1)))
        with pytest.raises(ConfigError, match="characters"):
            query.search(store, "x" * 10_000)
        import newsint.store.sqlite as sqlite_module

        monkeypatch.setattr(sqlite_module, "SEARCH_SECONDS", -1.0)  # every search is over its budget at once
        monkeypatch.setattr(sqlite_module, "SEARCH_CHECK_STEPS", 1)
        with pytest.raises(ConfigError, match="ran over"):
            store.search("spoke OR met OR names")
