"""`make fuzz`: many generated hostile inputs (tests/hostile_corpus.py) through `newsint ingest`, in rounds.

Each round writes --per-round files (every class of tests/hostile_corpus.py, a good article every tenth) into a
fresh folder and ingests it into one database in its own process, through the cleaning stages (readers,
cleaning, caps, dedup: where hostile bytes do their harm) unless --pipeline all asks for every stage on the
--profile models (about ten times slower). The round's exit status, peak RSS (os.wait4) and the files neither
stored nor named with a reason are counted. A crash is an exit status other than 0 and 3, or a traceback on
standard error. Prints one JSON object.

    python bench/fuzz.py [--inputs 100000] [--per-round 5000] [--pipeline cleaning|all] [--profile fast] [--seed 0]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from newsint.ingest.sources import display_name  # noqa: E402
from newsint.pipeline import CLEANING_STAGES  # noqa: E402
from tests.hostile_corpus import write_corpus  # noqa: E402


def _round(folder: Path, db: Path, profile: str, stages: tuple[str, ...]) -> tuple[int, float, str, float]:
    """(exit status, peak RSS in MB, standard error, seconds) of one ingest."""
    started = time.monotonic()
    env = {**os.environ, "NEWSINT_STAGES": ",".join(stages)} if stages else dict(os.environ)
    with open(folder.parent / "stderr.txt", "w+b") as errors:
        command = [sys.executable, "-m", "newsint.cli", "ingest", str(folder), "--db", str(db), "--profile", profile]
        child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        text = errors.read().decode("utf-8", "replace")
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024, text, time.monotonic() - started


def _unaccounted(db: Path, kinds: dict[str, str]) -> list[str]:
    with sqlite3.connect(db) as store:
        seen = {row[0] for row in store.execute("SELECT input_path FROM sightings")}
        named = {row[0] for row in store.execute("SELECT path FROM errors")}
        read = {row[0] for row in store.execute("SELECT sha256 FROM inputs")}
    missing = []
    for path in kinds:
        shown = display_name(path)
        if shown in named or shown in seen or any(s.startswith(shown + ":") for s in seen):
            continue
        if hashlib.sha256(Path(path).read_bytes()).hexdigest() not in read:
            missing.append(shown)
    return missing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--per-round", type=int, default=5_000)
    parser.add_argument("--pipeline", choices=("cleaning", "all"), default="cleaning")
    parser.add_argument("--profile", default="fast")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    totals = {"inputs": 0, "rounds": 0, "crashes": 0, "unaccounted": 0, "peak_rss_mb": 0.0, "seconds": 0.0}
    examples: list[str] = []
    work = Path(tempfile.mkdtemp(prefix="newsint-fuzz-"))
    try:
        for number in range(0, args.inputs, args.per_round):
            count = min(args.per_round, args.inputs - number)
            folder = work / f"round-{number}" / "inbox"
            kinds = write_corpus(folder, count, seed=args.seed + number)
            db = folder.parent / "fuzz.db"
            stages = CLEANING_STAGES if args.pipeline == "cleaning" else ()
            status, peak, errors, seconds = _round(folder, db, args.profile, stages)
            crashed = status not in (0, 3) or "Traceback" in errors
            missing = _unaccounted(db, kinds)
            totals["inputs"] += count
            totals["rounds"] += 1
            totals["crashes"] += int(crashed)
            totals["unaccounted"] += len(missing)
            totals["peak_rss_mb"] = round(max(float(totals["peak_rss_mb"]), peak), 1)
            totals["seconds"] = round(float(totals["seconds"]) + seconds, 1)
            if crashed:
                examples.append(f"round {number}: exit {status}: {errors[-500:]}")
            examples += missing[:3]
            print(f"round {totals['rounds']}: {count} inputs, exit {status}, peak {peak:.0f} MB, "
                  f"{len(missing)} unaccounted, {seconds:.0f} s", file=sys.stderr, flush=True)  # fmt: skip
            shutil.rmtree(folder.parent)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = {**totals, "pipeline": args.pipeline, "profile": args.profile, "examples": examples[:20]}
    print(json.dumps(summary, indent=2))
    if totals["crashes"] or totals["unaccounted"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
