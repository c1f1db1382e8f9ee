"""Stories or genres: whether story assignment groups articles by the happening or only by the kind of text (#29).

Reuters-21578 is 1987 business news, much of it templated: quarterly results, dividends, commodity reviews, each
signed off "Reuter". Texts of one genre embed close together, so a story could gather the earnings reports of
dozens of companies. Two samples, read by newsint's JSONL reader as `newsint ingest` reads them:
  tune      records 1-1,000 (`newid` 1-1000): read while tuning story assignment;
  held-out  records 1,001-2,000: reported, not looked at while tuning.
Every article goes through the default pipeline up to `places` (cached in build/story_genres/, gitignored), then all of
a sample are assigned in record order into one index that starts empty, as the `stories` stage does.

Reported: the number of stories and of multi-article stories; the share of multi-article stories whose articles
share no key name or place — no key (linked entity, or place below country level, from `story_keys`) named by
two or more of them (`no_shared_key`), or none named by all of them (`none_named_by_all`); keys that more than
BOILERPLATE of the sample's articles carry (a sign-off, the wire's own name) are not counted as shared;
and the ten largest stories with their label and the title of their first three articles.

    python bench/story_genres.py [--sample tune|held-out|all] [--json] [--at REVISION]

`--at 40c3922` measures the assignment as it was before #29 item 4 (the "before" of docs/stories.md).
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import subprocess
import sys
import types
from collections import Counter
from dataclasses import replace
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsint.model import Article, StoryKeys  # noqa: E402
from newsint.pipeline import Pipeline  # noqa: E402
from newsint.settings import load_settings  # noqa: E402
from newsint.stories.cluster import StoryIndex, story_keys, story_label  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from false_events import _reuters as reuters_records  # noqa: E402  (one reader of Reuters-21578 records)

REPO = Path(__file__).resolve().parents[1]
CACHE = REPO / "build" / "story_genres"
SAMPLES = {"tune": (0, 1000), "held-out": (1000, 1000)}
BOILERPLATE = 0.2  # a key more than this share of the sample's articles carry is the wire's, not a story's


def processed(sample: str) -> list[Article]:
    """The sample's articles through the pipeline up to `embed`, cached."""
    path = CACHE / f"{sample}.pickle"
    if path.exists():
        with path.open("rb") as handle:
            cached: list[Article] = pickle.load(handle)
            return cached
    settings = load_settings(None)
    earlier = settings.stages[: settings.stages.index("places") + 1]  # as `newsint ingest` runs them, to `places`
    pipeline = Pipeline.build(replace(settings, stages=earlier))
    articles = [done for article in reuters_records(*SAMPLES[sample]) for done in pipeline.process(article)]
    CACHE.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(articles, handle, protocol=pickle.HIGHEST_PROTOCOL)
    return articles


def _title(article: Article) -> str:
    lines = (article.title or article.text).strip().splitlines()
    return lines[0].strip() if lines else ""


def cluster_at(revision: str) -> types.ModuleType:
    """newsint/stories/cluster.py as it was at a git revision (to measure the assignment before a change)."""
    source = subprocess.run(
        ["git", "show", f"{revision}:newsint/stories/cluster.py"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    module = types.ModuleType(f"cluster_at_{revision}")
    exec(compile(source, f"cluster.py@{revision}", "exec"), module.__dict__)  # noqa: S102 - our own file
    return module


def stories_of(articles: list[Article], assignment: types.ModuleType | None = None) -> dict[str, object]:
    """Assign the articles in order (with `assignment`, a version of the cluster module; today's by default)
    and measure the stories they form. Shared keys are counted with today's `story_keys` whichever version
    assigned, so that a sign-off counts as no shared name before and after alike."""
    index = assignment.StoryIndex() if assignment is not None else StoryIndex()
    keys_of = assignment.story_keys if assignment is not None else story_keys
    members: dict[str, list[tuple[Article, StoryKeys]]] = {}
    for article in articles:
        assigned = keys_of(article)
        keys = story_keys(article)
        if assigned is None or keys is None:
            continue
        state, _ = index.assign(assigned, same_as=article.duplicate_of)
        members.setdefault(state.id, []).append((article, keys))
    carried = Counter(name for group in members.values() for _, keys in group for name in keys.names)
    total = sum(len(group) for group in members.values())
    boilerplate = {name for name, n in carried.items() if n > BOILERPLATE * total}
    multi = [group for group in members.values() if len(group) > 1]
    no_shared = none_by_all = 0
    for group in multi:
        counts = Counter(name for _, keys in group for name in keys.names if name not in boilerplate)
        no_shared += not any(n >= 2 for n in counts.values())
        none_by_all += not any(n == len(group) for n in counts.values())
    largest = sorted(members.items(), key=lambda item: (-len(item[1]), item[0]))[:10]
    return {
        "articles": total,
        "stories": len(members),
        "multi_article_stories": len(multi),
        "articles_in_multi": sum(len(group) for group in multi),
        "no_shared_key": round(no_shared / len(multi), 3) if multi else 0.0,
        "none_named_by_all": round(none_by_all / len(multi), 3) if multi else 0.0,
        "boilerplate_keys": sorted(boilerplate),
        "largest": [
            {
                "articles": len(group),
                "label": story_label(index.states[index.position[story]], index.name_counts, index.articles),
                "titles": [_title(article) for article, _ in group[:3]],
            }
            for story, group in largest
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sample", choices=(*SAMPLES, "all"), default="all")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a Markdown summary")
    parser.add_argument("--at", metavar="REVISION", help="assign with cluster.py as of this git revision")
    args = parser.parse_args()
    samples = list(SAMPLES) if args.sample == "all" else [args.sample]
    assignment = cluster_at(args.at) if args.at else None
    figures = {sample: stories_of(processed(sample), assignment) for sample in samples}
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    for sample, result in figures.items():
        print(
            f"## {sample}: {result['articles']} articles, {result['stories']} stories, "
            f"{result['multi_article_stories']} with several articles ({result['articles_in_multi']} articles); "
            f"no shared key {result['no_shared_key']:.1%}, none named by all {result['none_named_by_all']:.1%}; "
            f"boilerplate {result['boilerplate_keys']}"
        )
        print("| articles | label | titles (first three articles) |\n|---|---|---|")
        for story in result["largest"]:  # type: ignore[attr-defined]
            row = f"| {story['articles']} | {story['label']} | {' · '.join(story['titles'])} |"
            print(row.replace("<", "\\<"))  # "<CBCO>" is no HTML tag


if __name__ == "__main__":
    main()
