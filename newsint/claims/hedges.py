"""How sure a claim is: a grade from the attributing verb and the hedging words of the content.

Order of evidence: a denial first; then the speaker's own framing by the cue ("claimed", "estimate",
"believe"); then hedging words inside the content ("realistic possibility", "probably", "is said to");
then second-hand report ("according to", "reported"). A claim with none of these is `certain`: said
plainly, which is not the same as true.
"""

from __future__ import annotations

import re
from functools import cache

from newsint.claims.cues import CUE_HEDGES, HEDGE_PHRASES

_CONTENT_ORDER = ("denied", "possible", "probable", "estimate", "claimed")
_REPORTING_CUES = frozenset({"according to", "report", "learn", "hear"})


@cache
def _pattern(grade: str) -> re.Pattern[str]:
    phrases = sorted(HEDGE_PHRASES[grade], key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.IGNORECASE)


def grade_claim(text: str, content: tuple[int, int], cue: tuple[int, int], cue_lemma: str
                ) -> tuple[str, tuple[int, int] | None]:  # fmt: skip
    """The hedge of a claim and the span of the words that set it (None for `certain`).

    Args:
        text: the article text; `content` and `cue` are character ranges in it.
        cue_lemma: the cue's lemma ("claim", "according to"), as `find_attributions` gives it.
    """
    cue_grade = CUE_HEDGES.get(cue_lemma)
    if cue_grade == "denied":
        return "denied", cue
    start, end = content
    found = {grade: _pattern(grade).search(text, start, end) for grade in _CONTENT_ORDER}
    denial = found["denied"]
    if denial is not None:
        return "denied", (denial.start(), denial.end())
    if cue_grade is not None:
        return cue_grade, cue
    for grade in _CONTENT_ORDER[1:]:
        match = found[grade]
        if match is not None:
            return grade, (match.start(), match.end())
    if cue_lemma in _REPORTING_CUES:
        return "reported", cue
    return "certain", None
