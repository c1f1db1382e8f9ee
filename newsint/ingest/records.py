"""JSONL (or a JSON array) and CSV exports from other tools, with configurable field names.

Each record's fields are looked up by the candidate names in settings (`[fields]`), case-insensitively,
so exports from news-please, newspaper3k, GDELT-style CSVs or a newsroom's own tool read without
mapping. One bad record is reported with its line number and the rest of the file goes on.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from typing import Any

from newsint.errors import InputError
from newsint.ingest.fields import parse_date, split_authors
from newsint.ingest.sources import RawInput
from newsint.ingest.text import decode_text
from newsint.model import Article, Provenance
from newsint.settings import FieldNames
from newsint.text.sites import outlet_from_url

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def _pick(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    lowered = {str(key).lower(): value for key, value in record.items()}
    for name in names:
        value = lowered.get(name.lower())
        if value not in (None, "", []):
            return value
    return None


def article_from_record(
    record: dict[str, Any], fields: FieldNames, raw: RawInput, locator: str
) -> Article | InputError:
    text = _pick(record, fields.text)
    if not isinstance(text, str) or not text.strip():
        return InputError(raw.name, f"record has no text (looked for: {', '.join(fields.text)})", locator)
    url = _pick(record, fields.url)
    url = url if isinstance(url, str) else None
    article = Article(
        raw=text, source=url or f"{raw.name}#{locator}", provenance=Provenance(raw.name, raw.sha256, locator)
    )
    title = _pick(record, fields.title)
    article.title = title.strip() if isinstance(title, str) and title.strip() else None
    outlet = _pick(record, fields.outlet)
    article.outlet = outlet if isinstance(outlet, str) else outlet_from_url(url)
    article.authors = split_authors(_pick(record, fields.authors) or [])
    date_value = _pick(record, fields.date)
    published = parse_date(date_value)
    if published:
        article.published, article.published_method, article.published_confidence = published, "record", 0.95
    elif date_value:
        article.meta["date_unparsed"] = str(date_value)[:100]
    if url:
        article.meta["url"] = url
    return article


def read_jsonl(raw: RawInput, fields: FieldNames) -> Iterator[Article | InputError]:
    text = decode_text(raw).text
    if text.lstrip().startswith("["):
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(raw.name, f"invalid JSON: {exc}") from None
        for number, record in enumerate(records if isinstance(records, list) else [], start=1):
            yield _from_json(record, fields, raw, f"item {number}")
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(raw.name, f"invalid JSON: {exc.msg} at column {exc.colno}", f"line {number}")
            continue
        yield _from_json(record, fields, raw, f"line {number}")


def _from_json(record: object, fields: FieldNames, raw: RawInput, locator: str) -> Article | InputError:
    if not isinstance(record, dict):
        return InputError(raw.name, "record is not a JSON object", locator)
    return article_from_record(record, fields, raw, locator)


def read_csv(raw: RawInput, fields: FieldNames) -> Iterator[Article | InputError]:
    text = decode_text(raw).text
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    try:
        for row in reader:
            yield article_from_record(row, fields, raw, f"line {reader.line_num}")
    except csv.Error as exc:
        yield InputError(raw.name, f"bad CSV: {exc}", f"line {reader.line_num}")
