from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from newsint.evaluation.extraction import page_precision_recall, shingle_score

BODY = "The city council met on Tuesday to discuss the repairs of the old bridge over the river. " * 4


def test_shingle_metric_matches_hand_counts() -> None:
    assert page_precision_recall("a b c d e", "a b c d e") == (1.0, 1.0)
    precision, recall = page_precision_recall("a b c d e f", "a b c d x y")  # 3 shingles each, 1 shared
    assert (round(precision, 3), round(recall, 3)) == (0.333, 0.333)
    assert page_precision_recall("a b c d", "") == (0.0, 0.0)
    assert page_precision_recall("", "") == (1.0, 1.0)


def test_scores_are_means_over_pages() -> None:
    score = shingle_score([("a b c d e", "a b c d e"), ("a b c d e", "")])
    assert (score.precision, score.recall, score.f1, score.pages) == (0.5, 0.5, 0.5, 2)


def _zyte_dataset(folder: Path) -> Path:
    (folder / "html").mkdir(parents=True)
    truth = {}
    for page_id in ("p1", "p2"):
        html = f"<html><head><title>Bridge</title></head><body><nav>Home News Sport</nav><article><h1>Bridge repairs</h1><p>{BODY}</p></article><footer>(c) Example</footer></body></html>"
        (folder / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[page_id] = {"articleBody": BODY.strip(), "url": f"https://e.example/{page_id}"}
    (folder / "ground-truth.json").write_text(json.dumps(truth))
    return folder


@pytest.mark.parametrize("mode", ["html", "text"])
def test_eval_extract_json_figures_are_fractions(mode: str, tmp_path: Path, run_cli: Callable[..., Result]) -> None:
    dataset = _zyte_dataset(tmp_path / "zyte")
    result = run_cli("eval", "extract", str(dataset), "--mode", mode, "--json")
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures) == {"precision", "recall", "f1"}
    assert all(0.0 <= v <= 1.0 for v in figures.values())
    assert figures["recall"] > 0.9
    table = run_cli("eval", "extract", str(dataset), "--mode", mode).stdout
    assert "f1" in table and ("trafilatura" in table or "crude" in table)
