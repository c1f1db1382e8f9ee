"""What the workbench pages show, built from what `newsint.query` gives: plain objects for the templates.

Nothing here is marked safe for HTML except the briefing, which newsint writes itself with every piece of text
escaped (`newsint/stories/brief.py`); `checked_brief` takes its body, points its citations at the evidence view
and lets it through only when it holds nothing but the few tags and attributes that renderer writes. Article text
reaches the templates as plain strings, which Jinja2 escapes (autoescape is on for every template).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import astuple, dataclass, field
from datetime import date
from typing import Any

import lxml.html
from markupsafe import Markup

from newsint import query
from newsint.errors import ConfigError
from newsint.model import Article, Conflict, PlaceMention, Statement, TimeExpr
from newsint.query import Store, StorySummary, in_words

#: The most stories and events the overview lists.
OVERVIEW_STORIES = 100
OVERVIEW_EVENTS = 25
_SPAN_PARAM = re.compile(r"(\d{1,9})-(\d{1,9})")
_CSS_WORD = re.compile(r"[^a-z0-9-]")


def evidence_link(doc: str, start: int, end: int) -> str:
    """The evidence view of a span: the document page with the span highlighted (`s`) and scrolled to (`#s-…`)."""
    return f"/documents/{doc}?s={start}-{end}#s-{start}-{end}"


def span_param(value: str | None, length: int) -> tuple[int, int] | None:
    """The cited span `START-END` of a document link, when it lies inside a text of `length` characters."""
    match = _SPAN_PARAM.fullmatch(value or "")
    if not match:
        return None
    start, end = int(match[1]), int(match[2])
    return (start, end) if 0 <= start < end <= length else None


def _css(*words: str) -> str:
    return " ".join(_CSS_WORD.sub("", w.lower()) for w in words if w)


# -- the marked text of a document ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Mark:
    """An annotation to show on the text: its span, the element (`mark` or `span`), its classes and its title."""

    start: int
    end: int
    tag: str
    css: str
    title: str
    rank: int  # which of several marks over the same span is outermost (and carries the span's id)


@dataclass(slots=True)
class Node:
    """An element of the marked text; `children` are strings (text) and nested nodes."""

    tag: str
    css: str
    title: str
    id: str | None
    children: list[Node | str] = field(default_factory=list)


def _time_title(expr: TimeExpr) -> str:
    """A time mark's title in words ("time (date): winter 2023"): the TIMEX3 code is for the API, not readers."""
    return f"time ({expr.type.lower()}): {in_words(expr.value, expr.type, expr.mod)}"


def _place_title(found: PlaceMention) -> str:
    place = found.place
    if place is None:
        return f"unresolved place: {found.reason or 'no gazetteer entry fits'}"
    where = ", ".join(p for p in (place.kind, place.admin1, place.country) if p)
    return f"place: {place.name} ({where})" + (f" — {found.reason}" if found.reason else "")


def marks(article: Article, cited: tuple[int, int] | None = None) -> list[Mark]:
    """The entities, places, times, claims and events of an article as marks, and the cited span if any."""
    found = [Mark(cited[0], cited[1], "span", "cited", "the cited passage", 0)] if cited else []
    for event in article.events:
        kind = query.event_class(event.subtype)
        what = f"{event.subtype} ({kind.acled_type} / {kind.acled_subtype})" if kind else event.subtype
        when = f" on {in_words(event.date)}" if event.date else ""
        place = event.place.name if event.place else event.place_text
        where = f" at {place}" if place else ""
        title = f"event: {what}{when}{where}" + (f" — {event.summary}" if event.summary else "")
        found += [Mark(s.start, s.end, "span", "event", title, 1) for s in event.evidence]
        found.append(Mark(event.trigger_start, event.trigger_end, "mark", "trigger", f"event trigger: {what}", 6))
    for claim in article.claims:
        speaker = claim.speaker or "no named source"
        title = f"{'quote' if claim.direct else 'claim'} by {speaker} (cue “{claim.cue}”, hedge: {claim.hedge})"
        found.append(Mark(claim.start, claim.end, "span", _css("claim", f"hedge-{claim.hedge}"), title, 2))
    for expr in article.times:
        found.append(Mark(expr.start, expr.end, "mark", "time", _time_title(expr), 3))
    for mention in article.places:
        if mention.caption is None:
            css = "place" if mention.place else "place unresolved"
            found.append(Mark(mention.start, mention.end, "mark", css, _place_title(mention), 4))
    for entity in article.entities:
        roles = f" — {'; '.join(entity.roles)}" if entity.roles else ""
        for named in entity.mentions:
            title = f"{entity.type}: {entity.name}{roles}" + (" (named by a role)" if named.how == "role" else "")
            found.append(Mark(named.start, named.end, "mark", _css("entity", f"entity-{entity.type}"), title, 5))
    return found


