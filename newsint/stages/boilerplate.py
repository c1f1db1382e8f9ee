"""Recover the article body from the flat text of a scraped page, line by line.

Feeds, WARC text dumps and copy-pasted pages often reach us without their HTML, so the structure HTML
extractors rely on is gone: menus, footers and share buttons are just more lines. Each line is described by
its own shape (length, punctuation, stop-word density, capitalisation, call-to-action and footer patterns,
repetition, similarity to the title), by its neighbours, and by where it sits relative to the densest run of
prose in the page. A two-pass network scores the lines: the first pass sees the line and its surroundings, the
second also sees the first pass's scores around it, so a short line between two body paragraphs is kept while
a run of short lines is dropped as a menu. The weights live in `models/boilerplate-v1.json` (numpy only) and
are trained by `train/boilerplate.py`. Hard rules then remove unmistakable boilerplate (newsletter prompts,
copyright lines) and name the kind of every line, so the removal can be audited.

Example: extract_body(flat_text) -> the article body, one paragraph per line.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsint.model import Article, Removed
from newsint.pipeline import StageBase, StageContext
from newsint.registry import stage
from newsint.settings import Settings
from newsint.stages.clean import fix_text
from newsint.stages.layout import rule_kinds

MODEL_PATH = Path(__file__).resolve().parents[2] / "models" / "boilerplate-v1.json"
KINDS = ("body", "title", "standfirst", "subheading", "caption", "byline", "boilerplate")
BODY_KINDS = frozenset({"body", "subheading", "standfirst"})

Array = NDArray[np.float64]
Model = dict[str, Any]


@dataclass(frozen=True)
class LineLabel:
    """What one input line is, and why it was kept or dropped."""

    kind: str
    reason: str = ""
    score: float = 0.0


# Most frequent function words of the languages we meet most; prose is dense in them, menus are not.
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "his",
        "her",
        "their",
        "our",
        "not",
        "no",
        "so",
        "if",
        "than",
        "then",
        "there",
        "which",
        "who",
        "what",
        "when",
        "will",
        "would",
        "can",
        "could",
        "said",
        "says",
        "also",
        "after",
        "before",
        "about",
        "into",
        "over",
        "more",
        "der",
        "die",
        "das",
        "und",
        "oder",
        "aber",
        "ein",
        "eine",
        "einer",
        "eines",
        "dem",
        "den",
        "des",
        "zu",
        "im",
        "in",
        "am",
        "auf",
        "mit",
        "von",
        "für",
        "ist",
        "sind",
        "war",
        "wurde",
        "werden",
        "hat",
        "haben",
        "nicht",
        "auch",
        "sich",
        "es",
        "er",
        "sie",
        "wir",
        "ich",
        "dass",
        "wie",
        "bei",
        "nach",
        "aus",
        "noch",
        "nur",
        "um",
        "le",
        "la",
        "les",
        "un",
        "une",
        "des",
        "du",
        "de",
        "et",
        "ou",
        "mais",
        "est",
        "sont",
        "était",
        "a",
        "ont",
        "pas",
        "que",
        "qui",
        "dans",
        "pour",
        "sur",
        "avec",
        "par",
        "il",
        "elle",
        "ils",
        "nous",
        "vous",
        "ce",
        "cette",
        "au",
        "aux",
        "se",
        "ne",
        "plus",
        "el",
        "los",
        "las",
        "un",
        "una",
        "y",
        "o",
        "pero",
        "es",
        "son",
        "fue",
        "ha",
        "han",
        "no",
        "que",
        "en",
        "con",
        "por",
        "para",
        "del",
        "al",
        "lo",
        "se",
        "su",
        "sus",
        "como",
        "más",
        "il",
        "lo",
        "gli",
        "di",
        "da",
        "e",
        "non",
        "che",
        "per",
        "con",
        "nel",
        "della",
        "delle",
        "sono",
        "è",
        "o",
        "os",
        "as",
        "um",
        "uma",
        "e",
        "ou",
        "mas",
        "é",
        "são",
        "foi",
        "não",
        "que",
        "em",
        "com",
        "por",
        "para",
        "do",
        "da",
        "dos",
        "das",
        "no",
        "na",
        "de",
        "het",
        "een",
        "en",
        "of",
        "maar",
        "is",
        "zijn",
        "was",
        "niet",
        "dat",
        "die",
        "in",
        "op",
        "met",
        "voor",
        "van",
        "te",
        "i",
        "w",
        "z",
        "na",
        "do",
        "że",
        "się",
        "nie",
        "jest",
        "to",
        "od",
        "o",
        "po",
        "jak",
        "ale",
        "и",
        "в",
        "не",
        "на",
        "я",
        "что",
        "он",
        "с",
        "как",
        "а",
        "то",
        "это",
        "все",
        "она",
        "так",
        "его",
        "но",
        "да",
        "вы",
        "за",
        "бы",
        "по",
        "только",
        "ее",
        "мне",
        "было",
        "от",
        "еще",
        "нет",
        "о",
        "из",
        "ему",
        "когда",
        "даже",
        "уже",
        "или",
        "ни",
        "быть",
        "был",
        "до",
        "вас",
        "там",
        "потом",
        "себя",
        "может",
        "они",
        "тут",
        "где",
        "есть",
        "для",
        "мы",
        "их",
        "чем",
        "была",
        "сам",
        "без",
        "будет",
        "кто",
        "этот",
        "того",
        "потому",
        "этого",
        "какой",
        "при",
        "после",
        "над",
        "через",
        "эти",
        "про",
    ]
)

_ENDS_SENTENCE = frozenset('.?!"”’»)…')
_PUNCT = ".,:;!?\"'“”‘’«»()[]|-–—…"
# A line this similar to the title is taken as the headline.
_ANCHOR_SIM = 0.5
_FLAGS = re.IGNORECASE | re.MULTILINE
# Each pattern runs once over the whole text (not once per line) and its hits are mapped back to lines.
_PATTERNS: dict[str, re.Pattern[str]] = {
    "cta": re.compile(
        r"^\W*(subscribe|sign (up|in)|log ?in|register|join (us|now|our)|download (the|our)|get (the|our) "
        r"|create (an|your) account|abonn|anmelden|registrier|jetzt |inscri|suscr|reg[ií]strate)"
        r"|newsletter|unlock|premium|free trial|paywall",
        _FLAGS,
    ),
    "share": re.compile(
        r"\b(share|tweet|whatsapp|pinterest|facebook|twitter|linkedin|instagram|reddit|telegram|youtube"
        r"|teilen|partager|compartir|print|e-?mail)\b",
        _FLAGS,
    ),
    "follow": re.compile(r"follow us|folgen sie|suivez|s[ií]guenos|on social media", _FLAGS),
    "footer": re.compile(
        r"©|\(c\)\s*\d{4}|copyright|all rights reserved|alle rechte|droits r[ée]serv|derechos reservados"
        r"|privacy|terms of (use|service)|cookie|datenschutz|impressum|contact us|about us|kontakt",
        _FLAGS,
    ),
    "related": re.compile(
        r"^\W*(read more|more:|related|recommended|see also|also read|read also|read next|more from|more on"
        r"|most (read|popular|viewed)|trending|you (may|might) also|mehr zum|lesen sie|mehr:|lire aussi|[àa] lire"
        r"|le puede|m[áa]s informaci|ver tambi|leia tamb|zobacz)",
        _FLAGS,
    ),
    "advert": re.compile(
        r"\b(advertisement|advertising|sponsored|anzeige|werbung|publicit|publicidad|promoted)\b", _FLAGS
    ),
    "byline": re.compile(r"^(by|von|par|por|door|di|da|autor|author|written by)\s+[A-ZÀ-Ý]|^(by|von)\s*:", re.M),
    "caption": re.compile(
        r"\b(photo|image|foto|bild|getty|afp|reuters|ap photo|credit|picture|illustration|dpa|shutterstock)\b",
        _FLAGS,
    ),
    "date": re.compile(
        r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}"
        r"|\b\d{4}-\d{2}-\d{2}|\b\d{1,2}:\d{2}\b|\b(updated|published|aktualisiert|publi[ée])\b",
        _FLAGS,
    ),
    "comments": re.compile(
        r"^\W*\d*\s*(comments?|kommentare?|commentaires?|comentarios?|reply|antworten|r[ée]pondre|responder)\b"
        r"|leave a (comment|reply)|\b(said|says|wrote|schrieb|a écrit):\s*$",
        _FLAGS,
    ),
    # Teaser cards flatten to a headline glued to its summary: "...StandA 24-year-old...".
    "glued": re.compile(r"[a-z\u00e0-\u00ff][.?!]?[A-Z\u00c0-\u00dd][a-z\u00e0-\u00ff]"),
}
_PATTERN_NAMES = tuple(_PATTERNS)
_ANY_LENGTH_PATTERNS = frozenset({"footer", "date", "byline", "glued"})
_PATTERN_MAX_WORDS = 20
# Unmistakable boilerplate on short lines: removed whatever the model says, with this reason.
_HARD_RULES = (
    ("call-to-action", re.compile(
        r"^\W*(subscribe|sign up|sign in|log ?in|register now|join our|download our|download the app)\b"
        r"|\bnewsletter\b.{0,40}$|^\W*(get|receive) (our|the) .{0,40}(newsletter|email|alerts)", re.I)),
    ("footer", re.compile(r"©|\(c\)\s*\d{4}|all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv"
                          r"|todos los derechos reservados", re.I)),
    ("share", re.compile(r"^\W*(share (this|on|via)|share$|tweet$|follow us\b)", re.I)),
    ("advertisement", re.compile(r"^\W*(advertisement|anzeige|publicité|publicidad|sponsored content)\W*$", re.I)),
)  # fmt: skip
_HARD_RULE_MAX_WORDS = 15
# refine_body trims a line from an end of extracted text only when it is short and clearly not body.
_EDGE_TRIM_SCORE = 0.1
_EDGE_TRIM_WORDS = 12
_CAPTION_START = re.compile(r"^\W*(photo|image|foto|bild|picture|credit|caption|illustration)\b\s*[:|/-]", re.I)


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
    feats = line_features(lines, title)
    scores = score_lines(model, feats.matrix)
    return _assign_kinds(lines, feats, scores, float(model["threshold"]), title)


def score_lines(model: Model, matrix: Array) -> Array:
    """Body probability per line: each pass after the first also sees the previous pass's scores."""
    p = _forward(model["stages"][0], matrix)
    for layer in model["stages"][1:]:
        p = _forward(layer, np.hstack([matrix, context_of_scores(p)]))
    return p


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
    drop = [_hard_rule(line, len(line.split())) for line in lines]
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


