"""Ingest on worker processes, or on Ray actors, stores what one process stores; a worker that fails or dies
loses nothing."""

from __future__ import annotations

import gzip
import io
import json
import logging
import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsint.batch import ingest
from newsint.errors import ConfigError
from newsint.export.json import write_json
from newsint.model import Article
from newsint.parallel import WorkerLost
from newsint.pipeline import Pipeline, builtin_stage
from newsint.settings import Settings, load_settings
from newsint.stage import StageBase, StageContext, stage
from newsint.store import Store
from tests.conftest import DATASETS, SEEDS, make_article

REUTERS = DATASETS / "reuters21578" / "reuters21578.jsonl.gz"
CLEANING = ("clean", "split", "boilerplate", "metadata", "language", "dedup")
KILL_MARK, RAISE_MARK = "Quillfeather", "Brackenmoor"

INVENTED = [
    (
        "Shelling hits Korvany as talks stall",
        "Artillery shells struck the river town of Korvany in eastern Ukraine on Tuesday, killing four civilians "
        'and wounding 11, regional governor Pavlo Kyrylenko said. "The strikes hit a school and a market," '
        "Kyrylenko told reporters. Russian forces have shelled the town daily for two weeks, according to the "
        "Ukrainian military. Talks on a local ceasefire stalled in Geneva on Monday, a United Nations official said, "
        "and no new round has been set. The Red Cross said about 2,000 people remain in the town without power.",
    ),
    (
        "Port strike halts grain exports",
        "Dock workers at the port of Odesa walked off the job on Wednesday, halting grain exports for the second "
        'time this month. The union said 3,500 members joined the strike over unpaid wages. "We will not load a '
        'single ship until we are paid," union leader Marta Hordiyenko said. The agriculture ministry said the '
        "stoppage could delay 400,000 tonnes of wheat bound for Egypt and Tunisia. Shipping agents said nine "
        "vessels were waiting at anchor outside the harbour, and insurers warned that rates could rise again.",
    ),
    (
        "Central bank holds rates, warns on inflation",
        "The National Bank of Ukraine kept its key rate at 25 percent on Thursday and warned that inflation could "
        "rise to 12 percent by the end of the year. Governor Andriy Pyshnyy said the bank was ready to act if "
        'prices kept climbing. "We see risks on the side of higher inflation," Pyshnyy told a news conference '
        "in Kyiv. Analysts polled by Reuters had expected no change. The hryvnia weakened 0.4 percent against "
        "the dollar after the decision, traders said, while bond yields were little changed.",
    ),
    (
        "Floods force thousands from homes in Zakarpattia",
        "Heavy rain flooded dozens of villages in the western region of Zakarpattia on Friday, forcing about "
        "6,000 people from their homes, the emergency service said. Two people drowned near the town of Khust, "
        'police said. "The water rose faster than anyone expected," said local mayor Ivan Sabov. Rescuers used '
        "boats to reach families trapped on roofs, and the government promised 50 million hryvnias in aid. "
        "Forecasters said more rain was expected over the weekend in the Carpathian mountains.",
    ),
]
#: The menu and the promotions every page of one site prints around its article; the promotions are short and
#: sentence-shaped, so only the site's other pages tell they are not the article's.
MENU = ["Valleyside Post", "News", "Sport", "Weather"]
PROMOS = ["Our reporters live in the towns they cover.", "Tips? Write to the newsroom."]


def write_corpus(folder: Path, reuters: int) -> Path:
    """Seeds, invented articles, an exact and a near duplicate, five pages of one site, and `reuters` Reuters-21578
    articles of at least 150 words (when the dataset is here), as files in `folder`."""
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    for number, (title, body) in enumerate(INVENTED):
        (folder / f"invented-{number}.txt").write_text(f"title: {title}\n\n{body}\n", encoding="utf-8")
    first_title, first_body = INVENTED[0]
    (folder / "invented-0-copy.txt").write_text(f"title: {first_title}\n\n{first_body}\n", encoding="utf-8")
    near = first_body.replace("four civilians", "five civilians").replace("on Tuesday", "late on Tuesday")
    (folder / "invented-0-near.txt").write_text(f"title: {first_title}\n\n{near}\n", encoding="utf-8")
    for number, (title, body) in enumerate(INVENTED + INVENTED[:1]):
        body += f" The Valleyside Post filed this report from its bureau number {number}."
        page = "\n".join([*MENU, title, body, *PROMOS])
        url = f"url: https://valleyside-post.example/news/{number}\n"
        (folder / f"site-page-{number}.txt").write_text(url + page + "\n", encoding="utf-8")
    if reuters and REUTERS.exists():
        lines = []
        with gzip.open(REUTERS, "rt", encoding="utf-8") as records:
            for line in records:
                if len((json.loads(line).get("body") or "").split()) >= 150:
                    lines.append(line)
                if len(lines) == reuters:
                    break
        (folder / "reuters.jsonl").write_text("".join(lines), encoding="utf-8")
    return folder


