"""The REST API under /api/v1: the query layer's reads as JSON, in the field names of `newsint export`.

Every route opens the store for its request (SQLite connections are not shared between the server's threads),
reads through `newsint.query` and converts with `newsint.export.items`, so the API, the CLI and the exports give
the same objects. Lists take `limit` (at most MAX_LIMIT) and `offset` and answer `{"items", "limit", "offset",
"next"}`, where `next` is the offset of the following page or null.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse

from newsint import query
from newsint.errors import ConfigError
from newsint.export.convert import as_dict
from newsint.export.geojson import feature
from newsint.export.items import claim, document, event, story_item
from newsint.model import HEDGES, Article
from newsint.query import ArticleFilter, Store

MAX_LIMIT = 500
MAX_QUERY_CHARS = query.MAX_QUERY_CHARS

router = APIRouter(prefix="/api/v1")
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"How many items (at most {MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, description="How many items to skip.")]


def open_store(request: Request) -> Iterator[Store]:
    """The store of the app's settings, open for one request."""
    with query.open_store(request.app.state.settings) as store:
        yield store


StoreDep = Annotated[Store, Depends(open_store)]


def article_filter(
    store: StoreDep,
    story: Annotated[str | None, Query(description="A story's id (or unique prefix).")] = None,
    since: Annotated[date | None, Query(description="Published on or after this day.")] = None,
    until: Annotated[date | None, Query(description="Published on or before this day.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Part of the outlet's name or URL.")] = None,
    language: Annotated[str | None, Query(pattern="^[A-Za-z]{2,3}$", description="ISO 639 code.")] = None,
) -> ArticleFilter:
    """The articles a list keeps, from the query string (the filters of `newsint export` and `newsint search`)."""
    found = query.story(store, story) if story else None
    if story and found is None:
        raise HTTPException(status_code=422, detail=f"story: no story with id {story!r} (or the prefix is ambiguous)")
    return ArticleFilter(found.id if found else None, since, until, outlet, language)


FilterDep = Annotated[ArticleFilter, Depends(article_filter)]


def page(items: list[Any], limit: int, offset: int) -> JSONResponse:
    """One page from the items that follow `offset` (up to `limit + 1` of them: the extra one tells that more
    follow)."""
    more = len(items) > limit
    return as_json({"items": items[:limit], "limit": limit, "offset": offset, "next": offset + limit if more else None})


def as_json(payload: Any) -> JSONResponse:
    """A payload of plain JSON types (what `export/items.py` makes), sent as it is: FastAPI's encoder would walk
    every value of a big list again (a fifth of a second for 500 places)."""
    return JSONResponse(payload)


def not_found(kind: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {kind} with id {key!r} (or the prefix is ambiguous)")


def _article(store: Store, article_id: str) -> Article:
    found = query.article(store, article_id)
    if found is None:
        raise not_found("document", article_id)
    return found


@router.get("/health")
def health(store: StoreDep) -> dict[str, Any]:
    """The server is up and its store is readable."""
    return {"status": "ok", "documents": query.article_count(store)}


@router.get("/documents")
def documents(
    store: StoreDep,
    where: FilterDep,
    limit: Limit = 50,
    offset: Offset = 0,
    q: Annotated[str | None, Query(max_length=MAX_QUERY_CHARS, description="Full-text query (FTS5).")] = None,
) -> JSONResponse:
    """Stored documents in the order they were stored, each as `newsint export` writes it; filtered by story,
    publication dates, outlet, language and a full-text query."""
    where = replace(where, match=q or None)
    try:
        found = [document(a) for a in query.articles(store, limit=limit + 1, offset=offset, where=where)]
    except ConfigError as exc:
        raise HTTPException(status_code=422, detail=f"q: {exc}") from None
    return page(found, limit, offset)


@router.get("/documents/{article_id}")
def one_document(store: StoreDep, article_id: str) -> dict[str, Any]:
    """One document (id or unique prefix) with every annotation."""
    return document(_article(store, article_id))


@router.get("/entities")
def entities(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    type: Annotated[Literal["PERSON", "ORG", "LOC", "MISC"] | None, Query()] = None,  # noqa: A002
    doc: str | None = None,
) -> JSONResponse:
    """Cross-document entities, most mentioned first."""
    article_id = _article(store, doc).id if doc else None
    found = query.entities(store, type, article_id, offset + limit + 1)[offset:]
    return page([as_dict(e) for e in found], limit, offset)


@router.get("/entities/{entity_id}")
def one_entity(store: StoreDep, entity_id: str) -> dict[str, Any]:
    """One entity with every mention (document, span, text)."""
    found = query.entity(store, entity_id)
    if found is None:
        raise not_found("entity", entity_id)
    mentions = [
        {"doc": doc, "start": start, "end": end, "text": text}
        for doc, start, end, text in query.entity_mentions(store, entity_id)
    ]
    return as_dict(found, extra={"mentions": mentions})


@router.get("/places", response_model=None)
def places(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    kind: str | None = None,
    format: Literal["json", "geojson"] = "json",  # noqa: A002
    documents: Annotated[int, Query(ge=0, description="The most documents a GeoJSON feature lists.")] = 20,
) -> JSONResponse:
    """Resolved places by mention count; `format=geojson` gives an RFC 7946 FeatureCollection of points, each
    listing up to `documents` of the documents that name it (their number in `document_count`)."""
    found = query.places(store, kind, None, offset + limit + 1)[offset:]
    if format == "geojson":
        shown = [replace(s, documents=s.documents[:documents]) for s in found[:limit]]
        titles = query.titles_of(store, {doc for s in shown for doc in s.documents})
        features = [feature(s, titles) for s in shown]
        for item, summary in zip(features, found, strict=False):
            item["properties"]["document_count"] = len(summary.documents)
        return as_json({"type": "FeatureCollection", "features": features})
    return page([feature(s, {})["properties"] | {"lat": s.place.lat, "lon": s.place.lon} for s in found], limit, offset)


@router.get("/events", response_model=None)
def events(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    type: Annotated[list[str] | None, Query()] = None,  # noqa: A002
    place: str | None = None,
    since: Annotated[date | None, Query(description="The event's date ends on or after this day.")] = None,
    until: Annotated[date | None, Query(description="The event's date starts on or before this day.")] = None,
    story: Annotated[str | None, Query(description="A story's id (or unique prefix).")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="Part of an actor's or target's name.")] = None,
    doc: str | None = None,
    format: Literal["json", "geojson"] = "json",  # noqa: A002
) -> JSONResponse:
    """Events by date (undated last), filtered by type (subtype, ACLED type or sub-type, PLOVER class), place,
    the event's own dates (`since`, `until`), story, actor (or target) and document; `format=geojson` gives the
    located ones as a FeatureCollection."""
    article_id = _article(store, doc).id if doc else None
    where = article_filter(store, story)
    try:
        rows = query.events(
            store, tuple(type or ()), place, since, article_id, offset + limit + 1, until=until, where=where,
            actor=actor,
        )  # fmt: skip
    except ConfigError as exc:
        raise HTTPException(status_code=422, detail=f"type: {exc}") from None
    texts = query.article_texts(store, {owner for owner, _, _ in rows[offset:]})
    found = [event(owner, texts[owner], index, found_event) for owner, index, found_event in rows[offset:]]
    if format == "geojson":
        located = [e for e in found[:limit] if e["lat"] is not None]
        features = [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [e["lon"], e["lat"]]}, "properties": e}
            for e in located
        ]
        return as_json({"type": "FeatureCollection", "features": features})
    return page(found, limit, offset)


