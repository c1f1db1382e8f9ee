"""Score the core pipeline against a UD treebank: parse and tags on gold words, segmentation on raw text.

Two passes over one CoNLL-U file:
- gold words: each gold sentence becomes a Doc of one sentence built from its syntactic words (multiword tokens
  split, as spaCy's converter does) and goes through the pipeline components without the tokenizer. UAS, LAS and
  UPOS accuracy are over all words, punctuation included (CoNLL 2018). `las` compares the universal relation only
  (`nmod:poss` counts as `nmod`, the CoNLL 2018 convention); `las_full` compares full labels with subtypes.
  `uas_spacy` and `las_spacy` follow spaCy's scorer (full labels, words attached as `punct` left out).
- raw text: each document's `# text =` sentences are joined (a space within a paragraph, a blank line between
  paragraphs) and run through the whole pipeline, tokenizer included. `token_f1` and `sentence_f1` are F1 over exact
  character spans of tokens and sentences against the gold words and sentences; `words_per_second` is the gold word
  count over the time of this pass (the pipeline only, reading excluded).
"""

import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc


@dataclass
class GoldSentence:
    """One CoNLL-U sentence: its raw text and its syntactic words with character spans into that text."""

    text: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    deps: list[str] = field(default_factory=list)
    new_doc: bool = False
    new_par: bool = False


def read_conllu(path: Path) -> list[GoldSentence]:
    """Read the basic trees of a CoNLL-U file (empty nodes skipped, multiword tokens split into their words)."""
    sentences: list[GoldSentence] = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = [line for line in block.splitlines() if line]
        if lines:
            sentences.append(_read_sentence(lines))
    return sentences


def _read_sentence(lines: list[str]) -> GoldSentence:
    sentence = GoldSentence(text="")
    for line in lines:
        if line.startswith("# text = "):
            sentence.text = line[len("# text = ") :]
        elif line.startswith("# newdoc"):
            sentence.new_doc = True
        elif line.startswith("# newpar"):
            sentence.new_par = True
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    cursor, token_end, token_space = 0, -1, True
    for cols in rows:
        ident = cols[0]
        if "." in ident:
            continue
        if "-" in ident:
            # A multiword token: its words take their spans inside the surface form; the space follows the last.
            start, token_end = (int(part) for part in ident.split("-"))
            token_space = "SpaceAfter=No" not in cols[9]
            cursor = _locate(sentence.text, cols[1], cursor)[0]
            continue
        index = int(ident)
        start, end = _locate(sentence.text, cols[1], cursor)
        cursor = end
        sentence.words.append(cols[1])
        sentence.spans.append((start, end))
        if index <= token_end:
            sentence.spaces.append(token_space if index == token_end else False)
        else:
            sentence.spaces.append("SpaceAfter=No" not in cols[9])
        sentence.upos.append(cols[3])
        sentence.heads.append(int(cols[6]) - 1 if cols[6] != "0" else index - 1)
        sentence.deps.append("ROOT" if cols[7] == "root" else cols[7])
    return sentence


def _locate(text: str, form: str, cursor: int) -> tuple[int, int]:
    """Character span of `form` at or after `cursor`; a form that is not in the text gets an empty span."""
    start = text.find(form, cursor)
    return (start, start + len(form)) if start >= 0 else (cursor, cursor)


def evaluate_parse(path: Path, nlp: Language, limit: int | None = None) -> dict[str, float]:
    """Score `nlp` on the CoNLL-U file at `path` (the first `limit` documents if given); see the module docstring.

    Returns uas, las, las_full, uas_spacy, las_spacy, upos (left out when the pipeline has no parser or
    morphologizer), token_f1, sentence_f1, words_per_second, words and sentences; scores are fractions in 0..1.
    """
    sentences = read_conllu(path)
    documents = list(_documents(sentences))[:limit]
    sentences = [sentence for document in documents for sentence in document]
    scores: dict[str, float] = {
        "words": float(sum(len(s.words) for s in sentences)),
        "sentences": float(len(sentences)),
    }
    if {"parser", "morphologizer"} & set(nlp.pipe_names):
        scores.update(_score_gold_words(sentences, nlp))
    scores.update(_score_raw_text(documents, nlp))
    return scores


