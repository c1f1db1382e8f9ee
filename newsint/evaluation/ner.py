"""Score named-entity recognition the CoNLL-2003 way, so our figures compare with published ones.

Readers take the datasets in place: CoNLL-2003 column files (`-DOCSTART-` between documents, blank lines
between sentences, the tag in the last column), two-column files (wikigold, space separated) and directories
of TAB files (en-worldwide-newswire `annotated/*.tsv`, one document per file). Tags may be IOB1 or IOB2; a
`mapping` renames types (`None` drops one). Scoring follows conlleval: an entity counts only when its span and
type both match exactly; precision, recall and F1 are micro-averaged, and given per type. All figures are
fractions between 0 and 1.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsint.errors import InputError

Sentence = list[tuple[str, str]]
EntitySpan = tuple[int, int, str]  # (start, end exclusive, type) over one sequence's tokens

CONLL_DOCSTART = "-DOCSTART-"
WORLDWIDE_TO_CONLL: dict[str, str | None] = {
    "Person": "PER",
    "Organization": "ORG",
    "Location": "LOC",
    "Facility": "LOC",
    "NORP": "MISC",
    "Misc": "MISC",
    "Product": "MISC",
    "Date": None,
    "Money": None,
}


PARTS = ("all", "train", "heldout")


def in_part(file_name: str, part: str) -> bool:
    """Whether a file of a folder corpus (en-worldwide-newswire) is in `part`: "heldout" is the third of the files
    newsint never trains on, fixed by the file's name alone (docs/ner.md); "train" the rest; "all" every file."""
    if part == "all":
        return True
    heldout = int(hashlib.sha256(f"newsint-heldout:{file_name}".encode()).hexdigest(), 16) % 3 == 0
    return heldout == (part == "heldout")


@dataclass(frozen=True)
class GoldDocument:
    """One annotated document: sentences of (word, IOB2 tag)."""

    name: str
    sentences: list[Sentence]

    @property
    def words(self) -> list[str]:
        return [word for sentence in self.sentences for word, _ in sentence]

    @property
    def tags(self) -> list[str]:
        return [tag for sentence in self.sentences for _, tag in sentence]


def read_ner_data(path: Path, mapping: dict[str, str | None] | None = None, part: str = "all") -> list[GoldDocument]:
    """Read a CoNLL-style file, or every file of a directory in name order (those of `part`), into IOB2 documents.

    A file without `-DOCSTART-` lines is one document.
    """
    if path.is_dir():
        kept = (p for p in path.iterdir() if p.is_file() and not p.name.startswith(".") and in_part(p.name, part))
        files = sorted(kept)
    else:
        files = [path]
    if not files:
        raise InputError(str(path), "no files to read")
    documents: list[GoldDocument] = []
    for file in files:
        documents.extend(_read_file(file, mapping))
    return documents


def _read_file(path: Path, mapping: dict[str, str | None] | None) -> Iterator[GoldDocument]:
    sentences: list[Sentence] = []
    sentence: Sentence = []
    count = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            if sentence:
                sentences.append(_to_iob2(sentence))
                sentence = []
            continue
        columns = line.split("\t") if "\t" in line else line.split()
        if len(columns) < 2 or not columns[0]:
            raise InputError(str(path), f"expected a token and a tag, got {line!r}", f"line {number}")
        if columns[0] == CONLL_DOCSTART:
            if sentence:
                sentences.append(_to_iob2(sentence))
                sentence = []
            if sentences:
                yield GoldDocument(f"{path.name}#{count}", sentences)
                count += 1
            sentences = []
            continue
        # TAB files may nest a second annotation after the first ("Addis B-Organization B-Location"): the outer
        # one is the flat, CoNLL-style entity; in CoNLL's own columns the tag is the last one
        tag = columns[1] if "\t" in line else columns[-1]
        sentence.append((columns[0], _map_tag(tag.strip(), mapping)))
    if sentence:
        sentences.append(_to_iob2(sentence))
    if sentences:
        yield GoldDocument(f"{path.name}#{count}", sentences)


def _map_tag(tag: str, mapping: dict[str, str | None] | None) -> str:
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, kind = tag.split("-", 1)
    if mapping is not None:
        mapped = mapping.get(kind, kind)
        if mapped is None:
            return "O"
        kind = mapped
    return f"{prefix}-{kind}"


