"""An article's figures: the numbers of its text, what each one counts, and the claim it sits in.

`newsint.claims.numbers` reads the amounts from the text alone; this module drops those that are times (a duration
or a year is not a count), names ("Boeing 737") or pronouns ("one of them"), and reads the counted noun from the
parse: the noun the number modifies, with its modifiers and the predicate that says what happened to it
("Russian troops killed or injured", "people without power").
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from newsint.claims.numbers import find_figures
from newsint.lexicon import unit_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from newsint.model import Claim, Figure, TimeExpr

# Words that only point at the count again ("20 more people"), not at what is counted.
_NOT_WHAT = {"more", "other", "additional", "further", "such", "same", "last", "next", "first", "few", "many"}
_NUMBER_DEPS = ("nummod", "amod", "det", "compound", "quantmod", "nmod:npmod")
_TIME_NOUNS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century", "fortnight"}


def read_figures(text: str, times: list[TimeExpr], doc: Doc | None, claims: list[Claim]) -> list[Figure]:
    """The amounts of `text` that are no time, with what they count from `doc` (empty without one) and their claim."""
    figures: list[Figure] = []
    for figure in find_figures(text):
        if _overlaps(figure, times):
            continue
        if doc is not None:
            parsed = _with_parse(figure, doc)
            if parsed is None:
                continue
            figure = parsed
        figures.append(replace(figure, claim=claim_of(figure, claims)))
    return figures


def claim_of(figure: Figure, claims: list[Claim]) -> int | None:
    """The index of the first claim whose content holds the whole figure, or None."""
    return next((i for i, c in enumerate(claims) if c.start <= figure.start and figure.end <= c.end), None)


def _overlaps(figure: Figure, times: list[TimeExpr]) -> bool:
    return any(t.start < figure.end and figure.start < t.end for t in times)


def _with_parse(figure: Figure, doc: Doc) -> Figure | None:
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
        return figure
    if unit_name(noun.lower_) in _TIME_NOUNS and not figure.unit and figure.per is None:
        return None  # a duration the times stage did not take
    what = _what(noun, max(inside))
    per_what = figure.per_what or (what if figure.per is not None else "")
    return replace(figure, what=what, per_what=per_what)


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
        if token.dep_ in _NUMBER_DEPS and token.head.i not in inside and token.head.tag_.startswith("NN"):
            return token, token.head
    for token in roots:
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


def _what(noun: Token, after: int) -> str:
    """The counted noun with its adjectives and compounds, and what happened to it when the parse says."""
    words = [noun, *_modifiers(noun, after), *_predicate(noun)]
    return " ".join(t.text for t in sorted(words, key=lambda t: t.i))


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
            return [head, *_conjuncts(head)]
        cases = [c for c in head.children if c.dep_ == "case" and c.i < head.i]
        if copula and head.tag_.startswith("NN") and cases:
            return [*cases, *(c for c in head.children if c.dep_ in ("amod", "compound") and c.i < head.i), head]
    for child in noun.children:
        if child.dep_ == "acl" and child.i > noun.i and child.tag_ == "VBN":
            return [child, *_conjuncts(child)]
    return []


def _conjuncts(verb: Token) -> list[Token]:
    """ "killed or injured": the participles joined to `verb` that have no subject or count of their own."""
    found: list[Token] = []
    for conj in verb.children:
        own_subject = any(c.dep_.startswith("nsubj") or c.tag_ == "CD" for c in conj.children)
        if conj.dep_ == "conj" and conj.tag_ in ("VBN", "JJ") and conj.i > verb.i and not own_subject:
            found += [*(c for c in conj.children if c.dep_ == "cc"), conj]
    return found
