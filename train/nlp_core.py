"""Train the core spaCy pipeline (tokens, tags, UD parse, senter) on UD English EWT: `python -m train.nlp_core`.

One command reproduces `models/nlp-core-v1/`: the EWT training set and the permissively licensed genres of GUM are
converted to DocBins under `build/nlp_core/` (never under version control; the datasets stay in ../shared), static
vectors are derived from MiniLM (train/nlp_core_vectors.py), `train/configs/core.cfg` is trained single-threaded
with a fixed seed, and the best checkpoint (by EWT dev LAS) goes to `models/` with the senter disabled and the
dev scores in its meta. See docs/nlp-core.md.
"""

import os

# Single-threaded on purpose: the machine is shared, and the scores must not depend on the thread count.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import gzip  # noqa: E402
import json  # noqa: E402
import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import spacy  # noqa: E402
from spacy.cli.train import train as spacy_train  # noqa: E402
from spacy.tokens import DocBin  # noqa: E402
from spacy.training.converters import conllu_to_docs  # noqa: E402

from newsint.resources import MODELS_DIR  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT.parent / "shared" / "datasets"
EWT = DATASETS / "ud-english-ewt"
TRAIN_FILE = EWT / "en_ewt-ud-train.conllu.gz"
DEV_FILE = EWT / "en_ewt-ud-dev.conllu"
GUM_TRAIN_FILE = DATASETS / "gum" / "gum_train.conllu.gz"
# GUM genres whose texts are under permissive licences (CC BY / BY-SA); the rest are non-commercial or unclear.
GUM_GENRES = ("academic", "bio", "court", "interview", "news", "voyage")
CONFIG = ROOT / "train" / "configs" / "core.cfg"
BUILD = ROOT / "build" / "nlp_core"
MODEL_NAME = "nlp-core-v1"
VERSION = "1.0.0"
# Documents of ten sentences, as `spacy convert -n 10`, so the parser learns where sentences end.
SENTENCES_PER_DOC = 10


def read_text(path: Path) -> str:
    """Read a CoNLL-U file, gzipped or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        return handle.read()


def keep_genres(conllu: str, genres: tuple[str, ...]) -> str:
    """The sentences of GUM documents (`# newdoc id = GUM_<genre>_...`) whose genre is in `genres`."""
    kept: list[str] = []
    keep = False
    for block in conllu.split("\n\n"):
        for line in block.splitlines():
            if line.startswith("# newdoc id = "):
                keep = line.removeprefix("# newdoc id = ").split("_")[1] in genres
        if keep and block.strip():
            kept.append(block.strip("\n"))
    return "\n\n".join(kept) + "\n"


def convert_conllu(src: Path, dest: Path, genres: tuple[str, ...] | None = None) -> int:
    """Write `src` as a DocBin at `dest`; multiword tokens become their syntactic words, as spaCy's converter does.

    Returns the number of words.
    """
    text = read_text(src) if genres is None else keep_genres(read_text(src), genres)
    docs = list(conllu_to_docs(text, n_sents=SENTENCES_PER_DOC, no_print=True))
    dest.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(dest)
    return sum(len(doc) for doc in docs)


def train_pipeline(config: Path, out_dir: Path, overrides: dict[str, object]) -> Path:
    """Train `config` on the converted corpora and return the best checkpoint's directory."""
    settings: dict[str, object] = {
        "paths.train": str(BUILD / "train"),
        "paths.dev": str(BUILD / "dev.spacy"),
        "paths.vectors": str(BUILD / "vectors"),
        **overrides,
    }
    spacy_train(config, out_dir, use_gpu=-1, overrides=settings)
    return out_dir / "model-best"


def package(best: Path, dest: Path, variant: str) -> dict[str, float]:
    """Copy the checkpoint to `dest` with the senter disabled; score it on EWT dev as newsint loads it (meta)."""
    from newsint.evaluation.parse import evaluate_parse
    from newsint.nlp.core import load_pipeline

    nlp = spacy.load(best)
    nlp.disable_pipe("senter")
    nlp.meta.update(
        {
            "name": "nlp_core",
            "version": VERSION,
            "description": "newsint core: PTB tags, UPOS + features, UD dependency parse; senter for the fast profile",
            "sources": [
                {
                    "name": "UD English EWT",
                    "url": "https://universaldependencies.org/treebanks/en_ewt/",
                    "license": "CC BY-SA 4.0",
                },
                {
                    "name": "GUM V11.1.0, genres " + ", ".join(GUM_GENRES),
                    "url": "https://github.com/amir-zeldes/gum",
                    "license": "CC BY 4.0 annotations; texts CC BY 2.5/4.0, CC BY-SA 3.0",
                },
                {"name": "all-MiniLM-L6-v2 input embeddings (static vectors)", "license": "Apache-2.0"},
            ],
            "data": {"train": [TRAIN_FILE.name, GUM_TRAIN_FILE.name], "dev": DEV_FILE.name, "variant": variant},
        }
    )
    if dest.exists():
        shutil.rmtree(dest)
    nlp.to_disk(dest)
    scores = evaluate_parse(DEV_FILE, load_pipeline(dest, "default"))
    fast = evaluate_parse(DEV_FILE, load_pipeline(dest, "fast"))
    scores.update({f"fast_{key}": fast[key] for key in ("token_f1", "sentence_f1", "words_per_second")})
    meta_path = dest / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["newsint_scores"] = {"ewt_dev": scores}
    meta_path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return scores


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, default=CONFIG)
    parser.add_argument("--variant", default=MODEL_NAME, help="name of this run: build/nlp_core/<variant>/")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="config override (JSON value)")
    parser.add_argument("--output", type=Path, default=MODELS_DIR / MODEL_NAME)
    parser.add_argument("--no-package", action="store_true", help="train only; leave models/ alone")
    parser.add_argument("--package-only", action="store_true", help="package an existing checkpoint")
    args = parser.parse_args(argv)

    overrides = {key: json.loads(value) for key, value in (item.split("=", 1) for item in args.set)}
    out_dir = BUILD / args.variant
    if not args.package_only:
        corpora = (
            (TRAIN_FILE, "train/ewt.spacy", None),
            (GUM_TRAIN_FILE, "train/gum.spacy", GUM_GENRES),
            (DEV_FILE, "dev.spacy", None),
        )
        for src, name, genres in corpora:
            if not (BUILD / name).exists():
                print(f"{src.name}: {convert_conllu(src, BUILD / name, genres)} words -> {BUILD / name}")
        if not (BUILD / "vectors").exists():
            from train.nlp_core_vectors import main as build_vectors

            build_vectors([])
        train_pipeline(args.config, out_dir, overrides)
    if not args.no_package:
        scores = package(out_dir / "model-best", args.output, args.variant)
        print(json.dumps(scores, indent=2))


if __name__ == "__main__":
    main()
