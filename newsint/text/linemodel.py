"""Recover the article body from the flat text of a scraped page, line by line.

Feeds, WARC text dumps and copy-pasted pages often reach us without their HTML, so menus, footers and share
buttons are just more lines. Each line is described by itself, its neighbours and the densest run of prose
(`linefeatures`). A small network reads the page as a sequence: each line's features pass through residual
convolutions with dilations 1, 2, 4, 8 and 16, so every line is judged with the 31 lines on each side in view, and
a short line between two body paragraphs is kept while a run of short lines is dropped as a menu. Five such
networks, trained from different seeds, are averaged. The weights live in `models/boilerplate-v2.json` (numpy
only) and are trained by `train/boilerplate.py`. Hard rules then remove unmistakable boilerplate (newsletter
prompts, copyright lines) and name the kind of every line, so the removal can be audited.

Example: extract_body(flat_text) -> the article body, one paragraph per line.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsint.resources import MODELS_DIR
from newsint.text.linefeatures import LINE_RULES, Array, Features, is_running_text, line_features, running_text

MODEL_PATH = MODELS_DIR / "boilerplate-v2.json"
KINDS = ("body", "title", "standfirst", "subheading", "caption", "byline", "boilerplate")
BODY_KINDS = frozenset({"body", "subheading", "standfirst"})

Model = dict[str, Any]


@dataclass(frozen=True)
class LineLabel:
    """What one input line is, and why it was kept or dropped."""

    kind: str
    reason: str = ""
    score: float = 0.0


_HARD_RULE_MAX_WORDS = 15
# Kept lines more than this many dropped lines apart belong to different blocks; a block without a line of
# running text is not part of the article when another block has one.
_BLOCK_GAP = 8
# When no kept block has running text, the page's lines of running text scoring within _BEST_LINES_SHARE of the
# best of them are the article, provided the best reaches _BEST_LINE_FLOOR (below it, the model's choice stands).
_BEST_LINES_SHARE = 0.8
_BEST_LINE_FLOOR = 0.2
# A block whose running text scores this much below the best block's, past a related-links cue ("Read more",
# "More from"), is a list of other articles.
_TEASER_MARGIN = 0.1
# A reader comment's header ("Anna says:", "Max schrieb:") or its reply button, matched on short lines.
_COMMENT_MARKER = re.compile(
    r"\b(?:said|says|wrote|commented|sagt|schrieb|dit|écrit|dice|escribió|disse|scrive|escreveu|schreef|написал"
    r"|написала|написав|napisał|napisała)\s*:\s*$"
    r"|^\W*(?:reply|antworten|répondre|responder|rispondi|ответить|відповісти|odpowiedz|reageer|beantwoorden)\W*$",
    re.I,
)
# Two markers at most this many lines apart make a thread; a comments heading is looked for this far above it.
_COMMENT_MARKER_GAP = 40
_REPLY_MAX_CHARS = 24
_COMMENT_HEADING = re.compile(
    r"^\W*(?:\d+\s+)?(?:comments?|responses?|replies|kommentare?|commentaires?|comentarios?|commenti|leave a reply"
    r"|discussion|комментари(?:[ийя]|ев)|коментар(?:і|ів|я)?|komentarz[ey]?|comentários|reacties)\b",
    re.I,
)
_COMMENT_HEADING_REACH = 15
# refine_body trims a line from an end of extracted text only when it is short and clearly not body.
_EDGE_TRIM_SCORE = 0.1
_EDGE_TRIM_WORDS = 12


def classify_lines(lines: list[str], title: str | None = None, *, model: Model | None = None) -> list[LineLabel]:
    """Label every line of a flat page with its kind and, for dropped lines, the reason.

    Args:
        lines: the page's text lines, in order; blank lines are allowed and labelled boilerplate.
        title: the page title when known; the line matching it is labelled "title".
        model: weights from `load_model`; the shipped model by default.
    """
    if not lines:
        return []
    model = model or load_model()
    thread = _comment_thread_start(lines)
    comments = [LineLabel("boilerplate", "comments", 0.0)] * (len(lines) - thread)
    lines = lines[:thread]
    feats = line_features(lines, title)
    scores = score_lines(model, feats.matrix)
    labels = _assign_kinds(lines, feats, scores, float(model["threshold"]), title)
    labels = _drop_teaser_blocks(_anchor_on_prose(lines, labels, feats, scores), feats, scores)
    return labels + comments


def score_lines(model: Model, matrix: Array) -> Array:
    """Body probability per line: the mean of the ensemble members' outputs."""
    x = (matrix - model["mean"]) / model["scale"]
    logits = [hidden_states(member, x)[-1] @ member["w_out"] + member["b_out"] for member in model["members"]]
    result: Array = np.mean([sigmoid(z) for z in logits], axis=0)
    return result


