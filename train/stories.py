"""Choose the story join threshold and the weight of shared names on the ECB+ train topics.

Every train document goes through the pipeline up to `embed` once (as `newsint eval stories` does); the
documents are then assigned in file order for each point of the grid and scored by B-cubed F1 over
documents. The dev split is never read. Prints the grid and the best point; `newsint/stories/cluster.py`
holds the chosen values.

Usage (from the repo root): python -m train.stories [--data ../shared/datasets/ecbplus/train]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsint.evaluation.stories import bcubed, cluster, read_documents, story_keys_of
from newsint.settings import load_settings

THRESHOLDS = tuple(round(0.62 + 0.02 * i, 2) for i in range(9))  # 0.62 .. 0.78
NAME_WEIGHTS = (0.2, 0.3, 0.4, 0.5, 0.6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/ecbplus/train"))
    args = parser.parse_args()
    started = time.time()
    documents = list(read_documents(args.data))
    gold = {d.name: d.sub_topic for d in documents}
    keys = story_keys_of(documents, load_settings(None))
    print(f"{len(documents)} documents embedded in {time.time() - started:.0f} s", flush=True)
    grid = {
        (threshold, weight): bcubed(cluster(documents, keys, threshold, weight), gold)["bcubed_f1"]
        for weight in NAME_WEIGHTS
        for threshold in THRESHOLDS
    }
    print("name weight \\ threshold " + " ".join(f"{t:.2f}" for t in THRESHOLDS))
    for weight in NAME_WEIGHTS:
        print(f"{weight:<24}" + " ".join(f"{grid[t, weight]:.3f}" for t in THRESHOLDS))
    best = max(grid, key=lambda point: grid[point])
    print(f"best: threshold {best[0]}, name weight {best[1]}: B3 F1 {grid[best]:.4f}")


if __name__ == "__main__":
    main()