def marked_text(text: str, found: Iterable[Mark]) -> list[Node | str]:
    """The text split into nested elements, one per mark. Marks that overlap without nesting are cut where one
    ends and go on in a second element (class `cont`); only the first element of a span carries its id
    `s-START-END`, and only the outermost of several marks over the same span."""
    spans = sorted((m for m in found if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, -m.end, m.rank))
    starting: dict[int, list[Mark]] = {}
    for mark in spans:
        starting.setdefault(mark.start, []).append(mark)
    points = sorted({0, len(text)} | {m.start for m in spans} | {m.end for m in spans})
    root: list[Node | str] = []
    stack: list[tuple[Mark, Node]] = []
    ids: set[str] = set()

    def push(mark: Mark, continued: bool) -> None:
        key = f"s-{mark.start}-{mark.end}"
        node = Node(mark.tag, mark.css + (" cont" if continued else ""), mark.title, None)
        if not continued and key not in ids:
            node.id = key
            ids.add(key)
        (stack[-1][1].children if stack else root).append(node)
        stack.append((mark, node))

    position = 0
    for point in points:
        if point > position:
            (stack[-1][1].children if stack else root).append(text[position:point])
            position = point
        ended = [i for i, (mark, _) in enumerate(stack) if mark.end <= point]
        if ended:
            reopened = [mark for mark, _ in stack[ended[0] :] if mark.end > point]
            del stack[ended[0] :]
            for mark in reopened:
                push(mark, True)
        for mark in starting.get(point, []):
            push(mark, False)
    return root


# -- the briefing --------------------------------------------------------------------------------------------------

_BRIEF_BODY = re.compile(r'<article class="brief">\n(.*)</article>', re.DOTALL)
_EVIDENCE_ITEM = re.compile(r'<li id="ev-(\d+)">\[\d+\] .*? — (article ([0-9A-Za-z_-]+), characters (\d+)–(\d+)): <q>')
_CITATION_LINK = re.compile(r'<a href="#ev-(\d+)"')
_BRIEF_TAGS = {"div", "h1", "h2", "p", "section", "ul", "ol", "li", "cite", "sup", "a", "q"}
_BRIEF_ATTRIBUTES = {"class", "id", "href", "title"}
_BRIEF_HREF = re.compile(r"/documents/[0-9A-Za-z_-]+\?s=\d+-\d+#s-\d+-\d+|#ev-\d+|https?://[^\s\"'<>\\]+", re.I)


def checked_brief(rendered: str) -> Markup | None:
    """The body of a briefing rendered as HTML by newsint, with every citation linked to the evidence view; None
    when it is not the renderer's own markup (then it is not shown).

    It is safe to embed because `render_brief` escapes every piece of text it writes (labels, quotes, ids:
    `html.escape`, quotes included), so article text cannot open a tag or an attribute there; the links are
    rewritten only where the renderer's fixed patterns match, and the result is parsed and refused if any tag,
    attribute or link is not one the renderer writes.
    """
    body = _BRIEF_BODY.search(rendered)
    if body is None:
        return None
    targets: dict[str, str] = {}

    def link_item(match: re.Match[str]) -> str:
        number, where, doc, start, end = match.groups()
        targets[number] = evidence_link(doc, int(start), int(end))
        return match[0].replace(where, f'<a href="{targets[number]}">{where}</a>', 1)

    text = _EVIDENCE_ITEM.sub(link_item, body[1])
    text = _CITATION_LINK.sub(lambda m: f'<a href="{targets.get(m[1], "#ev-" + m[1])}"', text)
    wrapper = f'<div class="brief">{text}</div>'
    for element in lxml.html.fragment_fromstring(wrapper).iter():
        if not isinstance(element.tag, str) or element.tag not in _BRIEF_TAGS:
            return None
        if set(element.attrib) - _BRIEF_ATTRIBUTES:
            return None
        if "href" in element.attrib and not _BRIEF_HREF.fullmatch(element.attrib["href"]):
            return None
    return Markup(wrapper)  # noqa: S704 - newsint's own escaped markup, checked above


# -- pages ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class EventRow:
    date: str
    type: str
    place: str
    summary: str
    link: str


def latest_events(store: Store, limit: int = OVERVIEW_EVENTS) -> list[EventRow]:
    """The latest events the text dates, the latest first, each linked to the sentence that reports it."""
    rows = []
    for doc, _, event in query.events(store, limit=limit, reported_dates=True, latest_first=True):
        kind = query.event_class(event.subtype)
        span = event.evidence[0] if event.evidence else None
        rows.append(
            EventRow(
                event.date,
                kind.acled_subtype if kind and kind.acled_subtype else event.subtype,
                event.place.name if event.place else event.place_text,
                event.summary,
                evidence_link(doc, span.start, span.end) if span else f"/documents/{doc}",
            )
        )
    return rows


def overview(store: Store) -> dict[str, Any]:
    stories = query.stories(store)
    starts = [s.start for s in stories if s.start]
    ends = [s.end for s in stories if s.end]
    return {
        "documents": query.article_count(store),
        "first": min(starts, default=None),
        "last": max(ends, default=None),
        "story_count": len(stories),
        "stories": stories[:OVERVIEW_STORIES],
        "events": latest_events(store),
    }


