"""Fine-tune MiniLM to find a cue's content and write `models/contents-v1` (ONNX, int8) for
`newsint.claims.contentmodel`.

Every gold attribution of PolNeAR train with a cue is one example: the window `content_window` builds around
its cue (the cue between marker pieces), each word labelled 1 inside the gold content and 0 outside. Fitted on
the same 90 % of the articles as the cue tagger (`train/cues.py`, seed 7), so that the held-out tenth, where
`newsint.claims.extract` chooses how far to trust it, is unseen by both; the dev split is never read.

Usage (from the repo root):
    python -m train.contents                 # parse, fine-tune, export models/contents-v1
    python -m train.contents --export-only   # export again from the saved checkpoint
Needs torch, transformers, onnx (the `train` extra).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

import torch

from newsint.claims.contentmodel import CONTENT_LABELS, CONTENT_MODEL_DIR, content_window
from newsint.evaluation.attribution import AttributionDocument
from newsint.nlp.ner import WordPieces
from train.cues import fit_on, install, split_articles
from train.ner import (
    Tagger,
    export_onnx,
    fine_tune_arguments,
    fine_tune_settings,
    load_encoder,
    seeded,
)

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build" / "contents"
VERSION = "1.0.0"


def training_windows(documents: list[AttributionDocument], docs: list[Any], pieces: WordPieces) -> list[Any]:
    """(Window, piece labels) pairs, one per gold attribution: 1 on the first piece of a word inside its
    content, 0 on other first pieces, nothing on the markers."""
    examples = []
    for document, doc in zip(documents, docs, strict=True):
        for attribution in document.attributions:
            cue = [t.i for t in doc if any(s < t.idx + len(t) and t.idx < e for s, e in attribution.cue)]
            if not cue or not attribution.content:
                continue
            found = content_window(pieces, doc, cue[0], cue[-1] + 1)
            if found is None:
                continue
            offset, window = found
            labels = [-100] * len(window.input_ids)
            for position, piece in enumerate(window.first_pieces):
                if piece >= 0:
                    token = doc[offset + position]
                    labels[piece] = int(any(s <= token.idx < e for s, e in attribution.content))
            examples.append((window, labels))
    return examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/polnear/train"))
    fine_tune_arguments(parser, epochs=2)
    parser.add_argument("--layers", type=int, default=4, help="encoder layers read (and exported)")
    parser.add_argument("--export-only", action="store_true")
    parser.add_argument("--output", type=Path, default=CONTENT_MODEL_DIR)
    args = parser.parse_args()
    seeded(args.threads)
    started = time.time()
    checkpoint = BUILD / "checkpoint.pt"
    model = Tagger(load_encoder(args.layers), 384, (args.layers,), labels=len(CONTENT_LABELS))
    if args.export_only:
        model.load_state_dict(torch.load(checkpoint, weights_only=True))
    else:
        fit, _ = split_articles(args.data)
        fit_on(fit, training_windows, model, args, checkpoint)
    target = BUILD / "export"
    export_onnx(model, args.layers, target)
    install(target, args.output)
    meta = {
        "name": CONTENT_MODEL_DIR.name,
        "version": VERSION,
        "labels": list(CONTENT_LABELS),
        "encoder": f"sentence-transformers/all-MiniLM-L6-v2 (uncased), first {args.layers} of 6 layers, + casing shape",
        "layers": args.layers,
        "quantisation": "onnxruntime dynamic int8, per-channel weights",
        "training_data": f"PolNeAR {args.data.name}, 90 % of the articles (seed 7), one example per gold cue",
        "training": fine_tune_settings(args),
        "trained_by": "python -m train.contents",
    }
    (args.output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output} in {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
