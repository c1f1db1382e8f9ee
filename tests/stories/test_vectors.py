"""Sentence embeddings made at ingest (the `sentence_vectors` stage) and read when a story is analysed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

import newsint.stories.vectors as vectors
from newsint import query
from newsint.batch import ingest
from newsint.model import Article, Span
from newsint.nlp.encoder import DIMENSIONS, load_encoder
from newsint.reanalysis import reanalyze
from newsint.settings import Settings, load_settings
from newsint.stage import StageContext
from newsint.stages.sentence_vectors import SentenceVectorStage
from newsint.store import Store
from newsint.stories.analysis import analyse_story
from tests.conftest import make_article

_SENTENCES = {
    "a": ["Floodwaters forced thousands of residents to leave their homes near the river on Monday.", "Rain fell."],
    "b": ["Thousands of residents were forced from their homes by floodwaters near the river on Monday."],
    "c": ["Thousands of people had to leave their homes near the river because of the floods on Monday."],
}


def _article(doc: str) -> Article:
    sentences = _SENTENCES[doc]
    spans, position = [], 0
    for sentence in sentences:
        spans.append(Span(position, position + len(sentence)))
        position += len(sentence) + 1
    return make_article(
        id=doc, outlet=f"Outlet {doc}", text=" ".join(sentences), sentences=spans, published=date(2024, 5, 6)
    )


def _stage_run(article: Article) -> Article:
    return SentenceVectorStage(load_settings(None), StageContext())(article)


def _groups(story_articles: list[Article]) -> list[list[tuple[str, int]]]:
    story = analyse_story("s", story_articles)
    return [[(s.doc, s.start) for s in c.statements] for c in story.corroborations]


def test_the_stage_gives_one_row_per_sentence_and_a_zero_row_to_a_fragment() -> None:
    article = _stage_run(_article("a"))
    assert article.sentence_vectors is not None
    rows = np.frombuffer(article.sentence_vectors, dtype="<f2").reshape(-1, DIMENSIONS)
    assert rows.shape[0] == 2
    expected = load_encoder().embed([_SENTENCES["a"][0]])[0]
    assert np.abs(rows[0].astype(np.float32) - expected).max() < 1e-3  # float16 rounding only
    assert not rows[1].any()  # "Rain fell." is under MIN_CLAIM_WORDS words: no statement, no row


def test_analysis_reads_stored_rows_without_the_encoder_and_groups_as_without_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    plain = [_article(doc) for doc in "abc"]
    vectors.sentence_vector.cache_clear()
    without = _groups(plain)
    assert without and len(without[0]) == 3
    stored = [_stage_run(_article(doc)) for doc in "abc"]
    vectors.sentence_vector.cache_clear()

    def no_encoder() -> None:
        raise AssertionError("a stored row was embedded again")

    monkeypatch.setattr(vectors, "load_encoder", no_encoder)
    assert _groups(stored) == without


def test_rows_that_do_not_match_the_sentences_are_not_used() -> None:
    """Rows made for other sentence bounds (the text parsed again since) would pair the wrong sentences."""
    article = _stage_run(_article("b"))
    assert article.sentence_vectors is not None
    article.sentences = [Span(0, 40), Span(41, len(article.text))]
    rows = vectors.statement_vectors({"b": article}, [("b", 0, article.text[:40])])
    assert np.allclose(rows[0], vectors.sentence_vector(article.text[:40]))


def _ingested(tmp_path: Path, stages_added: tuple[str, ...] = ()) -> tuple[Settings, Store]:
    folder = tmp_path / "in"
    folder.mkdir()
    for doc in "abc":
        text = "Floods on the river\n\n" + " ".join(_SENTENCES[doc]) + " The water kept rising all night in the town.\n"
        (folder / f"{doc}.txt").write_text(text, encoding="utf-8")
    settings = load_settings(None, db=str(tmp_path / "n.db"), workers=1)
    settings = replace(settings, stages=(*settings.stages, *stages_added))
    store = Store.open(settings.db)
    ingest([str(folder)], settings, store)
    return settings, store


def _row_sizes(store: Store) -> list[int | None]:
    return [None if a.sentence_vectors is None else len(a.sentence_vectors) for a in store.articles()]


def test_a_story_s_first_analysis_keeps_its_rows_and_a_new_parse_clears_them(tmp_path: Path) -> None:
    settings, store = _ingested(tmp_path)
    with store:
        assert _row_sizes(store) == [None, None, None]  # not a default stage: the ingest makes none
        [summary] = [s for s in query.stories(store) if s.size > 1]
        query.analysed_story(store, summary)
        kept = {a.id: a for a in store.articles()}
        for member in store.story_articles(summary.id):
            rows = kept[member.id].sentence_vectors
            assert rows is not None and len(rows) == len(member.sentences) * DIMENSIONS * 2
        reanalyze(settings, store, ("nlp",))
        assert _row_sizes(store) == [None, None, None]


def test_rows_made_for_other_sentences_are_not_kept(tmp_path: Path) -> None:
    _, store = _ingested(tmp_path)
    with store:
        article = next(iter(store.articles()))
        made = replace(article, sentence_vectors=b"\0" * DIMENSIONS * 2, sentences=[Span(0, 5)])
        assert store.keep_sentence_vectors([made])
        assert _row_sizes(store) == [None, None, None]


def test_the_stage_at_ingest_and_its_reanalysis_fill_every_article(tmp_path: Path) -> None:
    settings, store = _ingested(tmp_path, ("sentence_vectors",))
    with store:
        found = list(store.articles())
        assert len(found) == 3
        for article in found:
            assert article.sentence_vectors is not None
            assert len(article.sentence_vectors) == len(article.sentences) * DIMENSIONS * 2
        reanalyze(settings, store, ("nlp",))  # the stage follows the parse: made again
        assert all(size is not None for size in _row_sizes(store))
