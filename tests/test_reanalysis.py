"""Re-analysis in place: after switching profile, the store holds what a fresh ingest with that profile gives,
also when the run was killed half-way and run again; versions say which models made each annotation."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsint.batch import ingest
from newsint.errors import ConfigError
from newsint.export import write_json
from newsint.pipeline import stage_versions
from newsint.reanalysis import reanalyze, rerun_stages
from newsint.settings import Settings, load_settings
from newsint.store import Store
from tests.conftest import SEEDS, needs

pytestmark = [needs(SEEDS), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]


def _exported(db: Path) -> str:
    out = io.StringIO()
    with Store.open(db) as store:
        write_json(store, out)
    return out.getvalue()


def _ingested(db: Path, profile: str) -> Settings:
    settings = load_settings(None, db=str(db), nlp_profile=profile, batch_size=2)
    with Store.open(db) as store:
        ingest([str(SEEDS)], settings, store)
    return settings


@pytest.fixture(scope="module")
def fresh_default(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The export of the seeds ingested with the default profile."""
    db = tmp_path_factory.mktemp("fresh") / "fresh.db"
    _ingested(db, "default")
    return _exported(db)


def test_reanalysis_after_switching_profile_equals_a_fresh_ingest(tmp_path: Path, fresh_default: str) -> None:
    db = tmp_path / "switched.db"
    fast = _ingested(db, "fast")
    before = _exported(db)
    assert before != fresh_default  # the fast profile's entities differ
    with Store.open(db) as store:
        versions = dict(((stage, version), n) for stage, version, n in store.version_counts())
        assert any("ner-fast-v1" in version for (stage, version) in versions if stage == "nlp")
        report = reanalyze(replace(fast, nlp_profile="default"), store)
        assert report.rerun == store.count() and not report.failed
        nlp = {version for stage, version, _ in store.version_counts() if stage == "nlp"}
        assert nlp == {stage_versions(replace(fast, nlp_profile="default"))["nlp"]} and "ner-v1" in next(iter(nlp))
        assert store.unfinished_reanalysis() is None
    assert _exported(db) == fresh_default


def test_a_killed_reanalysis_run_again_gives_the_same(tmp_path: Path, fresh_default: str) -> None:
    db = tmp_path / "killed.db"
    _ingested(db, "fast")
    env = {**os.environ, "NEWSINT_BATCH_SIZE": "1"}
    command = [sys.executable, "-m", "newsint.cli", "reanalyze", "--profile", "default", "--db", str(db)]
    running = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    position = 0
    while time.monotonic() < deadline and running.poll() is None:
        with sqlite3.connect(db, timeout=30) as watch:
            row = watch.execute("SELECT position FROM reanalyses WHERE finished_at IS NULL").fetchone()
        if row and row[0] > 0:
            position = row[0]
            break
        time.sleep(0.05)
    assert running.poll() is None and position, "the run ended before it could be killed"
    running.send_signal(signal.SIGKILL)
    running.wait()
    with Store.open(db) as store:
        job = store.unfinished_reanalysis()
        assert job is not None and job.position >= position
    again = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert _exported(db) == fresh_default


def test_a_stage_reruns_what_follows_it_and_the_parse_it_needs() -> None:
    settings = load_settings(None)
    assert rerun_stages(settings, ()) == ("embed", "nlp", "entities", "places", "times", "claims", "figures",
                                          "events", "stories")  # fmt: skip
    assert rerun_stages(settings, ("claims",)) == ("nlp", "claims", "figures", "events", "stories")
    assert rerun_stages(settings, ("stories",)) == ("stories",)
    with pytest.raises(ConfigError, match="ingest again"):
        rerun_stages(settings, ("boilerplate",))
    with pytest.raises(ConfigError, match="no stage"):
        rerun_stages(settings, ("sentiment",))


def test_since_reruns_only_the_later_articles_and_a_different_job_waits(tmp_path: Path) -> None:
    db = tmp_path / "since.db"
    fast = _ingested(db, "fast")
    with Store.open(db) as store:
        dated = sorted(a.published for a in store.articles() if a.published)
        since = dated[-1]
        later = {a.id for a in store.articles() if a.published and a.published >= since}
        assert 0 < len(later) < store.count()
        report = reanalyze(replace(fast, nlp_profile="default"), store, ("entities",), since)
        assert report.rerun == len(later) and report.restoried == store.count() - len(later)
        by_doc = dict(store.db.execute("SELECT article_id, version FROM article_stages WHERE stage = 'nlp'"))
        assert {doc for doc, version in by_doc.items() if "ner-v1" in version} == later
        assert all(a.story for a in store.articles())  # every article got its story again
        store.db.execute("UPDATE reanalyses SET finished_at = NULL")  # as if the last job had been killed
        with pytest.raises(ConfigError, match="unfinished"):
            reanalyze(fast, store, ("events",), date(2020, 1, 1))
