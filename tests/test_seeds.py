"""Golden test on the shared seeds: the plain-text path recovers each article (issue #3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import SEEDS, needs

GOLDEN = json.loads((Path(__file__).parent / "golden" / "seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, object]]:
    from click.testing import CliRunner

    from newsint.cli import cli

    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", str(SEEDS), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    exported = runner.invoke(cli, ["export", "--format", "json", "--db", db], catch_exceptions=False)
    return json.loads(exported.stdout)["documents"]  # type: ignore[no-any-return]


@needs(SEEDS)
def test_six_articles_from_five_files(documents: list[dict[str, object]]) -> None:
    assert len(documents) == len(GOLDEN["articles"])
    files = {str(d["provenance"]["input"]).rsplit("/", 1)[-1] for d in documents}  # type: ignore[index]
    assert len(files) == GOLDEN["files"]


@needs(SEEDS)
@pytest.mark.parametrize("expected", GOLDEN["articles"], ids=lambda e: e["body_has"][:24])
def test_seed_article(expected: dict[str, object], documents: list[dict[str, object]]) -> None:
    [document] = [d for d in documents if str(expected["body_has"]) in str(d["text"])]
    text = str(document["text"])
    assert document["title"] == expected["title"]
    assert document["outlet"] == expected["outlet"]
    assert document["authors"] == expected["authors"]
    assert len(document["captions"]) == expected["captions"]  # type: ignore[arg-type]
    if "published_between" in expected:
        low, high = expected["published_between"]  # type: ignore[misc]
        assert document["published"] is not None and low <= document["published"] <= high
        assert 0 < float(document["published_confidence"]) < 1  # type: ignore[arg-type]
    else:
        assert document["published"] == expected["published"]
    for phrase in expected.get("present", []):  # type: ignore[attr-defined]
        assert phrase in text, phrase
    for phrase in expected.get("absent", []):  # type: ignore[attr-defined]
        assert phrase not in f"\n{text}\n", phrase
    for caption in document["captions"]:  # type: ignore[attr-defined]
        assert caption not in text
    assert all(part["reason"] for part in document["removed"])  # type: ignore[attr-defined]
