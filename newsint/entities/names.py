"""Name forms and when two of them name the same thing: transliteration, spelling slips, short forms.

News writes one name many ways: Zelensky / Zelenskiy / Zelenskyy (three transliteration systems),
Kharkov / Kharkiv, Zaluzhny / Zaluznhy (a slip), Institute for the Study of War / ISW. These
functions reduce a name to a comparison key and decide whether two names can be one entity; the
entity stage uses them inside an article and `linking.py` across articles. Every rule here is about
how names are written, never about particular names: the small table of known variants is data, in
`names.toml`, and the rules work without it.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import OSA
from unidecode import unidecode

_POSSESSIVE = re.compile(r"['’]s\b")
_HYPHEN = re.compile(r"[-‐‑–]")
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
_DOUBLE = re.compile(r"(\w)\1+")

# Spelling systems for Cyrillic and Arabic names differ mostly in these letter groups; each is folded
# to one form (applied in order, on lower-case ASCII).
_TRANSLIT_FOLDS: tuple[tuple[str, str], ...] = (
    ("shch", "sch"),
    ("kh", "h"),
    ("ck", "k"),
    ("ph", "f"),
    ("tz", "ts"),
    ("iy", "i"),
    ("yy", "i"),
    ("ij", "i"),
    ("yi", "i"),
    ("ie", "e"),
    ("ye", "e"),
    ("ou", "u"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
)
# US and British spellings of the words organisations are named with.
_SPELLING_FOLDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"ence\b"), "ense"),
    (re.compile(r"our\b"), "or"),
    (re.compile(r"ise\b"), "ize"),
    (re.compile(r"isation\b"), "ization"),
)
# Words an acronym skips, and articles that never belong to a name.
_FUNCTION_WORDS = frozenset("a an the of for and on in at to de du des la le el al".split())
# Generic last words of organisation names, as keys (after _fold_word).
_ORG_SUFFIXES = frozenset("grup inc ltd corp corporation company co plc llc ag sa gmbh holdings".split())
# Generation suffixes after a surname, as keys.
_GENERATIONS = frozenset("jr sr ii iii iv".split())
# Honorifics and ranks written before a name; they are roles, not part of it.
HONORIFICS = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister premier chancellor
    king queen prince princess sheikh general gen lieutenant lt colonel col major maj captain capt
    sergeant sgt admiral adm commander cmdr marshal senator sen rep representative governor gov
    mayor secretary ambassador judge justice pope cardinal bishop rev father saint st attorney
    coach officer detective inspector""".split()
)


def fold(name: str) -> str:
    """Lower-case ASCII words, possessives and punctuation dropped, hyphens split: 'al-Assad’s' -> 'al assad'."""
    words = _HYPHEN.sub(" ", _POSSESSIVE.sub("", unidecode(name).lower()))
    return _SPACE.sub(" ", _NON_WORD.sub("", words)).strip()


def strip_honorifics(name: str) -> str:
    """'President Volodymyr Zelensky' -> 'Volodymyr Zelensky'; a lone honorific is kept."""
    words = name.split()
    while len(words) > 1 and fold(words[0]).rstrip(".") in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and fold(words[0]) in _FUNCTION_WORDS:
        words = words[1:]
    return " ".join(words)


