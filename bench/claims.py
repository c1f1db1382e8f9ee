"""Claims and figures throughput on one core: the cost of the two stages over an already parsed text.

The parse itself is the `nlp` stage's cost (bench/nlp.py) and is done outside the timing; what is timed is
attribution finding (cue model, content tagger, quotations, speakers, hedges) and figure reading, per article,
per 1,000 words and in words/s. Two corpora: Reuters-21578 articles of at least 150 words (wire news, the
articles issue 31 times the pipeline on; `--skip` picks another slice of them) and the PolNeAR dev articles
(political news, full of attributions).

    python bench/claims.py [--corpus reuters|polnear] [--limit 150] [--skip 0] [--profile]
    python bench/claims.py --before /tmp/claims-old [--rounds 2] [--f1]
    python bench/claims.py --curve [--split ../shared/datasets/polnear/dev] [--split-limit N]

`--profile` prints where the claims time goes (cProfile, by cumulative time). `--before TREE` times the
checkout at TREE (a `git worktree` of an earlier commit) and this one in turns, each in a fresh process on
the same articles, and with `--f1` also runs `newsint eval attribution` on PolNeAR dev in both. `--curve`
gives the speed / accuracy trade-off of cheaper claims paths: ms per Reuters article and attribution F1 on a
PolNeAR split for each (`train` to choose, `dev` to report).
"""

from __future__ import annotations

import argparse
import cProfile
import gzip
import json
import os
import pstats
import resource
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsint.claims.cuemodel import CueModel, load_cue_model  # noqa: E402
from newsint.claims.extract import find_attributions  # noqa: E402
from newsint.claims.statements import build_claims  # noqa: E402
from newsint.entities.mentions import group_mentions  # noqa: E402
from newsint.evaluation.attribution import as_attributions, evaluate_attribution, read_split  # noqa: E402
from newsint.model import Article, Provenance  # noqa: E402
from newsint.nlp import load_pipeline  # noqa: E402
from newsint.nlp.core import load_core  # noqa: E402
from newsint.settings import load_settings  # noqa: E402
from newsint.stage import StageContext  # noqa: E402
from newsint.stages.figures import FigureStage  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
POLNEAR_DEV = DATASETS / "polnear" / "dev"
REUTERS = DATASETS / "reuters21578" / "reuters21578.jsonl.gz"
MIN_WORDS = 150


