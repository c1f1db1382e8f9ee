"""The workbench's explore pages: an entity's profile and the timeline of the corpus or of one story.

Like the other pages they read through `newsint.query` with the store opened for the request and render a Jinja2
template with autoescape on (article text is hostile and only ever shown escaped). An unknown entity or story
answers a 404 page; a date filter that is not YYYY-MM-DD, or a range that ends before it starts, a 422 page that
says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsint import query
from newsint.web.api import StoreDep
from newsint.web.pages import not_found, render

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class ContextParts:
    """A mention's sentence cut around the mention: what comes before, the mention, what comes after."""

    before: str
    mention: str
    after: str


def context_parts(mention: query.EntityMention) -> ContextParts:
    at = mention.start - mention.context_start
    cut = mention.end - mention.context_start
    return ContextParts(mention.context[:at], mention.context[at:cut], mention.context[cut:])


@router.get("/entities/{entity_id}", response_class=HTMLResponse)
def entity(request: Request, store: StoreDep, entity_id: str) -> HTMLResponse:
    """An entity: its names, its mentions by document, what it said and what was said about it, the events it took
    part in and the entities named beside it."""
    profile = query.entity_profile(store, entity_id)
    if profile is None:
        return not_found(request, "entity", entity_id)
    titles = {d.doc: d.title for d in profile.documents}
    return render(request, "entity.html", {"p": profile, "titles": titles, "context_parts": context_parts})


def _day(name: str, value: str | None) -> tuple[date | None, str | None]:
    """The date a filter field gives, or why it gives none."""
    if not value:
        return None, None
    try:
        return date.fromisoformat(value.strip()), None
    except ValueError:
        return None, f"“{value[:40]}” is not a date: {name} takes YYYY-MM-DD, such as 2024-03-05."


@router.get("/timeline", response_class=HTMLResponse)
def timeline(
    request: Request,
    store: StoreDep,
    story: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> HTMLResponse:
    """Dated events and claims in date order, of the corpus or of one story (`?story=ID`), between `since` and
    `until` (YYYY-MM-DD, either may be left out)."""
    summary = query.story(store, story) if story else None
    if story and summary is None:
        return not_found(request, "story", story)
    first, since_error = _day("since", since)
    last, until_error = _day("until", until)
    errors = [e for e in (since_error, until_error) if e]
    if first and last and last < first:
        errors.append(f"The range ends ({last.isoformat()}) before it starts ({first.isoformat()}).")
    context: dict[str, Any] = {"summary": summary, "since": since or "", "until": until or "", "errors": errors}
    if errors:
        return render(request, "timeline.html", context | {"items": []}, 422)
    items = query.timeline(store, summary.id if summary else None, first, last)
    return render(request, "timeline.html", context | {"items": items})
