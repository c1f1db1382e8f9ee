"""False disputes: the conflicts `analyse_story` finds in stories whose sources do not disagree (issue 29).

Corpora, read-only under ../shared/datasets:
  ecb-dev, ecb-train  the ECB+ dev and train documents (`newsint/evaluation/stories.py` reads them): news of
            earthquakes, arrests, deaths, product launches, sports, each topic two happenings; no war and few
            disagreements between the sources.
  reuters   Reuters-21578 records 1-1,000 (`newid` 1-1000, 1987 business news), read by newsint's JSONL reader as
            `bench/story_genres.py` reads them (its cache, up to `places`, is reused when present).
Every article goes through the default pipeline up to `events` (cached in build/false_disputes/, gitignored, so a
rerun only assigns and analyses), then all of a corpus are assigned in order into one story index that starts
empty, as the `stories` stage does. Each story with two or more articles is read by `analyse_story`.

Reported per corpus: articles, stories, multi-article stories, conflicts by kind, disputes per multi-article story;
with `--list`, every conflict: story label, kind, what, a_says / b_says and the first statement of each side.

    python bench/false_disputes.py [--corpus ecb-dev|ecb-train|reuters|all] [--list] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from newsint.evaluation.stories import read_documents  # noqa: E402
from newsint.model import CONFLICT_KINDS, Article, Conflict, Provenance, Statement  # noqa: E402
from newsint.pipeline import Pipeline  # noqa: E402
from newsint.settings import load_settings  # noqa: E402
from newsint.stories.analysis import analyse_story  # noqa: E402
from newsint.stories.cluster import StoryIndex, story_keys, story_label  # noqa: E402
from newsint.stories.statements import sentence_at  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from story_genres import processed as reuters_to_places  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ECB = REPO.parent / "shared" / "datasets" / "ecbplus"
CACHE = REPO / "build" / "false_disputes"
CORPORA = ("ecb-dev", "ecb-train", "reuters")
_SUB_TOPIC = re.compile(r"^(\d+)_\d+(ecb(?:plus)?)")  # an ECB+ document's sub-topic, from its name
SHOWN = 200  # characters of a side's first statement in the list
LIST_HEADER = "| # | story | kind | what | a_says / b_says | side a | side b |\n|---|---|---|---|---|---|---|"


def _stages(after: str | None = None) -> tuple[str, ...]:
    """The default stages up to `events` (the `stories` stage is done here), those after `after` only."""
    stages = load_settings(None).stages
    upto = stages[: stages.index("events") + 1]
    return upto[upto.index(after) + 1 :] if after else upto


def _run(articles: list[Article], stages: tuple[str, ...]) -> list[Article]:
    settings = dataclasses.replace(load_settings(None), stages=stages)
    available = tuple(f.name for f in dataclasses.fields(Article))  # a cached article carries what ran before
    pipeline = Pipeline.build(settings, available=available)
    return [done for article in articles for done in pipeline.process(article)]


def _ecb_articles(split: str) -> list[Article]:
    articles = []
    for document in read_documents(ECB / split):
        meta = {"url": document.url} if document.url else {}
        provenance = Provenance(document.name, "")
        articles.append(Article(raw=document.text, source=document.name, provenance=provenance, meta=meta))
    return articles


def processed(corpus: str) -> list[Article]:
    """The corpus's articles through the default pipeline up to `events`, cached."""
    path = CACHE / f"{corpus}.pickle"
    if not path.exists():
        if corpus == "reuters":
            articles = _run(reuters_to_places("tune"), _stages(after="places"))
        else:
            articles = _run(_ecb_articles(corpus.removeprefix("ecb-")), _stages())
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(articles, protocol=pickle.HIGHEST_PROTOCOL))
    loaded: list[Article] = pickle.loads(path.read_bytes())  # noqa: S301 - our own cache
    return loaded


