"""Quality gates: `newsint eval extract` and `newsint eval link` must not fall below their pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsint.evaluation.extraction import evaluate_extract
from newsint.settings import load_settings
from tests.conftest import DATASETS, needs

FLOORS = json.loads((Path(__file__).parents[1] / "golden" / "quality-floors.json").read_text(encoding="utf-8"))
BENCHMARK = DATASETS / "article-extraction-benchmark"


@needs(BENCHMARK)
@pytest.mark.slow
@pytest.mark.parametrize("mode", ["html", "text"])
def test_extraction_f1_floor(mode: str) -> None:
    result = evaluate_extract(BENCHMARK, mode, load_settings(None))
    assert result.figures["f1"] >= FLOORS["article-extraction-benchmark"][mode]
    if mode == "html":  # at least trafilatura's own figure, measured in the same run
        trafilatura = dict(result.rows)["trafilatura alone (HTML)"]
        assert result.figures["f1"] >= trafilatura["f1"] - 0.005


@needs(DATASETS / "ecbplus")
@pytest.mark.parametrize("split", ["dev", "train"])
def test_linking_b_cubed_floor(split: str) -> None:
    from newsint.evaluation.linking import evaluate_linking

    figures = evaluate_linking(DATASETS / "ecbplus" / split)
    ours, baseline = figures["newsint"]["b_cubed"]["f1"], figures["exact_string"]["b_cubed"]["f1"]
    assert ours >= FLOORS["ecbplus-linking"][split]
    assert ours > baseline + 0.02, "linking should beat joining identical strings only"
