"""The briefs of the seeds and of the demo corpus read as an analyst writes (#28): every sentence, read for the
forms a machine leaves: "<verb>: that", a verb of seeming as a reporting verb, an input file or hex id as a
source, "said: "…"", and every sentence still cited."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsint import query
from newsint.model import Provenance, Story
from newsint.settings import load_settings
from newsint.store import Store
from newsint.stories.brief import render_brief, uncited_sentences
from tests.conftest import SAMPLES, SEEDS, make_article, needs

pytestmark = pytest.mark.slow

_FILE_NAME = re.compile(r"\w+\.(?:txt|html?|json|jsonl|csv|warc)\b", re.IGNORECASE)
_HEX_ID = re.compile(r"\b[0-9a-f]{12,}\b")
_COLON_THAT = re.compile(r"\b\w+: that\b")
_SAID_COLON_QUOTE = re.compile(r"\b(?:said|says|say|told|tells|wrote|writes|[a-z]+ed): [\"“]")
_SEEMING = r"(?:seem|seems|seemed|appear|appears|appeared)"
_SEEMING_REPORTS = re.compile(rf"\b{_SEEMING}:|\b{_SEEMING} that\b|^[^:]{{3,40}}: [A-Z][\w' ]{{0,40}} {_SEEMING} to\b")
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")


def _brief_of_biggest(paths: list[Path], db: Path) -> str:
    from newsint.batch import ingest

    settings = load_settings(None, db=str(db))
    with Store.open(db) as store:
        ingest([str(p) for p in paths], settings, store)
        biggest = query.stories(store, limit=1)[0]
        return query.brief(store, biggest, "md")[1]


@pytest.fixture(scope="module")
def seeds_brief(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SEEDS.exists():
        pytest.skip(f"{SEEDS} is not present")
    return _brief_of_biggest([SEEDS], tmp_path_factory.mktemp("prose") / "seeds.db")


@pytest.fixture(scope="module")
def demo_brief(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not SAMPLES.exists():
        pytest.skip(f"{SAMPLES} is not present")
    return _brief_of_biggest([SAMPLES], tmp_path_factory.mktemp("prose") / "demo.db")


def _sentences(md: str) -> list[str]:
    """The brief's lines before the Evidence list, with the words quoted from the articles masked (they are the
    articles' own words, not the brief's)."""
    body = md.split("\n## Evidence", 1)[0]
    lines = [line.removeprefix("- ") for line in body.splitlines() if line.strip() and not line.startswith("#")]
    return [_QUOTED.sub("“…”", line) for line in lines]


def _citation_labels(md: str) -> list[str]:
    """Every source a citation or an Evidence item names (an Evidence item's link to its web page left out)."""
    body, _, evidence = md.partition("\n## Evidence")
    labels = re.findall(r"\[([^\[\]]+), (?:\d{4}-\d{2}-\d{2}|n\.d\.)\]", body)
    labels += [
        re.sub(r"\(<[^>]*>\)", "", label) for label in re.findall(r"^- \[\d+\] (.+?) — article ", evidence, re.M)
    ]
    return labels


def _problems(md: str) -> list[str]:
    problems = []
    for sentence in _sentences(md):
        for name, pattern in (
            ("<verb>: that", _COLON_THAT),
            ("said: quote", _SAID_COLON_QUOTE),
            ("seeming verb reports", _SEEMING_REPORTS),
            ("file name as a source", _FILE_NAME),
            ("hex id as a source", _HEX_ID),
        ):
            if name == "said: quote" and re.match(r"(?:Claimed|Denied|Possible|Probable|Planned)\b", sentence):
                continue  # "Claimed by X: “…”" labels a quote; it reports no speech
            if pattern.search(sentence):
                problems.append(f"{name}: {sentence}")
    for label in _citation_labels(md):
        if _FILE_NAME.search(label) or _HEX_ID.search(label):
            problems.append(f"file or id as an outlet: {label}")
    return problems


@needs(SEEDS)
def test_the_seeds_brief_reads_as_english(seeds_brief: str) -> None:
    assert _problems(seeds_brief) == []
    assert uncited_sentences(seeds_brief) == []
    assert "Kyiv announced that its generals had decided to reinforce its troops in Bakhmut" in seeds_brief
    assert "Kyiv seemed" not in seeds_brief
    assert "Hundreds of millions of dollars' worth of missiles" in seeds_brief
    assert "outlet unknown (article 1)" in seeds_brief and "outlet unknown (article 2)" in seeds_brief
    assert "5 articles from 5 independent sources" in seeds_brief  # unknown outlets still tell reports apart


@needs(SAMPLES)
def test_the_demo_brief_reads_as_english(demo_brief: str) -> None:
    assert _problems(demo_brief) == []
    assert uncited_sentences(demo_brief) == []


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("March 2023: Kyiv announced: that its generals had decided [x, n.d.][1].", "<verb>: that"),
        ("March 2023: Kyiv seemed: to be planning to withdraw [x, n.d.][1].", "seeming verb reports"),
        ("March 2023: Kyiv seemed to be planning to withdraw [x, n.d.][1].", "seeming verb reports"),
        ("A few dozen kinzhals, according to 004_fa7dbe3a23567602.txt [x, n.d.][1].", "file name as a source"),
        ('15 March 2023: The ministry said: "There is a risk" [x, n.d.][1].', "said: quote"),
    ],
)
def test_the_reader_finds_each_machine_form(line: str, problem: str) -> None:
    md = f'# A story\n\n## Timeline\n\n- {line}\n\n## Evidence\n\n- [1] x, n.d. — article 0, characters 0–1: "a"\n'
    assert any(found.startswith(problem) for found in _problems(md))


def test_a_brief_without_outlets_shows_no_file_name() -> None:
    articles = []
    for n, text in enumerate(("Troops shelled the bridge on Monday, officials said.", "The bridge was shut.")):
        article = make_article(id=f"{n:016x}", text=text)
        article.provenance = Provenance(f"/in/00{n}_fa7dbe3a2356760{n}.txt", "0" * 64)
        articles.append(article)
    md = render_brief(Story("s1", "Bridge", [a.id for a in articles]), articles)
    assert ".txt" not in md and "outlet unknown (article 1)" in md and "outlet unknown (article 2)" in md
    assert "2 articles from 2 independent sources" in md
