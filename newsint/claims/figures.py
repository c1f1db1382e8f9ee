"""An article's figures: the numbers of its text, what each one counts, and the claim it sits in.

`newsint.claims.numbers` reads the amounts from the text alone; this module drops those that are times (a duration
or a year is not a count, unless the duration qualifies a noun: "a 20-year agreement"), names ("Boeing 737") or
pronouns ("one of them"), and reads the counted noun from the parse: the noun the number modifies, with its
modifiers and the predicate that says what happened to it ("Russian troops killed or injured", "people without
power", "drones shot down"); after a measure, what it measures ("$400 million in military aid", "1,000 km from
the front"). Each figure gets its `kind` (weapons, money, distance, ...) and its `phrase`, the amount with what it
counts as the text words it ("hundreds of millions of dollars' worth of missiles").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from newsint.claims.numbers import find_figures, unit_kind
from newsint.lexicon import unit_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsint.model import Claim, Figure, TimeExpr

# Words that only point at the count again ("20 more people"), not at what is counted.
_NOT_WHAT = {"more", "other", "additional", "further", "such", "same", "last", "next", "first", "few", "many"}
_NUMBER_DEPS = ("nummod", "amod", "det", "compound", "quantmod", "nmod:npmod")
_TIME_NOUNS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "fortnight"}
# Words of `what` that tell the kind of a count, tried in this order: "drones destroyed" counts weapons.
_KIND_WORDS: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (kind, frozenset(words.split()))
    for kind, words in (
        ("casualties", "killed dead died death deaths wounded injured hurt casualties casualty lives bodies "
         "fatalities executed murdered slain missing"),
        ("affected", "displaced refugees refugee evacuated evacuees homeless fled flee fleeing uprooted power "
         "electricity heating water stranded trapped besieged starving evacuate leave"),
        ("weapons", "missile missiles drone drones rocket rockets shell shells bomb bombs munitions rounds warheads "
         "tank tanks aircraft jets jet helicopters helicopter artillery howitzers kinzhals kinzhal shaheds "
         "interceptors weapons weapon guns mines grenades launchers warships ships vehicles shot downed intercepted"),
        ("damage", "homes houses buildings damaged destroyed schools hospitals apartments flats bridges "
         "infrastructure substations razed"),
    )
)  # fmt: skip
# The plural nouns among them: what a number counts when it comes after a noun used as a modifier ("attack drones").
_COUNTED_PLURALS = frozenset(w for _, words in _KIND_WORDS for w in words if w.endswith("s") and not w.endswith("ss"))
# Words that tell the counted were uprooted: "forced 40,000 residents to flee".
_UPROOTED = next(words for kind, words in _KIND_WORDS if kind == "affected")
# At most this many words of "to leave their homes" after the counted object; a longer clause gives its verb.
_STATE_WORDS = 5
# Particles the parse may hang elsewhere: "shot down 34 of them".
_PARTICLE_WORDS = {"down", "out", "up", "off"}
_PARTICIPLES = {"dead", "wounded", "injured", "hurt", "displaced", "missing", "evacuated", "captured", "detained"}
# Words after a measure that lead to what it measures: "$400 million in aid", "1,000 km from the front".
_DIRECTIONS = set(
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west".split()
)
# A distance reads with its preposition: "1,000 km from the front", "40 km south of the city".
_KEEP_LINK = {"from", "away", "behind", "inside", "into", "across", "along", *_DIRECTIONS}
_MEASURE_LINKS = {"in", "of", "for", "worth", *_KEEP_LINK}
# Verbs whose subject is what was counted: "6.3 million Ukrainians have fled", "40 soldiers died".
_FLED = {"fled", "died", "perished", "escaped", "surrendered", "deserted", "drowned", "disappeared"}
_NP_TAGS = {"DT", "PRP$", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "HYPH", "VBN", "VBG", "CD"}


def read_figures(text: str, times: list[TimeExpr], doc: Doc | None, claims: list[Claim]) -> list[Figure]:
    """The amounts of `text` that are no time, with what they count from `doc` (empty without one) and their claim."""
    figures: list[Figure] = []
    for figure in find_figures(text):
        if _overlaps(figure, times):
            continue
        if doc is not None:
            parsed = _with_parse(figure, doc, text)
            if parsed is None:
                continue
            figure = parsed
        figures.append(replace(figure, claim=claim_of(figure, claims), kind=figure_kind(figure)))
    return figures


def figure_kind(figure: Figure) -> str:
    """What sort of amount `figure` is (one of model.FIGURE_KINDS): by its unit, its ratio, or the words of `what`."""
    by_unit = unit_kind(figure.unit)
    if by_unit:
        return by_unit
    if figure.per is not None and unit_name(figure.per_what) not in _TIME_NOUNS:
        return "ratio"
    words = set(figure.what.lower().split())
    return next((kind for kind, known in _KIND_WORDS if words & known), "count" if figure.what else "")


def claim_of(figure: Figure, claims: list[Claim]) -> int | None:
    """The index of the first claim whose content holds the whole figure, or None."""
    return next((i for i, c in enumerate(claims) if c.start <= figure.start and figure.end <= c.end), None)


def _overlaps(figure: Figure, times: list[TimeExpr]) -> bool:
    """A time over the figure, unless the figure is the duration that qualifies a noun ("a 20-year agreement")."""
    kept = unit_name(figure.unit) in _TIME_NOUNS
    return any(t.start < figure.end and figure.start < t.end and not (kept and t.type == "DURATION") for t in times)


def _with_parse(figure: Figure, doc: Doc, text: str) -> Figure | None:
    """`figure` with `what` read from the parse; None when the parse shows it is no amount."""
    span = doc.char_span(figure.start, figure.end, alignment_mode="expand")
    if span is None:
        return figure
    inside = {token.i for token in span}
    if _in_name(span, doc):
        return None
    anchor, noun = _counted(span, inside)
    year = figure.text.isdigit() and len(figure.text) == 4 and 1900 <= int(figure.text) <= 2100
    if noun is None and year:
        return None
    if figure.text.lower() == "one" and anchor is not None and anchor.dep_ != "nummod":
        return None  # "it is one", a pronoun
    if noun is None:
        noun = _noun_after(doc, max(inside)) if not figure.unit else None
    if noun is not None:
        noun = _plural_after(noun)
    if noun is None and not figure.unit:  # "Of the 81 missiles, 34 were shot down": what happened to them
        words = next((_predicate(t) for t in span if t.dep_.startswith("nsubj") and t.tag_ == "CD"), [])
        if words:
            return _phrased(figure, text, words)
        done = _done_to_pronoun(span, inside)
        if done is not None:
            return done_to(figure, text, *done)
    if noun is None:
        distance = unit_kind(figure.unit) == "distance"
        words = _measured(doc, max(inside), distance) if figure.unit else []
        if not words:
            return figure
        link = 1 if words[0].lower_ not in _KEEP_LINK and not (distance and words[0].lower_ == "of") else 0
        return _phrased(figure, text, words[link:] if link and len(words) > 1 else words)
    if unit_name(noun.lower_) in _TIME_NOUNS and not figure.unit and figure.per is None:
        return None  # a duration the times stage did not take
    words = [*_what_words(noun, max(inside)), *_state(noun)]
    counted = sorted([noun, *_modifiers(noun, max(inside))], key=lambda t: t.i)
    per_what = figure.per_what or (" ".join(t.text for t in counted) if figure.per is not None else "")
    if not _predicate(noun):  # "one in three homes ... was damaged", "thousands of people fled": the amount's own
        words += next((_predicate(t) for t in span if t.dep_.startswith("nsubj")), [])
    return replace(_phrased(figure, text, words), per_what=per_what)


def _plural_after(noun: Token) -> Token:
    """The plural noun a counted noun modifies where the parse took it for a verb: "58 attack drones", "35 strike
    drones" (drones tagged VBZ), else the noun."""
    doc = noun.doc
    if noun.tag_ != "NN" or noun.i + 1 >= len(doc):
        return noun
    after = doc[noun.i + 1]
    return after if after.lower_ in _COUNTED_PLURALS and after.sent == noun.sent else noun