@dataclass(frozen=True)
class Features:
    """Per-line feature matrix plus the raw measurements the kind rules reuse."""

    matrix: Array
    words: Array
    ends: Array
    block: tuple[int, int]
    patterns: dict[str, Array]
    repeated: Array
    title_sim: Array


def line_features(lines: list[str], title: str | None = None) -> Features:
    """Describe each line by itself, its neighbours and its position relative to the main prose block."""
    n = len(lines)
    own = _own_features(lines, title)
    words, ends, stop = own[:, 0], own[:, 2], own[:, 4]
    log_words = np.log1p(words)
    prose = ((words >= 12) & (ends > 0) & (stop > 0.15)).astype(np.float64)
    short = (words <= 3).astype(np.float64)
    patterns = _pattern_flags(lines, words)
    any_pattern = np.maximum.reduce([patterns[k] for k in ("cta", "share", "follow", "footer", "related")])
    start, end = _main_block(words, prose)
    idx = np.arange(n, dtype=np.float64)
    cum_words = np.cumsum(words)
    total_words = max(float(cum_words[-1]), 1.0)
    block_words = max(float(cum_words[end] - cum_words[start] + words[start]), 1.0)
    typical = float(np.median(log_words[prose > 0])) if prose.any() else 0.0
    columns = [
        own,
        np.column_stack([patterns[k] for k in _PATTERN_NAMES]),
        np.column_stack(
            [
                idx / max(n - 1, 1),
                cum_words / total_words,
                ((idx >= start) & (idx <= end)).astype(np.float64),
                np.log1p(np.maximum(start - idx, 0)),
                np.log1p(np.maximum(idx - end, 0)),
                np.full(n, np.log1p(end - start + 1)),
                np.full(n, np.log1p(n)),
                _window_mean(prose, 2),
                _window_mean(prose, 8),
                _window_mean(short, 3),
                _window_mean(log_words, 2),
                _window_mean(any_pattern, 3),
                np.log1p(_run_length(short)),
                np.log1p(_distance_to(prose, forward=False)),
                np.log1p(_distance_to(prose, forward=True)),
                log_words - typical,
                np.full(n, block_words / total_words),
                np.log1p(np.maximum(cum_words[start] - words[start] - cum_words + words, 0) / block_words),
                np.log1p(np.maximum(cum_words - words - cum_words[end], 0) / block_words),
            ]
        ),
    ]
    columns.append(_title_anchor(own[:, 10], idx))
    neighbour = np.column_stack([log_words, ends, prose, short, any_pattern])
    for offset in (-2, -1, 1, 2):
        columns.append(_shift(neighbour, offset))
    return Features(np.hstack(columns), words, ends, (start, end), patterns, own[:, 9], own[:, 10])


