"""Writers over the store: one JSON object, JSON lines, the document table as CSV, places as GeoJSON, or
events in ACLED's CSV layout.

A writer takes an open store and a text stream and returns how many items it wrote. Each format has its module
(`json`, `csv`, `geojson`, `acled`); every item's export form is in `items`, made by the one converter in
`convert`; every read goes through `newsint.query`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from newsint.export.acled import write_acled_csv
from newsint.export.csv import CSV_COLUMNS, write_csv
from newsint.export.geojson import write_geojson
from newsint.export.items import claim_id, document, event_id, statement_ref, story_item
from newsint.export.json import write_json, write_jsonl
from newsint.query import Selection, Store

#: A writer: what it writes of the store (those of a selection) to a text stream; how many items it wrote.
Writer = Callable[[Store, TextIO, Selection], int]

WRITERS: dict[str, Writer] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "csv": write_csv,
    "geojson": write_geojson,
    "acled-csv": write_acled_csv,
}
FORMATS = tuple(WRITERS)

__all__ = [
    "CSV_COLUMNS",
    "FORMATS",
    "WRITERS",
    "Writer",
    "claim_id",
    "document",
    "event_id",
    "statement_ref",
    "story_item",
    "write_acled_csv",
    "write_csv",
    "write_geojson",
    "write_json",
    "write_jsonl",
]
