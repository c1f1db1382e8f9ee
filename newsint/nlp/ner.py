"""Named-entity recognition for spaCy pipelines: our fine-tuned MiniLM run with onnxruntime, or a CNN.

`add_ner(nlp, "default")` appends `newsint_ner`: the uncased MiniLM encoder plus an embedding of each word's
casing shape, over windows of whole sentences (document context), decoded with a BIO-constrained Viterbi.
`add_ner(nlp, "fast")` sources the spaCy CNN `ner` of models/ner-fast-v1 (distilled from the default model),
which carries its own tok2vec. Both set `doc.ents` with the CoNLL types PER, ORG, LOC, MISC, and both are followed
by `newsint_ner_consistency` (newsint/nlp/consistency.py: one type per name and PER surnames across the document).
The runtime needs onnxruntime, tokenizers, numpy and spaCy only; training lives in train/ner.py and train/ner_fast.py.
"""

from __future__ import annotations

import json
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy.language import Language
from spacy.tokens import Doc, Span, SpanGroup

from newsint.errors import ConfigError
from newsint.nlp.consistency import COMPONENT as CONSISTENCY_COMPONENT
from newsint.nlp.runtime import onnx_session
from newsint.resources import MODELS_DIR

DEFAULT_MODEL_DIR = MODELS_DIR / "ner-v1"
FAST_MODEL_DIR = MODELS_DIR / "ner-fast-v1"
LABELS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
MAX_PIECES = 128  # per window, [CLS] and [SEP] included: the length the model was trained on
MAX_PIECES_PER_WORD = 16  # a URL or a run of symbols must not fill a window; the first piece is the one scored
BATCH_SIZE = 16

# Casing shapes: the encoder is uncased, so "US" / "us" and "May" / "may" differ only here.
SHAPE_SPECIAL, SHAPE_LOWER, SHAPE_TITLE, SHAPE_UPPER, SHAPE_MIXED, SHAPE_DIGIT, SHAPE_PUNCT, SHAPE_OTHER = range(8)
SHAPE_COUNT = 8

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]


def word_shape(word: str) -> int:
    """The casing class of a word: lower, Title, UPPER, mixed, has a digit, punctuation, or other."""
    letters = [c for c in word if c.isalpha()]
    if letters:
        if all(c.islower() for c in letters):
            return SHAPE_LOWER
        if all(c.isupper() for c in letters):
            return SHAPE_UPPER if len(letters) > 1 else SHAPE_TITLE
        if letters[0].isupper() and all(c.islower() or not c.isupper() for c in letters[1:]):
            return SHAPE_TITLE
        return SHAPE_MIXED
    if any(c.isdigit() for c in word):
        return SHAPE_DIGIT
    if word and all(unicodedata.category(c).startswith("P") for c in word):
        return SHAPE_PUNCT
    return SHAPE_OTHER


@dataclass(frozen=True)
class Window:
    """Words [start, end) of one sequence, and their pieces laid out as the model reads them."""

    start: int
    end: int
    input_ids: list[int]
    shape_ids: list[int]
    first_pieces: list[int]  # position of each word's first piece; -1 for a word with no pieces


class WordPieces:
    """Split words into the encoder's word pieces and pack them into windows of whole sentences."""

    def __init__(self, tokenizer_path: Path) -> None:
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self.tokenizer.no_truncation()
        self.tokenizer.no_padding()
        self.path = tokenizer_path
        self.cls_id = self.special_id("[CLS]")
        self.sep_id = self.special_id("[SEP]")

    def special_id(self, token: str) -> int:
        """The id of a piece of the vocabulary given whole ("[CLS]", "[unused0]")."""
        piece: int | None = self.tokenizer.token_to_id(token)
        if piece is None:
            raise ConfigError(f"{self.path}: no {token} token")
        return piece

    def pieces(self, words: Sequence[str]) -> list[list[int]]:
        """Piece ids of each word (empty for whitespace), at most MAX_PIECES_PER_WORD."""
        per_word: list[list[int]] = [[] for _ in words]
        if not words:
            return per_word
        encoding = self.tokenizer.encode(list(words), is_pretokenized=True, add_special_tokens=False)
        for piece, word in zip(encoding.ids, encoding.word_ids, strict=True):
            if word is not None and len(per_word[word]) < MAX_PIECES_PER_WORD:
                per_word[word].append(piece)
        return per_word

    def windows(self, words: Sequence[str], units: Iterable[tuple[int, int]]) -> list[Window]:
        """Pack consecutive units (sentences) into windows; a unit too long for one is cut between words."""
        pieces = self.pieces(words)
        budget = MAX_PIECES - 2
        ranges: list[tuple[int, int]] = []
        start, used = -1, 0
        for unit_start, unit_end in units:
            size = sum(len(p) for p in pieces[unit_start:unit_end])
            if start >= 0 and used + size <= budget:
                used += size
                continue
            if start >= 0:
                ranges.append((start, unit_start))
            start, used = unit_start, 0
            for index in range(unit_start, unit_end):
                if used + len(pieces[index]) > budget and index > start:
                    ranges.append((start, index))
                    start, used = index, 0
                used += len(pieces[index])
        if start >= 0:
            ranges.append((start, len(words)))
        return [self._window(words, pieces, start, end) for start, end in ranges if end > start]

    def _window(self, words: Sequence[str], pieces: list[list[int]], start: int, end: int) -> Window:
        input_ids: list[int] = [self.cls_id]
        shape_ids = [SHAPE_SPECIAL]
        first_pieces: list[int] = []
        for index in range(start, end):
            first_pieces.append(len(input_ids) if pieces[index] else -1)
            input_ids.extend(pieces[index])
            shape_ids.extend([word_shape(words[index])] * len(pieces[index]))
        input_ids.append(self.sep_id)
        shape_ids.append(SHAPE_SPECIAL)
        return Window(start, end, input_ids, shape_ids, first_pieces)