def _phrased(figure: Figure, text: str, words: list[Token]) -> Figure:
    """`figure` with `what` from `words`, and `phrase` from the amount to the last of them when they follow closely."""
    words = sorted(set(words), key=lambda t: t.i)
    what = " ".join(t.text for t in words)
    first, last = words[0], words[-1]
    near = first.idx >= figure.end and len(text[figure.end : first.idx].split()) <= 8
    if near and last.sent == first.sent:
        return replace(figure, what=what, phrase=text[figure.start : last.idx + len(last.text)])
    return replace(figure, what=what, phrase=f"{figure.text} {what}")


def _done_to_pronoun(span: Span, inside: set[int]) -> tuple[list[Token], Token] | None:
    """For "shot down 34 of them": the verb with its particle, and the pronoun after "of"; None elsewhere."""
    for token in span:
        pronoun = next((c for c in token.children if c.i not in inside and _of_pronoun(c)), None)
        verb, role = token.head, token.dep_.split(":")[0]
        if pronoun is not None and role in ("obj", "obl") and verb.pos_ == "VERB" and verb.i < token.i:
            after = verb.nbor() if verb.i + 1 < len(verb.doc) else None
            particle = [after] if after is not None and after.lower_ in _PARTICLE_WORDS else []
            return [verb, *_particles(verb), *particle], pronoun
    return None


