"""Places and times throughput on one core: gazetteer load, toponym resolution and time tagging.

Resolution runs on the gold toponyms of the LGL corpus (real local news), so the figure is the
resolver's own cost, without the entity model, with each outlet's home ground built up article by article
as the places stage does: by the hand-set rules, and by the rules then the learned ranker (geo/ranker.py),
in the same run; time tagging runs on the same texts. Figures are per 1,000 words, the unit of the issues'
targets (under 20 ms an article after a load under 2 s; the ranker's model loads in under 1 s).

    python bench/places.py [--corpus ../shared/datasets/geoparsing-lgl/lgl.xml]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsint.evaluation.geo import read_geo_corpus  # noqa: E402
from newsint.geo.gazetteer import Gazetteer, default_path  # noqa: E402
from newsint.geo.home import Homes, ground_of  # noqa: E402
from newsint.geo.ranker import Ranker  # noqa: E402
from newsint.geo.resolve import Rerank, Toponym, keep_rules, resolve_toponyms  # noqa: E402
from newsint.temporal import find_times  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO.parent / "shared" / "datasets" / "geoparsing-lgl" / "lgl.xml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    Gazetteer(default_path()).close()  # build once if missing, outside the timing
    started = time.perf_counter()
    gazetteer = Gazetteer(default_path())
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    gazetteer.near_miss("warmup")  # the index of well-known names for slips, read on first use
    fuzzy_load_s = time.perf_counter() - started

    started = time.perf_counter()
    ranker = Ranker.load()
    ranker_load_s = time.perf_counter() - started

    documents = read_geo_corpus(args.corpus)
    words = sum(len(d.text.split()) for d in documents)
    toponyms = [[Toponym(t.start, t.end, d.text[t.start : t.end]) for t in d.toponyms] for d in documents]

    def resolve_all(rerank: Rerank) -> float:
        homes = Homes()
        started = time.perf_counter()
        for document, spans in zip(documents, toponyms, strict=True):
            resolved = resolve_toponyms(document.text, spans, gazetteer, homes.of(document.outlet), rerank)
            homes.add(document.outlet, ground_of(resolved))
        return time.perf_counter() - started

    resolve_s, ranker_s = resolve_all(keep_rules), resolve_all(ranker)
    started = time.perf_counter()
    for document in documents:
        find_times(document.text, date(2009, 6, 1))
    times_s = time.perf_counter() - started

    figures = {
        "corpus": str(args.corpus),
        "documents": len(documents),
        "words": words,
        "toponyms": sum(len(t) for t in toponyms),
        "gazetteer_load_s": round(load_s, 3),
        "slip_index_load_s": round(fuzzy_load_s, 3),
        "ranker_load_s": round(ranker_load_s, 3),
        "resolve_ms_per_1000_words": round(1000 * resolve_s / words * 1000, 2),
        "resolve_documents_per_s": round(len(documents) / resolve_s, 1),
        "ranker_resolve_ms_per_1000_words": round(1000 * ranker_s / words * 1000, 2),
        "ranker_resolve_documents_per_s": round(len(documents) / ranker_s, 1),
        "times_ms_per_1000_words": round(1000 * times_s / words * 1000, 2),
        "times_words_per_s": round(words / times_s),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
