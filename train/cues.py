"""Fine-tune MiniLM to tag attribution cues and write `models/cues-v3` (ONNX, int8) for `newsint.claims.cuemodel`.

The linear cue model over the parse (`train/attribution.py`) stops at about 0.73 cue F1 on PolNeAR dev, and
with the gold cues the extraction reaches every target of issue 6: what is missing is a reader of the whole
sentence. This tagger reads windows of whole sentences (the runtime's `WordPieces` windows over the core
pipeline's tokens) and gives each word the probability that it is part of a cue.

Data: PolNeAR train, the same 90 % / 10 % article split as `train/attribution.py` (seed 7). The tagger is fitted
on the 90 % with a head at layers 4, 5 and 6; the depth, the blend with the linear model and the thresholds (for
verbs and for nouns and adjectives of stance) are chosen by content F1 on the 10 %, attribution F1 breaking ties
(content is the figure issue 6 still lacks; the two agree within 0.001 on the choice); the dev split is never read.

Usage (from the repo root):
    python -m train.cues                   # train, export, choose on the held-out articles, write models/cues-v3
    python -m train.cues --export-only     # re-export and choose from the saved checkpoint
    python -m train.cues --refit models/cues-v3/meta.json   # fit on every train article with that meta's choice
Needs torch, transformers, onnx (the `train` extra).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import torch

from newsint.claims.cuemodel import CUE_LABELS, CUE_MODEL_DIR, CueModel, CueTagger, load_cue_model, sentence_units
from newsint.evaluation.attribution import AttributionDocument, read_split
from newsint.nlp.core import load_core
from newsint.nlp.ner import WordPieces
from train.attribution import held_out_f1
from train.ner import (
    ENCODER_DIR,
    Tagger,
    export_onnx,
    fine_tune,
    fine_tune_arguments,
    fine_tune_settings,
    load_encoder,
    seeded,
)

REPO = Path(__file__).resolve().parents[1]
BUILD = REPO / "build" / "cues"
HEAD_LAYERS = (4, 5, 6)  # the depths a head is trained at, and the export chosen among them (--layers)
VERSION = "3.0.0"  # fitted on 90 % of the articles, settings chosen on the rest
REFIT_VERSION = "3.1.0"  # the same settings, fitted on every article (--refit)


def split_articles(data: Path) -> tuple[list[AttributionDocument], list[AttributionDocument]]:
    """The articles to fit on and the tenth held out, as `train/attribution.py` splits them."""
    documents = list(read_split(data))
    random.Random(7).shuffle(documents)
    held = len(documents) // 10
    return documents[held:], documents[:held]


def training_windows(documents: list[AttributionDocument], docs: list[Any], pieces: WordPieces) -> list[Any]:
    """(Window, piece labels) pairs: 1 on the first piece of a word inside a gold cue, 0 on other first pieces."""
    examples = []
    for document, doc in zip(documents, docs, strict=True):
        cue_chars = {i for a in document.attributions for start, end in a.cue for i in range(start, end)}
        words = [token.text for token in doc]
        inside = [any(i in cue_chars for i in range(t.idx, t.idx + len(t))) for t in doc]
        for window in pieces.windows(words, sentence_units(doc)):
            labels = [-100] * len(window.input_ids)
            for offset, position in enumerate(window.first_pieces):
                if position >= 0:
                    labels[position] = int(inside[window.start + offset])
            examples.append((window, labels))
    return examples


def choose(held: list[AttributionDocument], held_docs: list[Any], target: Path) -> dict[str, Any]:
    """The blend and thresholds with the best held-out content F1 (then attribution F1) for the tagger exported
    at `target`."""
    linear = load_cue_model(tagger_dir=None)
    tagger = CueTagger(target)
    probabilities = [tagger.probabilities(doc) for doc in held_docs]
    best: dict[str, Any] = {"content_f1": 0.0, "f1": 0.0}
    grid = itertools.product((0.85, 1.0), (0.3, 0.4, 0.5), (0.4, 0.5, 0.6), (0.6, 0.7, 0.8))
    for blend, threshold, other, nominal in grid:
        model = CueModel(linear.weights, threshold, other, blend=blend, nominal_threshold=nominal)
        content, f1 = held_out_f1(held, held_docs, model, probabilities)
        print(f"  blend {blend} thresholds {threshold}/{other}/{nominal}: content F1 {content:.4f}, "
              f"attribution F1 {f1:.4f}", flush=True)  # fmt: skip
        if (content, f1) > (best["content_f1"], best["f1"]):
            best = {"content_f1": content, "f1": f1, "blend": blend, "threshold": threshold,
                    "other_threshold": other, "nominal_threshold": nominal}  # fmt: skip
    return best


def fit_on(documents: list[AttributionDocument], windows: Callable[..., list[Any]], model: Tagger,
           args: argparse.Namespace, checkpoint: Path) -> None:  # fmt: skip
    """Parse `documents`, make their (window, labels) examples with `windows(documents, docs, pieces)` and
    fine-tune `model` on them, saved to `checkpoint`: the run both PolNeAR taggers (cues, contents) share."""
    started = time.time()
    docs = list(load_core("default").pipe(d.text for d in documents))
    examples = windows(documents, docs, WordPieces(ENCODER_DIR / "tokenizer.json"))
    del docs
    print(f"{len(documents)} articles, {len(examples)} examples, parsed in {time.time() - started:.0f} s", flush=True)
    fine_tune(model, examples, args, model.heads[0].out_features, checkpoint)


def fit_tagger(documents: list[AttributionDocument], head_layers: tuple[int, ...], args: argparse.Namespace,
               checkpoint: Path) -> Tagger:  # fmt: skip
    """A tagger with a head at each of `head_layers`, fine-tuned on the cues of `documents`; saved to `checkpoint`."""
    model = Tagger(load_encoder(max(head_layers)), 384, head_layers, labels=len(CUE_LABELS))
    fit_on(documents, training_windows, model, args, checkpoint)
    return model


def install(export: Path, output: Path) -> None:
    """Copy an exported tagger (graph and tokenizer) into the model directory; meta.json is the caller's."""
    output.mkdir(parents=True, exist_ok=True)
    for name in ("model.onnx", "tokenizer.json"):
        shutil.copy(export / name, output / name)