def stories(articles: list[Article]) -> tuple[int, list[tuple[str, list[Article]]]]:
    """Assign in order as the `stories` stage does: the number of stories, and each with its label and articles."""
    index = StoryIndex()
    members: dict[str, list[Article]] = {}
    for article in articles:
        keys = story_keys(article)
        if keys is None:
            continue
        state, _ = index.assign(keys, same_as=article.duplicate_of)
        members.setdefault(state.id, []).append(article)
    labelled = [
        (story_label(index.states[index.position[story]], index.name_counts, index.articles), group)
        for story, group in members.items()
    ]
    return len(members), labelled


def _title(article: Article) -> str:
    lines = (article.title or article.text).strip().splitlines()
    return lines[0].strip() if lines else article.source


def _side(statements: list[Statement], by_id: dict[str, Article]) -> str:
    """The side's first statement, with the sentence that holds it when the statement is less (a figure), and
    the title of its article."""
    if not statements:
        return ""
    first = statements[0]
    text = " ".join(first.text.split())[:SHOWN]
    article = by_id[first.doc]
    span = sentence_at(article, first.start)
    sentence = " ".join(article.text[span.start : span.end].split()) if span is not None else ""
    if sentence and text not in sentence[: len(text) + 1]:
        text += f" — in: {sentence[:SHOWN]}"
    return f"{text} ({_title(article)[:60]})"


def _row(label: str, group: list[Article], conflict: Conflict) -> dict[str, str]:
    by_id = {a.id: a for a in group}
    topics = sorted({"".join(m.groups()) for a in group if (m := _SUB_TOPIC.match(a.source))})
    return {
        "story": label + (f" ({', '.join(topics)})" if topics else ""),
        "articles": str(len(group)),
        "kind": conflict.kind,
        "what": conflict.what,
        "a_says": conflict.a_says,
        "b_says": conflict.b_says,
        "a": _side(conflict.a, by_id),
        "b": _side(conflict.b, by_id),
    }


def measure(corpus: str) -> dict[str, object]:
    articles = processed(corpus)
    count, labelled = stories(articles)
    multi = [(label, group) for label, group in labelled if len(group) > 1]
    kinds: Counter[str] = Counter()
    listed = []
    for number, (label, group) in enumerate(multi):
        story = analyse_story(f"{corpus}-{number}", group, label)
        for conflict in story.conflicts:
            kinds[conflict.kind] += 1
            listed.append(_row(label, group, conflict))
    return {
        "articles": len(articles),
        "stories": count,
        "multi_article_stories": len(multi),
        "conflicts": sum(kinds.values()),
        "by_kind": {kind: kinds[kind] for kind in CONFLICT_KINDS},
        "disputes_per_story": round(sum(kinds.values()) / len(multi), 3) if multi else 0.0,
        "listed": listed,
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "\\<").replace("\n", " ")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", choices=(*CORPORA, "all"), default="all")
    for flag, meaning in (("--list", "list every conflict"), ("--json", "print JSON instead of Markdown")):
        parser.add_argument(flag, action="store_true", help=meaning)
    args = parser.parse_args()
    figures = {corpus: measure(corpus) for corpus in (CORPORA if args.corpus == "all" else (args.corpus,))}
    if not args.list:
        for result in figures.values():
            result.pop("listed")
    if args.json:
        print(json.dumps(figures, indent=2, ensure_ascii=False))
        return
    print(f"| corpus | articles | stories | multi-article | {' | '.join(CONFLICT_KINDS)} | disputes per story |")
    print("|---" * (5 + len(CONFLICT_KINDS)) + "|")
    for corpus, result in figures.items():
        kinds = " | ".join(str(n) for n in result["by_kind"].values())  # type: ignore[attr-defined]
        print(
            f"| {corpus} | {result['articles']} | {result['stories']} | {result['multi_article_stories']} | "
            f"{kinds} | {result['disputes_per_story']} |"
        )
    for corpus, result in figures.items():
        if not args.list:
            continue
        print(f"\n### {corpus}\n\n{LIST_HEADER}")
        for number, row in enumerate(result["listed"], 1):  # type: ignore[arg-type]
            says = f"{row['a_says']} / {row['b_says']}"
            cells = [row["story"], row["kind"], row["what"], says, row["a"], row["b"]]
            print(f"| {number} | " + " | ".join(_cell(cell) for cell in cells) + " |")


if __name__ == "__main__":
    main()