@router.get("/claims")
def claims(
    store: StoreDep,
    limit: Limit = 50,
    offset: Offset = 0,
    speaker: str | None = None,
    hedge: Annotated[list[Literal[HEDGES]] | None, Query()] = None,  # type: ignore[valid-type]
    doc: str | None = None,
) -> JSONResponse:
    """Quotes and reported claims with speaker, hedge and figures, by speaker, hedge and document."""
    article_id = _article(store, doc).id if doc else None
    rows = query.claims(store, speaker, article_id, tuple(hedge or ()), offset + limit + 1)
    loaded: dict[str, Article] = {}
    found = []
    for owner, found_claim in rows[offset:]:
        article = loaded.get(owner) or loaded.setdefault(owner, _article(store, owner))
        found.append(claim(article, article.claims.index(found_claim), found_claim))
    return page(found, limit, offset)


@router.get("/stories")
def stories(store: StoreDep, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
    """Stories, the biggest and then the most recent first."""
    found = [as_dict(s) for s in query.stories(store, offset + limit + 1)[offset:]]
    for item in found:
        item["start"], item["end"] = (d.isoformat() if d else None for d in (item["start"], item["end"]))
    return page(found, limit, offset)


@router.get("/stories/{story_id}")
def one_story(store: StoreDep, story_id: str) -> JSONResponse:
    """A story analysed: the object `newsint story ID --json` prints."""
    summary = query.story(store, story_id)
    if summary is None:
        raise not_found("story", story_id)
    return as_json(story_item(query.analysed_story(store, summary)))


@router.get("/stories/{story_id}/brief", response_class=PlainTextResponse)
def story_brief(store: StoreDep, story_id: str, format: Literal["md", "html"] = "md") -> PlainTextResponse:  # noqa: A002
    """The story's briefing, every sentence cited, in Markdown or HTML (served as text, never rendered here)."""
    summary = query.story(store, story_id)
    if summary is None:
        raise not_found("story", story_id)
    return PlainTextResponse(query.brief(store, summary, format)[1])


@router.get("/search")
def search(
    store: StoreDep,
    where: FilterDep,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
    limit: Limit = 20,
    mode: Literal["fts", "semantic"] = "fts",
) -> JSONResponse:
    """Search: `mode=fts` (the default) is full-text search (FTS5 syntax; a name also finds its entity's other
    spellings) ranked by BM25, each hit with a highlighted snippet; `mode=semantic` ranks by meaning (the cosine
    of the embeddings, as `rank`), each hit with the start of its text. Filtered by story, publication dates,
    outlet and language."""
    try:
        hits = query.search(store, q, limit, mode, where)
    except ConfigError as exc:
        raise HTTPException(status_code=422, detail=f"q: {exc}") from None
    return as_json({"items": [as_dict(h) for h in hits], "limit": limit, "offset": 0, "next": None})
