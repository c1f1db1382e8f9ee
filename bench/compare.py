"""Two versions of newsint side by side in one run: each bench script of each, alternated, on the same machine state.

    git worktree add /tmp/newsint-before <commit>
    python bench/compare.py /tmp/newsint-before [--scripts ingest nlp] [--rounds 2] [-- extra bench args]

Each round runs the older checkout's script, then this checkout's (each with its own package first on
PYTHONPATH and its own bench script, so a changed API on either side does not matter), and prints both
outputs one after the other. The machine is shared and noisy: read differences within about ±10 % as none.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _run(checkout: Path, script: str, extra: list[str]) -> str:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    args = [
        sys.executable,
        str(checkout / "bench" / f"{script}.py"),
        "--datasets",
        str(ROOT.parent / "shared" / "datasets"),
    ]
    done = subprocess.run([*args, *extra], capture_output=True, text=True, env=env, cwd="/tmp")
    if done.returncode:
        raise SystemExit(f"{checkout} bench/{script}.py failed:\n{done.stderr[-3000:]}")
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before", type=Path, help="a checkout of the older version")
    parser.add_argument("--scripts", nargs="+", default=["ingest", "nlp"])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("extra", nargs="*", help="passed to every bench script")
    args = parser.parse_args()
    for script in args.scripts:
        for round_ in range(args.rounds):
            for label, checkout in (("before", args.before.resolve()), ("after", ROOT)):
                output = _run(checkout, script, args.extra)
                print(f"== bench/{script}.py, round {round_ + 1}, {label} ({checkout})\n{output}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
