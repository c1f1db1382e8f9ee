"""Sentence embeddings: all-MiniLM-L6-v2 as an int8 ONNX graph (models/encoder-v1, from train/encoder.py).

Stories compare articles, and corroboration compares statements, by the cosine of these embeddings. The
graph pools and normalises, so a row is the unit vector sentence-transformers would give (mean cosine to
the float model in meta.json).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsint.errors import ConfigError
from newsint.nlp.runtime import onnx_session

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "encoder-v1"
# The length all-MiniLM-L6-v2 was trained on (its card allows 256): half the time of 256 an article, and ECB+ story
# B-cubed 0.851 on train / 0.862 on dev against 0.857 / 0.845 with 256 (docs/quality.md).
MAX_PIECES = 128
DIMENSIONS = 384


class Encoder:
    """Unit-length embeddings of texts."""

    def __init__(self, model_dir: Path, threads: int = 1) -> None:
        from tokenizers import Tokenizer

        self.session = onnx_session(model_dir / "model.onnx", threads)
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_PIECES)
        self.tokenizer.no_padding()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), 384) float32 array of unit rows.

        One text a run: the int8 graph quantizes activations with one scale per run, so batching would make a
        text's embedding depend on the texts beside it.
        """
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        for row, text in enumerate(texts):
            encoding = self.tokenizer.encode(text)
            feeds = {
                "input_ids": np.array([encoding.ids], dtype=np.int64),
                "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
            }
            (embedding,) = self.session.run(["embedding"], feeds)
            out[row] = embedding[0]
        return out


@lru_cache(maxsize=2)
def load_encoder(model_dir: str = str(MODEL_DIR), threads: int = 1) -> Encoder:
    """One session per model, shared by every user in the process."""
    path = Path(model_dir)
    if not (path / "model.onnx").exists():
        raise ConfigError(f"sentence encoder not found at {path}: run `python -m train.encoder`")
    return Encoder(path, threads)