def exported(settings: Settings, paths: list[Path]) -> str:
    """Ingest `paths` into the settings' database and the database as `newsint export` writes it."""
    with Store.open(settings.db_path) as store:
        ingest([str(p) for p in paths], settings, store)
        return export_of(store)


def export_of(store: Store) -> str:
    out = io.StringIO()
    write_json(store, out)
    return out.getvalue()


def settings_for(tmp_path: Path, name: str, workers: int, **overrides: object) -> Settings:
    return load_settings(None, db=str(tmp_path / f"{name}.db"), workers=workers, **overrides)


def test_two_workers_store_what_one_process_stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default profile, whose parse gives entities their roles: the hardest case for the corpus stages."""
    monkeypatch.delenv("NEWSINT_DB", raising=False)
    corpus = write_corpus(tmp_path / "corpus", reuters=24)
    one = exported(settings_for(tmp_path, "one", 1), [corpus])
    assert exported(settings_for(tmp_path, "two", 2), [corpus]) == one
    documents = json.loads(one)["documents"]
    # The corpus exercises every stage that depends on the order of arrival.
    assert any(d["duplicate_of"] for d in documents)
    assert any(r["reason"] == "site chrome" for d in documents for r in d["removed"])
    assert len({d["story"] for d in documents}) < len(documents)
    assert sum(len(d["claims"]) for d in documents) >= 20


def trouble_file(corpus: Path) -> Path:
    """What TroubleStage does in a worker, beside the corpus: "kill-once", "kill-always" or "none", and the writer's
    process id (the one process it never kills). A file, not the environment: the workers are forked from a server
    process that keeps the environment it started with, and Ray's actors are no children of the writer at all."""
    return corpus.parent / "trouble"


def set_trouble(corpus: Path, mode: str) -> None:
    trouble_file(corpus).write_text(f"{mode} {os.getpid()}", encoding="utf-8")