def _to_iob2(sentence: Sentence) -> Sentence:
    """Rewrite IOB1 (I- may start an entity) as IOB2, with a place and the region after its comma as two places
    (CoNLL's way; en-worldwide-newswire writes "Lahore , Pakistan" as one Location); IOB2 input of CoNLL's
    convention comes back unchanged."""
    words = [word for word, _ in sentence]
    tags = tags_from_entities(entities_from_tags([tag for _, tag in sentence]), len(sentence))
    for i, word in enumerate(words):
        if word == "," and tags[i] == "I-LOC":
            tags[i] = "O"
            if i + 1 < len(tags) and tags[i + 1] == "I-LOC":
                tags[i + 1] = "B-LOC"
    return list(zip(words, tags, strict=True))


def entities_from_tags(tags: Sequence[str]) -> list[EntitySpan]:
    """Entity spans under conlleval rules: B- starts one, and so does I- after O or after another type."""
    spans: list[EntitySpan] = []
    start, kind = -1, ""
    for index, tag in enumerate([*tags, "O"]):
        prefix, _, tag_kind = tag.partition("-")
        continues = prefix == "I" and tag_kind == kind and start >= 0
        if continues:
            continue
        if start >= 0:
            spans.append((start, index, kind))
            start, kind = -1, ""
        if prefix in ("B", "I") and tag_kind:
            start, kind = index, tag_kind
    return spans


def tags_from_entities(spans: Iterable[EntitySpan], length: int) -> list[str]:
    """IOB2 tags for `length` tokens from entity spans."""
    tags = ["O"] * length
    for start, end, kind in spans:
        tags[start] = f"B-{kind}"
        for index in range(start + 1, end):
            tags[index] = f"I-{kind}"
    return tags


def score_entities(gold: Iterable[Iterable[EntitySpan]], predicted: Iterable[Iterable[EntitySpan]]) -> dict[str, Any]:
    """Micro P/R/F1 overall and per type; each pair of sequences holds the spans of one document."""
    true_positives: Counter[str] = Counter()
    gold_counts: Counter[str] = Counter()
    predicted_counts: Counter[str] = Counter()
    for gold_spans, predicted_spans in zip(gold, predicted, strict=True):
        gold_set, predicted_set = set(gold_spans), set(predicted_spans)
        gold_counts.update(kind for _, _, kind in gold_set)
        predicted_counts.update(kind for _, _, kind in predicted_set)
        true_positives.update(kind for _, _, kind in gold_set & predicted_set)
    kinds = sorted(set(gold_counts) | set(predicted_counts))
    return {
        "overall": _prf(sum(true_positives.values()), sum(gold_counts.values()), sum(predicted_counts.values())),
        "per_type": {kind: _prf(true_positives[kind], gold_counts[kind], predicted_counts[kind]) for kind in kinds},
    }


def _prf(true_positives: int, gold: int, predicted: int) -> dict[str, float]:
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": float(gold)}


def evaluate_ner(
    path: Path, nlp: Any, mapping: dict[str, str | None] | None = None, part: str = "all"
) -> dict[str, Any]:
    """Run `nlp` over the gold tokens of `path` and score its `doc.ents` against the gold entities.

    One Doc per gold document, words joined by single spaces, sentence starts from the blank lines. The
    timing covers the whole pipeline; threads are the caller's choice (our components default to one).

    Returns: {"overall": {"precision", "recall", "f1", "support"}, "per_type": {TYPE: {...}},
    "words_per_second", "words", "documents"}; scores are fractions 0..1.
    """
    from spacy.tokens import Doc

    documents = read_ner_data(path, mapping, part)
    docs = [
        Doc(nlp.vocab, words=d.words, sent_starts=[i == 0 for s in d.sentences for i in range(len(s))])
        for d in documents
    ]
    started = time.perf_counter()
    annotated = list(nlp.pipe(docs))
    elapsed = time.perf_counter() - started
    words = sum(len(doc) for doc in docs)
    result = score_entities(
        (entities_from_tags(d.tags) for d in documents),
        ([(e.start, e.end, e.label_) for e in doc.ents] for doc in annotated),
    )
    result.update(words_per_second=words / elapsed if elapsed else 0.0, words=words, documents=len(documents))
    return result
