"""False events: how many violent events the events stage finds in news that reports no conflict (issue 28).

Corpora, both read-only under ../shared/datasets:
  reuters   the first 2,000 records of Reuters-21578 (`newid` 1-2000, 1987 business and economic news, read by
            newsint's JSONL reader as a user's ingest would). Split by `newid` parity: odd ids are the TUNING
            half (read while tuning the event filter), even ids the HELD-OUT half (reported, not looked at while
            tuning).
  reuters-fresh  records 2,001-3,000 of Reuters-21578: a second held-out sample, read once (after the first
            held-out half had been read once and three rules added); two rules were added after reading it.
  reuters-final  records 3,001-4,000: the third held-out sample, read once after the rules of the first
            round; its false events then led to three more rules (a subject with "no", "moving to", a protest
            with no violence told is peaceful), so it is no longer untouched.
  reuters-last  records 4,001-5,000: the fourth held-out sample, read once, after the last change of rules.
  trafilatura  the pages of trafilatura-eval that newsint reads as English, less the few that report conflict
            or crime news (CONFLICT_PAGES): blogs, sport, culture, business, technology.
Counted: events whose class ACLED codes as Battles, Explosions/Remote violence, Violence against civilians or
Riots, per 1,000 articles, by type: `per_1000_articles` counts those told as having happened (what the ACLED
export, the map and the timeline show), `per_1000_with_flagged` adds those flagged negated or hypothetical
(kept for briefs: "did not attack"); each listed with article, modality, class, trigger and sentence.
The stages before `events` run once, on the default NLP profile, and are cached in build/false_events/
(gitignored), so that a rerun times and tunes only the events stage.

The price in recall: `--corpus case` reads the CASE 2021 Task 2 snippets (every one a real event) whose
gold class ACLED codes as one of those four types, and counts those with a violent trigger candidate before
the filter of `events/plausibility.py` and after it; of the snippets the events stage codes as a violent event
that happened, the share whose first such event has the gold's ACLED event type, and the gold's class (the
pipeline's choice of class, with its rules, not the event model's alone).

    python bench/false_events.py [--corpus reuters|reuters-fresh|reuters-final|reuters-last|trafilatura|case|all]
        [--half tune|held-out|all] [--list]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pickle
import time
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsint.evaluation.events import read_snippets  # noqa: E402
from newsint.events.build import _headlines  # noqa: E402
from newsint.events.extract import find_candidates  # noqa: E402
from newsint.events.plausibility import VIOLENT_FAMILIES, implausible, topic  # noqa: E402
from newsint.events.taxonomy import CLASSES  # noqa: E402
from newsint.ingest import read_input  # noqa: E402
from newsint.ingest.sources import RawInput  # noqa: E402
from newsint.model import Article, Event  # noqa: E402
from newsint.pipeline import Pipeline, StageContext  # noqa: E402
from newsint.settings import load_settings  # noqa: E402
from newsint.stages.events import EventStage  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
CACHE = REPO / "build" / "false_events"
EARLIER = ("clean", "language", "nlp", "entities", "places", "times", "claims", "figures")
VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
REUTERS_ARTICLES = 2000
# trafilatura-eval pages that do report conflict, crime or violence: not part of the non-conflict corpus.
CONFLICT_PAGES = frozenset(
    {
        "hard::jamaicaobserver.com-attacks.html",
        "hard::elheraldo.hn-JOH.html",
        "https://www.kaieteurnewsonline.com/2022/05/06/essequibo-hunter-found-dead-with-gunshot-wounds/",
    }
)


def _reuters(skip: int = 0, count: int = REUTERS_ARTICLES) -> list[Article]:
    path = DATASETS / "reuters21578" / "reuters21578.jsonl.gz"
    with gzip.open(path, "rb") as handle:
        lines = [line for i, line in zip(range(skip + count), handle, strict=False) if i >= skip]
    settings = load_settings(None)
    articles = [a for a in read_input(RawInput("reuters21578.jsonl", b"".join(lines), ""), settings)]
    out = []
    for line, article in zip(lines, articles, strict=True):
        if isinstance(article, Article):
            article.source = f"reuters-{json.loads(line)['newid']}"
            out.append(article)
    return out


def _trafilatura() -> list[Article]:
    root = DATASETS / "trafilatura-eval"
    pages = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    settings = load_settings(None)
    out = []
    for url, page in sorted(pages.items()):
        data = gzip.decompress((root / "html" / f"{page['file']}.gz").read_bytes())
        for article in read_input(RawInput(page["file"], data, ""), settings):
            if isinstance(article, Article):
                article.source = url
                out.append(article)
    return out


def _fresh() -> list[Article]:
    return _reuters(REUTERS_ARTICLES, 1000)


def _final() -> list[Article]:
    return _reuters(REUTERS_ARTICLES + 1000, 1000)


def _last() -> list[Article]:
    return _reuters(REUTERS_ARTICLES + 2000, 1000)


CASE_FILE = DATASETS / "case2021-task2-event-types" / "dev_30pct_with_labels.tsv"


def _case() -> list[Article]:
    settings = load_settings(None)
    path = CASE_FILE
    out = []
    for index, snippet in enumerate(read_snippets(path)):
        kind = CLASSES[snippet.label].acled_type if snippet.label in CLASSES else ""
        if kind in VIOLENT_TYPES:
            data = json.dumps({"title": "", "body": snippet.text}).encode() + b"\n"
            for article in read_input(RawInput(f"case-{index}.jsonl", data, ""), settings):
                if isinstance(article, Article):
                    article.source = f"case-{index}"
                    out.append(article)
    return out


def case_recall(listing: bool) -> dict[str, object]:
    """CASE snippets of violent classes with a violent trigger candidate, before and after the filter."""
    articles = _prepared("case")
    before, after, dropped = 0, 0, []
    for article in articles:
        assert article.analysis is not None
        violent = [
            c
            for c in find_candidates(article.analysis, _headlines(article))
            if c.family in VIOLENT_FAMILIES and not c.ongoing
        ]
        article_topic = topic(article.text)
        reasons = [implausible(c, article.entities, article_topic) for c in violent]
        before += bool(violent)
        after += any(not r for r in reasons)
        if violent and all(reasons):
            dropped.append(
                f"{article.source}\t{reasons[0]}\t{violent[0].trigger}\t{' '.join(article.text.split())[:200]}"
            )
    gold = {f"case-{i}": snippet.label for i, snippet in enumerate(read_snippets(CASE_FILE))}
    stage = EventStage(load_settings(None), StageContext())
    stage.setup()
    coded, same_type, same_class = 0, 0, 0
    for article in articles:
        events = [e for e in stage(article).events if _violent(e) and not (e.negated or e.hypothetical)]
        if events:
            coded += 1
            same_type += CLASSES[events[0].subtype].acled_type == CLASSES[gold[article.source]].acled_type
            same_class += events[0].subtype == gold[article.source]
    result: dict[str, object] = {
        "corpus": "case",
        "violent_snippets": len(articles),
        "with_violent_trigger_before": before,
        "with_violent_trigger_after": after,
        "kept_share": round(after / max(before, 1), 3),
        "coded_as_violent_event": coded,
        "first_event_acled_type_as_gold": round(same_type / max(coded, 1), 3),
        "first_event_class_as_gold": round(same_class / max(coded, 1), 3),
    }
    if listing:
        result["events"] = dropped
    return result


def _violent(event: Event) -> bool:
    return event.subtype in CLASSES and CLASSES[event.subtype].acled_type in VIOLENT_TYPES


def _prepared(corpus: str) -> list[Article]:
    """The corpus through every stage before `events`, from the cache when it is there."""
    path = CACHE / f"{corpus}.pickle"
    if path.exists():
        with path.open("rb") as handle:
            articles: list[Article] = pickle.load(handle)
        return articles
    readers = {
        "reuters": _reuters,
        "reuters-fresh": _fresh,
        "reuters-final": _final,
        "reuters-last": _last,
        "trafilatura": _trafilatura,
        "case": _case,
    }
    raw = readers[corpus]()
    pipeline = Pipeline.build(load_settings(None, stages=EARLIER))
    articles = []
    for article in raw:
        try:
            articles.extend(a for a in pipeline.process(article) if a.analysis is not None)
        except Exception as error:  # noqa: BLE001 - a bench skips what the pipeline would skip
            print(f"skipped {article.source}: {error}")
    CACHE.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(articles, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return articles


def _half(article: Article, half: str) -> bool:
    if article.source in CONFLICT_PAGES:
        return False
    if half == "all" or not article.source.startswith("reuters-") or int(article.source.rsplit("-", 1)[1]) > 2000:
        return True
    odd = int(article.source.rsplit("-", 1)[1]) % 2 == 1
    return odd == (half == "tune")


def measure(corpus: str, half: str, listing: bool) -> dict[str, object]:
    """Violent events per 1,000 articles of one corpus (and half), with the list when asked."""
    articles = [a for a in _prepared(corpus) if _half(a, half)]
    stage = EventStage(load_settings(None), StageContext())
    stage.setup()
    started = time.perf_counter()
    rows, by_type, flagged = [], Counter(), 0
    for article in articles:
        for event in stage(article).events:
            kind = CLASSES[event.subtype].acled_type if event.subtype in CLASSES else ""
            if kind not in VIOLENT_TYPES:
                continue
            if event.negated or event.hypothetical:
                flagged += 1
            else:
                by_type[kind] += 1
            sentence = " ".join(article.span_text(event.evidence[0]).split())
            modality = "negated " if event.negated else "hypothetical " if event.hypothetical else ""
            rows.append(f"{article.source}\t{modality}{event.subtype}\t{event.trigger}\t{sentence[:300]}")
    seconds = time.perf_counter() - started
    total = sum(by_type.values())
    result: dict[str, object] = {
        "corpus": corpus,
        "half": half if corpus == "reuters" else "all",
        "articles": len(articles),
        "violent_events": total,
        "per_1000_articles": round(1000 * total / max(len(articles), 1), 1),
        "per_1000_with_flagged": round(1000 * (total + flagged) / max(len(articles), 1), 1),
        "by_type_per_1000": {k: round(1000 * v / max(len(articles), 1), 1) for k, v in sorted(by_type.items())},
        "events_stage_s": round(seconds, 1),
    }
    if listing:
        result["events"] = rows
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--corpus",
        choices=("reuters", "reuters-fresh", "reuters-final", "reuters-last", "trafilatura", "case", "all"),
        default="all",
    )
    parser.add_argument("--half", choices=("tune", "held-out", "all"), default="held-out")
    parser.add_argument("--list", action="store_true", help="list every violent event found")
    args = parser.parse_args()
    corpora = ("reuters", "trafilatura", "case") if args.corpus == "all" else (args.corpus,)
    for corpus in corpora:
        result = case_recall(args.list) if corpus == "case" else measure(corpus, args.half, args.list)
        rows = result.pop("events", [])
        print(json.dumps(result, indent=2))
        for row in rows:  # type: ignore[attr-defined]
            print(row)


if __name__ == "__main__":
    main()