def hidden_states(member: dict[str, Any], x: Array, keep: Array | None = None) -> list[Array]:
    """The network's line states: a projection of the standardised features, then residual dilated convolutions.

    Each convolution lets a line see the lines `dilation` places before and after it; stacking dilations 1, 2,
    4, 8, 16 gives every line a view of the 31 lines on each side, so a short line between paragraphs and a run of
    short menu lines come out differently. `keep` (1 for real lines, 0 for padding) lets training run several
    pages, separated by padding, through one call.
    """
    z = np.tanh(x @ member["w_in"] + member["b_in"])
    if keep is not None:
        z *= keep
    states = [z]
    for conv in member["convs"]:
        before, after = dilated(z, int(conv["dilation"]))
        w = conv["w"]
        z = z + np.tanh(before @ w[0] + z @ w[1] + after @ w[2] + conv["b"])
        if keep is not None:
            z *= keep
        states.append(z)
    return states


def dilated(z: Array, k: int) -> tuple[Array, Array]:
    """`z` with row t holding z[t-k], and with row t holding z[t+k]; rows past either end are zero."""
    before, after = np.zeros_like(z), np.zeros_like(z)
    if k < len(z):
        before[k:] = z[:-k]
        after[:-k] = z[k:]
    return before, after


def extract_body(text: str, title: str | None = None, *, model: Model | None = None) -> str:
    """Return the body lines (body, subheadings, standfirst) of flat page `text`, joined by newlines.

    Re-running on its own output returns the same text: classification repeats until the kept lines stop
    changing, which happens after one or two rounds in practice.
    """
    lines = [line for line in text.split("\n") if line.strip()]
    for _ in range(4):
        labels = classify_lines(lines, title, model=model)
        kept = [line for line, label in zip(lines, labels, strict=True) if label.kind in BODY_KINDS]
        if kept == lines:
            break
        lines = kept
    return "\n".join(lines)


def refine_body(text: str, title: str | None = None, *, model: Model | None = None) -> str:
    """Remove leftover boilerplate from text an HTML extractor already cut down to the article."""
    lines = [line for line in text.split("\n") if line.strip()]
    labels = refine_labels(lines, title, model=model)
    return "\n".join(line for line, label in zip(lines, labels, strict=True) if label.kind in BODY_KINDS)


def refine_labels(lines: list[str], title: str | None = None, *, model: Model | None = None) -> list[LineLabel]:
    """Labels for text an HTML extractor already cut down to the article.

    Much more conservative than `classify_lines`, because such text is mostly body already: lines matching the
    hard rules (newsletter prompts, copyright, share buttons) go wherever they are, and low-scoring lines go
    only from the two ends, where extractors let through bylines, teasers and footers; the middle is kept.
    """
    if not lines:
        return []
    labels = classify_lines(lines, title, model=model)
    drop = [rule if (rule := _line_rule(line, len(line.split()))) != "caption" else "" for line in lines]
    for indices in (range(len(lines)), range(len(lines) - 1, -1, -1)):
        for i in indices:
            if labels[i].score >= _EDGE_TRIM_SCORE or len(lines[i].split()) > _EDGE_TRIM_WORDS:
                break
            drop[i] = drop[i] or labels[i].reason or "outside-article"
    refined = []
    for label, reason in zip(labels, drop, strict=True):
        if reason:
            refined.append(LineLabel("boilerplate", reason, label.score))
        elif label.kind in ("title", "caption", "byline") or label.kind in BODY_KINDS:
            refined.append(label)
        else:
            refined.append(LineLabel("body", "", label.score))
    return refined


