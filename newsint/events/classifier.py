"""The event-class model: a sentence in, a probability per event class out.

models/events-v1 holds all-MiniLM-L6-v2 fine-tuned with a linear head over the mean-pooled sentence
embedding and the cue features of `events/cues.py`, exported to ONNX (int8) by `train/events.py`. Run
with onnxruntime and tokenizers only; no learning library at run time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from newsint.errors import ConfigError
from newsint.events.cues import CUE_NAMES, cue_features
from newsint.nlp.runtime import onnx_session

MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / "events-v1"
MAX_PIECES = 128


class EventClassifier:
    """Probabilities of the event classes in `labels` for sentences."""

    def __init__(self, model_dir: Path, threads: int = 1) -> None:
        from tokenizers import Tokenizer

        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        if tuple(meta["cues"]) != CUE_NAMES:
            raise ConfigError(f"{model_dir}: its cue features differ from newsint/events/cues.py; retrain it")
        self.labels: tuple[str, ...] = tuple(meta["labels"])
        self.meta = meta
        self.session = onnx_session(model_dir / "model.onnx", threads)
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(MAX_PIECES)
        self.tokenizer.no_padding()  # the file pads to 128 pieces; one sentence a run needs none

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """A (len(texts), len(labels)) array of class probabilities; rows sum to 1.

        One sentence a run: the int8 graph quantizes its activations with one scale per run, so in a batch a
        sentence's class would depend on the sentences beside it, and the same sentence could be coded
        differently in two articles.
        """
        out = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for row, text in enumerate(texts):
            encoding = self.tokenizer.encode(text)
            feeds = {
                "input_ids": np.array([encoding.ids], dtype=np.int64),
                "attention_mask": np.array([encoding.attention_mask], dtype=np.int64),
                "cues": np.array([cue_features(text)], dtype=np.float32),
            }
            (logits,) = self.session.run(["logits"], feeds)
            shifted = np.exp(logits[0] - logits[0].max())
            out[row] = shifted / shifted.sum()
        return out


@lru_cache(maxsize=2)
def load_classifier(model_dir: str = str(MODEL_DIR), threads: int = 1) -> EventClassifier:
    """One session per model, shared by every pipeline that uses it."""
    path = Path(model_dir)
    if not (path / "model.onnx").exists():
        raise ConfigError(f"event model not found at {path}: run `python -m train.events`")
    return EventClassifier(path, threads)
