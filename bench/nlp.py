"""NLP throughput on one core: words/s of each profile's spaCy pipeline on real news, and peak memory.

Scenarios, each in its own process pinned to one CPU (sched_setaffinity, one thread for numpy and
onnxruntime), so figures are one-core figures and peak RSS is the scenario's own:
  default   the default profile (tagger, parser, transformer entities) over Reuters-21578 article bodies
  fast      the fast profile (tagger, parser, CNN entities) over the same bodies
  ingest    plain-text files through the whole default pipeline (cleaning, NLP, entities, linking, store)
Timings exclude interpreter start-up, imports and model loading; each takes the best of two passes.

    python bench/nlp.py [--datasets ../shared/datasets] [--articles 400]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def _texts(datasets: Path, count: int) -> list[str]:
    texts = []
    with gzip.open(datasets / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            body = json.loads(line).get("body")
            if body:
                texts.append(body)
            if len(texts) >= count:
                break
    return texts


def _profile(profile: str, texts: list[str]) -> dict[str, float]:
    from newsint.nlp import load_pipeline

    nlp = load_pipeline(profile)
    nlp(texts[0])  # warm-up
    best = float("inf")
    for _ in range(2):
        start = time.perf_counter()
        for text in texts:
            nlp(text)
        best = min(best, time.perf_counter() - start)
    return {"seconds": best, "documents": len(texts), "words": sum(len(t.split()) for t in texts)}


def _ingest(texts: list[str], workdir: Path) -> dict[str, float]:
    from newsint.batch import ingest
    from newsint.nlp import load_pipeline
    from newsint.settings import load_settings
    from newsint.store import Store

    folder = workdir / "text"
    folder.mkdir(exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{i}.txt").write_text(text, encoding="utf-8")
    load_pipeline("default")
    best: dict[str, float] = {}
    for attempt in range(2):
        settings = load_settings(None, db=str(workdir / f"ingest-{attempt}.db"))
        with Store.open(settings.db_path) as store:
            start = time.perf_counter()
            report = ingest([str(folder)], settings, store)
            seconds = time.perf_counter() - start
            words = store.db.execute("SELECT coalesce(sum(words), 0) FROM articles").fetchone()[0]
        if not best or seconds < best["seconds"]:
            best = {"seconds": seconds, "documents": report.read, "words": words}
    return best


def _child(name: str, datasets: Path, articles: int) -> dict[str, float]:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    texts = _texts(datasets, articles)
    if name == "ingest":
        with tempfile.TemporaryDirectory(prefix="newsint-bench-nlp-") as workdir:
            return _ingest(texts, Path(workdir))
    return _profile(name, texts)


def _run(name: str, datasets: Path, articles: int) -> dict[str, float]:
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", name, "--datasets", str(datasets), "--articles", str(articles)],
        stdout=subprocess.PIPE,
        env={**os.environ, **ONE_THREAD},
    )
    assert process.stdout is not None
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"scenario {name} failed")
    result: dict[str, float] = json.loads(output)
    result["peak_rss_mb"] = usage.ru_maxrss / 1024
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--child")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_child(args.child, args.datasets, args.articles)))
        return
    print(f"{'scenario':<10}{'documents':>10}{'words':>9}{'seconds':>9}{'docs/s':>8}{'words/s':>9}{'peak RSS MB':>13}")
    for name in ("default", "fast", "ingest"):
        r = _run(name, args.datasets, args.articles)
        rate, words = r["documents"] / r["seconds"], r["words"] / r["seconds"]
        print(
            f"{name:<10}{r['documents']:>10.0f}{r['words']:>9.0f}{r['seconds']:>9.2f}{rate:>8.1f}{words:>9.0f}"
            f"{r['peak_rss_mb']:>13.0f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
