"""The analyst's workbench: server-rendered pages over the query layer (overview, story, document, search).

Every page reads through `newsint.query` with the store opened for its request (`api.open_store`), builds its
view in `newsint.web.views` and renders a Jinja2 template with autoescape on: article text is hostile and is only
ever shown escaped. Unknown ids answer a 404 page; a malformed or too long search query a 422 page that says why.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import jinja2
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from newsint import query
from newsint.errors import ConfigError
from newsint.web import views
from newsint.web.api import MAX_QUERY_CHARS, StoreDep

HERE = Path(__file__).resolve().parent
SEARCH_HITS = 50
#: ACLED's event types, the map's filter choices and colours (static/map.js keeps the same palette).
MAP_TYPES = (
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
)

environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True, undefined=jinja2.StrictUndefined
)
environment.globals.update(
    evidence_link=views.evidence_link,
    story_dates=views.story_dates,
    timeline_date=views.timeline_date,
    who=views.statement_who,
    independent_sources=views.independent_sources,
    snippet_parts=views.snippet_parts,
    cited_as=query.cited_as,
    quoted=query.quoted,
)
templates = Jinja2Templates(env=environment)
router = APIRouter(include_in_schema=False)


def static_files() -> StaticFiles:
    """The pages' stylesheet and other static files, from the package (StaticFiles refuses paths outside it)."""
    return StaticFiles(directory=HERE / "static")


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def not_found(request: Request, kind: str, key: str) -> HTMLResponse:
    return render(request, "not_found.html", {"kind": kind, "key": key}, 404)


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI page: Swagger UI vendored from npm (static/vendor/swagger-ui-dist), started by a file script."""
    return render(request, "api_docs.html", {})


@router.get("/map", response_class=HTMLResponse)
def event_map(
    request: Request,
    type: str = "",  # noqa: A002
    since: str = "",
    until: str = "",
    place: str = "",
    story: str = "",
    actor: str = "",
) -> HTMLResponse:
    """The located events on a map over Natural Earth's country outlines (vendored, no tile server), clustered and
    coloured by ACLED event type, with the resolved places; static/map.js reads the same filters from the URL and
    fetches the API's GeoJSON, so a filtered map is a bookmarkable GET form."""
    given = {"type": type, "since": since, "until": until, "place": place, "story": story, "actor": actor}
    filters = {name: value[:MAX_QUERY_CHARS] for name, value in given.items()}
    return render(request, "map.html", {"filters": filters, "acled_types": MAP_TYPES})


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, store: StoreDep) -> HTMLResponse:
    """Corpus size and dates, the stories and the latest events."""
    return render(request, "overview.html", views.overview(store))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(request: Request, store: StoreDep, story_id: str) -> HTMLResponse:
    """A story: its articles by outlet, what is corroborated and disputed, its timeline and its briefing."""
    summary = query.story(store, story_id)
    if summary is None:
        return not_found(request, "story", story_id)
    return render(request, "story.html", views.story_page(store, summary))


@router.get("/documents/{article_id}", response_class=HTMLResponse)
def document(request: Request, store: StoreDep, article_id: str, s: str | None = None) -> HTMLResponse:
    """A document's provenance and its text with every annotation marked; `s=START-END` highlights a cited span."""
    article = query.article(store, article_id)
    if article is None:
        return not_found(request, "document", article_id)
    return render(request, "document.html", views.document_page(store, article, s))


@router.get("/search", response_class=HTMLResponse)
def search(
    request: Request,
    store: StoreDep,
    q: Annotated[str, Query()] = "",
    mode: Annotated[str, Query()] = "fts",
    since: Annotated[str, Query()] = "",
    until: Annotated[str, Query()] = "",
    outlet: Annotated[str, Query()] = "",
    story: Annotated[str, Query()] = "",
    language: Annotated[str, Query()] = "",
) -> HTMLResponse:
    """Full-text or semantic search with highlighted snippets, filtered by dates, outlet, story and language; a
    malformed or over-long query or filter is answered with why."""
    form = views.SearchForm(q, mode, since, until, outlet, story, language)
    try:
        hits = views.search_hits(store, form, SEARCH_HITS)
    except ConfigError as exc:
        return render(request, "search.html", {"form": form.shown(), "hits": [], "error": str(exc)}, 422)
    return render(request, "search.html", {"form": form, "hits": hits, "error": None})