def sigmoid(z: Array) -> Array:
    """The logistic function, clipped so that no logit overflows `exp`."""
    result: Array = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
    return result


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model:
    """Read the JSON weights into numpy arrays (cached: the shipped model loads once per process)."""
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))


def model_from_dict(raw: dict[str, Any]) -> Model:
    """Turn the JSON form of the model (lists of floats) into the arrays `classify_lines` uses."""

    def arrays(layer: dict[str, Any]) -> dict[str, Any]:
        return {k: [arrays(c) for c in v] if k == "convs" else np.asarray(v, dtype=float) for k, v in layer.items()}

    return {
        "threshold": float(raw["threshold"]),
        "mean": np.asarray(raw["mean"], dtype=np.float64),
        "scale": np.asarray(raw["scale"], dtype=np.float64),
        "members": [arrays(member) for member in raw["members"]],
    }


def _assign_kinds(lines: list[str], feats: Features, p: Array, threshold: float, title: str | None) -> list[LineLabel]:
    start, end = feats.block
    words = feats.words.tolist()
    first_body = next((i for i, s in enumerate(p.tolist()) if s >= threshold), len(lines))
    labels: list[LineLabel] = []
    seen_text = False
    for i, line in enumerate(lines):
        score = float(p[i])
        rule = _line_rule(line, words[i])
        if title and feats.title_sim[i] >= 0.6 and i <= max(first_body, start):
            labels.append(LineLabel("title", "matches title", score))
        elif rule and rule != "caption":
            labels.append(LineLabel("boilerplate", rule, score))
        elif feats.patterns["byline"][i] and words[i] <= 8:
            labels.append(LineLabel("byline", "author line", score))
        elif rule == "caption" or (feats.repeated[i] and feats.patterns["caption"][i]):
            labels.append(LineLabel("caption", "image caption or credit", score))
        elif score >= threshold:
            label = _body_kind(i, words[i], bool(feats.ends[i]), start, score)
            # A heading with no text above it heads the article, not a section.
            if label.kind == "subheading" and not seen_text:
                label = LineLabel("title", "headline before the text", score)
            seen_text = seen_text or label.kind in ("body", "standfirst")
            labels.append(label)
        else:
            labels.append(LineLabel("boilerplate", _reason(i, feats, start, end), score))
    return labels


def _anchor_on_prose(lines: list[str], labels: list[LineLabel], feats: Features, p: Array) -> list[LineLabel]:
    """Keep only the kept blocks that hold running text: an article is where its sentences are.

    The model can keep a block of menu entries or tags on a page unlike any it was trained on (hundreds of
    one-word links around a single paragraph). Such a block has no line of running text, so when another kept
    block has one, it goes. When no kept block has any (or nothing reached the threshold), the page's running
    text is the article: its lines scoring near the best of them are kept instead. A page is there for its
    article, and an empty result is the worst one.
    """
    prose = running_text(feats)
    if not any(prose):
        return labels
    out = list(labels)
    with_text = False
    for block in _kept_blocks(labels):
        if any(prose[i] for i in block):
            with_text = True
            continue
        for i in block:
            out[i] = LineLabel("boilerplate", "outside-article", labels[i].score)
    if with_text:
        return out
    # A hard rule's verdict (footer, caption, byline, title) stands; only the model's drops are reconsidered.
    candidates = [
        i
        for i, label in enumerate(labels)
        if prose[i] and label.kind == "boilerplate" and not _line_rule(lines[i], feats.words[i])
    ]
    best = max((float(p[i]) for i in candidates), default=0.0)
    if best < _BEST_LINE_FLOOR:
        return labels
    for i in candidates:
        if p[i] >= best * _BEST_LINES_SHARE:
            out[i] = LineLabel("body", "", float(p[i]))
    return out


