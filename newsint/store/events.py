"""Event rows: written with their articles, read back onto them, listed by date with filters.

The period a TIMEX3 date covers is given by the writer (`BatchRules.date_period`) and stored beside it, so
events of any date precision sort and filter in SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Collection, Iterable
from datetime import date
from typing import Any

from newsint.model import Article, Event, Place, Span
from newsint.store.articles import ArticleFilter, filter_sql
from newsint.store.geo import PLACE_COLUMNS, write_place

#: The first and last day a TIMEX3 value covers, None when it has no calendar period.
DatePeriod = Callable[[str], tuple[date, date] | None]

_WRITTEN = (
    "article_id, idx, subtype, trigger, trigger_start, trigger_end, evidence, score, actors, targets, place_id, "
    "place_text, date, date_precision, date_from_published, date_start, date_end, fatalities, figures, negated, "
    "hypothetical, summary"
)
_READ = (
    "e.subtype, e.trigger, e.trigger_start, e.trigger_end, e.evidence, e.score, e.actors, e.targets, e.place_id, "
    f"{PLACE_COLUMNS}, e.place_text, e.date, "
    "e.date_precision, e.date_from_published, e.fatalities, e.figures, e.negated, e.hypothetical, e.summary "
    "FROM events e LEFT JOIN places p ON p.id = e.place_id"
)


def write_events(db: sqlite3.Connection, articles: Iterable[Article], date_period: DatePeriod) -> None:
    for article in articles:
        rows = []
        for index, event in enumerate(article.events):
            period = date_period(event.date)
            rows.append(
                (article.id, index, event.subtype, event.trigger, event.trigger_start, event.trigger_end,
                 json.dumps([[s.start, s.end, s.label] if s.label else [s.start, s.end] for s in event.evidence]),
                 event.score, json.dumps(list(event.actors), ensure_ascii=False),
                 json.dumps(list(event.targets), ensure_ascii=False),
                 None if event.place is None else write_place(db, event.place), event.place_text, event.date,
                 event.date_precision, int(event.date_from_published), period and period[0].isoformat(),
                 period and period[1].isoformat(), event.fatalities, json.dumps(list(event.figures)),
                 int(event.negated), int(event.hypothetical), event.summary)
            )  # fmt: skip
        db.executemany(f"INSERT OR IGNORE INTO events ({_WRITTEN}) VALUES ({', '.join('?' * 22)})", rows)


def _event(row: tuple[Any, ...]) -> Event:
    (subtype, trigger, trigger_start, trigger_end, evidence, score, actors, targets, place_id, *entry) = row[:18]
    (place_text, when, precision, from_published, fatalities, figures, negated, hypothetical, summary) = row[18:]
    return Event(
        subtype,
        trigger,
        trigger_start,
        trigger_end,
        tuple(Span(*s) for s in json.loads(evidence)),
        score,
        tuple(json.loads(actors)),
        tuple(json.loads(targets)),
        None if place_id is None else Place(*entry),
        place_text,
        when,
        precision,
        bool(from_published),
        fatalities,
        tuple(json.loads(figures)),
        bool(negated),
        bool(hypothetical),
        summary,
    )


def read_events(db: sqlite3.Connection, article_id: str) -> list[Event]:
    rows = db.execute(f"SELECT {_READ} WHERE e.article_id = ? ORDER BY e.idx", (article_id,))
    return [_event(row) for row in rows]


def list_events(
    db: sqlite3.Connection,
    subtypes: Collection[str] | None = None,
    place: str | None = None,
    since: date | None = None,
    article_id: str | None = None,
    limit: int = -1,
    *,
    until: date | None = None,
    where: ArticleFilter | None = None,
    reported_dates: bool = False,
    latest_first: bool = False,
    actor: str | None = None,
) -> list[tuple[str, int, Event]]:
    """(article id, index in the article, event) by date, then article and position; undated events last (or
    with `latest_first`, the latest date first, undated last).

    `subtypes` keeps events of those subtype codes (None: every event). `place` matches, case-insensitively,
    part of the place's name, its region, the place as written, or the name of its country. `since` keeps the
    events whose date ends on or after that day ("2023-03" is kept for any day of March 2023 or before), `until`
    those whose date starts on or before it; an event without a calendar date is then left out. `where` keeps
    the events of the articles it keeps; `reported_dates` only the events whose date the text gives (not the
    publication date standing in); `actor` the events one of whose actors or targets holds that text, any case.
    """
    conditions: list[str] = []
    params: list[object] = []
    if subtypes is not None:
        codes = sorted(subtypes)
        conditions.append(f"e.subtype IN ({', '.join('?' * len(codes))})")
        params += codes
    if place:
        conditions.append(
            "(p.name LIKE ? OR p.admin1 LIKE ? OR e.place_text LIKE ? OR p.country IN "
            "(SELECT country FROM places WHERE kind = 'country' AND country != '' AND name LIKE ?))"
        )
        params += [f"%{place}%"] * 4
    if since:
        conditions.append("e.date_end >= ?")
        params.append(since.isoformat())
    if until:
        conditions.append("e.date_start <= ?")
        params.append(until.isoformat())
    if article_id:
        conditions.append("e.article_id = ?")
        params.append(article_id)
    if actor:
        pattern = "%" + actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append("(e.actors LIKE ? ESCAPE '\\' OR e.targets LIKE ? ESCAPE '\\')")
        params += [pattern, pattern]
    if reported_dates:
        conditions.append("e.date_start IS NOT NULL AND NOT e.date_from_published")
    if where:
        condition, more = filter_sql(where, "a")
        conditions.append(condition)
        params += more
    order = (
        "e.date_start IS NULL, e.date_start DESC, e.date_end DESC, a.rowid DESC, e.idx DESC"
        if latest_first
        else "e.date_start IS NULL, e.date_start, e.date_end, a.rowid, e.idx"
    )
    rows = db.execute(
        f"SELECT e.article_id, e.idx, {_READ} JOIN articles a ON a.id = e.article_id "
        f"WHERE {' AND '.join(conditions) or '1'} ORDER BY {order} LIMIT ?",
        (*params, limit),
    )
    return [(str(row[0]), int(row[1]), _event(row[2:])) for row in rows]