def _documents(sentences: list[GoldSentence]) -> Iterator[list[GoldSentence]]:
    document: list[GoldSentence] = []
    for sentence in sentences:
        if sentence.new_doc and document:
            yield document
            document = []
        document.append(sentence)
    if document:
        yield document


def _score_gold_words(sentences: list[GoldSentence], nlp: Language) -> dict[str, float]:
    # Gold sentence boundaries too: each Doc is exactly one sentence, so the parse is scored on its own.
    docs = [Doc(nlp.vocab, words=s.words, spaces=s.spaces, sent_starts=_one_sentence(s)) for s in sentences]
    for _, component in nlp.pipeline:
        pipe = getattr(component, "pipe", None)
        docs = list(pipe(docs, batch_size=256)) if pipe else [component(doc) for doc in docs]
    total = uas = las = las_full = upos = 0
    # spaCy's scorer leaves out words whose gold relation is punct and keeps subtypes; counted for comparison.
    scored = uas_spacy = las_spacy = 0
    for sentence, doc in zip(sentences, docs, strict=True):
        for token, head, dep, pos in zip(doc, sentence.heads, sentence.deps, sentence.upos, strict=True):
            total += 1
            upos += token.pos_ == pos
            scored += dep != "punct"
            if token.head.i == head:
                uas += 1
                las += token.dep_.split(":")[0] == dep.split(":")[0]
                las_full += token.dep_ == dep
                uas_spacy += dep != "punct"
                las_spacy += dep != "punct" and token.dep_ == dep
    scores = {"upos": upos / max(total, 1)}
    if "parser" in nlp.pipe_names:
        scores.update(
            {
                "uas": uas / max(total, 1),
                "las": las / max(total, 1),
                "las_full": las_full / max(total, 1),
                "uas_spacy": uas_spacy / max(scored, 1),
                "las_spacy": las_spacy / max(scored, 1),
            }
        )
    return scores


def _one_sentence(sentence: GoldSentence) -> list[bool | int | None]:
    return [True, *[False] * (len(sentence.words) - 1)]


def _score_raw_text(documents: list[list[GoldSentence]], nlp: Language) -> dict[str, float]:
    texts: list[str] = []
    gold_tokens: set[tuple[int, int]] = set()
    gold_sents: set[tuple[int, int]] = set()
    offset = 0
    for document in documents:
        parts: list[str] = []
        for sentence in document:
            if parts:
                parts.append("\n\n" if sentence.new_par else " ")
            base = offset + sum(len(part) for part in parts)
            gold_tokens.update((base + start, base + end) for start, end in sentence.spans if end > start)
            gold_sents.add((base, base + len(sentence.text)))
            parts.append(sentence.text)
        texts.append("".join(parts))
        offset += len(texts[-1])
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    elapsed = time.perf_counter() - started
    pred_tokens: set[tuple[int, int]] = set()
    pred_sents: set[tuple[int, int]] = set()
    base = 0
    for text, doc in zip(texts, docs, strict=True):
        pred_tokens.update((base + t.idx, base + t.idx + len(t.text)) for t in doc if not t.is_space)
        for sent in doc.sents:
            inside = [t for t in sent if not t.is_space]
            if inside:
                pred_sents.add((base + inside[0].idx, base + inside[-1].idx + len(inside[-1].text)))
        base += len(text)
    words = sum(len(s.words) for document in documents for s in document)
    return {
        "token_f1": _f1(pred_tokens, gold_tokens),
        "sentence_f1": _f1(pred_sents, gold_sents),
        "words_per_second": words / max(elapsed, 1e-9),
    }


def _f1(predicted: set[tuple[int, int]], gold: set[tuple[int, int]]) -> float:
    if not predicted or not gold:
        return 0.0
    correct = len(predicted & gold)
    return 2 * correct / (len(predicted) + len(gold))