def pad_batch(windows: Sequence[Window]) -> dict[str, IntArray]:
    """The model inputs for windows of different lengths, padded to the longest."""
    length = max(len(w.input_ids) for w in windows)
    input_ids = np.zeros((len(windows), length), dtype=np.int64)
    shape_ids = np.zeros((len(windows), length), dtype=np.int64)
    attention_mask = np.zeros((len(windows), length), dtype=np.int64)
    for row, window in enumerate(windows):
        size = len(window.input_ids)
        input_ids[row, :size] = window.input_ids
        shape_ids[row, :size] = window.shape_ids
        attention_mask[row, :size] = 1
    return {"input_ids": input_ids, "attention_mask": attention_mask, "shape_ids": shape_ids}


def _allowed_transitions() -> FloatArray:
    """Log-space mask: I-X may only follow B-X or I-X."""
    allowed = np.zeros((len(LABELS), len(LABELS)), dtype=np.float32)
    for target, label in enumerate(LABELS):
        if label.startswith("I-"):
            for source, previous in enumerate(LABELS):
                if previous[2:] != label[2:]:
                    allowed[source, target] = -np.inf
    return allowed


_TRANSITIONS = _allowed_transitions()
_START = np.array([-np.inf if label.startswith("I-") else 0.0 for label in LABELS], dtype=np.float32)


def viterbi(log_probs: FloatArray) -> list[int]:
    """The most probable label sequence (rows: words) with no I- tag out of place."""
    if len(log_probs) == 0:
        return []
    score = log_probs[0] + _START
    back = np.zeros(log_probs.shape, dtype=np.int64)
    for index in range(1, len(log_probs)):
        candidates = score[:, None] + _TRANSITIONS
        back[index] = candidates.argmax(axis=0)
        score = candidates.max(axis=0) + log_probs[index]
    path = [int(score.argmax())]
    for index in range(len(log_probs) - 1, 0, -1):
        path.append(int(back[index, path[-1]]))
    return path[::-1]


def _log_softmax(logits: FloatArray) -> FloatArray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    result: FloatArray = shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))
    return result


def decode_window(window: Window, logits: FloatArray) -> tuple[list[int], list[float]]:
    """Label index and its probability for each word of a window; words without pieces are O."""
    scored = [i for i, position in enumerate(window.first_pieces) if position >= 0]
    labels = [0] * (window.end - window.start)
    probabilities = [1.0] * (window.end - window.start)
    if not scored:
        return labels, probabilities
    log_probs = _log_softmax(logits[[window.first_pieces[i] for i in scored]].astype(np.float32))
    for word, label, row in zip(scored, viterbi(log_probs), log_probs, strict=True):
        labels[word] = label
        probabilities[word] = float(np.exp(row[label]))
    return labels, probabilities