def context_of_scores(p: Array) -> Array:
    """Later-pass inputs: previous scores around each line, on each side of it, and the best-scoring run."""
    col = p.reshape(-1, 1)
    before = np.maximum.accumulate(p)
    after = np.maximum.accumulate(p[::-1])[::-1]
    start, end = _best_run(p - 0.5)
    idx = np.arange(len(p))
    return np.hstack(
        [
            col,
            _shift(col, -2),
            _shift(col, -1),
            _shift(col, 1),
            _shift(col, 2),
            np.column_stack(
                [
                    _window_mean(p, 4),
                    _window_mean(p, 12),
                    before,
                    after,
                    np.minimum(before, after),
                    ((idx >= start) & (idx <= end)).astype(np.float64),
                    np.log1p(np.maximum(start - idx, 0)),
                    np.log1p(np.maximum(idx - end, 0)),
                ]
            ),
        ]
    )


def _title_anchor(title_sim: Array, idx: Array) -> Array:
    """Position relative to the line that best matches the title: articles start right after their headline."""
    n = len(idx)
    anchor = int(np.argmax(title_sim)) if n else 0
    if n == 0 or title_sim[anchor] < _ANCHOR_SIM:
        return np.zeros((n, 4))
    return np.column_stack(
        [
            np.ones(n),
            (idx == anchor).astype(np.float64),
            np.log1p(np.maximum(idx - anchor, 0)),
            np.log1p(np.maximum(anchor - idx, 0)),
        ]
    )


