"""Peak memory and time of `newsint ingest` on inputs of pathological shape (issue #27).

Each shape is written to a temporary directory and ingested by `newsint ingest FILE --db TMP.db` in
its own process, so its peak RSS (os.wait4) is its own; a run is killed when it passes the time or
memory limit, and reported as such.
  ordinary        one short news article: the floor every run pays (imports, models)
  many-lines      2,000,000 lines of "a" (4 MB)
  fewer-lines     500,000 lines of "a" (1 MB)
  one-sentence    one sentence printed over and over, one a line (19 MB)
  single-line     10 MB of words on one line, with no sentence end
  html-paragraphs <p>para</p> 50,000 times (550 KB of HTML)

    python bench/shapes.py [--scale 0.1] [--timeout 120] [--max-rss-mb 4096] [--only many-lines,...]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWSINT = ROOT / ".venv" / "bin" / "newsint"
SENTENCE = "The committee said on Tuesday that the bridge over the river would reopen next spring. "
ORDINARY = (
    "Bridge to reopen in spring\n\n"
    "KYIV (Reuters) - The city council said on Tuesday that the Podilskyi bridge would reopen to traffic "
    "next spring, two years after a strike damaged its eastern span.\n\n"
    '"The repairs are on schedule," the mayor told reporters, adding that the cost had risen to 1.2 billion '
    "hryvnias.\n"
)


def _ordinary(scale: float) -> str:
    return ORDINARY


def _lines(count: int) -> Callable[[float], str]:
    return lambda scale: "a\n" * int(count * scale)


def _one_sentence(scale: float) -> str:
    return (SENTENCE.strip() + "\n") * int(19e6 * scale / len(SENTENCE))


def _single_line(scale: float) -> str:
    words = "the committee said the bridge over the river would reopen next spring "
    return words * int(10e6 * scale / len(words))


def _html_paragraphs(scale: float) -> str:
    return "<html><body>" + "<p>para</p>" * int(50_000 * scale) + "</body></html>"


SHAPES: dict[str, tuple[str, Callable[[float], str]]] = {
    "ordinary": ("txt", _ordinary),
    "many-lines": ("txt", _lines(2_000_000)),
    "fewer-lines": ("txt", _lines(500_000)),
    "one-sentence": ("txt", _one_sentence),
    "single-line": ("txt", _single_line),
    "html-paragraphs": ("html", _html_paragraphs),
}


def _rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def run_shape(path: Path, db: Path, timeout: float, max_rss_mb: float) -> tuple[float, float, str]:
    """(seconds, peak RSS in MB, outcome) of one `newsint ingest` run; the outcome says how it ended."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(NEWSINT), "ingest", str(path), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    outcome = ""
    while True:
        # wait4 reaps the child and reads its own peak RSS; WNOHANG lets the limits be checked meanwhile.
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() - start > timeout:
            outcome = f"killed at {timeout:.0f} s"
        elif _rss_mb(process.pid) > max_rss_mb:
            outcome = f"killed at {max_rss_mb:.0f} MB"
        if outcome:
            os.killpg(process.pid, signal.SIGKILL)
            _, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.1)
    seconds = time.perf_counter() - start
    if not outcome:
        code = os.waitstatus_to_exitcode(status)
        # newsint exits 3 when it skipped an input, with the reason on stderr.
        outcome = {0: "ok", 3: "ok, article skipped"}.get(code, f"exit {code}")
    return seconds, usage.ru_maxrss / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of each shape's size (0.1 for a quick run)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a run is killed")
    parser.add_argument("--max-rss-mb", type=float, default=4096.0, help="RSS at which a run is killed")
    parser.add_argument("--only", default="", help="comma-separated shape names")
    args = parser.parse_args()
    names = [name for name in args.only.split(",") if name] or list(SHAPES)
    if unknown := set(names) - set(SHAPES):
        raise SystemExit(f"unknown shapes: {', '.join(sorted(unknown))}; known: {', '.join(SHAPES)}")
    print(f"{'shape':<17}{'input MB':>9}{'seconds':>9}{'peak RSS MB':>13}  outcome", flush=True)
    with tempfile.TemporaryDirectory(prefix="newsint-shapes-") as tmp:
        for name in names:
            suffix, make = SHAPES[name]
            path = Path(tmp) / f"{name}.{suffix}"
            path.write_text(make(args.scale), encoding="utf-8")
            size = path.stat().st_size / 1e6
            seconds, rss, outcome = run_shape(path, Path(tmp) / f"{name}.db", args.timeout, args.max_rss_mb)
            print(f"{name:<17}{size:>9.2f}{seconds:>9.1f}{rss:>13.0f}  {outcome}", flush=True)
            path.unlink()


if __name__ == "__main__":
    main()