def independent_sources(statements: list[Statement], sources: list[str]) -> int:
    """How many independent sources say it (as the briefing counts them)."""
    return len(set(sources) or {s.source for s in statements})


# The story page's dispute headings, in the order the briefing lists them.
DISPUTE_KINDS = {
    "responsibility": "Who did it",
    "control": "Who holds the ground",
    "occurrence": "Whether it happened",
    "count": "How many",
    "stance": "Assessments",
    "denial": "Denied",
}


def disputes_by_kind(conflicts: Iterable[Conflict]) -> list[tuple[str, str, list[Conflict]]]:
    """The story's disputes grouped by kind, as (kind, heading, disputes), in DISPUTE_KINDS order."""
    groups: dict[str, list[Conflict]] = {}
    for conflict in conflicts:
        groups.setdefault(conflict.kind if conflict.kind in DISPUTE_KINDS else "stance", []).append(conflict)
    return [(kind, heading, groups[kind]) for kind, heading in DISPUTE_KINDS.items() if kind in groups]


def story_page(store: Store, summary: StorySummary) -> dict[str, Any]:
    analysed, rendered = query.brief(store, summary, "html")
    by_outlet: dict[str, list[query.ArticleHead]] = {}
    for head in query.story_heads(store, summary.id):
        by_outlet.setdefault(head.cited_as, []).append(head)
    brief = checked_brief(rendered)
    disputes = disputes_by_kind(analysed.conflicts)
    return {"summary": summary, "story": analysed, "by_outlet": sorted(by_outlet.items()), "brief": brief,
            "disputes": disputes}  # fmt: skip


def timeline_date(value: str, from_published: bool = False) -> str:
    """A dated event's or claim's TIMEX3 date in words ("9 March 2023", "winter 2023"), no raw code: the pages keep
    the value itself in a `data-value` attribute (the `when` macro), the API and the exports serve it."""
    return in_words(value) + (" — date of report" if from_published else "")


def document_page(store: Store, article: Article, span: str | None) -> dict[str, Any]:
    cited = span_param(span, len(article.text))
    summary = query.story(store, article.story) if article.story else None
    return {
        "article": article,
        "source_link": query.source_url(article),
        "cited": cited,
        "span_asked": span,
        "text": marked_text(article.text, marks(article, cited)),
        "sightings": query.sightings(store, article.id),
        "story": summary,
    }


@dataclass(frozen=True, slots=True)
class SearchForm:
    """The search page's query string as given: the query, the mode and the filters."""

    q: str = ""
    mode: str = "fts"
    since: str = ""
    until: str = ""
    outlet: str = ""
    story: str = ""
    language: str = ""

    def shown(self) -> SearchForm:
        """The form to show again, each field cut to what the page's inputs take."""
        return SearchForm(*(value[:MAX_FIELD] for value in astuple(self)))


MAX_FIELD = query.MAX_QUERY_CHARS
MAX_FILTER = 200


def search_hits(store: Store, form: SearchForm, limit: int) -> list[query.SearchHit]:
    """The hits of a search form (none for an empty query); ConfigError, saying why, for a query or filter that
    cannot be read."""
    if len(form.q) > MAX_FIELD:
        raise ConfigError(f"the query is {len(form.q):,} characters long; a search takes at most {MAX_FIELD}")
    if any(len(value) > MAX_FILTER for value in astuple(form)[1:]):
        raise ConfigError(f"a filter is longer than {MAX_FILTER} characters")
    days = []
    for name, value in (("from", form.since), ("to", form.until)):
        try:
            days.append(date.fromisoformat(value) if value else None)
        except ValueError:
            raise ConfigError(f"the {name} date {value!r} is not a date (YYYY-MM-DD)") from None
    story = query.story(store, form.story) if form.story else None
    if form.story and story is None:
        raise ConfigError(f"no story with id {form.story!r}")
    if not form.q.strip():
        return []
    where = query.ArticleFilter(story.id if story else None, days[0], days[1], form.outlet or None,
                                form.language or None)  # fmt: skip
    return query.search(store, form.q, limit, form.mode, where)


_HIT = re.compile(r"\[([^\[\]]*)\]")


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet as (text, matched) parts: the store brackets the matched words."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in _HIT.finditer(snippet):
        parts += [(snippet[position : match.start()], False), (match[1], True)]
        position = match.end()
    return [p for p in [*parts, (snippet[position:], False)] if p[0]]


def story_dates(start: date | None, end: date | None) -> str:
    if not start or not end:
        return "undated"
    return start.isoformat() if start == end else f"{start.isoformat()} – {end.isoformat()}"


def statement_who(statement: Statement) -> str:
    """Who says it: the speaker, else the outlet in its own voice."""
    return statement.speaker or f"{statement.outlet} (own voice)"