def done_to(figure: Figure, text: str, verb: list[Token], pronoun: Token) -> Figure:
    """`figure` counting what a pronoun stands for: `what` is what was done to them ("shot down"), `phrase` runs
    from the verb to the pronoun ("shot down 34 of them"), the only text words that say it."""
    words = sorted(set(verb), key=lambda t: t.i)
    phrase = " ".join(text[words[0].idx : pronoun.idx + len(pronoun)].split())
    return replace(figure, what=" ".join(t.text for t in words), phrase=phrase)


def _of_pronoun(token: Token) -> bool:
    """ "of them", "of those": a partitive whose noun is a pronoun."""
    has_of = any(c.dep_ == "case" and c.lower_ == "of" for c in token.children)
    return token.tag_ in ("PRP", "DT") and token.dep_.startswith("nmod") and has_of


def _state(noun: Token) -> list[Token]:
    """What a verb left the counted in, when they are its object: "left 1.5 million people | without power",
    "forced 40,000 residents | to flee"."""
    without = [c for c in noun.children if c.i > noun.i and any(g.lower_ == "without" for g in c.children)]
    if without:
        child = without[0]
        return [*(c for c in child.children if c.dep_ in ("case", "amod", "compound") and c.i < child.i), child]
    if noun.dep_ != "obj":
        return []
    verb = noun.head
    state = [t for t in _without(verb) if t.i > noun.i]
    if state:
        return state
    for child in verb.children:  # the parse calls the clause an xcomp or an advcl; "hired 300 engineers to rebuild"
        marks = [c for c in child.children if c.dep_ == "mark" and c.lower_ == "to" and c.i == noun.right_edge.i + 1]
        if child.dep_ in ("xcomp", "advcl") and child.lower_ in _UPROOTED and marks:
            clause = list(child.subtree)
            return clause if len(clause) <= _STATE_WORDS else [*marks, child, *_particles(child)]
    return []


def _noun_after(doc: Doc, after: int) -> Token | None:
    """The noun right after the amount when the parse tied the amount elsewhere: "More than 10,000 people ..."."""
    i = after + 1
    if i < len(doc) and doc[i].tag_ in ("VBN", "JJ") and doc[i].lower_ in _PARTICIPLES:
        return doc[i]  # "14 dead and 40 wounded"
    while i < len(doc) and doc[i].tag_ in ("JJ", "HYPH"):
        i += 1
    if i >= len(doc) or not doc[i].tag_.startswith("NN"):
        return None
    while i + 1 < len(doc) and doc[i + 1].tag_.startswith("NN") and doc[i + 1].dep_ != "appos":
        i += 1
    return doc[i]


def _measured(doc: Doc, after: int, distance: bool = False) -> list[Token]:
    """What a measure is of, from the words after it: "in military aid", "' worth of missiles", "from the front";
    a `distance` keeps its "of" ("within 30 km of the border")."""
    i = after + 1
    link: list[Token] = []
    while i < len(doc) and (doc[i].lower_ in _MEASURE_LINKS or doc[i].tag_ == "POS" or doc[i].lower_ in ("'", "’")):
        link.append(doc[i])
        i += 1
    if not link or not any(t.lower_ in _MEASURE_LINKS for t in link):
        return []
    phrase: list[Token] = []
    while i < len(doc) and doc[i].tag_ in _NP_TAGS and doc[i].sent == doc[after].sent:
        phrase.append(doc[i])
        i += 1
    while phrase and not phrase[-1].tag_.startswith("NN"):
        phrase.pop()
    if not phrase:
        return []
    kept = [t for t in link if t.lower_ in _KEEP_LINK or (distance and t.lower_ == "of")]
    if kept:
        return [t for t in link if t.i >= kept[0].i] + phrase
    return [link[-1], *(t for t in phrase if t.tag_ not in ("DT", "PRP$"))]


