"""`newsint eval`: every stage scored on a public dataset with its field's standard metric.

Each evaluation returns an `EvalResult`: figures as fractions between 0 and 1 under the keys
its issue names, plus rows for the readable table.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class EvalResult:
    """Scores of one evaluation run: `figures` for --json, `rows` (label, figures) for the table."""

    name: str
    dataset: str
    figures: dict[str, float]
    rows: list[tuple[str, dict[str, float]]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
