"""Recover the article body from the flat text of a scraped page, line by line.

Feeds, WARC text dumps and copy-pasted pages often reach us without their HTML, so the structure HTML
extractors rely on is gone: menus, footers and share buttons are just more lines. Each line is described by
its own shape (length, punctuation, stop-word density, capitalisation, call-to-action and footer patterns,
repetition, similarity to the title), by its neighbours, and by where it sits relative to the densest run of
prose in the page. A small network reads the page as a sequence: each line's features pass through residual
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
from numpy.typing import NDArray

from newsint.resources import MODELS_DIR

MODEL_PATH = MODELS_DIR / "boilerplate-v2.json"
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


def _words(text: str) -> list[str]:
    return text.split()


# Most frequent function words of the languages we meet most; prose is dense in them, menus are not.
_STOP = frozenset(
    _words(
        "a an the and or but of to in on at for with by from as is are was were be been has have had it its "
        "this that these those he she they we you i his her their our not no so if than then there which who "
        "what when will would can could said says also after before about into over more der die das und "
        "oder aber ein eine einer eines dem den des zu im in am auf mit von für ist sind war wurde werden "
        "hat haben nicht auch sich es er sie wir ich dass wie bei nach aus noch nur um le la les un une des "
        "du de et ou mais est sont était a ont pas que qui dans pour sur avec par il elle ils nous vous ce "
        "cette au aux se ne plus el los las un una y o pero es son fue ha han no que en con por para del al "
        "lo se su sus como más il lo gli di da e non che per con nel della delle sono è o os as um uma e ou "
        "mas é são foi não que em com por para do da dos das no na de het een en of maar is zijn was niet "
        "dat die in op met voor van te i w z na do że się nie jest to od o po jak ale и в не на я что он с "
        "как а то это все она так его но да вы за бы по только ее мне было от еще нет о из ему когда даже "
        "уже или ни быть был до вас там потом себя может они тут где есть для мы их чем была сам без будет "
        "кто этот того потому этого какой при после над через эти про і й та у що це як з із від але він "
        "вона вони ми ви його її їх був була було були є також вже коли якщо який яка які тому після"
    )
)

_ENDS_SENTENCE = frozenset('.?!"”’»)…')
_PUNCT = ".,:;!?\"'“”‘’«»()[]|-–—…"
# A line this similar to the title is taken as the headline.
_ANCHOR_SIM = 0.5

# Cue words, looked up per word (a dict lookup is far cheaper than scanning the text with one regex each).
_CUES: dict[str, str] = {
    **dict.fromkeys(
        _words(
            "subscribe subscribers subscription newsletter newsletters login signup register abonnieren "
            "abonnez abonnement anmelden registrieren suscríbete suscribirse premium paywall unlock подписаться "
            "подпишитесь подписка підписатися підпишіться підписка subskrybuj subskrypcja zaloguj assine "
            "assinar assinatura iscriviti abbonati abbonamento abonneren abonneer inloggen"
        ),
        "cta",
    ),
    **dict.fromkeys(
        _words(
            "share shares tweet whatsapp pinterest facebook twitter linkedin instagram reddit telegram "
            "youtube teilen partager compartir print email e-mail поделиться поділитися udostępnij compartilhe "
            "compartilhar partilhar condividi delen viber вконтакте"
        ),
        "share",
    ),
    **dict.fromkeys(
        ["follow", "folgen", "suivez", "síguenos", "подписывайтесь", "стежте", "obserwuj", "siga", "seguici", "volg"],
        "follow",
    ),
    **dict.fromkeys(
        _words(
            "© copyright privacy cookie cookies datenschutz impressum kontakt disclaimer trademarks контакты "
            "контакти privacidade privacybeleid"
        ),
        "footer",
    ),
    **dict.fromkeys(
        ["related", "recommended", "trending", "popular", "читайте", "polecamy", "leia", "leggi", "lees"], "related"
    ),
    **dict.fromkeys(
        _words(
            "advertisement advertising sponsored anzeige werbung publicité publicidad promoted ad ads реклама "
            "reklama publicidade pubblicità advertentie"
        ),
        "advert",
    ),
    **dict.fromkeys(
        _words(
            "photo photos image images foto fotos bild getty afp reuters credit picture illustration dpa shutterstock "
            "фото fot zdjęcie"
        ),
        "caption",
    ),
    **dict.fromkeys(
        _words(
            "january february march april may june july august september october november december jan feb "
            "mar apr jun jul aug sep sept oct nov dec januar februar märz juni juli oktober dezember janvier "
            "février mars avril juin juillet août septembre octobre décembre enero febrero marzo abril mayo "
            "junio julio agosto septiembre octubre noviembre diciembre updated published aktualisiert publié "
            "am pm января февраля марта апреля мая июня июля августа сентября октября ноября декабря січня "
            "лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня stycznia lutego "
            "marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia janeiro "
            "fevereiro março maio junho julho setembro outubro novembro dezembro gennaio febbraio aprile "
            "maggio giugno luglio settembre ottobre dicembre januari februari maart mei augustus oktober "
            "обновлено оновлено opublikowano atualizado aggiornato bijgewerkt"
        ),
        "date",
    ),
    **dict.fromkeys(
        _words(
            "comment comments kommentar kommentare commentaires comentarios reply replies antworten répondre responder "
            "комментарии комментарий ответить коментарі коментар відповісти komentarze komentarz odpowiedz "
            "comentários comentário commenti commento rispondi reacties reactie reageer"
        ),
        "comments",
    ),
}
# Two-word cues, looked up as word pairs.
_CUE_PAIRS: dict[tuple[str, str], str] = {
    **dict.fromkeys(
        [("all", "rights"), ("rights", "reserved"), ("alle", "rechte"), ("droits", "réservés"),
         ("derechos", "reservados"), ("terms", "of"), ("contact", "us"), ("about", "us"), ("права", "защищены"),
         ("права", "захищені"), ("prawa", "zastrzeżone"), ("direitos", "reservados"), ("diritti", "riservati"),
         ("rechten", "voorbehouden")],
        "footer",
    ),
    **dict.fromkeys(
        [("sign", "up"), ("sign", "in"), ("log", "in"), ("free", "trial"), ("join", "us"), ("join", "our"),
         ("create", "account"), ("download", "our"), ("download", "the")],
        "cta",
    ),
    **dict.fromkeys(
        [("read", "more"), ("see", "also"), ("also", "read"), ("read", "also"), ("read", "next"),
         ("more", "from"), ("more", "on"), ("most", "read"), ("most", "viewed"), ("may", "also"),
         ("might", "also"), ("mehr", "zum"), ("lesen", "sie"), ("lire", "aussi"), ("le", "puede"),
         ("más", "información"), ("ver", "también"), ("leia", "também"), ("читайте", "также"),
         ("читайте", "також"), ("czytaj", "także"), ("czytaj", "też"), ("zobacz", "także"), ("zobacz", "też"),
         ("leia", "mais"), ("veja", "também"), ("leggi", "anche"), ("lees", "ook"), ("lees", "meer")],
        "related",
    ),
    **dict.fromkeys([("follow", "us"), ("folgen", "sie"), ("social", "media")], "follow"),
    ("leave", "a"): "comments",
}  # fmt: skip
_BYLINE = re.compile(r"(by|von|par|por|door|di|da|autor|author|written by)\s+[A-ZÀ-Ý]|(by|von)\s*:", re.I)
_PATTERN_NAMES = (
    "cta",
    "share",
    "follow",
    "footer",
    "related",
    "advert",
    "byline",
    "caption",
    "date",
    "comments",
    "glued",
)
# Cue words only count on short lines: prose mentions Facebook, comments or photos freely.
_PATTERN_MAX_WORDS = 20
# Long lines are prose anyway; their first words are enough to measure stop-word and capital density.
_HEAD_WORDS = 40
_SEPARATORS = (ord("|"), ord("»"), ord("•"), ord("·"))
_DATE_SEPARATORS = (ord("."), ord("/"), ord(":"))
_INNER_PUNCT = (ord("."), ord("?"), ord("!"), ord(","))
# Unmistakable boilerplate on short lines: removed whatever the model says, with this reason.
# Unmistakable boilerplate and captions on short lines, one search per line; the group name is the verdict.
_LINE_RULES = re.compile(
    r"^\W*(?:(?P<call_to_action>(?:subscribe|sign up|sign in|log ?in|register now|join our|download our"
    r"|download the app)\b|(?:get|receive) (?:our|the) .{0,40}(?:newsletter|email|alerts))"
    r"|(?P<share>share (?:this|on|via)|share$|tweet$|follow us\b)"
    r"|(?P<advertisement>(?:advertisement|anzeige|publicité|publicidad|sponsored content|реклама|reklama"
    r"|publicidade|pubblicità|advertentie)\W*$)"
    r"|(?P<caption>(?:photo|image|foto|bild|picture|credit|caption|illustration)\b\s*[:|/-]))"
    r"|(?P<footer>©|\(c\)\s*\d{4}|all rights reserved|alle rechte vorbehalten|tous droits r[ée]serv"
    r"|todos los derechos reservados|все права защищены|усі права захищені|wszelkie prawa zastrzeżone"
    r"|todos os direitos reservados|tutti i diritti riservati|alle rechten voorbehouden)"
    r"|(?P<call_to_action_>\b(?:our|free|daily|weekly|email) newsletters?\b)",
)  # fmt: skip  (matched against the lower-cased line: IGNORECASE makes the search several times slower)
_HARD_RULE_MAX_WORDS = 15
# A line of running text has at least this many words and ends like a sentence.
_PROSE_MIN_WORDS = 12
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
    own, patterns = _surface(lines, title)
    words, ends, stop = own[:, 0], own[:, 2], own[:, 4]
    log_words = np.log1p(words)
    prose = ((words >= _PROSE_MIN_WORDS) & (ends > 0) & (stop > 0.15)).astype(np.float64)
    short = (words <= 3).astype(np.float64)
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


def _title_anchor(title_sim: Array, idx: Array) -> Array:
    """Position relative to the line that best matches the title: articles start after their headline."""
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


def _surface(lines: list[str], title: str | None) -> tuple[Array, dict[str, Array]]:
    """Per-line shape features and cue flags, computed per word and per code point in bulk for speed."""
    n = len(lines)
    counts: dict[str, int] = {}
    n_words: list[int] = []
    head_words: list[str] = []
    head_counts: list[int] = []
    short_words: list[str] = []
    short_counts: list[int] = []
    # Plain lists, converted once: item assignment into numpy arrays costs more than the work itself.
    row_flags: list[tuple[bool, bool, bool, bool, bool]] = []  # ends sentence, ":", all caps, lower start, byline
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
        words = line.split()
        nw = len(words)
        n_words.append(nw)
        head = words[:_HEAD_WORDS]
        head_words += head
        head_counts.append(len(head))
        short = 0 < nw <= _PATTERN_MAX_WORDS
        short_counts.append(nw if short else 0)
        if short:
            short_words += words
        last = line[-1] if line else " "
        row_flags.append(
            (
                last in _ENDS_SENTENCE,
                last == ":",
                line.isupper(),
                line[:1].islower(),
                short and _BYLINE.match(line) is not None,
            )
        )
    words_per_line = np.asarray(n_words, dtype=np.float64)
    flags = np.asarray(row_flags, dtype=np.float64).reshape(n, 5)
    chars = _char_counts(lines)
    head_line = np.repeat(np.arange(n), head_counts)
    lower = [w.lower() for w in head_words]
    n_head = np.maximum(np.asarray(head_counts, dtype=np.float64), 1.0)
    stop = np.bincount(head_line, [w in _STOP for w in lower], n) / n_head
    caps = np.bincount(head_line, [w[0].isupper() for w in head_words], n) / n_head
    title_sim = np.zeros(n)
    if title:
        title_words = {w.strip(_PUNCT) for w in title.lower().split()} - {""}
        overlap = np.bincount(head_line, [w.strip(_PUNCT) in title_words for w in lower], n)
        title_sim = overlap / np.maximum(len(title_words) + n_head - overlap, 1.0)
    repeated = np.fromiter((counts[line] > 1 for line in lines), dtype=np.float64, count=n)
    own = np.column_stack(
        [
            words_per_line,
            np.log1p(chars["length"]),
            flags[:, 0],
            flags[:, 1],
            stop,
            caps,
            flags[:, 2],
            chars["digits"] / np.maximum(chars["length"], 1.0),
            np.log1p(chars["inner"]),
            repeated,
            title_sim,
            np.maximum(flags[:, 3], chars["separators"] > 0),
        ]
    )
    patterns = _cue_flags(lines, short_words, short_counts)
    patterns["byline"] = flags[:, 4]
    patterns["glued"] = (chars["glued"] > 0).astype(np.float64)
    is_short = np.asarray(short_counts) > 0
    patterns["date"] = np.maximum(patterns["date"], (chars["numeric_dates"] > 0) & is_short)
    return own, patterns


def _char_counts(lines: list[str]) -> dict[str, Array]:
    """Counts of character classes per line, from one array of code points."""
    n = len(lines)
    text = "\n".join(lines)
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    lengths = np.fromiter(map(len, lines), dtype=np.int64, count=n)
    line_of = np.repeat(np.arange(n), lengths + 1)[: len(cp)]
    nxt = _ahead(cp, 1, 10)
    nxt2 = _ahead(cp, 2, 10)
    lower = ((cp >= 97) & (cp <= 122)) | ((cp >= 0xE0) & (cp <= 0xFF)) | ((cp >= 0x430) & (cp <= 0x44F))
    upper = ((cp >= 65) & (cp <= 90)) | ((cp >= 0xC0) & (cp <= 0xDE)) | ((cp >= 0x410) & (cp <= 0x42F))
    # Teaser cards flatten to a headline glued to its summary: "...StandA 24-year-old...".
    glued = lower & _ahead(upper, 1, False) & _ahead(lower, 2, False)
    digit = (cp >= 48) & (cp <= 57)
    # 12:30, 20.11.2019, 11/20/2019: a digit, a separator, a digit.
    numeric_date = digit & _any_of(nxt, _DATE_SEPARATORS) & _ahead(digit, 2, False)

    def per_line(mask: NDArray[np.bool_]) -> Array:
        return np.bincount(line_of, mask, n).astype(np.float64)

    return {
        "numeric_dates": per_line(numeric_date),
        "length": lengths.astype(np.float64),
        "digits": per_line(digit),
        "separators": per_line(_any_of(cp, _SEPARATORS)),
        "inner": per_line(_any_of(cp, _INNER_PUNCT) & (nxt == 32) & (nxt2 != 10)),
        "glued": per_line(glued),
    }


def _any_of(cp: NDArray[np.int64], codes: tuple[int, ...]) -> NDArray[np.bool_]:
    # A few equality tests beat np.isin, whose set-up dominates on arrays this small.
    out: NDArray[np.bool_] = cp == codes[0]
    for code in codes[1:]:
        out |= cp == code
    return out


def _ahead(x: NDArray[Any], k: int, fill: Any) -> NDArray[Any]:
    """`x` shifted k places to the left, padded with `fill`, same length as `x`."""
    out = np.full_like(x, fill)
    if k < len(x):
        out[: len(x) - k] = x[k:]
    return out


def _cue_flags(lines: list[str], short_words: list[str], short_counts: list[int]) -> dict[str, Array]:
    """Which cue kinds each short line contains, from word and word-pair lookups."""
    n = len(lines)
    flags = {name: np.zeros(n) for name in _PATTERN_NAMES}
    word_line = np.repeat(np.arange(n), short_counts).tolist()
    words = [w.strip(_PUNCT) for w in " ".join(short_words).lower().split()]
    if len(words) == len(word_line):  # lower() can split a word in rare scripts; then skip the cue words
        hits = [(j, kind) for j, kind in enumerate(map(_CUES.get, words)) if kind is not None]
        hits += [
            (j, kind)
            for j, kind in enumerate(map(_CUE_PAIRS.get, zip(words, words[1:], strict=False)))
            if kind is not None
        ]
        for j, kind in hits:
            flags[kind][word_line[j]] = 1.0
    # Copyright notices can be long (news agencies append their terms); the sign alone is enough.
    flags["footer"] = np.maximum(flags["footer"], [("©" in line) for line in lines])
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
    idx = np.arange(n)
    lo = np.maximum(idx - k, 0)
    hi = np.minimum(idx + k + 1, n)
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
    prose = _running_text(feats)
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
    prose = _running_text(feats)
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


def _running_text(feats: Features) -> list[bool]:
    """Whether each line is running text: _PROSE_MIN_WORDS words or more, ending like a sentence."""
    return [bool(x) for x in (feats.words >= _PROSE_MIN_WORDS) & (feats.ends > 0)]


def is_running_text(line: str) -> bool:
    """Whether a raw line is running text: _PROSE_MIN_WORDS words or more, ending like a sentence."""
    return len(line.split()) >= _PROSE_MIN_WORDS and line.rstrip()[-1:] in _ENDS_SENTENCE


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
    m = _LINE_RULES.search(line.lower())
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
