"""Ingest on several cores: Reuters-21578 articles through the whole pipeline, each profile on 1 and 2 workers.

The first `--limit` Reuters-21578 articles of at least 150 words go, as one JSONL file, through `ingest` into a
fresh database, in the default and the fast profile, with `workers` 1 and 2, and with `engine` ray (2 actors on a
Ray started by the ingest) when Ray is installed: each scenario in its own process.
Reported per scenario: the whole ingest's seconds (model loading, and starting the workers, included); the steady
rate, articles/s and words/s between the first and the last batch written (batches of 25), which leaves the
loading out; the speed-up of 2 workers over 1 (steady rates); the peak RSS of the process tree (the writer, the
workers and the process they are forked from) and its CPU seconds an article (loading included) with the writer's
share of them, sampled every 0.2 s with psutil when it is installed, else from /proc. Then the store alone: the
default profile's articles written again into a fresh database, the writer's limit when the stages cost nothing;
and the bytes an article sends to the workers and back (pickled parcels, the parse as `Doc.to_bytes`).
The reference is the bare spaCy tokeniser of the core pipeline over the same texts, in this process: the
pipeline's cost in tokenisations. The machine may be shared: run it twice before trusting a difference, and
read the CPU seconds an article, which other people's processes do not change, beside the rates, which they do.

    python bench/scale.py [--limit 1000] [--datasets ../shared/datasets]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import pickle
import subprocess
import sys
import tempfile
import threading
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATCH = 25
PROFILES = ("default", "fast")
#: (engine, workers) of each scenario of a profile; Ray's when it is installed (`pip install 'newsint[ray]'`).
ENGINES = [("local", 1), ("local", 2)] + [("ray", 2)] * bool(importlib.util.find_spec("ray"))


def select_reuters(datasets: Path, limit: int, out: Path) -> list[str]:
    """The first `limit` Reuters-21578 records of at least 150 words, written to `out`; their bodies."""
    bodies, lines = [], []
    with gzip.open(datasets / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as handle:
        for line in handle:
            body = json.loads(line).get("body") or ""
            if len(body.split()) >= 150:
                bodies.append(body)
                lines.append(line)
                if len(bodies) == limit:
                    break
    out.write_text("".join(lines), encoding="utf-8")
    return bodies


def _tree(pid: int) -> dict[int, tuple[int, float]]:
    """(resident bytes, CPU seconds so far) of process `pid` and of each of its descendants."""
    try:
        import psutil
    except ImportError:
        return _proc_tree(pid)
    root = psutil.Process(pid)
    found = {}
    for process in [root, *root.children(recursive=True)]:
        try:
            with process.oneshot():
                times = process.cpu_times()
                found[process.pid] = (process.memory_info().rss, times.user + times.system)
        except psutil.Error:
            continue
    return found


def _proc_tree(pid: int) -> dict[int, tuple[int, float]]:
    children: dict[int, list[int]] = {}
    usage: dict[int, tuple[int, float]] = {}
    page, tick = os.sysconf("SC_PAGE_SIZE"), os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            pages = int((entry / "statm").read_text().split()[1])
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry.name))
        usage[int(entry.name)] = (pages * page, (int(stat[11]) + int(stat[12])) / tick)
    found, todo = {}, [pid]
    while todo:
        current = todo.pop()
        if current in usage:
            found[current] = usage[current]
        todo.extend(children.get(current, []))
    return found


def _scenario(profile: str, engine: str, workers: int, workdir: Path) -> dict[str, float]:
    """Runs in the child process: one ingest, timed and its tree's memory sampled."""
    from newsint.batch import IngestReport, ingest
    from newsint.settings import load_settings
    from newsint.store import Store

    peak = [0]
    cpu: dict[int, float] = {}  # the last CPU seconds seen of each process of the tree
    running = threading.Event()
    running.set()

    def sample() -> None:
        while running.is_set():
            tree = _tree(os.getpid())
            peak[0] = max(peak[0], sum(rss for rss, _ in tree.values()))
            cpu.update((pid, seconds) for pid, (_, seconds) in tree.items())
            time.sleep(0.2)

    written: list[tuple[float, int]] = []

    def progress(report: IngestReport, name: str) -> None:
        stored = report.new + report.duplicates
        if not written or written[-1][1] != stored:
            written.append((time.perf_counter(), stored))

    db = workdir / f"{profile}-{engine}-{workers}.db"
    settings = load_settings(None, db=str(db), nlp_profile=profile, engine=engine, workers=workers, batch_size=BATCH)
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    with Store.open(settings.db_path) as store:
        start = time.perf_counter()
        report = ingest([str(workdir / "reuters.jsonl")], settings, store, progress=progress)
        seconds = time.perf_counter() - start
    running.clear()
    sampler.join()
    writer_cpu = time.process_time()
    (first_time, first_count), (last_time, last_count) = written[0], written[-1]
    return {
        "articles": report.new + report.duplicates,
        "skipped": len(report.skipped),
        "seconds": seconds,
        "steady_articles": last_count - first_count,
        "steady_seconds": last_time - first_time,
        "peak_rss_mb": peak[0] / 2**20,
        "cpu_seconds": writer_cpu + sum(seconds for pid, seconds in cpu.items() if pid != os.getpid()),
        "writer_cpu_seconds": writer_cpu,
    }


