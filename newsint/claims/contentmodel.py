"""Where a cue's content lies: a tagger that reads the sentences around a marked cue and gives each word the
probability that it belongs to what the cue reports.

The parse finds most contents, but when it is wrong the content lands on the wrong side of the cue, on the
speaker, or on an aside ("…, he said, wiping sweat off his face"). This tagger (`train/contents.py`,
`models/contents-v1`: MiniLM fine-tuned on PolNeAR contents, ONNX int8) reads the cue's sentence and its
neighbours with the cue between two marker pieces, so it judges every word against that one cue. It is the
claims stage's costliest model (one window per reported content), so it does not read the contents the parse
already gets right (`settled_by_parse`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from spacy.tokens import Doc

from newsint.claims.cues import SPEECH_VERBS
from newsint.claims.frames import Found
from newsint.errors import ConfigError
from newsint.nlp.ner import MAX_PIECES, SHAPE_SPECIAL, OnnxTagger, Window, WordPieces
from newsint.resources import MODELS_DIR

CONTENT_MODEL_DIR = MODELS_DIR / "contents-v1"
CONTENT_LABELS = ("O", "CONTENT")
# Word pieces the encoder never saw in pre-training, which fine-tuning teaches to mean "the cue starts / ends".
CUE_OPEN, CUE_CLOSE = "[unused0]", "[unused1]"
# Sentences read on either side of the cue's own, as in training; 0 reads less than half the pieces on
# wire news for a little accuracy (docs/quality.md, claims speed).
CONTEXT_SENTENCES = 1
_WH_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})


def settled_by_parse(found: Found, doc: Doc) -> bool:
    """Whether a reported content is a clausal complement the parse gets right: that of a speech verb ("X said
    (that) …") or an open one ("urged them to leave", "promised to"). On 100 PolNeAR train articles the
    tagger proposed a move for fewer than 2 % of such contents, and attribution F1 was the same without
    them; on wire news most contents are of this kind. One that opens with a wh-word may be a relative
    clause the parse took for a complement ("asked the allies to send, which …"): the tagger reads it."""
    if found.cue_token is None:
        return False
    verb = doc[found.cue_token]
    span = doc.char_span(*found.content, alignment_mode="expand")
    if not span or span[0].tag_ in _WH_TAGS:
        return False
    relations = {token.dep_ for token in span if token.head.i == verb.i}
    return relations == {"xcomp"} or ("ccomp" in relations and found.cue_lemma in SPEECH_VERBS)


def content_window(
    pieces: WordPieces, doc: Doc, cue_start: int, cue_end: int, context: int = CONTEXT_SENTENCES
) -> tuple[int, Window] | None:
    """The window the tagger reads for the cue on tokens [cue_start, cue_end): the cue's sentence and `context`
    neighbours on either side (as many as fit), the cue between marker pieces; with the doc index of the
    window's first word.
    Only words that can share a window with the cue are read, so a run-on "sentence" of thousands of words
    costs no more than a short one."""
    if not 0 <= cue_start < cue_end <= len(doc):
        return None
    sentences = [doc[cue_start].sent]
    for _ in range(context):
        if sentences[0].start > 0:
            sentences.insert(0, doc[sentences[0].start - 1].sent)
        if sentences[-1].end < len(doc):
            sentences.append(doc[sentences[-1].end].sent)
    low, high = max(sentences[0].start, cue_start - MAX_PIECES), min(sentences[-1].end, cue_end + MAX_PIECES)
    units = [(max(s.start, low) - low, min(s.end, high) - low) for s in sentences if s.end > low and s.start < high]
    words = [token.text for token in doc[low:high]]
    window = next((w for w in pieces.windows(words, units) if w.start <= cue_start - low < w.end), None)
    if window is None:
        return None
    start, end = cue_start - low - window.start, cue_end - low - window.start
    return low + window.start, _marked(window, pieces, start, end)


def _marked(window: Window, pieces: WordPieces, start: int, end: int) -> Window:
    """The window with a marker piece before word `start` and after word `end - 1` (offsets in the window)."""
    firsts = window.first_pieces
    end = min(end, len(firsts))
    opening = next((firsts[i] for i in range(start, end) if firsts[i] >= 0), None)
    closing = next((firsts[i] for i in range(end, len(firsts)) if firsts[i] >= 0), len(window.input_ids) - 1)
    if opening is None:
        return window
    ids, shapes = list(window.input_ids), list(window.shape_ids)
    open_id, close_id = pieces.special_id(CUE_OPEN), pieces.special_id(CUE_CLOSE)
    ids[closing:closing] = [close_id]
    shapes[closing:closing] = [SHAPE_SPECIAL]
    ids[opening:opening] = [open_id]
    shapes[opening:opening] = [SHAPE_SPECIAL]
    moved = [-1 if f < 0 else f if f < opening else f + 1 if f < closing else f + 2 for f in firsts]
    return replace(window, input_ids=ids, shape_ids=shapes, first_pieces=moved)


@dataclass(frozen=True)
class ContentTagger:
    """The exported content tagger: for one cue of a parsed doc, the probability of each word around it."""

    model: OnnxTagger
    keep_below: float  # a content whose words average less than this is moved …
    take_above: float  # … to the run of words at least this sure, if there is one
    find_above: float  # a cue the parse gives no content takes the run of words at least this sure
    context: int = CONTEXT_SENTENCES  # sentences read on either side of the cue's

    def probabilities(self, doc: Doc, cue_start: int, cue_end: int) -> dict[int, float]:
        """Token index -> probability of belonging to the content, for the tokens of the cue's window."""
        found = content_window(self.model.pieces, doc, cue_start, cue_end, self.context)
        if found is None:
            return {}
        offset, window = found
        return {offset + position: p for position, p in self.model.second_label_probabilities(window)}


@cache
def load_content_tagger(model_dir: Path = CONTENT_MODEL_DIR) -> ContentTagger:
    """The shipped content tagger with the settings chosen for it, read once."""
    try:
        model = OnnxTagger(model_dir, 1, CONTENT_LABELS)
        meta = model.meta
        return ContentTagger(model, float(meta["keep_below"]), float(meta["take_above"]), float(meta["find_above"]))
    except (OSError, ValueError, KeyError) as error:
        raise ConfigError(f"cannot read the content tagger {model_dir}: {error}") from None
