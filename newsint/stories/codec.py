"""An analysed story as JSON and back, so the query layer can store an analysis and serve it again unchanged.

The JSON is the dataclasses' fields as they are (`dataclasses.asdict`, dates as ISO strings); reading it back
gives a `Story` equal to the one written (`story_from_json(story_json(s)) == s`).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

from newsint.model import Conflict, Corroboration, Statement, Story, TimelineEntry


def story_json(story: Story) -> str:
    return json.dumps(asdict(story), ensure_ascii=False, default=_iso)


def story_from_json(text: str) -> Story:
    data = json.loads(text)
    return Story(
        data["id"],
        data["label"],
        list(data["docs"]),
        iso_day(data["start"]),
        iso_day(data["end"]),
        [
            Corroboration(statements_from_rows(c["statements"]), c["sources"], c["what"], c.get("parties", []))
            for c in data["corroborations"]
        ],
        [
            Conflict(
                c["what"],
                statements_from_rows(c["a"]),
                statements_from_rows(c["b"]),
                c["a_says"],
                c["b_says"],
                c.get("kind", "stance"),
                statements_from_rows(c.get("third", [])),
            )  # fmt: skip
            for c in data["conflicts"]
        ],
        [
            TimelineEntry(
                e["date"],
                e["precision"],
                e["kind"],
                e["text"],
                statements_from_rows(e["evidence"]),
                e["sources"],
                e["date_from_published"],
            )  # fmt: skip
            for e in data["timeline"]
        ],
    )


def statements_from_rows(rows: list[dict[str, Any]]) -> list[Statement]:
    """Statements read back from their JSON rows (`dataclasses.asdict`, dates as ISO strings)."""
    return [Statement(**{**row, "published": iso_day(row["published"])}) for row in rows]


def _iso(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def iso_day(value: str | None) -> date | None:
    """An ISO date as stored in JSON, or None."""
    return date.fromisoformat(value) if value else None
