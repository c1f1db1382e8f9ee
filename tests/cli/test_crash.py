"""A bug ends a run with exit 1 and one line naming the file that holds its traceback; the stored work is kept."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from newsint.store import Store


def test_a_bug_exits_1_with_its_traceback_in_a_file_and_the_stored_work_kept(tmp_path: Path) -> None:
    """A bug in the middle of a run (here a stage that raises outside the pipeline's per-document guard) exits 1
    with one line naming the log file; the batches written before it are kept."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"{n}.txt").write_text(f"title: Report {n}\n\nShelling hit the port of Kherson on day {n}.\n")
    script = (
        "import sys, newsint.batch as b\n"
        "real = b.read_input\n"
        "def broken(raw, settings):\n"
        "    if raw.name.endswith('2.txt'):\n"
        "        raise RuntimeError('a bug')\n"
        "    yield from real(raw, settings)\n"
        "b.read_input = broken\n"
        "from newsint.cli import main\n"
        "sys.argv = ['newsint', 'ingest', sys.argv[1], '--db', sys.argv[2]]\n"
        "main()\n"
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_STATE_HOME": str(tmp_path / "state"),
           "NEWSINT_BATCH_SIZE": "1"}  # fmt: skip
    db = tmp_path / "crash.db"
    done = subprocess.run([sys.executable, "-c", script, str(corpus), str(db)], env=env, capture_output=True,
                          text=True, timeout=300)  # fmt: skip
    assert done.returncode == 1, done.stderr
    (line,) = [line for line in done.stderr.splitlines() if "hit a bug" in line]  # not a progress line
    log = Path(line.rsplit("Traceback: ", 1)[1])
    assert log.is_file() and "RuntimeError: a bug" in log.read_text(encoding="utf-8")
    assert "Traceback" not in done.stderr.replace("Traceback: ", "")  # one line, not a dump
    with Store.open(db) as store:
        assert sorted(a.title or "" for a in store.articles()) == ["Report 0", "Report 1"]
