"""When an event happened: the date expression its trigger governs, and how precise a TIMEX3 date value is.

The date is the date expression the trigger governs with no other verb between them (in "said on Tuesday"
the day dates the saying, not the event), or only a "when" clause ("killed when shells struck on Tuesday"); the
caller falls back on the publication date.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from newsint.events.extract import existential

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.events.extract import Candidate
    from newsint.model import TimeExpr

_PRECISIONS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(?:Q\d|H\d|SP|SU|FA|WI)$"), "quarter"),
    (re.compile(r"^\d{4}$"), "year"),
)


def date_precision(value: str) -> str:
    """The precision of a TIMEX3 date value: day, week, month, quarter or year; "" for a value that is no date."""
    return next((name for pattern, name in _PRECISIONS if pattern.match(value)), "")


def _governs(trigger: Token, token: Token) -> bool:
    """Whether the trigger is above `token` in the parse with no other verb between them: in "trip since
    taking office last May", "last May" dates the taking office, not the trip."""
    while token.i != trigger.i:
        if token.head.i == token.i:
            return False
        token = token.head
        if token.i != trigger.i and token.tag_.startswith("VB") and not _when_clause(token):
            return False
    return True


def _when_clause(verb: Token) -> bool:
    """Whether a verb heads a clause that tells when the event happened: "were killed when shells struck the
    town on Tuesday" (the strike and the killing are one moment)."""
    words = ("when", "as")
    return verb.dep_ == "advcl" and any(c.dep_ in ("mark", "advmod") and c.lower_ in words for c in verb.children)


_SETTING_CASES = frozenset("in during amid".split())


def event_date(candidate: Candidate, doc: Doc, times: list[TimeExpr]) -> TimeExpr | None:
    """The date expression the trigger governs (a reporting verb in between would own it), nearest first; for
    an event noun that sets the scene of its clause, the clause's date ("returned home on Thursday in an
    exchange"), and for what "there was", the date of its clause."""
    trigger = candidate.trigger
    found = _governed_date(candidate, trigger, doc, times)
    setting = any(c.dep_ == "case" and c.lower_ in _SETTING_CASES for c in trigger.children)
    if found is None and setting and not trigger.tag_.startswith("VB"):
        verb = _clause_verb(trigger)
        found = _governed_date(candidate, verb, doc, times) if verb is not None else None
    if found is None and existential(trigger):
        found = _governed_date(candidate, trigger.head, doc, times)  # "There was fighting … throughout Tuesday"
    return found


def _clause_verb(noun: Token) -> Token | None:
    """The verb a noun phrase hangs from through prepositional links ("returned from captivity in an
    exchange"), or None."""
    while noun.dep_ in ("obl", "nmod") and noun.head.i != noun.i:
        noun = noun.head
        if noun.tag_.startswith("VB"):
            return noun
    return None


def _governed_date(candidate: Candidate, trigger: Token, doc: Doc, times: list[TimeExpr]) -> TimeExpr | None:
    sentence = candidate.sentence
    governed = []
    for expr in times:
        if expr.type not in ("DATE", "TIME") or not date_precision(expr.value):  # "Tuesday evening" is a TIME
            continue
        if not (sentence.start_char <= expr.start and expr.end <= sentence.end_char):
            continue
        span = doc.char_span(expr.start, expr.end, alignment_mode="expand")
        if span is not None and _governs(trigger, span.root):
            governed.append(expr)
    return min(governed, key=lambda e: abs(e.start - trigger.idx)) if governed else None