class OnnxTagger:
    """The exported encoder and classifier: word-piece windows in, per-piece label logits out.

    `labels` are the ones the model must have been trained with (the entity tags; `tag` decodes only those).
    """

    def __init__(self, model_dir: Path, threads: int = 1, labels: tuple[str, ...] = LABELS) -> None:
        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        if tuple(meta["labels"]) != labels:
            raise ConfigError(f"{model_dir}: labels {meta['labels']} differ from {labels}")
        self.session = onnx_session(model_dir / "model.onnx", threads)
        self.pieces = WordPieces(model_dir / "tokenizer.json")
        self.meta = meta

    def logits(self, windows: Sequence[Window]) -> list[FloatArray]:
        """Per-piece logits of each window, batched by length so that little is padding."""
        order = sorted(range(len(windows)), key=lambda i: len(windows[i].input_ids))
        results: list[FloatArray] = [np.empty((0, len(self.meta["labels"])), dtype=np.float32)] * len(windows)
        for offset in range(0, len(order), BATCH_SIZE):
            chosen = order[offset : offset + BATCH_SIZE]
            (batch_logits,) = self.session.run(["logits"], pad_batch([windows[i] for i in chosen]))
            for row, index in enumerate(chosen):
                results[index] = batch_logits[row, : len(windows[index].input_ids)]
        return results

    def second_label_probabilities(self, window: Window) -> list[tuple[int, float]]:
        """(word offset in the window, probability of the second label) for each word with pieces, of a
        two-label model ("O" and one other). One window a run: int8 activations are scaled per run, so in a
        batch a window's scores would depend on its neighbours'."""
        (logits,) = self.logits([window])
        return [
            (offset, float(1.0 / (1.0 + np.exp(logits[piece, 0] - logits[piece, 1]))))
            for offset, piece in enumerate(window.first_pieces)
            if piece >= 0
        ]

    def tag(self, words: Sequence[str], units: Iterable[tuple[int, int]]) -> tuple[list[str], list[float]]:
        """IOB2 tags and their probabilities for a sequence of words split into units (sentences)."""
        windows = self.pieces.windows(words, units)
        tags, probabilities = ["O"] * len(words), [1.0] * len(words)
        for window, logits in zip(windows, self.logits(windows), strict=True):
            labels, window_probabilities = decode_window(window, logits)
            tags[window.start : window.end] = [LABELS[label] for label in labels]
            probabilities[window.start : window.end] = window_probabilities
        return tags, probabilities


@lru_cache(maxsize=4)
def load_tagger(model_dir: str, threads: int) -> OnnxTagger:
    """One session per model and thread count, shared by every pipeline that uses it."""
    path = Path(model_dir)
    if not (path / "model.onnx").exists():
        raise ConfigError(f"NER model not found at {path}: run `python -m train.ner`")
    return OnnxTagger(path, threads)


class NewsintNer:
    """Set `doc.ents` and `doc.spans["ents"]` (with a confidence per entity) from the ONNX tagger."""

    def __init__(self, nlp: Language, name: str, model_dir: str, threads: int) -> None:
        self.name = name
        self.tagger = load_tagger(model_dir, threads)

    def __call__(self, doc: Doc) -> Doc:
        words = [token.text for token in doc]
        tags, probabilities = self.tagger.tag(words, _units(doc))
        spans, scores = [], []
        for start, end, label in _entities(tags):
            spans.append(Span(doc, start, end, label=label))
            scores.append(float(np.mean(probabilities[start:end])))
        doc.set_ents(spans, default="outside")
        doc.spans["ents"] = SpanGroup(doc, name="ents", spans=spans, attrs={"scores": scores})
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def _units(doc: Doc) -> list[tuple[int, int]]:
    """Sentences when the doc has them (a parser or the gold data set them), else the whole doc."""
    if len(doc) and doc.has_annotation("SENT_START"):
        return [(sentence.start, sentence.end) for sentence in doc.sents]
    return [(0, len(doc))]


def _entities(tags: Sequence[str]) -> Iterator[tuple[int, int, str]]:
    start, kind = -1, ""
    for index, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and tag[2:] == kind:
            continue
        if start >= 0:
            yield start, index, kind
        start, kind = (index, tag[2:]) if tag != "O" else (-1, "")


@Language.factory(
    "newsint_ner",
    assigns=["doc.ents", "token.ent_iob", "token.ent_type", "doc.spans"],
    default_config={"model_dir": str(DEFAULT_MODEL_DIR), "threads": 1},
)
def make_newsint_ner(nlp: Language, name: str, model_dir: str, threads: int) -> NewsintNer:
    """The default-profile NER component; `threads` is onnxruntime's intra-op thread count."""
    return NewsintNer(nlp, name, model_dir, threads)


@lru_cache(maxsize=1)
def _fast_source() -> Language:
    import spacy

    if not FAST_MODEL_DIR.exists():
        raise ConfigError(f"NER model not found at {FAST_MODEL_DIR}: run `python -m train.ner_fast`")
    return spacy.load(FAST_MODEL_DIR)


def add_ner(nlp: Language, profile: str = "default", consistency: bool = True) -> Language:
    """Append the NER of `profile` ("default": MiniLM via onnxruntime; "fast": spaCy CNN) to `nlp`, then, with
    `consistency`, the document-level consistency step (`ner_consistency`; off only to measure the model alone)."""
    if profile == "default":
        nlp.add_pipe("newsint_ner", name="ner")
    elif profile == "fast":
        with warnings.catch_warnings():
            # W113: the pipelines' static vectors differ; harmless, as this ner's tok2vec reads no static vectors.
            warnings.filterwarnings("ignore", message=r"\[W113\]")
            nlp.add_pipe("ner", source=_fast_source())
    else:
        raise ConfigError(f"unknown NER profile {profile!r}: expected 'default' or 'fast'")
    if consistency:
        nlp.add_pipe(CONSISTENCY_COMPONENT, name="ner_consistency")
    return nlp