def training_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The fine-tuning settings a meta.json records, with the depths trained."""
    return fine_tune_settings(args) | {"layers": args.layers}


def refit(args: argparse.Namespace, documents: list[AttributionDocument], head_layers: tuple[int, ...],
          chosen: dict[str, Any]) -> None:  # fmt: skip
    """Fit on every article with the choice an earlier run made on the held-out tenth (`chosen`, its meta), and
    write that depth with its blend and thresholds: more data, the same settings, no second choice."""
    started = time.time()
    model = fit_tagger(documents, head_layers, args, BUILD / "checkpoint-all.pt")
    target = BUILD / f"all-layers-{chosen['layers']}"
    export_onnx(model, chosen["layers"], target)
    install(target, args.output)
    keep = ("name", "labels", "encoder", "layers", "quantisation", "blend", "threshold", "other_threshold",
            "nominal_threshold")  # fmt: skip
    meta = {key: chosen[key] for key in keep} | {
        "version": REFIT_VERSION,
        "training_data": f"PolNeAR {args.data.name}, all {len(documents)} articles",
        "settings_chosen_on": "the held-out tenth of the train articles, by the 90 % model below (not this one)",
        "chosen_by": chosen.get("chosen_by")
        or {k: v for k, v in chosen.items() if k.startswith("held_out") or k in ("variants", "version")},
        "training": training_settings(args),
        "trained_by": f"python -m train.cues --refit {args.refit}",
    }
    (args.output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output} in {time.time() - started:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/datasets/polnear/train"))
    fine_tune_arguments(parser, epochs=3)
    parser.add_argument("--layers", default=",".join(map(str, HEAD_LAYERS)), help="depths with a head, e.g. 4,5,6")
    parser.add_argument("--export-only", action="store_true")
    refit_help = "a meta.json whose depth, blend and thresholds to keep: fit on every train article and write"
    parser.add_argument("--refit", type=Path, help=refit_help)
    parser.add_argument("--output", type=Path, default=CUE_MODEL_DIR)
    args = parser.parse_args()
    seeded(args.threads)
    started = time.time()
    head_layers = tuple(int(n) for n in args.layers.split(","))
    fit, held = split_articles(args.data)
    if args.refit is not None:
        refit(args, fit + held, head_layers, json.loads(args.refit.read_text(encoding="utf-8")))
        return
    nlp = load_core("default")
    held_docs = list(nlp.pipe(d.text for d in held))
    checkpoint = BUILD / "checkpoint.pt"
    if not args.export_only:
        fit_tagger(fit, head_layers, args, checkpoint)
    results: dict[int, dict[str, Any]] = {}
    for layers in head_layers:
        model = Tagger(load_encoder(max(head_layers)), 384, head_layers, labels=len(CUE_LABELS))
        model.load_state_dict(torch.load(checkpoint, weights_only=True))
        target = BUILD / f"layers-{layers}"
        export_onnx(model, layers, target)
        (target / "meta.json").write_text(json.dumps({"labels": list(CUE_LABELS)}) + "\n", encoding="utf-8")
        print(f"{layers} layers:", flush=True)
        results[layers] = choose(held, held_docs, target)
        print(f"{layers} layers: best {results[layers]}", flush=True)
    (BUILD / "variants.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    layers = max(results, key=lambda n: (round(results[n]["content_f1"], 3), -n))  # the shallower of two ties
    install(BUILD / f"layers-{layers}", args.output)
    meta = {
        "name": CUE_MODEL_DIR.name,
        "version": VERSION,
        "labels": list(CUE_LABELS),
        "encoder": f"sentence-transformers/all-MiniLM-L6-v2 (uncased), first {layers} of 6 layers, + casing shape",
        "layers": layers,
        "quantisation": "onnxruntime dynamic int8, per-channel weights",
        "training_data": f"PolNeAR {args.data.name}, 90 % of the articles (seed 7)",
        "blend": results[layers]["blend"],
        "threshold": results[layers]["threshold"],
        "other_threshold": results[layers]["other_threshold"],
        "nominal_threshold": results[layers]["nominal_threshold"],
        "held_out_content_f1": results[layers]["content_f1"],
        "held_out_attribution_f1": results[layers]["f1"],
        "variants": {str(n): r for n, r in results.items()},
        "training": training_settings(args),
        "trained_by": "python -m train.cues",
    }
    (args.output / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.output} ({layers} layers) in {time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
