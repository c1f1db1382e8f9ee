"""Incremental story assignment with 100,000 articles already in stories: the time to place one new article.

The stored state is what the `stories` stage loads from the database (StoryState: summed vectors, name counts,
dates); it is built here directly, 100,000 articles spread over --stories stories (a topic vector plus noise
per story, names drawn from a long-tailed vocabulary), because assigning 100,000 real articles one by one is
the slow path the index exists to avoid. The new articles are real: the PolNeAR dev articles through the
pipeline up to the embedding. Timed on one core: `StoryIndex.assign` per article (mean and 95th percentile),
and separately the embedding of the article (the `embed` stage), since a new article needs both. No peer
tool assigns stories incrementally offline (Event Registry runs as a service), so there is no side-by-side
figure. Run twice over: with --stories stories, and with every stored article its own story (the worst case
for the nearest search).

Then the analysis of one story (issue 29's budget: ≤ 2 s for 50 articles on one core): the first --analysed
PolNeAR dev articles (political news, dense with claims and figures) through the whole default pipeline, then
`analyse_story` over all of them as one story (corroborations, disputes, timeline), best and median of three
runs after one that loads the sentence encoder, in a process that has embedded no statement before: with no
sentence embeddings stored (the story's first analysis), with them stored for every article but the newest (the
story analysed before, by any process, and an article joined since), and for all; and grown by one within one
process (which keeps what it embedded, `vectors.sentence_vector`). Also what making the embeddings costs, in time
and bytes per article.

    python bench/stories.py [--stored 100000] [--stories 20000] [--limit 84] [--analysed 50]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

from newsint.evaluation.attribution import read_split  # noqa: E402
from newsint.model import (  # noqa: E402
    Article,
    Provenance,
    StoryState,  # noqa: E402
)
from newsint.nlp.encoder import DIMENSIONS, load_encoder  # noqa: E402
from newsint.pipeline import Pipeline  # noqa: E402
from newsint.settings import load_settings  # noqa: E402
from newsint.stages.embed import lead  # noqa: E402
from newsint.stories.analysis import analyse_story  # noqa: E402
from newsint.stories.cluster import StoryIndex, story_keys  # noqa: E402
from newsint.stories.vectors import embed_sentences, sentence_vector  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = REPO.parent / "shared" / "datasets" / "polnear" / "dev"
EARLIER = ("clean", "language", "dedup", "nlp", "entities", "places", "embed")


def stored_states(articles: int, stories: int, seed: int = 0) -> list[StoryState]:
    """`stories` synthetic stories holding `articles` articles in all (sizes long-tailed, at least one each)."""
    rng = np.random.default_rng(seed)
    sizes = np.ones(stories, dtype=int)
    extra = rng.zipf(1.6, size=articles - stories)
    np.add.at(sizes, np.minimum(extra, stories) - 1, 1)
    vocabulary = [f"e:name{i}" for i in range(50_000)]
    weights = 1.0 / np.arange(1, len(vocabulary) + 1)
    weights /= weights.sum()
    drawn = rng.choice(len(vocabulary), size=(stories, 8), p=weights)
    states = []
    start = date(2020, 1, 1)
    for index, size in enumerate(sizes):
        topic = rng.normal(size=DIMENSIONS).astype(np.float32)
        vectors = topic + 0.8 * rng.normal(size=(int(size), DIMENSIONS)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        names = Counter({vocabulary[i]: int(size) for i in drawn[index]})
        day = start + timedelta(days=int(rng.integers(0, 1500)))
        states.append(StoryState(f"s{index:011d}", vectors.sum(0), int(size), names, day, day))
    return states


def analysis_seconds(documents: list) -> dict[str, float]:
    """Seconds `analyse_story` takes over the documents, through the whole default pipeline, as one story, in a
    process that has embedded no statement: without stored sentence embeddings (the story's first analysis),
    with them for every article but the newest (an article joined since the last analysis), and with them for
    all; grown by one in one process too; and what making the embeddings costs (`vectors.embed_sentences`, what
    the first analysis keeps and the optional `sentence_vectors` stage makes at ingest)."""
    pipeline = Pipeline.build(load_settings(None))
    plain, pipeline_s = [], 0.0
    for index, document in enumerate(documents):
        started = time.perf_counter()
        processed = pipeline.process(Article(raw=document.text, source=document.name,
                                             provenance=Provenance(document.name, "")))  # fmt: skip
        if index:  # the first loads the models
            pipeline_s += time.perf_counter() - started
        for article in processed:
            article.id = f"a{index}"
            article.published = date(2016, 10, 1) + timedelta(days=index % 5)
            plain.append(article)
    analyse_story("warm-up", plain[:2])
    sentence_vector.cache_clear()
    started = time.perf_counter()
    stored = [replace(a, sentence_vectors=embed_sentences(a)) for a in plain]
    embed_s = time.perf_counter() - started
    all_but_newest = [*stored[:-1], plain[-1]]
    timings: dict[str, list[float]] = {"no_rows": [], "rows_but_newest": [], "rows": [], "grown_in_process": []}
    for _ in range(3):
        for name, articles in (("no_rows", plain), ("rows_but_newest", all_but_newest), ("rows", stored)):
            sentence_vector.cache_clear()
            started = time.perf_counter()
            story = analyse_story("bench", articles)
            timings[name].append(time.perf_counter() - started)
        sentence_vector.cache_clear()
        analyse_story("bench", plain[:-1])
        started = time.perf_counter()
        analyse_story("bench", plain)
        timings["grown_in_process"].append(time.perf_counter() - started)
    figures: dict[str, float] = {"articles": len(plain)}
    for name, seconds in timings.items():
        figures[f"{name}_best_s"] = round(min(seconds), 3)
        figures[f"{name}_median_s"] = round(float(np.median(seconds)), 3)
    figures["pipeline_ms_per_document"] = round(1000 * pipeline_s / max(1, len(documents) - 1), 1)
    figures["embed_sentences_ms_per_article"] = round(1000 * embed_s / len(plain), 1)
    figures["rows_kb_per_article"] = round(sum(len(a.sentence_vectors or b"") for a in stored) / 1024 / len(plain), 1)
    figures["conflicts"] = len(story.conflicts)
    figures["corroborations"] = len(story.corroborations)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--stored", type=int, default=100_000)
    parser.add_argument("--stories", type=int, default=20_000)
    parser.add_argument("--analysed", type=int, default=50, help="articles in the story analysed as one")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    pipeline = Pipeline.build(replace(load_settings(None), stages=EARLIER))
    documents = list(read_split(args.split, args.limit))
    raw = [Article(raw=d.text, source=d.name, provenance=Provenance(d.name, "")) for d in documents]
    articles = [done for article in raw for done in pipeline.process(article)]
    keys = [k for k in (story_keys(a) for a in articles) if k is not None]

    encoder = load_encoder()
    started = time.perf_counter()
    for article in articles:
        encoder.embed([lead(article)])
    embed_ms = 1000 * (time.perf_counter() - started) / len(articles)

    figures: dict[str, object] = {"split": str(args.split), "new_articles": len(keys), "stored_articles": args.stored}
    for stories in (args.stories, args.stored):
        started = time.perf_counter()
        index = StoryIndex(stored_states(args.stored, stories))
        build_s = time.perf_counter() - started
        times = []
        for k in keys:
            started = time.perf_counter()
            index.assign(k)
            times.append(1000 * (time.perf_counter() - started))
        figures[f"{stories}_stories"] = {
            "index_build_s": round(build_s, 2),
            "assign_ms_mean": round(float(np.mean(times)), 2),
            "assign_ms_p95": round(float(np.percentile(times, 95)), 2),
            "assign_ms_max": round(float(np.max(times)), 2),
        }
    figures["embed_ms_per_article"] = round(embed_ms, 2)
    figures["story_analysis"] = analysis_seconds(documents[: args.analysed])
    figures["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