def _drop_teaser_blocks(labels: list[LineLabel], feats: Features, p: Array) -> list[LineLabel]:
    """Drop kept blocks of other articles' teasers that follow a related-links cue.

    Teaser cards (a headline and its summary) read like running text, so the model keeps some of them, but less
    surely than the article itself. A kept block whose running text scores _TEASER_MARGIN below the best
    block's, with a "Read more" / "More from" / "Related" line between the two, is taken for such a list. Both
    conditions are needed: an article's later sections (after images and advertisements) can also score lower,
    and a related-links line can sit inside an article.
    """
    blocks = _kept_blocks(labels)
    if len(blocks) < 2:
        return labels
    prose = running_text(feats)
    means = [float(np.mean([p[i] for i in block if prose[i]] or [0.0])) for block in blocks]
    best = int(np.argmax(means))
    related = feats.patterns["related"]
    out = list(labels)
    for block, mean in zip(blocks, means, strict=True):
        if mean >= means[best] - _TEASER_MARGIN:
            continue
        between = (
            slice(blocks[best][-1] + 1, block[0])
            if block[0] > blocks[best][0]
            else slice(block[-1] + 1, blocks[best][0])
        )
        if related[between].any():
            for i in block:
                out[i] = LineLabel("boilerplate", "link-list", labels[i].score)
    return out


def _kept_blocks(labels: list[LineLabel]) -> list[list[int]]:
    """Indices of the kept lines, in blocks split where more than _BLOCK_GAP dropped lines lie between."""
    blocks: list[list[int]] = []
    for i, label in enumerate(labels):
        if label.kind not in BODY_KINDS:
            continue
        if not blocks or i - blocks[-1][-1] - 1 > _BLOCK_GAP:
            blocks.append([])
        blocks[-1].append(i)
    return blocks


def _comment_thread_start(lines: list[str]) -> int:
    """Where a thread of reader comments begins, or len(lines) when there is none.

    A thread shows itself by comment markers close together: headers such as "Anna on May 2 at 4:47 pm said:"
    and reply buttons. One marker alone is not enough ("Maria sagt:" can introduce a quotation). The thread
    starts at the first marker of the first close pair, or at a comments heading ("21 Comments") just above it,
    since in many templates a comment's text comes before its reply button. A thread needs prose above it: a
    sidebar of recent comments at the top of a page is not where the article ends.
    """
    # Markers end with a colon or are a button's word or two: a cheap test before the expression.
    markers = [
        i
        for i, line in enumerate(lines)
        if (len(line) <= _REPLY_MAX_CHARS or line.rstrip().endswith(":"))
        and len(line.split()) <= _HARD_RULE_MAX_WORDS
        and _COMMENT_MARKER.search(line)
    ]
    for first, second in zip(markers, markers[1:], strict=False):
        if second - first > _COMMENT_MARKER_GAP:
            continue
        start = first
        for i in range(first - 1, max(first - _COMMENT_HEADING_REACH, 0) - 1, -1):
            if len(lines[i].split()) <= _HARD_RULE_MAX_WORDS and _COMMENT_HEADING.search(lines[i]):
                start = i
                break
        if any(is_running_text(line) for line in lines[:start]):
            return start
        return len(lines)
    return len(lines)


def _body_kind(i: int, n_words: int, ends: bool, block_start: int, score: float) -> LineLabel:
    if i < block_start and n_words >= 8:
        return LineLabel("standfirst", "lead before the main text", score)
    if n_words <= 12 and not ends:
        return LineLabel("subheading", "short heading inside the text", score)
    return LineLabel("body", "", score)


def _line_rule(line: str, n_words: float) -> str:
    """The hard-rule verdict for a short line ("call-to-action", "footer", "share", "advertisement",
    "caption"), or "" when none applies."""
    if n_words > _HARD_RULE_MAX_WORDS:
        return ""
    m = LINE_RULES.search(line.lower())
    if m is None or m.lastgroup is None:
        return ""
    return m.lastgroup.rstrip("_").replace("_", "-")


def _reason(i: int, feats: Features, start: int, end: int) -> str:
    flags = feats.patterns
    for name, reason in (
        ("cta", "call-to-action"),
        ("share", "share"),
        ("follow", "share"),
        ("footer", "footer"),
        ("related", "link-list"),
        ("advert", "advertisement"),
        ("comments", "comments"),
    ):
        if flags[name][i]:
            return reason
    if feats.repeated[i]:
        return "repeated"
    if i < start or i > end:
        return "navigation" if feats.words[i] <= 4 and i < start else "outside-article"
    if feats.words[i] <= 3:
        return "short-fragment"
    return "low-score"