def _in_name(span: Span, doc: Doc) -> bool:
    """A number inside a name after a capitalised word of the same name: "Boeing 737", "Apollo 11"."""
    for entity in doc.ents:
        if entity.start <= span.start < entity.end and entity.label_ in ("PER", "ORG", "LOC", "MISC"):
            return any(t.text[:1].isupper() and t.is_alpha for t in doc[entity.start : span.start])
    return False


def _counted(span: Span, inside: set[int]) -> tuple[Token | None, Token | None]:
    """The token of the span that attaches outside it, and the noun the amount counts (or None)."""
    roots = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    roots.sort(key=lambda t: t.dep_ != "nummod")
    for token in roots:
        head = token.head
        if token.dep_ in _NUMBER_DEPS and head.i not in inside and head.tag_.startswith("NN"):
            while head.dep_ in ("compound", "amod") and head.i < head.head.i and head.head.tag_.startswith("NN"):
                head = head.head  # "40 Shahed drones", the amount hung on the name: drones
            return token, head
        if token.dep_ == "nummod" and head.i == max(inside) + 1 and head.tag_ in ("VBN", "JJ"):
            return token, head  # a participle or adjective as the noun: "10,000 displaced", "40 wounded"
    for token in [*roots, *(t for t in span if t not in roots)]:  # "tens of thousands of soldiers": "of" hangs inside
        for child in token.children:
            if child.i in inside:
                continue
            if child.lower_ == "worth":  # "millions of dollars worth of missiles"
                child = next((c for c in child.children if _of_noun(c)), child)
            if _of_noun(child):
                return token, child
    return (roots[0] if roots else None), None


def _of_noun(token: Token) -> bool:
    """A noun after "of" that a partitive amount counts: "six of its missiles", "40% of the budget"."""
    has_of = any(c.dep_ == "case" and c.lower_ == "of" for c in token.children)
    return bool(token.dep_.startswith("nmod") and token.tag_.startswith("NN") and has_of)


def _what_words(noun: Token, after: int) -> list[Token]:
    """The counted noun with its adjectives and compounds, and what happened to it when the parse says."""
    return [noun, *_modifiers(noun, after), *_predicate(noun)]


def _modifiers(noun: Token, after: int) -> list[Token]:
    """The adjectives and compounds of the counted noun after the number (with their own compounds)."""
    found: list[Token] = []
    for child in noun.children:
        if after < child.i < noun.i and child.dep_ in ("amod", "compound", "flat") and child.lower_ not in _NOT_WHAT:
            found += [child, *(c for c in child.children if c.dep_ == "compound" and c.i > after)]
    return found


def _predicate(noun: Token) -> list[Token]:
    """ "have been killed or injured" → killed or injured; "were without power" → without power."""
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubj:pass") and head.i > noun.i:
        copula = any(c.dep_ == "cop" for c in head.children)
        if (head.tag_ == "VBN" and (noun.dep_ == "nsubj:pass" or copula)) or (copula and head.tag_.startswith("JJ")):
            return [head, *_particles(head), *_without(head), *_conjuncts(head)]
        if head.lower_ in _FLED:
            return [head, *_particles(head)]
        cases = [c for c in head.children if c.dep_ == "case" and c.i < head.i]
        if copula and head.tag_.startswith("NN") and cases:
            return [*cases, *(c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i), head]
    for child in noun.children:
        if child.dep_ == "acl" and child.i > noun.i and child.tag_ == "VBN":
            return [child, *_particles(child), *_conjuncts(child)]
    return []


def _without(verb: Token) -> list[Token]:
    """ "left without electricity": what the counted were left without."""
    for child in verb.children:
        cases = [c for c in child.children if c.dep_ == "case" and c.lower_ == "without"]
        if cases and child.i > verb.i:
            return [*cases, *(c for c in child.children if c.dep_ in ("amod", "compound") and c.i < child.i), child]
    return []


def _particles(verb: Token) -> list[Token]:
    """ "shot down", "wiped out": the particle that completes the verb."""
    return [c for c in verb.children if c.dep_ == "compound:prt"]


def _conjuncts(verb: Token) -> list[Token]:
    """ "killed or injured": the participles joined to `verb` that have no subject or count of their own."""
    found: list[Token] = []
    for conj in verb.children:
        own_subject = any(c.dep_.startswith("nsubj") or c.tag_ == "CD" for c in conj.children)
        if conj.dep_ == "conj" and conj.tag_ in ("VBN", "JJ") and conj.i > verb.i and not own_subject:
            found += [*(c for c in conj.children if c.dep_ == "cc"), conj]
    return found