def _words_of(lower: list[str]) -> set[str]:
    return {w.strip(_PUNCT) for w in lower} - {""}


def _own_features(lines: list[str], title: str | None) -> Array:
    title_words = _words_of(title.lower().split()) if title else set()
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    rows = np.zeros((len(lines), 12))
    for i, line in enumerate(lines):
        words = line.split()
        nw = len(words)
        if nw == 0:
            continue
        # Long lines are prose anyway; looking at their first words keeps the cost per line bounded.
        head = words[:40]
        lower = [w.lower() for w in head]
        last = line[-1]
        rows[i] = (
            nw,
            np.log1p(len(line)),
            last in _ENDS_SENTENCE,
            last == ":",
            sum(w in _STOP for w in lower) / len(head),
            sum(w[0].isupper() for w in head) / len(head),
            line.isupper(),
            sum(map(line.count, "0123456789")) / len(line),
            line.count(". ") + line.count("? ") + line.count("! ") + line.count(", "),
            counts[line] > 1,
            _jaccard(title_words, _words_of(lower)) if title_words else 0.0,
            line[0].islower() or line.count("|") + line.count("»") + line.count("•") > 0,
        )
    rows[:, 8] = np.log1p(rows[:, 8])
    return rows


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _pattern_flags(lines: list[str], words: Array) -> dict[str, Array]:
    text = "\n".join(lines)
    # Prose mentions Facebook, comments or photos freely; on long lines these words say nothing.
    short = words <= _PATTERN_MAX_WORDS
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    flags: dict[str, Array] = {}
    for name, pattern in _PATTERNS.items():
        hit = np.zeros(len(lines))
        for m in pattern.finditer(text):
            hit[bisect_right(starts, m.start()) - 1] = 1.0
        flags[name] = hit if name in _ANY_LENGTH_PATTERNS else hit * short
    return flags


def _main_block(words: Array, prose: Array) -> tuple[int, int]:
    """The densest run of prose: prose lines score their length, everything else a small penalty."""
    return _best_run(np.where(prose > 0, np.minimum(words, 80.0), -np.minimum(words, 10.0) - 2.0))


def _best_run(score: Array) -> tuple[int, int]:
    """First and last index of the maximum-sum contiguous run of `score` (Kadane)."""
    best, best_span = -np.inf, (0, len(score) - 1)
    run, run_start = 0.0, 0
    for i, s in enumerate(score.tolist()):
        if run <= 0:
            run, run_start = s, i
        else:
            run += s
        if run > best:
            best, best_span = run, (run_start, i)
    return best_span


