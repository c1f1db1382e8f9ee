"""Distil the default NER (models/ner-v1) into a spaCy CNN and write `models/ner-fast-v1`.

Training data: CoNLL-2003 train (gold) plus Reuters-21578 bodies labelled by the default model (silver;
Reuters-21578 is 1987 newswire, no overlap with the 1996-97 CoNLL texts); with `--worldwide` also the training
part of en-worldwide-newswire (gold, types mapped to CoNLL's), for non-Western news. CoNLL valid (gold) is the dev
set that picks the best checkpoint; the student never trains on it. CoNLL test and the held-out third of
en-worldwide-newswire (`in_part(name, "heldout")`, never trained on) are only scored. Config:
train/configs/ner_fast.cfg.

Usage (from the repo root, after `python -m train.ner`):
    python -m train.ner_fast [--silver-words 600000] [--max-steps 4000]
    python -m train.ner_fast --worldwide --train-output build/ner_fast_wnn/output --target build/ner_fast_wnn/candidate
        # add en-worldwide-newswire's training part (gold) to the training data
    python -m train.ner_fast --skip-silver --resume build/ner_fast/output/model-last --max-steps 4000 \
        --train-output build/ner_fast/resume --target build/ner_fast/candidate
        # continue training a saved pipeline's ner (fresh optimizer, same data and config otherwise)
    python -m train.ner_fast --worldwide --skip-silver --package-only --train-output build/ner_fast/output
        # package and score a finished spaCy training run (a step of a run split in two)
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import spacy
from spacy.tokens import Doc, DocBin, Span

from newsint.evaluation.ner import WORLDWIDE_TO_CONLL, entities_from_tags, evaluate_ner, read_ner_data
from newsint.nlp.ner import DEFAULT_MODEL_DIR
from newsint.resources import MODELS_DIR

REPO = Path(__file__).resolve().parents[1]
DATASETS = REPO.parent / "shared" / "datasets"
CONFIG = REPO / "train" / "configs" / "ner_fast.cfg"
BUILD = REPO / "build" / "ner_fast"
OUTPUT = MODELS_DIR / "ner-fast-v1"
WORLDWIDE = DATASETS / "en-worldwide-newswire" / "annotated"
HELDOUT_RULE = (
    "en-worldwide-newswire files with newsint.evaluation.ner.in_part(name, 'heldout') "
    "(sha256('newsint-heldout:' + file name) mod 3 == 0) are never trained on nor used to pick checkpoints"
)


def gold_docs(
    nlp: spacy.language.Language, path: Path, mapping: dict[str, str | None] | None = None, part: str = "all"
) -> Iterator[Doc]:
    """Gold documents (CoNLL, or one per en-worldwide-newswire file of `part`) as Docs with entities and sentence
    starts."""
    for document in read_ner_data(path, mapping, part):
        doc = Doc(
            nlp.vocab, words=document.words, sent_starts=[i == 0 for s in document.sentences for i in range(len(s))]
        )
        doc.ents = [Span(doc, start, end, label=kind) for start, end, kind in entities_from_tags(document.tags)]
        yield doc


def reuters_texts(limit_words: int) -> Iterator[str]:
    """Reuters-21578 bodies in `newid` order, whitespace folded, until `limit_words` words."""
    with gzip.open(DATASETS / "reuters21578" / "reuters21578.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = sorted((json.loads(line) for line in handle), key=lambda r: int(r["newid"]))
    words = 0
    for record in records:
        body = " ".join((record.get("body") or "").split()).removesuffix("Reuter").strip()
        if len(body) < 200:
            continue
        yield body
        words += body.count(" ") + 1
        if words >= limit_words:
            return


def labelled_reuters(limit_words: int, teacher: Path) -> Iterator[Doc]:
    """Reuters bodies (`reuters_texts`) with the entities and sentences the `teacher` model gives them (two
    threads): the silver text a smaller model is distilled on."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("newsint_ner", config={"model_dir": str(teacher), "threads": 2})
    yield from nlp.pipe(reuters_texts(limit_words))


def write_silver(limit_words: int, target: Path, teacher: Path) -> int:
    """Label Reuters bodies with the `teacher` model and save them as a DocBin."""
    bin_ = DocBin(attrs=["ENT_IOB", "ENT_TYPE", "SENT_START"])
    words = 0
    for doc in labelled_reuters(limit_words, teacher):
        bin_.add(doc)
        words += len(doc)
    bin_.to_disk(target)
    return words