def reuters_texts(limit: int, skip: int) -> list[tuple[str, str]]:
    """(name, body) of Reuters-21578 articles of at least MIN_WORDS words, in file order, after `skip` of them."""
    texts: list[tuple[str, str]] = []
    seen = 0
    with gzip.open(REUTERS, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            body = record.get("body") or ""
            if len(body.split()) < MIN_WORDS:
                continue
            seen += 1
            if seen > skip:
                texts.append((f"reuters-{record['newid']}", body))
            if len(texts) >= limit:
                break
    return texts


def parsed_articles(corpus: str, limit: int, skip: int) -> list[Article]:
    """The corpus's articles with the default profile's parse and entities, as the claims stage gets them."""
    if corpus == "reuters":
        texts = reuters_texts(limit, skip)
    else:
        texts = [(document.name, document.text) for document in read_split(POLNEAR_DEV, limit)]
    nlp = load_pipeline("default")
    articles = []
    for name, text in texts:
        article = Article(raw=text, source=name, provenance=Provenance(name, ""))
        article.text = text
        article.analysis = nlp(text)
        article.entities = group_mentions(article.analysis)
        articles.append(article)
    return articles


class PieceCounter:
    """An onnxruntime session that counts the word pieces it reads: the taggers' cost, whatever the load of the
    machine (their time grows with the pieces read, and batching does not make it cheaper)."""

    def __init__(self, session: Any) -> None:
        self.session = session
        self.pieces = 0

    def run(self, outputs: list[str], feed: dict[str, Any]) -> Any:
        self.pieces += int(feed["attention_mask"].sum())
        return self.session.run(outputs, feed)


def time_stages(articles: list[Article], profile: bool) -> dict[str, float | int]:
    """Time the claims and figures stages over parsed articles, on one core."""
    words = sum(len(a.text.split()) for a in articles)
    started = time.perf_counter()
    model = load_cue_model()
    load_s = time.perf_counter() - started
    assert model.tagger is not None and model.contents is not None
    counters = {"cue": model.tagger.model, "content": model.contents.model}
    for tagger in counters.values():
        tagger.session = PieceCounter(tagger.session)
    profiler = cProfile.Profile() if profile else None
    started = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    for article in articles:
        article.claims = build_claims(article, article.analysis, model)
    if profiler is not None:
        profiler.disable()
    claims_s = time.perf_counter() - started
    stage = FigureStage(load_settings(None), StageContext())
    started = time.perf_counter()
    for article in articles:
        stage(article)
    figures_s = time.perf_counter() - started
    if profiler is not None:
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
    return {
        "documents": len(articles),
        "words": words,
        "claims": sum(len(a.claims) for a in articles),
        "figures": sum(len(a.figures) for a in articles),
        "cue_model_load_s": round(load_s, 3),
        "claims_ms_per_article": round(1000 * claims_s / len(articles), 1),
        **{f"{name}_pieces_per_article": round(t.session.pieces / len(articles)) for name, t in counters.items()},
        "claims_ms_per_1000_words": round(1000 * claims_s / words * 1000, 2),
        "claims_words_per_s": round(words / claims_s),
        "figures_ms_per_1000_words": round(1000 * figures_s / words * 1000, 2),
        "documents_per_s": round(len(articles) / (claims_s + figures_s), 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def claims_paths() -> dict[str, CueModel]:
    """The shipped claims path and cheaper ones, from the most to the least accurate (as chosen on train)."""
    shipped = load_cue_model()
    assert shipped.contents is not None
    linear = load_cue_model(tagger_dir=None)
    return {
        "shipped": shipped,
        "content tagger on the cue's sentence only": replace(shipped, contents=replace(shipped.contents, context=0)),
        "no content tagger": replace(shipped, contents=None),
        "linear cue model + content tagger": replace(linear, contents=shipped.contents),
        "linear cue model alone": linear,
    }


def curve(articles: list[Article], split: Path, split_limit: int | None) -> dict[str, dict[str, float]]:
    """Each claims path's ms per article on `articles` and its attribution F1 on a PolNeAR split."""
    nlp = load_core("default")
    parses = {document.text: nlp(document.text) for document in read_split(split, split_limit)}
    points: dict[str, dict[str, float]] = {}
    paths = claims_paths()
    shipped = paths["shipped"]
    assert shipped.tagger is not None and shipped.contents is not None
    for article in articles[:10]:  # the first runs of a session cost more: no path should pay for them
        build_claims(article, article.analysis, shipped)
    counters = [PieceCounter(shipped.tagger.model.session), PieceCounter(shipped.contents.model.session)]
    shipped.tagger.model.session, shipped.contents.model.session = counters
    for name, model in paths.items():
        read = sum(counter.pieces for counter in counters)
        started = time.perf_counter()
        for article in articles:
            build_claims(article, article.analysis, model)
        milliseconds = 1000 * (time.perf_counter() - started) / len(articles)
        pieces = (sum(counter.pieces for counter in counters) - read) / len(articles)
        found = {text: as_attributions(find_attributions(doc, model)) for text, doc in parses.items()}
        scores = evaluate_attribution(split, found.__getitem__, split_limit)
        points[name] = {"claims_ms_per_article": round(milliseconds, 1), "pieces_per_article": round(pieces)}
        points[name].update({key: round(scores[key], 4) for key in ("attribution_f1", "content_f1", "source_f1")})
    return points


def _in_tree(tree: Path, arguments: list[str]) -> str:
    """Run a command with the `newsint` package of checkout `tree` (this script or the CLI); its stdout."""
    environment = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, *arguments], env=environment, cwd=tree, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{tree}: {' '.join(arguments)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def compare(before: Path, args: argparse.Namespace) -> dict[str, object]:
    """Before and after in turns, each in a fresh process on the same articles; PolNeAR dev F1 of both."""
    trees = {"before": before.resolve(), "after": REPO}
    child = [
        str(Path(__file__).resolve()),
        "--corpus",
        args.corpus,
        "--limit",
        str(args.limit),
        "--skip",
        str(args.skip),
    ]
    runs: dict[str, list[dict[str, float | int]]] = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, tree in trees.items():
            runs[name].append(json.loads(_in_tree(tree, child)))
    result: dict[str, object] = {
        "corpus": args.corpus,
        "skip": args.skip,
        "trees": {name: str(tree) for name, tree in trees.items()},
        "claims_ms_per_article": {name: [r["claims_ms_per_article"] for r in rows] for name, rows in runs.items()},
        "pieces_per_article": {
            name: {key: rows[0][f"{key}_pieces_per_article"] for key in ("cue", "content")}
            for name, rows in runs.items()
        },
        "claims": {name: rows[0]["claims"] for name, rows in runs.items()},
        "runs": runs,
    }
    if args.f1:
        command = ["-m", "newsint.cli", "eval", "attribution", str(POLNEAR_DEV), "--json"]
        result["polnear_dev"] = {name: json.loads(_in_tree(tree, command)) for name, tree in trees.items()}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=("reuters", "polnear"), default="reuters")
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--skip", type=int, default=0, help="Reuters articles (of enough words) to pass over first")
    parser.add_argument("--profile", action="store_true", help="print the claims stage's cProfile to stderr")
    parser.add_argument("--before", type=Path, help="an earlier checkout to time against this one")
    parser.add_argument("--rounds", type=int, default=2, help="with --before: timed runs of each checkout")
    parser.add_argument("--f1", action="store_true", help="with --before: PolNeAR dev attribution of both")
    parser.add_argument("--curve", action="store_true", help="speed and F1 of the cheaper claims paths")
    parser.add_argument("--split", type=Path, default=POLNEAR_DEV, help="with --curve: the PolNeAR split scored")
    parser.add_argument("--split-limit", type=int, help="with --curve: its first articles only")
    args = parser.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if args.before is not None:
        print(json.dumps(compare(args.before, args), indent=2))
        return
    articles = parsed_articles(args.corpus, args.limit, args.skip)
    if args.curve:
        print(
            json.dumps(
                {
                    "corpus": args.corpus,
                    "skip": args.skip,
                    "split": str(args.split),
                    **curve(articles, args.split, args.split_limit),
                },
                indent=2,
            )
        )
        return
    print(json.dumps({"corpus": args.corpus, "skip": args.skip, **time_stages(articles, args.profile)}, indent=2))


if __name__ == "__main__":
    main()