def _window_mean(x: Array, k: int) -> Array:
    padded = np.concatenate([[0.0], np.cumsum(x)])
    n = len(x)
    lo = np.clip(np.arange(n) - k, 0, n)
    hi = np.clip(np.arange(n) + k + 1, 0, n)
    result: Array = (padded[hi] - padded[lo]) / (hi - lo)
    return result


def _run_length(flag: Array) -> Array:
    """Length of the run of set flags each line belongs to (0 for unset lines)."""
    out = np.zeros(len(flag))
    i, n = 0, len(flag)
    values = flag.tolist()
    while i < n:
        if values[i]:
            j = i
            while j < n and values[j]:
                j += 1
            out[i:j] = j - i
            i = j
        else:
            i += 1
    return out


def _distance_to(flag: Array, forward: bool) -> Array:
    """Lines to the nearest set flag before (or after) each line, capped at the page length."""
    n = len(flag)
    idx = np.arange(n)
    if forward:
        pos = np.where(flag > 0, idx, n * 2)
        nearest = np.minimum.accumulate(pos[::-1])[::-1]
        return np.minimum(nearest - idx, n).astype(np.float64)
    pos = np.where(flag > 0, idx, -n * 2)
    nearest = np.maximum.accumulate(pos)
    return np.minimum(idx - nearest, n).astype(np.float64)


def _shift(x: Array, offset: int) -> Array:
    """Row i gets row i+offset; rows past either end get -1 so the model can tell "no neighbour"."""
    out = np.full_like(x, -1.0)
    if offset > 0:
        out[:-offset] = x[offset:]
    else:
        out[-offset:] = x[:offset]
    return out


def _forward(layer: dict[str, Any], x: Array) -> Array:
    z = (x - layer["mean"]) / layer["scale"]
    if "w1" in layer:
        z = np.tanh(z @ layer["w1"] + layer["b1"])
    logits = z @ layer["w2"] + layer["b2"]
    result: Array = 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))
    return result


@lru_cache(maxsize=4)
def load_model(path: Path = MODEL_PATH) -> Model:
    """Read the JSON weights into numpy arrays (cached: the shipped model loads once per process)."""
    return model_from_dict(json.loads(path.read_text(encoding="utf-8")))


def model_from_dict(raw: dict[str, Any]) -> Model:
    """Turn the JSON form of the model (lists of floats) into the arrays `classify_lines` uses."""
    return {
        "threshold": float(raw["threshold"]),
        "stages": [{k: np.asarray(v, dtype=np.float64) for k, v in layer.items()} for layer in raw["stages"]],
    }


def _assign_kinds(lines: list[str], feats: Features, p: Array, threshold: float, title: str | None) -> list[LineLabel]:
    start, end = feats.block
    words = feats.words.tolist()
    first_body = next((i for i, s in enumerate(p.tolist()) if s >= threshold), len(lines))
    labels: list[LineLabel] = []
    seen_text = False
    for i, line in enumerate(lines):
        score = float(p[i])
        rule = _hard_rule(line, words[i])
        if title and feats.title_sim[i] >= 0.6 and i <= max(first_body, start):
            labels.append(LineLabel("title", "matches title", score))
        elif rule:
            labels.append(LineLabel("boilerplate", rule, score))
        elif feats.patterns["byline"][i] and words[i] <= 8:
            labels.append(LineLabel("byline", "author line", score))
        elif _CAPTION_START.search(line) or (feats.repeated[i] and feats.patterns["caption"][i]):
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


def _body_kind(i: int, n_words: int, ends: bool, block_start: int, score: float) -> LineLabel:
    if i < block_start and n_words >= 8:
        return LineLabel("standfirst", "lead before the main text", score)
    if n_words <= 12 and not ends:
        return LineLabel("subheading", "short heading inside the text", score)
    return LineLabel("body", "", score)


def _hard_rule(line: str, n_words: float) -> str:
    if n_words > _HARD_RULE_MAX_WORDS:
        return ""
    for reason, pattern in _HARD_RULES:
        if pattern.search(line):
            return reason
    return ""


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


_TOKEN = re.compile(r"\w+")
# A repeated paragraph longer than this is a scraping accident; shorter ones may recur in the text.
_PROMPT_WORDS = 20
_MAX_ROUNDS = 6


