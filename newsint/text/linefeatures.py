"""What the line classifier (`linemodel`) sees of each line: its shape, cue words, neighbours and place in the page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


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
LINE_RULES = re.compile(
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
# A line of running text has at least this many words and ends like a sentence.
_PROSE_MIN_WORDS = 12


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


def running_text(feats: Features) -> list[bool]:
    """Whether each line is running text: _PROSE_MIN_WORDS words or more, ending like a sentence."""
    return [bool(x) for x in (feats.words >= _PROSE_MIN_WORDS) & (feats.ends > 0)]


def is_running_text(line: str) -> bool:
    """Whether a raw line is running text: _PROSE_MIN_WORDS words or more, ending like a sentence."""
    return len(line.split()) >= _PROSE_MIN_WORDS and line.rstrip()[-1:] in _ENDS_SENTENCE