def _store_alone(workdir: Path) -> dict[str, float]:
    """Runs in a child process: the default profile's analysed articles, read back from its database, written
    again into a fresh one in batches of 200 (`Store.write_batch`, with the corpus rules): the store's own limit."""
    from newsint.batch import RULES, pipeline_signature
    from newsint.pipeline import stage_versions
    from newsint.settings import load_settings
    from newsint.store import Store

    settings = load_settings(None, db=str(workdir / "store-alone.db"))
    with Store.open(workdir / "default-local-1.db") as stored:
        articles = list(stored.articles())
    with Store.open(settings.db_path) as store:
        run_id = store.start_run("bench store alone")
        signature, versions = pipeline_signature(settings), stage_versions(settings)
        start = time.perf_counter()
        for first in range(0, len(articles), 200):
            batch = articles[first : first + 200]
            store.write_batch(batch, [], [], run_id, signature, rules=RULES, versions=versions)
        seconds = time.perf_counter() - start
    return {"articles": len(articles), "seconds": seconds}


def _parcels(workdir: Path) -> dict[str, float]:
    """Runs in a child process: the bytes one article sends to the workers and back, pickled as they travel
    (`parallel.pack`), over the first 30 articles in the default profile, by segment of the pipeline."""
    from newsint.ingest import read_input
    from newsint.ingest.sources import RawInput
    from newsint.model import Article
    from newsint.parallel import pack, run_segment, unpack
    from newsint.pipeline import Pipeline
    from newsint.settings import load_settings

    settings = load_settings(None, db=str(workdir / "parcels.db"))
    pipeline = Pipeline.build(settings)
    data = (workdir / "reuters.jsonl").read_bytes()
    records = [a for a in read_input(RawInput("reuters.jsonl", data, ""), settings) if isinstance(a, Article)][:30]
    sent = {"out": 0, "back": 0}
    for record in records:
        articles = [record]
        for index, segment in enumerate(pipeline.segments):
            if not segment.parallel:
                articles = pipeline.run(articles, segment)
                continue
            parcel = pack(articles, keep_analysis=True)
            reply = run_segment(pipeline, settings.nlp_profile, index, parcel)
            sent["out"] += len(pickle.dumps(parcel))
            sent["back"] += len(pickle.dumps(reply))
            assert reply[0] is not None, reply[1]
            articles = unpack(reply[0], settings.nlp_profile)
    return {"articles": len(records), "text_bytes": sum(len(r.raw.encode()) for r in records), **sent}


def _tokenisation(bodies: list[str]) -> float:
    """Seconds for the core pipeline's bare tokeniser over `bodies`, the best of three passes."""
    from newsint.nlp.core import load_core

    tokenizer = load_core("default").tokenizer
    return min(timeit.repeat(lambda: [tokenizer(body) for body in bodies], number=1, repeat=3))


def _run(profile: str, engine: str, workers: int, workdir: Path) -> dict[str, float]:
    """A scenario in its own process; profile "store" is the store alone (`_store_alone`)."""
    command = [sys.executable, __file__, "--child", profile, engine, str(workers), "--workdir", str(workdir)]
    output = subprocess.run(command, check=True, stdout=subprocess.PIPE, cwd=ROOT).stdout
    return dict(json.loads(output))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=1000, help="Reuters-21578 articles of at least 150 words")
    parser.add_argument("--datasets", type=Path, default=ROOT.parent / "shared" / "datasets")
    parser.add_argument("--child", nargs=3, metavar=("PROFILE", "ENGINE", "WORKERS"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        profile, engine, workers = args.child
        special = {"store": _store_alone, "parcels": _parcels}.get(profile)
        print(json.dumps(special(args.workdir) if special else _scenario(profile, engine, int(workers), args.workdir)))
        return
    with tempfile.TemporaryDirectory(prefix="newsint-scale-") as folder:
        workdir = Path(folder)
        bodies = select_reuters(args.datasets, args.limit, workdir / "reuters.jsonl")
        words = sum(len(body.split()) for body in bodies)
        tokenise = _tokenisation(bodies)
        print(f"{len(bodies)} Reuters-21578 articles of >= 150 words, {words:,} words; {os.cpu_count()} cores")
        print(f"bare spaCy tokenisation: {len(bodies) / tokenise:,.0f} articles/s ({tokenise:.2f} s)\n")
        print(
            "| profile | engine | workers | seconds (all) | articles/s (steady) | words/s (steady) | speed-up "
            "| peak RSS (tree) | CPU s/article (tree) | writer's CPU share | cost (tokenisations) |"
        )
        print("|---|---|---|---|---|---|---|---|---|---|---|")
        for profile in PROFILES:
            rates = {}
            for engine, workers in ENGINES:
                result = _run(profile, engine, workers, workdir)
                rate = result["steady_articles"] / result["steady_seconds"]
                rates[engine, workers] = rate
                cost = (len(bodies) / rate) / tokenise
                words_per_second = rate * words / len(bodies)
                print(
                    f"| {profile} | {engine} | {workers} | {result['seconds']:.1f} | {rate:.2f} "
                    f"| {words_per_second:,.0f} | {rate / rates['local', 1]:.2f}x | {result['peak_rss_mb']:,.0f} MB "
                    f"| {result['cpu_seconds'] / result['articles']:.3f} "
                    f"| {result['writer_cpu_seconds'] / result['cpu_seconds']:.0%} | {cost:,.0f} |",
                    flush=True,
                )
        sizes = _run("parcels", "local", 1, workdir)
        out, back, text = (sizes[key] / sizes["articles"] / 1024 for key in ("out", "back", "text_bytes"))
        print(f"\nan article travels {out:.1f} KB to the workers and {back:.1f} KB back ({text:.1f} KB of text)")
        alone = _run("store", "local", 1, workdir)
        print(
            f"\nthe store alone (write_batch, batches of 200): {alone['articles'] / alone['seconds']:,.0f} articles/s"
        )


if __name__ == "__main__":
    main()
