"""Events throughput on one core: the cost of the events stage over articles already through every earlier stage.

Runs on the PolNeAR dev articles (political news). The earlier stages (parse, entities, places, times, claims,
figures) run outside the timing; what is timed is trigger finding, the event model (MiniLM over the candidate
sentences, onnxruntime), participants, places, dates and merging, per 1,000 words and in words/s. No peer tool
codes events offline (GDELT's coder runs as a service), so there is no side-by-side figure.

    python bench/events.py [--split ../shared/datasets/polnear/dev] [--limit 84]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsint.evaluation.attribution import read_split  # noqa: E402
from newsint.model import Article, Provenance  # noqa: E402
from newsint.pipeline import Pipeline, StageContext  # noqa: E402
from newsint.settings import load_settings  # noqa: E402
from newsint.stages.events import EventStage  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = REPO.parent / "shared" / "datasets" / "polnear" / "dev"
EARLIER = ("clean", "language", "nlp", "entities", "places", "times", "claims", "figures")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    settings = replace(load_settings(None), stages=EARLIER)
    raw = [
        Article(raw=d.text, source=d.name, provenance=Provenance(d.name, ""))
        for d in read_split(args.split, args.limit)
    ]
    pipeline = Pipeline.build(settings)
    articles = [done for article in raw for done in pipeline.process(article)]
    words = sum(len(a.text.split()) for a in articles)
    started = time.perf_counter()
    stage = EventStage(settings, StageContext())
    stage.setup()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    for article in articles:
        stage(article)
    events_s = time.perf_counter() - started
    figures = {
        "split": str(args.split),
        "documents": len(articles),
        "words": words,
        "events": sum(len(a.events) for a in articles),
        "evidence_sentences": sum(len(e.evidence) for a in articles for e in a.events),
        "event_model_load_s": round(load_s, 3),
        "events_ms_per_1000_words": round(1000 * events_s / words * 1000, 2),
        "events_words_per_s": round(words / events_s),
        "documents_per_s": round(len(articles) / events_s, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
