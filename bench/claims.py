"""Claims and figures throughput on one core: the cost of the two stages over an already parsed text.

Runs on the PolNeAR dev articles (real political news, full of attributions). The parse itself is the
`nlp` stage's cost (bench/nlp.py) and is done outside the timing; what is timed is attribution finding
(cue model, quotations, speakers, hedges) and figure reading, per 1,000 words and in words/s.

    python bench/claims.py [--split ../shared/datasets/polnear/dev] [--limit 84]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsint.claims.cuemodel import load_cue_model  # noqa: E402
from newsint.claims.statements import build_claims  # noqa: E402
from newsint.entities.mentions import group_mentions  # noqa: E402
from newsint.evaluation.attribution import read_split  # noqa: E402
from newsint.model import Article, Provenance  # noqa: E402
from newsint.nlp import load_pipeline  # noqa: E402
from newsint.settings import load_settings  # noqa: E402
from newsint.stage import StageContext  # noqa: E402
from newsint.stages.figures import FigureStage  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SPLIT = REPO.parent / "shared" / "datasets" / "polnear" / "dev"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", type=Path, default=DEFAULT_SPLIT)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    nlp = load_pipeline("default")
    articles = []
    for document in read_split(args.split, args.limit):
        article = Article(raw=document.text, source=document.name, provenance=Provenance(document.name, ""))
        article.text = document.text
        article.analysis = nlp(document.text)
        article.entities = group_mentions(article.analysis)
        articles.append(article)
    words = sum(len(a.text.split()) for a in articles)
    started = time.perf_counter()
    model = load_cue_model()
    load_s = time.perf_counter() - started

    started = time.perf_counter()
    for article in articles:
        article.claims = build_claims(article, article.analysis, model)
    claims_s = time.perf_counter() - started
    stage = FigureStage(load_settings(None), StageContext())
    started = time.perf_counter()
    for article in articles:
        stage(article)
    figures_s = time.perf_counter() - started

    figures = {
        "split": str(args.split),
        "documents": len(articles),
        "words": words,
        "claims": sum(len(a.claims) for a in articles),
        "figures": sum(len(a.figures) for a in articles),
        "cue_model_load_s": round(load_s, 3),
        "claims_ms_per_1000_words": round(1000 * claims_s / words * 1000, 2),
        "claims_words_per_s": round(words / claims_s),
        "figures_ms_per_1000_words": round(1000 * figures_s / words * 1000, 2),
        "figures_words_per_s": round(words / figures_s),
        "documents_per_s": round(len(articles) / (claims_s + figures_s), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
