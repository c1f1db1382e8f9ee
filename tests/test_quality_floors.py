"""Quality gates: `newsint eval extract` on the shared benchmark must not fall below its pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsint.evaluation.extraction import evaluate_extract
from newsint.settings import load_settings
from tests.conftest import DATASETS, needs

FLOORS = json.loads((Path(__file__).parent / "golden" / "quality-floors.json").read_text(encoding="utf-8"))
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
