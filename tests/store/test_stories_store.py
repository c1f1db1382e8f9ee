"""Stories through the real store and CLI: migration, incremental assignment over two ingests, stored state equal
to the index's, atomic batches, and the `stories`, `story`, `brief` and export commands on a small corpus."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result

from newsint import query
from newsint.batch import RULES
from newsint.cli import cli
from newsint.errors import InputError
from newsint.ingest import iter_raw_inputs, read_input
from newsint.model import CONFLICT_KINDS, Article, StoryState, content_id
from newsint.pipeline import Pipeline
from newsint.settings import load_settings
from newsint.stage import StageContext
from newsint.stages.stories import StoryStage
from newsint.store import Store
from newsint.store.sqlite import _migrations
from newsint.stories.cluster import JOIN_THRESHOLD, StoryIndex, story_keys
from tests.conftest import make_article

#: The schema version of the newest migration.
LATEST = max(version for version, _ in _migrations())

# Two ingests. The first: two reports of one earthquake and an unrelated central-bank story; the second: a
# follow-up on the earthquake (it must join the stored story) and a company report (a story of its own).
FIRST = {
    "quake-meridian.txt": """date 2024-05-13
title: Earthquake kills at least 14 in eastern Turkey
outlet: Meridian News

A magnitude 6.1 earthquake struck the eastern Turkish province of Malatya early on Monday, killing at least 14 \
people and injuring more than 200, officials said.

The quake hit at 4:12 a.m. local time near the town of Doganyol, about 40 km south of the city of Malatya, the \
disaster agency AFAD said. Several buildings collapsed in Doganyol and in the nearby village of Koseli.

"Our teams are searching the rubble of eleven buildings," Malatya governor Hulusi Sahin told reporters. "We expect \
the toll to rise."

Interior Minister Ali Yerlikaya said 1,200 rescue workers had been sent to the area. Schools in the province will \
stay closed until Friday.
""",
    "quake-harbor.txt": """date 2024-05-13
title: Rescuers dig through rubble after Malatya quake
outlet: Harbor Times

Rescue workers pulled survivors from collapsed buildings in Doganyol on Monday after a strong earthquake shook \
Malatya province in eastern Turkey, killing 17 people, according to the health ministry.

The disaster agency AFAD put the magnitude at 6.1 and said the epicentre lay near Doganyol. Malatya governor Hulusi \
Sahin said rescuers were searching the rubble of eleven buildings.

Residents spent the night outdoors in freezing temperatures. "The whole house shook and the walls cracked," said \
Ayse Demir, a teacher in Koseli.

The region was among those devastated by the February 2023 earthquakes that killed more than 50,000 people in Turkey.
""",
    "rates-ledger.txt": """date 2024-05-09
title: Bank of England holds rates at 5.25% but signals cut
outlet: Daily Ledger

The Bank of England kept its main interest rate at 5.25% on Thursday, but Governor Andrew Bailey said the central \
bank was getting closer to cutting borrowing costs.

Seven members of the Monetary Policy Committee voted to hold rates, while two voted for a cut to 5%, the bank said. \
Inflation in Britain fell to 3.2% in March.

"I'm optimistic that things are moving in the right direction," Bailey told a news conference in London. Markets \
now expect the first cut in June or August.

Chancellor Jeremy Hunt welcomed the decision and said the economy was turning a corner.
""",
}
SECOND = {
    "quake-ledger.txt": """date 2024-05-14
title: Turkey quake toll rises to 21 as search ends
outlet: Daily Ledger

The death toll from Monday's earthquake in Malatya province rose to 21 on Tuesday, the disaster agency AFAD said, \
as rescue teams ended their search in the town of Doganyol.

Malatya governor Hulusi Sahin said all people reported missing had been found. More than 230 people were injured, \
and 40 remain in hospital.

Interior Minister Ali Yerlikaya said about 3,000 people whose homes were damaged would be housed in tents and \
container homes. "No one will be left without shelter," he said.

The 6.1 magnitude quake struck near Doganyol early on Monday.
""",
    "chips-harbor.txt": """date 2024-05-15
title: ASML orders jump as chip demand recovers
outlet: Harbor Times

Dutch chip equipment maker ASML said on Wednesday that new orders rose 40% in the first quarter to 3.6 billion \
euros, helped by demand for machines used to make artificial intelligence chips.

