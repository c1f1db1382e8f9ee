"""Where an article's time goes: each stage of the whole pipeline timed on its own, in one process, one core.

The first --limit Reuters-21578 articles of at least 150 words are read as one JSONL file and run through every
stage of each profile one article at a time, after five articles that load the models and are not counted; a
stage's time is the wall time of its `pipe` call. `--profile-stage NAME` also prints the cProfile of that stage
(cumulative, top 30), to find the waste inside one. Rates differ from `bench/scale.py`, which adds the store,
the workers and the transfer; read this for the shares, that for the throughput.

    python bench/stages.py [--limit 105] [--profiles default fast] [--profile-stage claims]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsint.ingest import iter_raw_inputs, read_input  # noqa: E402
from newsint.model import Article  # noqa: E402
from newsint.pipeline import Pipeline  # noqa: E402
from newsint.settings import load_settings  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale import select_reuters  # noqa: E402  (one reader of the Reuters-21578 sample)

ROOT = Path(__file__).resolve().parents[1]
WARM_UP = 5


def time_stages(path: Path, profile: str, traced: str | None) -> tuple[int, float, Counter[str], pstats.Stats | None]:
    """(articles timed, seconds, seconds per stage, the cProfile of `traced`) for one profile."""
    settings = load_settings(nlp_profile=profile, workers=1)
    pipeline = Pipeline.build(settings)
    articles = [
        item
        for raw in iter_raw_inputs([str(path)], settings)
        for item in read_input(raw, settings)
        if isinstance(item, Article)
    ]
    for article in articles[:WARM_UP]:
        pipeline.process(article)
    spent: Counter[str] = Counter()
    tracer = cProfile.Profile() if traced else None
    started = time.perf_counter()
    for article in articles[WARM_UP:]:
        batch = [article]
        for stage in pipeline.stages:
            begun = time.perf_counter()
            if tracer and stage.name == traced:
                tracer.enable()
            batch = list(stage.pipe(batch))
            if tracer:
                tracer.disable()
            spent[stage.name] += time.perf_counter() - begun
    elapsed = time.perf_counter() - started
    return len(articles) - WARM_UP, elapsed, spent, pstats.Stats(tracer) if tracer else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=105, help="Reuters-21578 articles of at least 150 words")
    parser.add_argument("--profiles", nargs="+", default=["default", "fast"], choices=["default", "fast"])
    parser.add_argument("--profile-stage", help="print the cProfile of this stage too")
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "reuters.jsonl"
        select_reuters(args.datasets, args.limit, path)
        for profile in args.profiles:
            count, elapsed, spent, stats = time_stages(path, profile, args.profile_stage)
            rate = f"{count / elapsed:.2f} articles/s, {1000 * elapsed / count:.1f} ms an article"
            print(f"\n{profile}: {count} articles, {rate}")
            print("| stage | ms an article | share |\n|---|---|---|")
            for name, seconds in spent.most_common():
                print(f"| {name} | {1000 * seconds / count:.1f} | {100 * seconds / elapsed:.1f} % |")
            if stats is not None:
                stats.sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
