"""Disputes between parties on a set of annotated multi-outlet stories (`newsint eval disputes`).

A set is a folder of stories, each a folder of articles (read as `newsint ingest` reads them) and an
`expected.toml` that lists what an analyst finds (see tests/stories/disputes/README.md): each dispute's kind,
place and the phrases that state each side. A story's articles go through the default pipeline into a fresh
store and are analysed as one story. An expected dispute is **found** when a conflict of its kind has a
statement holding one of side A's phrases on one side and one of side B's on the other (a statement holds a
phrase that it contains, or that it is a whole sentence of: the claims are read a sentence at a time, and an analyst's
phrase may run over two sentences of one quote, "X is ours. Their attack failed"); **placed** when a
conflict of its kind names its place but holds none of the listed phrases (found about the right thing, with
other evidence). Every conflict left over is **extra**: on a story with no dispute, a false one. An expected
corroboration is found when one of the story's corroborations holds its phrases from two articles or more, and
placed when an event corroboration by two sources names its place (with other sentences).
"""

from __future__ import annotations

import tempfile
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsint.model import Conflict, Corroboration, Statement, Story
from newsint.settings import Settings
from newsint.stories.analysis import analyse_story

KINDS = ("responsibility", "control", "occurrence", "count")


@dataclass(slots=True)
class StoryScore:
    name: str
    expected: list[tuple[str, str, str]] = field(default_factory=list)  # kind, about, found|placed|missed
    extra: list[Conflict] = field(default_factory=list)
    corroborations: list[tuple[str, str]] = field(default_factory=list)  # about, found|placed|missed
    found_strictly: int = 0  # found with each side's phrase inside a statement (the measure before 2026-12-07)


def _corroboration_outcome(found: list[Corroboration], expected: dict[str, Any]) -> str:
    """found (a corroboration holds its phrases from two articles), placed (an event corroboration by two
    sources names its place, with other sentences) or missed."""
    if any(_corroborates(c, expected["phrases"]) for c in found):
        return "found"
    place = expected.get("place", "")
    if place and any(place in c.what and len(c.sources) >= 2 for c in found):
        return "placed"
    return "missed"


MIN_HELD_WORDS = 3  # a statement this short inside a phrase is too little of it to stand for it


def _corroborates(corroboration: Corroboration, phrases: list[str]) -> bool:
    """Whether a corroboration holds two or more of the phrases, from different articles."""
    docs = {s.doc for s in corroboration.statements for phrase in phrases if holds_phrase(s.text, phrase)}
    return len(docs) >= 2


def holds_phrase(statement: str, phrase: str) -> bool:
    """Whether a statement's text contains the phrase, or is itself a whole sentence of it (quote marks and
    the closing stop aside)."""
    if phrase in statement:
        return True
    inner = statement.strip().strip("\"'“”‘’").rstrip(".,;:!?").strip()
    return len(inner.split()) >= MIN_HELD_WORDS and inner in phrase


def _holds(statements: list[Statement], phrases: list[str], strict: bool = False) -> bool:
    if strict:
        return any(phrase in statement.text for statement in statements for phrase in phrases)
    return any(holds_phrase(statement.text, phrase) for statement in statements for phrase in phrases)


def _sides_hold(conflict: Conflict, a: list[str], b: list[str], strict: bool = False) -> bool:
    """Whether one side of the conflict holds a phrase of side A and the other one of side B."""
    return (_holds(conflict.a, a, strict) and _holds(conflict.b, b, strict)) or (
        _holds(conflict.b, a, strict) and _holds(conflict.a, b, strict)
    )


def score_story(conflicts: list[Conflict], expected: list[dict[str, Any]]) -> StoryScore:
    """Each expected dispute found, placed or missed, and the conflicts no expected dispute took."""
    score = StoryScore("")
    used: set[int] = set()
    for dispute in expected:
        outcome = "missed"
        for index, conflict in enumerate(conflicts):
            if conflict.kind != dispute["kind"] or index in used:
                continue
            a, b = dispute["side_a"], dispute["side_b"]
            if _sides_hold(conflict, a, b):
                outcome = "found"
                used.add(index)
                score.found_strictly += _sides_hold(conflict, a, b, strict=True)
                break
        if outcome == "missed":
            placed = next(
                (
                    i
                    for i, c in enumerate(conflicts)
                    if c.kind == dispute["kind"] and i not in used and dispute["place"] and dispute["place"] in c.what
                ),
                None,
            )
            if placed is not None:
                outcome = "placed"
                used.add(placed)
        score.expected.append((dispute["kind"], dispute["about"], outcome))
    score.extra = [c for i, c in enumerate(conflicts) if i not in used and c.kind in KINDS]
    return score


def analysed_story(folder: Path, settings: Settings) -> Story:
    """One story folder's articles through the default pipeline, analysed as one story."""
    from newsint.batch import ingest
    from newsint.store import Store

    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "story.db"
        with Store.open(db) as store:
            articles_in = [str(p) for p in sorted(folder.iterdir()) if p.suffix != ".toml"]
            ingest(articles_in, replace(settings, db=str(db), workers=1), store)  # a few articles: one process
            articles = list(store.articles())
    return analyse_story(folder.name, articles)


def evaluate_disputes(root: Path, settings: Settings) -> dict[str, Any]:
    """Found, placed and missed disputes by kind, and extra conflicts, over every story folder of `root`."""
    scores = []
    for folder in sorted(p for p in root.iterdir() if (p / "expected.toml").exists()):
        expected = tomllib.loads((folder / "expected.toml").read_text(encoding="utf-8"))
        story = analysed_story(folder, settings)
        score = score_story(story.conflicts, expected.get("dispute", []))
        score.name = folder.name
        score.corroborations = [
            (c["about"], _corroboration_outcome(story.corroborations, c)) for c in expected.get("corroboration", [])
        ]
        scores.append(score)
    by_kind = {
        kind: {
            outcome: sum(1 for s in scores for k, _, o in s.expected if k == kind and o == outcome)
            for outcome in ("found", "placed", "missed")
        }
        for kind in KINDS
    }
    expected_total = sum(len(s.expected) for s in scores)
    found = sum(1 for s in scores for *_, o in s.expected if o == "found")
    return {
        "stories": len(scores),
        "expected": expected_total,
        "found": found,
        "placed": sum(1 for s in scores for *_, o in s.expected if o == "placed"),
        "found_strictly": sum(s.found_strictly for s in scores),
        "found_share": round(found / max(expected_total, 1), 3),
        "extra": sum(len(s.extra) for s in scores),
        "extra_on_stories_without_disputes": sum(len(s.extra) for s in scores if not s.expected),
        "corroborations_expected": sum(len(s.corroborations) for s in scores),
        "corroborations_found": sum(1 for s in scores for _, o in s.corroborations if o == "found"),
        "corroborations_placed": sum(1 for s in scores for _, o in s.corroborations if o == "placed"),
        "by_kind": by_kind,
        "per_story": {
            s.name: {
                "expected": [f"{o}: {k}: {about}" for k, about, o in s.expected],
                "extra": [f"{c.kind}: {c.what}: {c.a_says} / {c.b_says}" for c in s.extra],
                "corroborations": [f"{outcome}: corroboration: {about}" for about, outcome in s.corroborations],
            }
            for s in scores
        },
    }