Chief executive Peter Wennink said the company expected 2024 sales to be similar to last year, with a stronger \
second half. Shares in ASML rose 5% in Amsterdam.

"We see the market recovering," Wennink told analysts in Veldhoven. The company ships its most advanced \
lithography systems to chipmakers including TSMC, Samsung and Intel.
""",
}


@dataclass(slots=True)
class Corpus:
    db: str
    first_story: dict[str, str | None]  # file name → story after the first ingest
    first_sizes: dict[str, int]  # story → size after the first ingest

    def run(self, *args: str) -> Result:
        return CliRunner().invoke(cli, [*args, "--db", self.db], catch_exceptions=False)

    def stories(self) -> dict[str, str | None]:
        """File name → story now."""
        with Store.open(self.db) as store:
            return {Path(a.provenance.input_path).name: a.story for a in store.articles()}


def _write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    """The two ingests through the CLI, with what the first one left (once for the module: ~15 s)."""
    root = tmp_path_factory.mktemp("stories")
    found = Corpus(str(root / "stories.db"), {}, {})
    result = found.run("ingest", str(_write(root / "first", FIRST)))
    assert result.exit_code == 0, result.output
    found.first_story = found.stories()
    with Store.open(found.db) as store:
        found.first_sizes = {s.id: s.size for s in query.stories(store)}
    result = found.run("ingest", str(_write(root / "second", SECOND)))
    assert result.exit_code == 0 and "2 new" in result.stdout, result.output
    return found


def test_a_version_5_database_is_upgraded_keeping_its_articles(tmp_path: Path) -> None:
    path = tmp_path / "v5.db"
    folder = resources.files("newsint.store").joinpath("migrations")
    with sqlite3.connect(path) as old:
        for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".sql") and p.name < "0006"):
            old.executescript(folder.joinpath(name).read_text(encoding="utf-8"))
        old.execute(
            "INSERT INTO articles (id, source, text, raw, words, input_path, input_sha256, ingested_at, sentences) "
            "VALUES ('a5', 's', 'Kept text.', 'Kept text.', 2, 'p', 'h', 'now', '[]')"
        )
        old.execute("PRAGMA user_version=5")
    with Store.open(path) as store:
        assert store.schema_version == LATEST
        article = store.get("a5")
        assert article is not None and article.text == "Kept text."
        assert article.embedding is None and article.story is None and article.story_score is None
        assert query.stories(store) == [] and len(StoryIndex(store.story_states(), store.article_stories())) == 0 and store.story_articles("s") == []
        assert query.story_for_query(store, "Kept text") is None
        # ingested again, the old article is stored once still, and now has its story
        again = _hand_article("Kept text.", "s5", "2024-05-01")
        again.id = "a5"
        assert store.write_batch([again], rules=RULES) == [False]
        kept = store.get("a5")
        assert kept is not None and (kept.story, kept.story_score, kept.embedding) == ("s5", 0.9, again.embedding)
        assert [(s.id, s.size) for s in query.stories(store)] == [("s5", 1)]
        assert StoryIndex(store.story_states(), store.article_stories()).of_doc == {"a5": "s5"}


def test_a_second_ingest_joins_the_stored_story_and_opens_one_for_news_of_its_own(corpus: Corpus) -> None:
    first, now = corpus.first_story, corpus.stories()
    quake, rates = first["quake-meridian.txt"], first["rates-ledger.txt"]
    assert quake and rates and quake != rates
    assert first["quake-harbor.txt"] == quake and corpus.first_sizes == {quake: 2, rates: 1}
    # nothing stored by the first ingest moved: no re-clustering
    assert {name: now[name] for name in first} == first
    assert now["quake-ledger.txt"] == quake
    assert now["chips-harbor.txt"] not in (quake, rates, None)
    with Store.open(corpus.db) as store:
        summaries = query.stories(store)
        assert [(s.id, s.size) for s in summaries] == [(quake, 3), (now["chips-harbor.txt"], 1), (rates, 1)]
        assert summaries[0].outlets == ["Harbor Times", "Meridian News", "Daily Ledger"]  # by date, then as stored
        assert str(summaries[0].start) == "2024-05-13" and str(summaries[0].end) == "2024-05-14"
        assert "Doganyol" in summaries[0].label or "Malatya" in summaries[0].label
        joined = [a for a in store.story_articles(quake[:5]) if a.title and "toll rises" in a.title]
        assert len(joined) == 1 and (joined[0].story_score or 0) >= JOIN_THRESHOLD
        [opened] = [a for a in store.story_articles(now["chips-harbor.txt"] or "")]
        assert opened.story_score is None  # it opened its story


def _same_state(stored: StoryState, replayed: StoryState) -> None:
    assert stored.id == replayed.id and stored.size == replayed.size
    assert np.array_equal(stored.vector_sum, replayed.vector_sum)  # float32 sums, bit for bit
    assert stored.names == replayed.names and stored.display == replayed.display
    assert (stored.start, stored.end) == (replayed.start, replayed.end)


def test_stored_stories_equal_one_index_run_over_the_same_articles(corpus: Corpus) -> None:
    with Store.open(corpus.db) as store:
        articles = list(store.articles())
        stored = StoryIndex(store.story_states(), store.article_stories())
    replay = StoryIndex()
    for article in articles:
        keys = story_keys(article)
        assert keys is not None
        state, score = replay.assign(keys, same_as=article.duplicate_of)
        assert (state.id, score) == (article.story, article.story_score)
    assert [s.id for s in stored.states] == [s.id for s in replay.states]
    for mine, theirs in zip(stored.states, replay.states, strict=True):
        _same_state(mine, theirs)
    assert stored.of_doc == replay.of_doc
    assert (stored.name_counts, stored.articles) == (replay.name_counts, replay.articles)


def test_the_stage_index_stays_equal_to_the_store_across_an_exact_duplicate(corpus: Corpus, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with sqlite3.connect(corpus.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    again = _write(tmp_path / "again", {"copy-of-harbor.txt": FIRST["quake-harbor.txt"], **SECOND})
    settings = load_settings(None, db=str(copy))
    with Store.open(copy) as store:
        pipeline = Pipeline.build(settings, StageContext(store=store))
        for raw in iter_raw_inputs([str(again)], settings):
            assert not isinstance(raw, InputError)
            articles = [a for r in read_input(raw, settings) if isinstance(r, Article) for a in pipeline.process(r)]
            assert store.write_batch(articles, rules=RULES) == [False]  # all stored already
        [stage] = [s for s in pipeline.stages if isinstance(s, StoryStage)]
        assert stage.index is not None
        stored = StoryIndex(store.story_states(), store.article_stories())
        for mine, theirs in zip(stored.states, stage.index.states, strict=True):
            _same_state(mine, theirs)
        assert stored.of_doc == stage.index.of_doc and stored.articles == stage.index.articles == 5


def _stories_rows(db: sqlite3.Connection) -> list[tuple[object, ...]]:
    return db.execute("SELECT id, size, vector_sum, names, display, start, end FROM stories ORDER BY rowid").fetchall()


def _hand_article(text: str, story: str, published: str) -> Article:
    day = date.fromisoformat(published)
    article = make_article(text, title="Hand-built", text=text, outlet="Test Wire", published=day)
    article.id = content_id(article.title, text)
    vector = np.random.default_rng(len(text)).standard_normal(384).astype("<f4")
    article.embedding = (vector / np.linalg.norm(vector)).astype("<f4").tobytes()
    article.story, article.story_score = story, 0.9
    return article


def test_a_rolled_back_batch_leaves_stories_as_they_were(corpus: Corpus, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    with sqlite3.connect(corpus.db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    quake = corpus.first_story["quake-meridian.txt"]
    assert quake is not None
    batch = [
        _hand_article("Aftershocks shook Doganyol again overnight.", quake, "2024-05-20"),
        _hand_article("A new story opens here with this article.", "s000000000000", "2024-05-21"),
    ]
    with Store.open(copy) as store:
        before = _stories_rows(store.db)
        with pytest.raises(sqlite3.IntegrityError):  # the errors row names a run that does not exist
            store.write_batch(batch, errors=[InputError("x.txt", "unreadable")], run_id=10**9, rules=RULES)
        assert _stories_rows(store.db) == before and store.count() == 5
        assert store.write_batch(batch, rules=RULES) == [True, True]
        states = {s.id: s for s in StoryIndex(store.story_states(), store.article_stories()).states}
        assert states[quake].size == 4 and str(states[quake].end) == "2024-05-20"
        assert states["s000000000000"].size == 1 and len(states) == 4


def test_stories_and_story_commands(corpus: Corpus) -> None:
    quake = corpus.first_story["quake-meridian.txt"]
    assert quake is not None
    listed = corpus.run("stories")
    assert listed.exit_code == 0
    lines = [line.split() for line in listed.stdout.splitlines()[1:]]
    assert [line[0] for line in lines][0] == quake and len(lines) == 3
    assert "2024-05-13 – 2024-05-14" in listed.stdout and "Meridian News" in listed.stdout
    assert len(corpus.run("stories", "--limit", "1").stdout.splitlines()) == 2

    shown = corpus.run("story", quake[:6])
    assert shown.exit_code == 0
    assert shown.stdout.startswith(quake) and "3 articles from 3 outlets" in shown.stdout
    for title in ("Earthquake kills at least 14", "Rescuers dig through rubble", "Turkey quake toll rises to 21"):
        assert title in shown.stdout
    assert "Bank of England" not in shown.stdout

    as_json = json.loads(corpus.run("story", quake, "--json").stdout)
    assert as_json["id"] == quake and len(as_json["docs"]) == 3
    assert set(as_json) == {"id", "label", "docs", "start", "end", "corroborations", "conflicts", "timeline"}
    for conflict in as_json["conflicts"]:  # each dispute with its kind and what third parties say
        assert conflict["kind"] in CONFLICT_KINDS and isinstance(conflict["third"], list)

    unknown = CliRunner().invoke(cli, ["story", "szzz", "--db", corpus.db])
    assert unknown.exit_code == 2 and "no story with id 'szzz'" in unknown.output


def test_brief_command_picks_the_story_and_writes_it(corpus: Corpus, tmp_path: Path) -> None:
    biggest = corpus.run("brief")
    assert biggest.exit_code == 0
    assert "[Meridian News, 2024-05-13]" in biggest.stdout and "Bank of England" not in biggest.stdout
    by_query = corpus.run("brief", "--query", "Bailey interest rates")
    assert "[Daily Ledger, 2024-05-09]" in by_query.stdout and "Malatya" not in by_query.stdout
    chips = corpus.stories()["chips-harbor.txt"]
    assert chips is not None
    page = tmp_path / "brief.html"
    written = corpus.run("brief", "--story", chips, "--format", "html", "--out", str(page))
    assert written.exit_code == 0 and str(page) in written.stderr
    assert "<html" in page.read_text(encoding="utf-8").lower() and "ASML" in page.read_text(encoding="utf-8")

    def fails(*args: str, db: str = corpus.db) -> Result:
        return CliRunner().invoke(cli, ["brief", *args, "--db", db])

    assert "no story matches 'zebra migration'" in fails("--query", "zebra migration").output
    assert fails("--query", "zebra migration").exit_code == 1
    assert "no story with id 'snope'" in fails("--story", "snope").output
    assert "not both" in fails("--story", chips, "--query", "chips").output
    empty = fails(db=str(tmp_path / "empty.db"))
    assert empty.exit_code == 1 and "no stories in" in empty.output


def test_export_has_every_story_with_cited_spans(corpus: Corpus) -> None:
    exported = json.loads(corpus.run("export", "--format", "json").stdout)
    stories = exported["stories"]
    documents = {d["id"]: d for d in exported["documents"]}
    assert [len(s["docs"]) for s in stories] == [3, 1, 1]
    assert {d["story"] for d in documents.values()} == {s["id"] for s in stories}
    for story in stories:
        assert all(documents[doc]["story"] == story["id"] for doc in story["docs"])
        refs = [r for c in story["corroborations"] for r in c["claims"]]
        refs += [r for c in story["conflicts"] for r in (*c["a"], *c["b"], *c["third"])]
        assert all(c["kind"] in CONFLICT_KINDS for c in story["conflicts"])
        refs += [r for e in story["timeline"] for r in e["sources"]]
        for ref in refs:
            assert ref["doc"] in story["docs"]
            assert documents[ref["doc"]]["text"][ref["start"] : ref["end"]].strip() == ref["text"].strip()
        for corroboration in story["corroborations"]:
            assert corroboration["sources"] >= 2 and len(corroboration["claims"]) >= 2
        for entry in story["timeline"]:
            assert ("event" in entry) != ("claim" in entry) and entry["date"] and entry["sources"]
    assert stories[0]["start"] == "2024-05-13" and stories[0]["end"] == "2024-05-14"
    assert stories[0]["timeline"]  # the earthquake is dated