@pytest.fixture
def local_ray(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A Ray on this machine with 2 CPUs, as `ray.init(num_cpus=2)`; the test is skipped without Ray. Its actors
    are no children of this process: they find this module (TroubleStage) on the path it is given."""
    ray = pytest.importorskip("ray")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(sys.path))
    ray.init(num_cpus=2, logging_level=logging.ERROR, log_to_driver=False, include_dashboard=False)
    yield
    ray.shutdown()


@pytest.mark.slow
def test_ray_actors_store_what_one_process_stores(
    local_ray: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seeds, invented articles, duplicates and one site's pages (no Reuters: Ray's start is the slow part), in
    the default profile."""
    monkeypatch.delenv("NEWSINT_DB", raising=False)
    corpus = write_corpus(tmp_path / "corpus", reuters=0)
    one = exported(settings_for(tmp_path, "one", 1), [corpus])
    assert exported(settings_for(tmp_path, "ray", 0, engine="ray"), [corpus]) == one


@stage("trouble-for-test", requires=("text",), assigns=())
class TroubleStage(StageBase):
    """Raises on an article naming RAISE_MARK; in a worker process, kills its process on one naming KILL_MARK
    (as the kernel's out-of-memory killer would), as its `trouble_file` says."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        pass

    def __call__(self, article: Article) -> Article:
        if RAISE_MARK in article.text:
            raise ValueError(f"{RAISE_MARK} is not welcome here")
        trouble = trouble_file(Path(article.provenance.input_path).parent)
        if KILL_MARK in article.text and trouble.exists():
            mode, writer = trouble.read_text(encoding="utf-8").split()
            if mode in ("kill-once", "kill-always") and os.getpid() != int(writer):
                if mode == "kill-once":
                    trouble.write_text(f"killed {writer}", encoding="utf-8")
                os.kill(os.getpid(), signal.SIGKILL)
        return article


#: The cleaning stages, a model and the troublemaker beside it, so that it runs in the workers.
TROUBLED = (*CLEANING, "embed", "trouble-for-test")


def small_corpus(folder: Path) -> Path:
    """Twelve short articles, one that makes a stage raise and one that makes its worker die."""
    folder.mkdir()
    topics = ["harbour", "election", "drought", "railway", "vaccine", "bridge", "strike", "budget"]
    for number in range(12):
        topic = topics[number % len(topics)]
        text = f"The {topic} story number {number} was told by the city council on Monday. " * 3
        text += RAISE_MARK if number == 4 else KILL_MARK if number == 7 else ""
        (folder / f"{number:02}.txt").write_text(f"title: The {topic} report {number}\n\n{text}\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def troubled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The small corpus and its export by one process (no worker to kill)."""
    folder = tmp_path_factory.mktemp("troubled")
    corpus = small_corpus(folder / "corpus")
    return corpus, exported(settings_for(folder, "one", 1, stages=TROUBLED), [corpus])


def test_a_stage_that_raises_skips_its_article_and_a_killed_worker_s_articles_go_to_a_fresh_one(
    troubled: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, one = troubled
    set_trouble(corpus, "kill-once")
    with Store.open(tmp_path / "two.db") as store:
        report = ingest([str(corpus)], settings_for(tmp_path, "two", 2, stages=TROUBLED, batch_size=2), store)
        assert export_of(store) == one
    assert trouble_file(corpus).read_text(encoding="utf-8").startswith("killed")  # a worker did die
    [skipped] = report.skipped
    assert skipped.path.endswith("04.txt")
    assert f"stage 'trouble-for-test' failed: ValueError: {RAISE_MARK} is not welcome here" in str(skipped)
    assert report.new == 11


def test_a_worker_that_dies_every_time_stops_the_ingest_and_a_rerun_completes_it(
    troubled: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, one = troubled
    settings = settings_for(tmp_path, "two", 2, stages=TROUBLED, batch_size=2)
    set_trouble(corpus, "kill-always")
    with Store.open(settings.db_path) as store:
        with pytest.raises(WorkerLost, match=r"died 2 times while .*07\.txt.* under way.*run the same command again"):
            ingest([str(corpus)], settings, store)
        stored = list(store.articles())
    # Only whole articles were stored: each with its embedding, none from the batch of the one that kills.
    assert 0 < len(stored) < 11 and all(a.embedding for a in stored)
    assert not any(KILL_MARK in a.text for a in stored)
    set_trouble(corpus, "none")
    assert exported(settings, [corpus]) == one


@pytest.mark.slow
def test_a_killed_ray_actor_s_articles_go_again_to_its_restart(
    local_ray: None, troubled: tuple[Path, str], tmp_path: Path
) -> None:
    corpus, one = troubled
    set_trouble(corpus, "kill-once")
    assert exported(settings_for(tmp_path, "ray", 2, engine="ray", stages=TROUBLED, batch_size=2), [corpus]) == one
    assert trouble_file(corpus).read_text(encoding="utf-8").startswith("killed")  # an actor did die


@stage("peeks-for-test", requires=("text",), assigns=())
class PeekingStage(StageBase):
    """A per-document stage that (wrongly) reads the store."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.store = context.store

    def setup(self) -> None:
        assert self.store is not None
        list(self.store.fingerprints())


def test_a_per_document_stage_that_reads_the_store_fails_in_a_worker(settings: Settings) -> None:
    infos = [builtin_stage(name) for name in ("clean", "peeks-for-test")]
    pipeline = Pipeline.for_worker(settings, infos)
    with pytest.raises(ConfigError, match="stage 'peeks-for-test' read the store .*corpus=True"):
        pipeline.process(make_article("Some words here."))


def test_corpus_stages_stay_in_the_writer_and_the_models_go_to_the_workers(settings: Settings) -> None:
    pipeline = Pipeline.build(settings)
    placed = [(s.parallel, pipeline.names[s.start : s.end]) for s in pipeline.segments]
    assert placed == [
        (False, ["clean", "split", "boilerplate", "metadata", "language", "dedup"]),
        (True, ["embed", "nlp"]),
        (False, ["entities", "places"]),
        (True, ["times", "claims", "figures", "events"]),
        (False, ["stories"]),
    ]
    assert all(info.corpus for info in pipeline.infos if info.name in ("dedup", "entities", "places", "stories"))


def test_workers_default_to_the_usable_cores(tmp_path: Path) -> None:
    assert settings_for(tmp_path, "any", 0).worker_count == len(os.sched_getaffinity(0))
    assert settings_for(tmp_path, "any", 3).worker_count == 3
    with pytest.raises(ConfigError, match="workers"):
        settings_for(tmp_path, "any", -1)