def score(model_dir: Path) -> dict[str, Any]:
    """CoNLL test, the en-worldwide-newswire held-out third (comparable whether or not `--worldwide` trained on
    the rest) and all its files (comparable with figures from before the split)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("ner", source=spacy.load(model_dir))
    return {
        "conll2003_test": evaluate_ner(DATASETS / "conll2003" / "test.txt", nlp),
        "en_worldwide_newswire_heldout": evaluate_ner(WORLDWIDE, nlp, WORLDWIDE_TO_CONLL, part="heldout"),
        "en_worldwide_newswire": evaluate_ner(WORLDWIDE, nlp, WORLDWIDE_TO_CONLL),
    }


def main() -> None:
    import newsint.nlp.ner  # noqa: F401  (registers the newsint_ner factory used for silver labels)

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--silver-words", type=int, default=600_000)
    parser.add_argument("--max-steps", type=int, default=4000)
    parser.add_argument("--skip-silver", action="store_true", help="reuse build/ner_fast/train/silver.spacy")
    parser.add_argument("--resume", type=Path, help="continue training the ner of this saved pipeline")
    parser.add_argument("--worldwide", action="store_true", help="also train on en-worldwide-newswire's train part")
    parser.add_argument(
        "--teacher", type=Path, default=DEFAULT_MODEL_DIR, help="the default model that labels the silver"
    )
    parser.add_argument("--train-output", type=Path, default=BUILD / "output", help="spaCy training output")
    parser.add_argument("--target", type=Path, default=OUTPUT, help="where model-best is copied and scored")
    parser.add_argument(
        "--package-only", action="store_true", help="skip spaCy training: copy and score --train-output's model-best"
    )
    args = parser.parse_args()
    from spacy.cli.train import train

    spacy.util.fix_random_seed(13)
    (BUILD / "train").mkdir(parents=True, exist_ok=True)
    started = time.time()
    if not args.skip_silver:
        words = write_silver(args.silver_words, BUILD / "train" / "silver.spacy", args.teacher)
        print(f"silver: {words} words labelled in {time.time() - started:.0f}s", flush=True)
    blank = spacy.blank("en")
    DocBin(docs=gold_docs(blank, DATASETS / "conll2003" / "train.txt")).to_disk(BUILD / "train" / "gold.spacy")
    teacher = json.loads((args.teacher / "meta.json").read_text(encoding="utf-8"))
    silver = f"reuters21578 ({args.silver_words} words, silver by {teacher.get('name')} {teacher.get('version')})"
    training_data = ["conll2003/train.txt (gold)", silver]
    # spaCy reads every .spacy file of the folder, so a worldwide file left by an earlier run must go
    worldwide_bin = BUILD / "train" / "worldwide.spacy"
    worldwide_bin.unlink(missing_ok=True)
    if args.worldwide:
        worldwide = list(gold_docs(blank, WORLDWIDE, WORLDWIDE_TO_CONLL, part="train"))  # one Doc a file
        DocBin(docs=worldwide).to_disk(worldwide_bin)
        training_data.append(
            f"en-worldwide-newswire/annotated ({len(worldwide)} train-part files, gold, WORLDWIDE_TO_CONLL)"
        )
    DocBin(docs=gold_docs(blank, DATASETS / "conll2003" / "valid.txt")).to_disk(BUILD / "dev.spacy")
    config = CONFIG
    if args.resume:
        from spacy.util import load_config

        resumed = load_config(CONFIG)
        resumed["components"]["ner"] = {"source": str(args.resume.resolve()), "component": "ner"}
        config = BUILD / "resume.cfg"
        resumed.to_disk(config)
    if not args.package_only:
        train(
            config,
            args.train_output,
            overrides={
                "paths.train": str(BUILD / "train"),
                "paths.dev": str(BUILD / "dev.spacy"),
                "training.max_steps": args.max_steps,
            },
        )
    target = args.target.resolve()
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(args.train_output / "model-best", target)
    meta_path = target / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    scores = score(target)
    meta.update(
        name="ner_fast",
        version="1.1.0",
        description="newsint fast NER: spaCy CNN distilled from models/ner-v1 (python -m train.ner_fast)",
        newsint_training_data=training_data,
        newsint_heldout=HELDOUT_RULE,
        newsint_scores=scores,
        newsint_training={"max_steps": args.max_steps, "resumed_from": str(args.resume) if args.resume else None},
    )
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    for name, figures in scores.items():
        print(f"{name}: F1 {figures['overall']['f1'] * 100:.2f} {figures['words_per_second']:.0f} w/s", flush=True)


if __name__ == "__main__":
    main()