def _fold(line: str) -> str:
    return " ".join(_TOKEN.findall(line.casefold()))


def _recurring_prompt(line: str, label: LineLabel) -> bool:
    """A short body line that recurs on purpose, as an interview question put to each guest."""
    return label.kind in BODY_KINDS and len(line.split()) <= _PROMPT_WORDS


def _same_caption(a: str, b: str) -> bool:
    """Captions reprinted with a word changed are one caption."""
    wa, wb = set(a.split()), set(b.split())
    return len(wa & wb) >= 0.8 * max(len(wa), len(wb))


@dataclass(slots=True)
class Sorted:
    """Where the lines of one article went."""

    title: str | None
    kept: list[str]
    captions: list[str]
    removed: list[Removed]


def sort_lines(
    lines: list[str], labels: list[LineLabel], title: str | None, captions: list[str], drop_repeats: bool
) -> Sorted:
    """One pass: each line becomes the title, a caption, a kept paragraph or a removed part with its reason."""
    result = Sorted(title, [], [], [])
    seen: set[str] = {_fold(title)} if title else set()
    # A headline heads text: with no body after it, a "title" line is the text itself.
    body_after = [False] * len(lines)
    for i in range(len(lines) - 2, -1, -1):
        body_after[i] = body_after[i + 1] or labels[i + 1].kind in BODY_KINDS
    for line, label, heads in zip(lines, labels, body_after, strict=True):
        key = _fold(line)
        known_captions = captions + result.captions
        if (result.title and key == _fold(result.title)) or (label.kind == "title" and not result.title and heads):
            result.title = result.title or line
            result.removed.append(Removed(line, "title"))
        elif label.kind == "caption" and (key in seen or any(_same_caption(line, c) for c in known_captions)):
            result.removed.append(Removed(line, "repeated caption"))
        elif drop_repeats and key in seen and not _recurring_prompt(line, label):
            result.removed.append(Removed(line, "repeated line"))
        elif label.kind == "caption":
            result.captions.append(line)
        elif label.kind in BODY_KINDS or label.kind == "title":
            result.kept.append(line)
        else:
            result.removed.append(Removed(line, label.reason or label.kind))
        seen.add(key)
    return result


def with_rules(lines: list[str], labels: list[LineLabel], title: str | None) -> list[LineLabel]:
    """The classifier's labels, overridden where a layout rule recognises the line."""
    ruled = rule_kinds(lines, title)
    return [LineLabel(r[0], r[1], label.score) if r else label for label, r in zip(labels, ruled, strict=True)]


def sort_flat_text(lines: list[str], title: str | None, *, model: Model | None = None) -> Sorted:
    """Sort the lines of a flat dump, classifying the kept lines again until they stand on their own.

    The classifier judges a line by its neighbours, so dropping a menu can change how the line
    next to it reads; repeating until nothing more goes makes cleaning its own output a no-op.
    """
    result = Sorted(title, lines, [], [])
    for _ in range(_MAX_ROUNDS):
        current = result.kept
        labels = with_rules(current, classify_lines(current, result.title, model=model), result.title)
        step = sort_lines(current, labels, result.title, result.captions, drop_repeats=True)
        result = Sorted(step.title, step.kept, result.captions + step.captions, result.removed + step.removed)
        if step.kept == current:
            break
    return result


@stage(
    "boilerplate",
    requires=("text", "paragraphs"),
    assigns=("text", "paragraphs", "removed", "captions", "title", "id"),
)
class BoilerplateStage(StageBase):
    """Keep the article's own paragraphs; move captions to `captions`; remove the rest with a reason.

    Pages an HTML extractor already cut down (`meta["extractor"]`) get the conservative pass that
    only trims leftovers at the edges, and keep their repeats (recipes, tables repeat on purpose);
    flat text gets the full classifier. The headline becomes the title when the reader found none.
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.model: Model | None = None

    def setup(self) -> None:
        self.model = load_model()

    def __call__(self, article: Article) -> Article:
        lines = [article.span_text(span) for span in article.paragraphs]
        if article.meta.get("extractor"):
            labels = refine_labels(lines, article.title, model=self.model)
            result = sort_lines(lines, labels, article.title, [], drop_repeats=False)
        else:
            result = sort_flat_text(lines, article.title, model=self.model)
        article.title = result.title
        article.captions.extend(result.captions)
        article.removed.extend(result.removed)
        fix_text(article, result.kept)
        return article
