"""The query layer's stored views: a story's analysis and briefing are computed once and served again until the
story changes, and the story listing once per generation of the store."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsint import query
from newsint.batch import ingest
from newsint.model import Story
from newsint.settings import load_settings
from newsint.store import Store
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow


class Counting:
    """Counts the calls of a function it stands in for."""

    def __init__(self, function):  # type: ignore[no-untyped-def]
        self.function, self.calls = function, 0

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.calls += 1
        return self.function(*args, **kwargs)


@pytest.fixture
def seeds_in_two_runs(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A database path and two folders: every seed file but the last, and the last."""
    first, last = tmp_path / "first", tmp_path / "last"
    first.mkdir(), last.mkdir()
    files = sorted(SEEDS.iterdir())
    for path in files[:-1]:
        shutil.copy(path, first)
    shutil.copy(files[-1], last)
    return tmp_path / "views.db", first, last


def _analyses(store: Store) -> dict[str, Story]:
    return {s.id: query.analysed_story(store, s) for s in query.stories(store)}


def test_story_views_are_kept_until_their_story_changes(
    seeds_in_two_runs: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, first, last = seeds_in_two_runs
    settings = load_settings(None, db=str(db))
    analyse = Counting(query.analyse_story)
    monkeypatch.setattr(query, "analyse_story", analyse)
    with Store.open(db) as store:
        ingest([str(first)], settings, store)
        before = _analyses(store)
        assert analyse.calls == len(before) >= 1
        assert _analyses(store) == before and analyse.calls == len(before)  # served from the stored views
        generations = {story_id: store.story_generation(story_id) for story_id in before}

        ingest([str(last)], settings, store)
        changed = {s for s in before if store.story_generation(s) != generations[s]}
        opened = {s.id for s in query.stories(store)} - set(before)
        assert changed or opened, "the last seed file changed no story"
        calls = analyse.calls
        after = _analyses(store)
        assert analyse.calls - calls == len(changed | opened) + sum(
            1 for s in set(before) - changed if after[s].label != before[s].label
        )
        for story_id in changed:
            summary = query.story(store, story_id)
            assert summary is not None and len(after[story_id].docs) == summary.size > len(before[story_id].docs)
        for story_id in set(before) - changed:
            if after[story_id].label == before[story_id].label:
                assert after[story_id] == before[story_id]


def test_a_briefing_is_served_without_reading_the_articles_again(
    seeds_in_two_runs: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, first, _ = seeds_in_two_runs
    with Store.open(db) as store:
        ingest([str(first)], load_settings(None, db=str(db)), store)
        biggest = query.stories(store, limit=1)[0]
        story, text = query.brief(store, biggest, "md")
        assert text.startswith("#") and story.id == biggest.id
        reads = Counting(store.story_articles)
        monkeypatch.setattr(store, "story_articles", reads)
        assert query.brief(store, biggest, "md") == (story, text)
        assert reads.calls == 0
        html = query.brief(store, biggest, "html")[1]
        assert reads.calls == 1 and "<" in html  # the other format is rendered once, from the stored analysis
        assert query.brief(store, biggest, "html")[1] == html and reads.calls == 1


def test_the_listing_follows_every_batch(seeds_in_two_runs: tuple[Path, Path, Path]) -> None:
    db, first, last = seeds_in_two_runs
    settings = load_settings(None, db=str(db))
    with Store.open(db) as store:
        ingest([str(first)], settings, store)
        before = sum(s.size for s in query.stories(store))
        with Store.open(db) as other:  # another connection, as another process would write
            ingest([str(last)], settings, other)
        after = query.stories(store)
        assert sum(s.size for s in after) > before
        assert sum(s.size for s in after) == sum(1 for a in store.articles() if a.story)


def test_the_corpus_timeline_reads_back_equal_and_follows_the_dates(
    seeds_in_two_runs: tuple[Path, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, first, _ = seeds_in_two_runs
    with Store.open(db) as store:
        ingest([str(first)], load_settings(None, db=str(db)), store)
        fresh = query.timeline(store)
        assert fresh and {i.kind for i in fresh} == {"event", "claim"}
        monkeypatch.setattr(query, "_IN_MEMORY", {})  # a new process: only the stored view is left
        reads = Counting(store.articles)
        monkeypatch.setattr(store, "articles", reads)
        assert query.timeline(store) == fresh and reads.calls == 0
        day = fresh[len(fresh) // 2].first
        assert query.timeline(store, since=day) == [i for i in fresh if i.last >= day]
        assert query.timeline(store, until=day) == [i for i in fresh if i.first <= day]


def test_articles_of_unknown_outlets_are_listed_one_by_one_as_the_brief_cites_them(tmp_path: Path) -> None:
    db = tmp_path / "outlets.db"
    with Store.open(db) as store:
        ingest([str(SEEDS)], load_settings(None, db=str(db)), store)
        listing = query.stories(store)
        summary = next(s for s in listing if any(o.startswith("outlet unknown") for o in s.outlets))
        unknown = [o for o in summary.outlets if o.startswith("outlet unknown")]
        assert len(unknown) >= 2, "the seeds' story has two articles whose outlet is unknown"
        assert unknown == [f"outlet unknown (article {n})" for n in range(1, len(unknown) + 1)]
        heads = [h.cited_as for h in query.story_heads(store, summary.id) if h.cited_as.startswith("outlet unknown")]
        assert heads == unknown  # the story's list of articles names them alike
        md = query.brief(store, summary, "md")[1]
        assert all(f"[{label}," in md for label in unknown)  # and so does its brief


def test_a_story_whose_analysis_fails_leaves_the_others_warmed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    db = tmp_path / "warm.db"
    with Store.open(db) as store:
        ingest([str(SEEDS)], load_settings(None, db=str(db)), store)
        summaries = query.stories(store, limit=20)
        assert len(summaries) >= 2
        broken = summaries[0].id

        def analyse(story_id: str, *args, **kwargs):  # type: ignore[no-untyped-def]
            if story_id == broken:
                raise KeyError("a bug in one story's analysis")
            return real(story_id, *args, **kwargs)

        real = query.analyse_story
        monkeypatch.setattr(query, "analyse_story", analyse)
        assert query.refresh_views(store) == len(summaries)
        assert broken in caplog.text
        monkeypatch.setattr(query, "analyse_story", Counting(real))
        for summary in summaries[1:]:
            query.brief(store, summary, "html")  # served from the views the failure did not stop
        assert query.analyse_story.calls == 0  # type: ignore[attr-defined]