def _fold_word(word: str) -> str:
    for pattern, replacement in _SPELLING_FOLDS:
        word = pattern.sub(replacement, word)
    for group, replacement in _TRANSLIT_FOLDS:
        word = word.replace(group, replacement)
    return _DOUBLE.sub(r"\1", word)


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A comparison key that spelling systems agree on: Zelenskiy, Zelenskyy and Zelensky give one key.

    Possessive endings and leading articles go; known variants (names.toml) map to one form first.
    Cached: grouping and linking compare the same few names many times.
    """
    variants = known_variants()
    folded = fold(strip_honorifics(name))
    folded = variants.get(folded, folded)
    words = [variants.get(word, word) for word in folded.split() if word not in _FUNCTION_WORDS]
    return " ".join(_fold_word(word) for word in " ".join(words).split())


def initials(words: list[str]) -> set[str]:
    """Initials of a run of words, with and without its function words ('ministry of defence': md, mod)."""
    content = "".join(w[0] for w in words if w not in _FUNCTION_WORDS)
    return {content, "".join(w[0] for w in words)} if len(words) >= 2 else set()


def _spells(short: list[str], words: list[str]) -> bool:
    """Each short word is a full word or the initials of a run of full words, in order, using all of them."""
    if not short or not words:
        return not short and not words
    head, rest = short[0], short[1:]
    if head == words[0] and _spells(rest, words[1:]):
        return True
    return any(head in initials(words[:end]) and _spells(rest, words[end:]) for end in range(2, len(words) + 1))


def is_acronym_of(short: str, full: str) -> bool:
    """Whether `short` is written as initials of `full`: 'ISW', 'I.S.W.'; 'UK MOD' for 'UK Ministry of Defence'."""
    letters = short.replace(".", "").replace(" ", "")
    if len(letters) < 2 or not any(c.isupper() for c in letters[1:]) or len(fold(short).split()) >= len(full.split()):
        return False
    variants = known_variants()
    full_words = [variants.get(w, w) for w in fold(strip_honorifics(full)).split()]
    while full_words and full_words[0] in _FUNCTION_WORDS:
        full_words = full_words[1:]
    short_words = [variants.get(w, w) for w in fold(short.replace(".", "")).split()]
    return _spells(short_words, full_words)


def similar(a: str, b: str) -> bool:
    """Spelling slips between two keys: one edit (a swap of neighbours counts as one) in five letters or more,
    two in ten or more. Austria and Australia stay apart; Zaluzhny and Zaluznhy do not."""
    if a == b:
        return True
    shortest = min(len(a), len(b))
    allowed = 2 if shortest >= 10 else 1 if shortest >= 5 else 0
    return allowed > 0 and OSA.distance(a, b, score_cutoff=allowed) <= allowed


def person_parts(name: str) -> tuple[list[str], str]:
    """Given names and surname keys of a name: 'Volodymyr O. Zelenskyy Jr.' -> (['volodimir', 'o'], 'zelenski')."""
    words = name_key(name).split()
    while len(words) > 1 and words[-1] in _GENERATIONS:
        words.pop()
    if not words:
        return [], ""
    return words[:-1], words[-1]


def _given_name_fits(x: str, y: str) -> bool:
    """One given name written two ways: an initial, a short form (Fred, Frederick) or one slip (Bettie, Betty)."""
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    shorter, longer = sorted((x, y), key=len)
    if len(shorter) >= 3 and longer.startswith(shorter):
        return True
    return min(len(x), len(y)) >= 4 and OSA.distance(x, y, score_cutoff=1) <= 1


def _given_names_agree(a: list[str], b: list[str]) -> bool:
    """The shorter list of given names fits, in order, into the longer ('Mark' into 'W. Mark')."""
    shorter, longer = sorted((a, b), key=len)
    position = 0
    for name in shorter:
        while position < len(longer) and not _given_name_fits(name, longer[position]):
            position += 1
        if position == len(longer):
            return False
        position += 1
    return True


def same_person(a: str, b: str) -> bool:
    """Two full or partial person names that can be one person: surnames agree and no given name conflicts.

    'Hunter Biden' and 'Joe Biden' conflict; 'Biden' agrees with both, so callers decide ambiguity.
    """
    given_a, surname_a = person_parts(a)
    given_b, surname_b = person_parts(b)
    if not surname_a or not surname_b:
        return False
    if given_a and given_a == given_b and min(len(surname_a), len(surname_b)) >= 4:
        # The same given names make one slip in a short surname believable (Duncan Rait / Duncan Raite).
        return OSA.distance(surname_a, surname_b, score_cutoff=1) <= 1
    return similar(surname_a, surname_b) and _given_names_agree(given_a, given_b)


def is_short_form(short: str, full: str) -> bool:
    """A one-word name that shortens a longer one: its last word ('Chargers' of 'San Diego Chargers'), or
    its first word before 'of'/'for' ('Institute' of 'Institute for the Study of War'). 'UK' does not
    shorten 'UK Ministry of Defence'.

    Only safe inside one article, where the longer name was just written; across articles 'Democratic'
    would join every party.
    """
    short_key = name_key(short)
    words = fold(strip_honorifics(full)).split()
    full_words = name_key(full).split()
    if len(short_key.split()) != 1 or len(full_words) < 2:
        return False
    before_function_word = len(words) > 1 and words[1] in _FUNCTION_WORDS
    return short_key == full_words[-1] or (before_function_word and short_key == full_words[0])


def same_name(a: str, b: str, kind: str) -> bool:
    """Whether two names of entities of `kind` (PERSON, ORG, LOC, MISC) can name the same thing."""
    if kind == "PERSON":
        return same_person(a, b)
    key_a, key_b = name_key(a), name_key(b)
    if kind == "ORG":
        key_a, key_b = without_org_suffix(key_a), without_org_suffix(key_b)
    if not key_a or not key_b:
        return False
    return similar(key_a, key_b) or is_acronym_of(a, b) or is_acronym_of(b, a)


def without_org_suffix(key: str) -> str:
    """'vagner grup' -> 'vagner': the legal-form and generic words organisations drop in a second mention."""
    words = key.split()
    while len(words) > 1 and words[-1] in _ORG_SUFFIXES:
        words.pop()
    return " ".join(words)


def canonical_name(aliases: Counter[str] | dict[str, int]) -> str:
    """The name to show: the most complete written form, then the most usual spelling of its words.

    Completeness counts words (a full name beats a surname; an all-capitals acronym counts least);
    spelling sums how often each of its words is written so across all forms, so one misspelt full
    name ("Volodomyr") loses to the spelling most mentions use.
    """
    word_votes: Counter[str] = Counter()
    for alias, count in aliases.items():
        for word in set(strip_honorifics(alias).split()):
            word_votes[word] += count

    def preference(alias: str) -> tuple[int, int, int, int, str]:
        words = strip_honorifics(alias).split()
        is_acronym = len(words) == 1 and alias.isupper() and len(alias) <= 6
        spelling = sum(word_votes[w] for w in words)
        return (0 if is_acronym else len(words), spelling, aliases[alias], -len(alias), alias)

    return max(aliases, key=preference) if aliases else ""


@lru_cache(maxsize=1)
def known_variants() -> dict[str, str]:
    """Folded variant -> folded preferred form, from the shipped table of well-known variants."""
    table = tomllib.loads(resources.files("newsint.entities").joinpath("names.toml").read_text(encoding="utf-8"))
    variants: dict[str, str] = {}
    for preferred, others in table["variants"].items():
        for other in others:
            variants[fold(other)] = fold(preferred)
    return variants
