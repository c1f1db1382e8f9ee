"""A thousand hostile files beside good ones through `newsint ingest`: no crash, every file stored or named with a
reason, the good ones stored, memory within the budget, nothing printed raw (tests/hostile_corpus.py)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsint.ingest.sources import display_name
from newsint.store import Store
from tests.hostile_corpus import write_corpus

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[1]
BUDGET_MB = 1536  # the default budget on the default profile
RAW_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]")


@pytest.mark.long
def test_a_thousand_hostile_files_never_crash_and_each_is_accounted_for(tmp_path: Path) -> None:
    kinds = write_corpus(tmp_path / "inbox", 1000, seed=27)
    db = tmp_path / "hostile.db"
    command = [sys.executable, "-m", "newsint.cli", "ingest", str(tmp_path / "inbox"), "--db", str(db)]
    env = {**os.environ, "NEWSINT_BATCH_SIZE": "50"}
    with open(tmp_path / "out.txt", "w+b") as out, open(tmp_path / "err.txt", "w+b") as err:
        child = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err, env=env)
        peak_mb = 0.0
        while child.poll() is None:
            peak_mb = max(peak_mb, _high_water_mb(child.pid))
            time.sleep(0.1)
        out.seek(0), err.seek(0)
        done = subprocess.CompletedProcess(command, child.returncode, out.read().decode(), err.read().decode())
    assert done.returncode in (0, 3), done.stderr[-3000:]
    assert "Traceback" not in done.stderr and not RAW_CONTROL.search(done.stdout + done.stderr)
    assert peak_mb < BUDGET_MB, f"peak RSS {peak_mb:.0f} MB"
    assert peak_mb > 100 or not Path("/proc/self/status").exists()  # it was measured
    with Store.open(db) as store:
        seen = {row[0] for row in store.db.execute("SELECT input_path FROM sightings")}
        named = {row[0]: row[1] for row in store.db.execute("SELECT path, reason FROM errors")}
        read = {row[0] for row in store.db.execute("SELECT sha256 FROM inputs")}
    missing = {
        display_name(path) for path in kinds
        if not any(display_name(path) == s or s.startswith(display_name(path) + ":") for s in seen)
        and display_name(path) not in named
        and _sha256(path) not in read  # the same bytes under another name: read once, as the run reports
    }  # fmt: skip
    assert not missing, sorted(missing)[:10]
    assert all(reason.strip() for reason in named.values())
    good = {display_name(path) for path, kind in kinds.items() if kind == "good"}
    assert good <= seen, sorted(good - seen)[:5]


def _high_water_mb(pid: int) -> float:
    """The process's peak resident memory so far (VmHWM), in MB. Read from /proc rather than from wait4's
    ru_maxrss, which counts the pages of the forking parent (this test session, models loaded) before exec."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
    return int(found[1]) / 1024 if found else 0.0


def _sha256(path: str) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_an_input_of_fewer_real_words_than_min_words_is_skipped_with_why(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "noise.txt").write_bytes(b"x7 ?? 4")
    (inbox / "two.txt").write_text("Shelling overnight.\n")
    (inbox / "fine.txt").write_text("title: Fine\n\nShelling hit the port of Kherson overnight, officials said.\n")
    db = tmp_path / "words.db"
    done = subprocess.run([sys.executable, "-m", "newsint.cli", "ingest", str(inbox), "--db", str(db)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 3
    with Store.open(db) as store:
        assert [a.title for a in store.articles()] == ["Fine"]
        reasons = dict(store.db.execute("SELECT path, reason FROM errors"))
    assert "fewer than min_words (3)" in reasons[str(inbox / "two.txt")]
    assert str(inbox / "noise.txt") in reasons
