"""The documents as one CSV table: a row an article, its authors joined by "; "."""

from __future__ import annotations

import csv
from typing import TextIO

from newsint import query
from newsint.export.items import document
from newsint.query import ALL, Selection, Store

CSV_COLUMNS = (
    "id",
    "source",
    "outlet",
    "title",
    "authors",
    "published",
    "published_confidence",
    "language",
    "duplicate_of",
    "words",
    "text",
)


def write_csv(store: Store, out: TextIO, selection: Selection = ALL) -> int:
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for article in query.articles(store, where=selection.documents):
        row = document(article)
        row["authors"] = "; ".join(article.authors)
        row["words"] = article.word_count
        writer.writerow([row[column] for column in CSV_COLUMNS])
        count += 1
    return count
