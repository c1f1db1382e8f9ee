"""Boilerplate decisions: which lines of an article are its title, its text, its captions, or removed, and why.

Flat text gets the line classifier (`linemodel`) with the layout rules (`layout`) on top, repeated
until the kept lines stand on their own, so cleaning its own output changes nothing. Text an HTML
extractor already cut down gets the conservative pass that only trims leftovers at its edges.
Every removed line is kept with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsint.model import Removed
from newsint.text.layout import is_plain_prose, rule_kinds
from newsint.text.linemodel import BODY_KINDS, LineLabel, Model, classify_lines, refine_labels
from newsint.text.sitechrome import fold_line

# A repeated paragraph longer than this is a scraping accident; shorter ones may recur in the text.
_PROMPT_WORDS = 20
_MAX_ROUNDS = 6


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
    seen: set[str] = {fold_line(title)} if title else set()
    # A headline heads text: with no body after it, a "title" line is the text itself.
    body_after = [False] * len(lines)
    for i in range(len(lines) - 2, -1, -1):
        body_after[i] = body_after[i + 1] or labels[i + 1].kind in BODY_KINDS
    title_key = fold_line(title) if title else None
    for line, label, heads in zip(lines, labels, body_after, strict=True):
        key = fold_line(line)
        known_captions = captions + result.captions
        if key == title_key or (label.kind == "title" and not result.title and heads):
            result.title = result.title or line
            title_key = title_key or key
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


def drop_site_chrome(lines: list[str], labels: list[LineLabel], chrome: frozenset[str]) -> list[LineLabel]:
    """Kept lines the site prints on many of its pages (`sitechrome`) go, with the reason "site chrome".

    The title is spared: other pages of the site print it too, in their lists of latest and most-read stories.
    """
    if not chrome:
        return labels
    return [
        LineLabel("boilerplate", "site chrome", label.score) if label.kind in BODY_KINDS and line in chrome else label
        for line, label in zip(lines, labels, strict=True)
    ]


def label_flat_lines(
    lines: list[str], title: str | None, model: Model | None, chrome: frozenset[str] = frozenset()
) -> list[LineLabel]:
    """Layout rules first; the classifier for the lines they leave open, unless all of those are plain prose.

    Site chrome goes last, so the classifier still reads the page as it was printed (a "Most read" heading
    the site prints everywhere still marks the teasers after it).
    """
    ruled = rule_kinds(lines, title)
    if is_plain_prose(lines, ruled):
        labels = [LineLabel(*r) if r else LineLabel("body", "plain prose", 1.0) for r in ruled]
    else:
        scored = classify_lines(lines, title, model=model)
        labels = [LineLabel(r[0], r[1], label.score) if r else label for label, r in zip(scored, ruled, strict=True)]
    return drop_site_chrome(lines, labels, chrome)


def sort_flat_text(
    lines: list[str], title: str | None, *, model: Model | None = None, chrome: frozenset[str] = frozenset()
) -> Sorted:
    """Sort the lines of a flat dump, classifying the kept lines again until they stand on their own.

    The classifier judges a line by its neighbours, so dropping a menu can change how the line
    next to it reads; repeating until nothing more goes makes cleaning its own output a no-op.
    `chrome` holds the lines the site prints on many of its pages.
    """
    result = Sorted(title, lines, [], [])
    for _ in range(_MAX_ROUNDS):
        current = result.kept
        labels = label_flat_lines(current, result.title, model, chrome)
        step = sort_lines(current, labels, result.title, result.captions, drop_repeats=True)
        result = Sorted(step.title, step.kept, result.captions + step.captions, result.removed + step.removed)
        if step.kept == current:
            break
    return result


def sort_extracted_text(
    lines: list[str], title: str | None, *, model: Model | None = None, chrome: frozenset[str] = frozenset()
) -> Sorted:
    """Sort the lines an HTML extractor kept: only leftovers at the edges go, and repeats stay.

    `chrome` holds the lines the site prints on many of its pages.
    """
    labels = drop_site_chrome(lines, refine_labels(lines, title, model=model), chrome)
    return sort_lines(lines, labels, title, [], drop_repeats=False)
