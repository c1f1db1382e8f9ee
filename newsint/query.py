"""Every read a face needs, in one place: the CLI, the exports and the web/API call these and only format.

Each function takes an open `Store` and returns model objects or small dataclasses. What needs the domain to
read (labels of stories, a story's analysis, a free-text query's story, event type names) happens here, so the
store stays SQL only and every face shows the same thing. The store's types a face names (`Store`, `SearchHit`,
`PlaceSummary`, …) are re-exported here (`X as X`), so that no face imports the store.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Collection, Iterator
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any, TypeVar, cast

import numpy as np

from newsint import __version__
from newsint.errors import ConfigError
from newsint.events.actors import ActorTypes as ActorTypes
from newsint.events.actors import actor_targets, actor_types, event_actors, source_scale
from newsint.events.taxonomy import CLASSES, EventClass, event_subtypes
from newsint.model import Article, Claim, Event, Figure, Statement, Story, TimeExpr, TimelineEntry
from newsint.settings import Settings
from newsint.store import ArticleFilter as ArticleFilter
from newsint.store import SearchHit as SearchHit
from newsint.store import Store as Store
from newsint.store import StoredError as StoredError
from newsint.store.entities import EntitySummary as EntitySummary
from newsint.store.geo import PlaceSummary as PlaceSummary
from newsint.store.geo import StoredPlaceMention as StoredPlaceMention
from newsint.store.reanalysis import Reanalysis as Reanalysis
from newsint.stories.analysis import analyse_story, dated_claims, event_statement
from newsint.stories.brief import quoted as quoted
from newsint.stories.brief import render_brief
from newsint.stories.cluster import StoryIndex, story_label
from newsint.stories.codec import iso_day, statements_from_rows, story_from_json, story_json
from newsint.stories.matching import best_story, query_words
from newsint.stories.statements import citation_label, numbered_unknown, sentence_at, source_label
from newsint.stories.vectors import with_sentence_vectors
from newsint.temporal.normalize import value_period
from newsint.temporal.words import in_words as in_words  # the faces show time values in words
from newsint.text.sites import article_url

T = TypeVar("T")
logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StorySummary:
    """A story as listings show it: its label, how many articles, their dates and outlets."""

    id: str
    label: str
    size: int
    start: date | None
    end: date | None
    outlets: list[str]


def open_store(settings: Settings) -> Store:
    """The store the settings name (`db`)."""
    return Store.open(settings.db_path)


# -- documents ---------------------------------------------------------------------------------------------------


def articles(
    store: Store, limit: int | None = None, offset: int = 0, where: ArticleFilter | None = None
) -> Iterator[Article]:
    """Stored articles with every annotation, in the order they were stored; those `where` keeps (its `match` is
    a search as `search` reads it: a name also finds its entity's other spellings)."""
    return store.articles(limit=limit, offset=offset, where=_expanded(store, where))


def article_count(store: Store, where: ArticleFilter | None = None) -> int:
    """How many articles are stored, or kept by `where`."""
    return store.count(_expanded(store, where))


@dataclass(frozen=True, slots=True)
class Selection:
    """What an export holds: the articles `articles` keeps (story, outlet, language, a full-text query) and what
    they say, `since` and `until` bounding each item by its own date (an article by its publication, an event by
    when it happened), and of the events those of `event_types` (ConfigError for an unknown type)."""

    articles: ArticleFilter = ArticleFilter()
    since: date | None = None
    until: date | None = None
    event_types: tuple[str, ...] = ()
    subtypes: frozenset[str] | None = field(init=False, default=None)

    def __post_init__(self) -> None:
        if self.event_types:
            object.__setattr__(self, "subtypes", frozenset(event_subtypes(self.event_types)))

    def __bool__(self) -> bool:
        return bool(self.articles or self.since or self.until or self.event_types)

    @property
    def documents(self) -> ArticleFilter:
        """The filter of the articles themselves: `articles` within the publication dates."""
        return replace(self.articles, since=self.since, until=self.until)

    def keeps_event(self, event: Event) -> bool:
        """Whether the event is of the selected types and its date reaches into [since, until]."""
        if self.subtypes is not None and event.subtype not in self.subtypes:
            return False
        if not (self.since or self.until):
            return True
        period = value_period(event.date)
        return period is not None and not (self.since and period[1] < self.since) and not (
            self.until and period[0] > self.until
        )


#: The selection that keeps everything.
ALL = Selection()


def selected_ids(store: Store, selection: Selection, dated: bool = True) -> set[str] | None:
    """The ids of the articles a selection keeps (by publication date too, unless `dated` is False); None when it
    keeps every article."""
    where = selection.documents if dated else selection.articles
    return store.article_ids(_expanded(store, where)) if where else None


def _expanded(store: Store, where: ArticleFilter | None) -> ArticleFilter | None:
    """The filter with its full-text query expanded to the other spellings of a name (`expand_query`)."""
    if where is None or not where.match:
        return where
    return replace(where, match=expand_query(store, where.match))


def article(store: Store, article_id: str) -> Article | None:
    """The article with this id or unique id prefix, with every annotation; None when there is none."""
    return store.get(article_id)


def article_texts(store: Store, ids: Collection[str]) -> dict[str, str]:
    """The text of each of these articles by id (what an event's or a claim's evidence is cut from)."""
    return {doc: head[3] for doc, head in store.article_heads(ids, chars=-1).items()}


def sightings(store: Store, article_id: str) -> list[tuple[str, str]]:
    """(source, locator) of every input the article was seen in, the first first."""
    return store.sightings(article_id)


SEARCH_MODES = ("fts", "semantic")
MAX_QUERY_CHARS = 500  # what semantic search embeds at most (the API caps every query at this)
MAX_QUERY_TERMS = 32  # the most words a full-text query holds
MAX_FORMS = 24  # the most other written forms an entity's name is expanded with
SNIPPET_CHARS = 200  # a semantic hit's snippet: the start of its text
_FTS_SYNTAX = re.compile(r'["*():^{}+]|\b(?:AND|OR|NOT|NEAR)\b')
_BAREWORD = re.compile(r"[\w\x1a\u0080-\U0010ffff]+", re.ASCII)
_TOKEN = re.compile(r"[^\W_]+")


def search(
    store: Store, text: str, limit: int = 20, mode: str = "fts", where: ArticleFilter | None = None
) -> list[SearchHit]:
    """Search the articles `where` keeps, best first: "fts" is full-text search (FTS5 syntax, a name also finding
    the other spellings of its entity, `expand_query`) ranked by BM25 with a highlighted snippet; "semantic" ranks
    by the cosine of the embeddings (`semantic_search`)."""
    where = _expanded(store, where)
    if mode == "semantic":
        return semantic_search(store, text, limit, where)
    if mode != "fts":
        raise ConfigError(f"unknown search mode {mode!r} (one of {', '.join(SEARCH_MODES)})")
    return store.search(expand_query(store, fts_query(text)), limit, where)


def fts_query(text: str) -> str:
    """A full-text query as it is run: at most MAX_QUERY_CHARS characters and MAX_QUERY_TERMS words, and a query
    of plain words said once each (FTS5's snippet costs grow with the product of the query's terms and their
    matches: 125 times "the" took 88 s on 839 articles). ConfigError for a query over those bounds."""
    if len(text) > MAX_QUERY_CHARS:
        raise ConfigError(f"the query has {len(text)} characters; search reads at most {MAX_QUERY_CHARS}")
    if not _FTS_SYNTAX.search(text):
        text = " ".join(dict.fromkeys(text.split()))
    terms = len(_TOKEN.findall(text))
    if terms > MAX_QUERY_TERMS:
        raise ConfigError(f"the query has {terms} words; search reads at most {MAX_QUERY_TERMS}")
    return text


def expand_query(store: Store, text: str) -> str:
    """The FTS5 query for `text`: a plain name or phrase that is a written form of a linked entity (any case) also
    matches its other forms ("Zelenskyy" → `(Zelenskyy) OR "Zelensky" OR "Zelenskiy"`), which the entity linker
    merged; anything else, FTS5 syntax above all ("quotes", *, AND/OR/NOT/NEAR, columns), is left as written.

    A form whose words contain a shorter form's (or the query's) words in a row adds nothing and is left out.
    """
    plain = " ".join(text.split())
    if not plain or _FTS_SYNTAX.search(plain):
        return text
    forms = [form for _, form in store.entity_aliases_matching(plain)]
    if not forms:
        return text
    kept: dict[tuple[str, ...], str] = {_tokens(plain): plain}
    for form in sorted(dict.fromkeys(forms), key=lambda f: len(_tokens(f))):
        words = _tokens(form)
        if words and not any(_contains(words, shorter) for shorter in kept if shorter):
            kept[words] = " ".join(form.split())
    others = list(kept.values())[1 : MAX_FORMS + 1]
    if not others:
        return text
    own = f"({plain})" if all(_BAREWORD.fullmatch(w) for w in plain.split()) else _phrase(plain)
    return " OR ".join([own, *(_phrase(other) for other in others)])


def _tokens(text: str) -> tuple[str, ...]:
    """The words FTS5's unicode61 tokenizer would index, near enough to tell one form inside another."""
    return tuple(word.casefold() for word in _TOKEN.findall(text))


def _contains(words: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def semantic_search(store: Store, text: str, limit: int = 20, where: ArticleFilter | None = None) -> list[SearchHit]:
    """The articles (those `where` keeps) whose embedding (title and lead, `stages/embed.py`) is nearest the
    query's, best first: each hit's rank is the cosine and its snippet the start of its text. ConfigError for an
    empty query or one over MAX_QUERY_CHARS characters.

    The stored embeddings are read a chunk at a time and only the best `limit` are kept between chunks.
    """
    text = text.strip()
    if not text:
        raise ConfigError("empty query")
    if len(text) > MAX_QUERY_CHARS:
        raise ConfigError(f"the query has {len(text)} characters; semantic search reads at most {MAX_QUERY_CHARS}")
    if limit < 1:
        return []
    from newsint.nlp.encoder import load_encoder  # here, so that only this read loads the ONNX runtime

    vector = load_encoder().embed([text])[0].astype(np.float32)
    vector /= max(float(np.linalg.norm(vector)), 1e-12)
    best_ids: list[str] = []
    best = np.empty(0, dtype=np.float32)
    for ids, matrix, norms in _embedding_chunks(store, where, vector.shape[0]):
        scores = np.concatenate([best, (matrix @ vector) / norms])
        ids = best_ids + ids
        keep = np.argsort(-scores, kind="stable")[:limit]  # stable: ties stay in the order they were stored
        best, best_ids = scores[keep], [ids[k] for k in keep]
    heads = store.article_heads(best_ids, SNIPPET_CHARS * 2)
    return [
        SearchHit(article_id, title, outlet, published, _lead(body or title or ""), float(score))
        for article_id, score in zip(best_ids, best, strict=True)
        if article_id in heads
        for title, outlet, published, body in [heads[article_id]]
    ]


#: A store of at most this many embedded articles has its embeddings kept in memory between searches (150 MB at
#: 384 dimensions); a bigger one is read a chunk at a time on every search.
KEPT_EMBEDDINGS = 100_000
_EMBEDDINGS: dict[str, tuple[tuple[str, int], list[str], np.ndarray, np.ndarray]] = {}


def _embedding_chunks(
    store: Store, where: ArticleFilter | None, dimensions: int
) -> Iterator[tuple[list[str], np.ndarray, np.ndarray]]:
    """(ids, embeddings, their norms) of the articles `where` keeps, in stored order: from memory when the store's
    embeddings are kept there (`KEPT_EMBEDDINGS`, refreshed once a generation), else chunk by chunk."""
    generation = store.generation()
    kept = _EMBEDDINGS.get(str(store.path))
    if kept is None or kept[0] != generation:
        chunks = list(_read_embeddings(store.article_embeddings(), dimensions, KEPT_EMBEDDINGS + 1))
        if sum(len(ids) for ids, _, _ in chunks) > KEPT_EMBEDDINGS:
            yield from _read_embeddings(store.article_embeddings(where=where), dimensions)
            return
        ids = [doc for chunk_ids, _, _ in chunks for doc in chunk_ids]
        matrix = np.concatenate([m for _, m, _ in chunks]) if chunks else np.empty((0, dimensions), np.float32)
        norms = np.concatenate([n for _, _, n in chunks]) if chunks else np.empty(0, np.float32)
        _EMBEDDINGS.clear()  # one store's embeddings at a time
        kept = _EMBEDDINGS[str(store.path)] = (generation, ids, matrix, norms)
    _, ids, matrix, norms = kept
    if where:
        allowed = store.article_ids(where)
        rows = [i for i, doc in enumerate(ids) if doc in allowed]
        yield [ids[i] for i in rows], matrix[rows], norms[rows]
    else:
        yield ids, matrix, norms


def _read_embeddings(
    chunks: Iterator[list[tuple[str, bytes]]], dimensions: int, most: int | None = None
) -> Iterator[tuple[list[str], np.ndarray, np.ndarray]]:
    """The stored embeddings as (ids, matrix, norms) chunks, those of another width left out; stops once more than
    `most` rows were read."""
    read = 0
    for chunk in chunks:
        rows = [(article_id, blob) for article_id, blob in chunk if len(blob) == dimensions * 4]
        if not rows:
            continue
        matrix = np.frombuffer(b"".join(blob for _, blob in rows), dtype="<f4").reshape(len(rows), -1)
        yield [article_id for article_id, _ in rows], matrix, np.maximum(np.linalg.norm(matrix, axis=1), 1e-12)
        read += len(rows)
        if most is not None and read > most:
            return


def _lead(text: str) -> str:
    """The first SNIPPET_CHARS characters of a text, cut at a word, with " …" where it was cut."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text[:SNIPPET_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut) + " …"


def stage_versions_stored(store: Store) -> list[tuple[str, str, int]]:
    """(stage, version, articles): which version of each stage (newsint's and its models') made the stored
    annotations; articles stored before versions were recorded are in none."""
    return store.version_counts()


def unfinished_reanalysis(store: Store) -> Reanalysis | None:
    """The re-analysis that was stopped before its end, if any (running `reanalyze` again finishes it)."""
    return store.unfinished_reanalysis()


def errors(store: Store, limit: int = 1000) -> list[StoredError]:
    """Inputs and records that could not be read, the latest first."""
    return store.errors(limit)


def article_stories(store: Store) -> Iterator[tuple[str, str]]:
    """(article id, story id) of every stored article with a story."""
    return store.article_stories()


def titles(store: Store) -> dict[str, str | None]:
    """Every article's title by id."""
    return store.titles()


def titles_of(store: Store, ids: Collection[str]) -> dict[str, str | None]:
    """The titles of these articles by id."""
    return {doc: head[0] for doc, head in store.article_heads(ids, chars=0).items()}


def outlets(store: Store) -> dict[str, str | None]:
    """Every article's outlet by id."""
    return store.outlets()


def source_url(article: Article) -> str | None:
    """Where the article can be read on the web: its URL, else its source when that is an http(s) address."""
    return article_url(article.meta.get("url"), article.source)


def cited_as(article: Article) -> str:
    """How briefs and stories cite an article: its outlet, else its site or input file."""
    return citation_label(article)


# -- entities, places, times, claims, events -----------------------------------------------------------------------


def entities(
    store: Store, kind: str | None = None, article_id: str | None = None, limit: int = -1
) -> list[EntitySummary]:
    """Cross-document entities, most mentioned first, optionally of one type or named in one article."""
    return store.entities(kind, article_id, limit)


def entity_names(store: Store) -> dict[str, str]:
    """Every entity's listed name by id (what a speaker entity is shown as)."""
    return {e.id: e.name for e in store.entities()}


def entity_mentions(store: Store, entity_id: str) -> list[tuple[str, int, int, str]]:
    """(article id, start, end, text) of every mention of an entity."""
    return store.entity_mentions(entity_id)


def places(store: Store, kind: str | None = None, article_id: str | None = None, limit: int = -1) -> list[PlaceSummary]:
    """Resolved places by mention count, optionally of one kind or named in one article. The corpus's listing
    (no article) is kept in memory for the generation of the store: it groups every place mention."""
    if article_id is not None:
        return store.places(kind, article_id, limit)
    return list(_in_memory(store, ("places", kind, limit), lambda: store.places(kind, None, limit)))


def unresolved_places(store: Store, limit: int = -1) -> list[tuple[str, str, int]]:
    """(name, reason, mentions) of place names no gazetteer entry fitted."""
    return store.unresolved_places(limit)


def place_mentions(store: Store, place_id: str | None) -> list[StoredPlaceMention]:
    """Every mention of a place; with None, the mentions no gazetteer entry fitted."""
    return store.place_mentions(place_id)


def times(store: Store, article_id: str | None = None) -> list[tuple[str, TimeExpr]]:
    """(article id, time expression) of every stored time expression, or of one article's."""
    return store.times(article_id)


def claims(
    store: Store,
    speaker: str | None = None,
    article_id: str | None = None,
    hedges: tuple[str, ...] = (),
    limit: int = -1,
) -> list[tuple[str, Claim]]:
    """(article id, claim), optionally by speaker (as written or by entity name), article and hedge."""
    return store.claims(speaker, article_id, hedges, limit)


def claims_with_figures(
    store: Store,
    speaker: str | None = None,
    article_id: str | None = None,
    hedges: tuple[str, ...] = (),
    limit: int = -1,
) -> list[tuple[str, Claim, list[Figure]]]:
    """`claims`, each with the figures inside it."""
    loaded: dict[str, Article | None] = {}
    found = []
    for doc, claim in claims(store, speaker, article_id, hedges, limit):
        if doc not in loaded:
            loaded[doc] = store.get(doc)
        owner = loaded[doc]
        index = owner.claims.index(claim) if owner and claim in owner.claims else -1
        found.append((doc, claim, [f for f in owner.figures if f.claim == index] if owner else []))
    return found


def event_class(subtype: str) -> EventClass | None:
    """The class of an event subtype code: its ACLED type and sub-type and its PLOVER class; None if unknown."""
    return CLASSES.get(subtype)


def event_actor_types(event: Event) -> ActorTypes:
    """ACLED's actor types of an event's first actor and target, their interaction and civilian targeting."""
    return actor_types(event)


def event_targets(event: Event) -> tuple[str, ...]:
    """An event's targets that are actors, not its place (ACLED's actor2 and its associates)."""
    return actor_targets(event)


def event_actor_names(event: Event) -> tuple[str, ...]:
    """An event's actors that are actors, not an event noun (ACLED's actor1 and its associates)."""
    return event_actors(event)


def outlet_scale(outlet: str | None) -> str:
    """ACLED's source scale of an outlet ("International", "National", "New media"; "" when unknown)."""
    return source_scale(outlet)


def events(
    store: Store,
    types: tuple[str, ...] = (),
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
    """(article id, index in the article, event) by date, undated last (or the latest first): optionally of some
    types (subtype codes, ACLED event types or sub-types, PLOVER classes: ConfigError for another name), at a
    place (name, region or country), in the dates [since, until] (an event's own), in one article, of the
    articles `where` keeps, only those whose date the text gives (`reported_dates`), with an actor or target
    holding `actor` (any case)."""
    subtypes = event_subtypes(types) if types else None
    return store.events(
        subtypes, place, since, article_id, limit, until=until, where=_expanded(store, where),
        reported_dates=reported_dates, latest_first=latest_first, actor=actor,
    )  # fmt: skip


# -- stories -------------------------------------------------------------------------------------------------------


def stories(store: Store, limit: int = -1, story_id: str | None = None) -> list[StorySummary]:
    """Stories by size, then the latest first (undated last), then the order they opened; or the one story.

    The label is the story's most shared names weighted by their rarity across stories (`story_label`); a story
    whose articles name nothing (a language the entity model does not read) is labelled by its first title.
    The listing is computed once per generation of the store (`_story_listing`).
    """
    listing, by_id = _story_listing(store)
    if story_id is not None:
        return [by_id[story_id]] if story_id in by_id else []
    return listing[:limit] if limit >= 0 else list(listing)


def story(store: Store, story_id: str) -> StorySummary | None:
    """The story with this id or unique id prefix; None when there is none."""
    found = store.resolve_story(story_id)
    return stories(store, story_id=found)[0] if found else None


#: Part of every stored view's key: a view stored by another version of newsint is computed again.
VIEW_VERSION = f"{__version__}/3"  # 2: unknown outlets numbered per article; 3: disputes, parties, event corroboration
_IN_MEMORY: dict[tuple[str, object], tuple[tuple[str, int], Any]] = {}
_IN_MEMORY_KEPT = 32  # this many (database, read) results are kept


def _in_memory(store: Store, key: object, compute: Callable[[], T]) -> T:
    """A read of the whole corpus computed once per generation of the store and kept in this process's memory."""
    generation = store.generation()
    slot = (str(store.path), key)
    memo = _IN_MEMORY.get(slot)
    if memo is not None and memo[0] == generation:
        return cast(T, memo[1])
    value = compute()
    if len(_IN_MEMORY) >= _IN_MEMORY_KEPT:
        _IN_MEMORY.pop(next(iter(_IN_MEMORY)))
    _IN_MEMORY[slot] = (generation, value)
    return value


def _corpus_view(store: Store, name: str, compute: Callable[[], T], dump: Callable[[T], str],
                 load: Callable[[str], T]) -> T:  # fmt: skip
    """A view of the whole corpus, computed once per generation of the store (every batch that changes articles
    is one): kept in memory for this process and stored as the view `name` for the next one."""

    def stored_or_computed() -> T:
        key = f"{VIEW_VERSION}|{store.generation()[1]}"
        stored = store.view(name, key)
        if stored is not None:
            return load(stored)
        value = compute()
        store.keep_view(name, key, dump(value))
        return value

    return _in_memory(store, ("view", name), stored_or_computed)


def _story_listing(store: Store) -> tuple[list[StorySummary], dict[str, StorySummary]]:
    """Every story as listings show it, in listing order, and by id (the corpus view "stories")."""

    def load(text: str) -> tuple[list[StorySummary], dict[str, StorySummary]]:
        listing = [_summary_from_row(row) for row in json.loads(text)]
        return listing, {s.id: s for s in listing}

    def compute() -> tuple[list[StorySummary], dict[str, StorySummary]]:
        listing = _computed_listing(store)
        return listing, {s.id: s for s in listing}

    def dump(value: tuple[list[StorySummary], dict[str, StorySummary]]) -> str:
        return json.dumps([_summary_row(s) for s in value[0]], ensure_ascii=False)

    return _corpus_view(store, "stories", compute, dump, load)


def _computed_listing(store: Store) -> list[StorySummary]:
    index = StoryIndex(store.story_states())
    states = sorted(index.states, key=lambda s: (-s.size, -(s.end or date.min).toordinal(), index.position[s.id]))
    labels: dict[str, list[str]] = {s.id: [] for s in states}
    first_titles: dict[str, str] = {}
    for story_id, outlet, url, input_path, source, title in store.story_sources():
        if story_id in labels:
            labels[story_id].append(source_label(outlet, url, input_path, source))
            if title and story_id not in first_titles:
                first_titles[story_id] = title
    # one entry per outlet; each article whose outlet is unknown its own, numbered as the story's brief cites it
    outlets = {story_id: list(dict.fromkeys(numbered_unknown(found))) for story_id, found in labels.items()}
    return [
        StorySummary(
            s.id,
            story_label(s, index.name_counts, index.articles) or first_titles.get(s.id, ""),
            s.size,
            s.start,
            s.end,
            outlets[s.id],
        )
        for s in states
    ]


def _summary_row(summary: StorySummary) -> list[object]:
    start, end = (day.isoformat() if day else None for day in (summary.start, summary.end))
    return [summary.id, summary.label, summary.size, start, end, summary.outlets]


def _summary_from_row(row: list[Any]) -> StorySummary:
    id_, label, size, start, end, outlets = row
    return StorySummary(id_, label, size, iso_day(start), iso_day(end), outlets)


@dataclass(frozen=True, slots=True)
class ArticleHead:
    """An article as a list of a story's articles shows it: no text, no annotation."""

    id: str
    title: str | None
    published: date | None
    duplicate_of: str | None
    cited_as: str


def story_heads(store: Store, story_id: str) -> list[ArticleHead]:
    """The articles of a story (its full id) as lists show them, by publication date (undated last)."""
    heads = store.story_heads(story_id)
    cited = numbered_unknown(source_label(outlet, url, path, doc) for doc, _, _, _, outlet, url, path in heads)
    return [
        ArticleHead(doc, title, iso_day(published), duplicate_of, label)
        for (doc, title, published, duplicate_of, *_), label in zip(heads, cited, strict=True)
    ]


def story_articles(store: Store, story_id: str) -> list[Article]:
    """The articles of a story (id or unique prefix) with every annotation, by publication date (undated last)."""
    return store.story_articles(story_id)


def analysed_story(store: Store, summary: StorySummary) -> Story:
    """A story with its corroborations, conflicts and timeline (`newsint.stories.analysis`); the label and dates
    are the listing's, so every face names the story alike. Stored as a view until the story or its label
    changes (`_story_view`)."""
    return _analysed(store, summary, None)


def brief(store: Store, summary: StorySummary, fmt: str) -> tuple[Story, str]:
    """The analysed story and its briefing (`stories/brief.py`) as Markdown ("md") or HTML ("html"); the
    briefing is stored as a view beside the analysis."""
    name, key = _story_view(store, summary, f"brief.{fmt}")
    text = store.view(name, key)
    if text is not None:
        return _analysed(store, summary, None), text
    found = store.story_articles(summary.id)
    analysed = _analysed(store, summary, found)
    text = render_brief(analysed, found, fmt)
    store.keep_view(name, key, text)
    return analysed, text


def _analysed(store: Store, summary: StorySummary, found: list[Article] | None) -> Story:
    name, key = _story_view(store, summary, "analysis")
    stored = store.view(name, key)
    if stored is not None:
        return story_from_json(stored)
    if found is None:
        found = store.story_articles(summary.id)
    if made := with_sentence_vectors(found):
        store.keep_sentence_vectors(made)
    analysed = analyse_story(summary.id, found, summary.label)
    analysed.start, analysed.end = summary.start, summary.end
    store.keep_view(name, key, story_json(analysed))
    return analysed


def refresh_views(store: Store, biggest: int = 20, stop: Callable[[], bool] = lambda: False) -> int:
    """Compute the views a reader will ask for that are missing or stale: the story listing, the corpus timeline,
    and the analysis and HTML briefing of the `biggest` stories (what the workbench opens first); `stop` is asked
    between stories. A story whose analysis fails is logged and left for a reader to compute (and fail on
    visibly), so one bad story does not keep the others cold. Returns how many stories were looked at."""
    _corpus_timeline(store)
    done = 0
    for summary in stories(store, limit=biggest):
        if stop():
            break
        try:
            brief(store, summary, "html")
        except Exception:  # noqa: BLE001 - a view is a cache; the next story's must still be computed
            logger.exception("story %s: its analysis failed; its views stay cold", summary.id)
        done += 1
    return done


def _story_view(store: Store, summary: StorySummary, kind: str) -> tuple[str, str]:
    """A story view's name and key: the key holds the generation that last changed the story's articles and
    the story's label and dates, the two things from outside its articles that an analysis shows."""
    generation = store.story_generation(summary.id)
    start, end = (day.isoformat() if day else "" for day in (summary.start, summary.end))
    return f"{kind}:{summary.id}", f"{VIEW_VERSION}|{generation}|{start}|{end}|{summary.label}"


def story_for_query(store: Store, text: str) -> str | None:
    """The id of the story that best matches a free-text query (`stories/matching.py`), or None."""
    from newsint.nlp.encoder import load_encoder  # here, so that only this read loads the ONNX runtime

    states = list(store.story_states())
    if not text.strip() or not states:
        return None
    vector = load_encoder().embed([text])[0]
    found = [store.stories_with_word(word) for word in query_words(text)]
    return best_story(states, vector, found)


# -- an entity's profile and the corpus timeline (the workbench's explore pages) -----------------------------------


@dataclass(frozen=True, slots=True)
class EntityMention:
    """A mention of an entity with the sentence it stands in (the mention alone when no sentence holds it)."""

    doc: str
    start: int
    end: int
    text: str
    context: str
    context_start: int


@dataclass(frozen=True, slots=True)
class EntityDocument:
    """A document that names an entity, with the entity's mentions in it."""

    doc: str
    title: str | None
    outlet: str | None
    published: date | None
    mentions: list[EntityMention]


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """An entity with its mentions by document, what it said, what was said about it, the events it took part in
    (as actor or target) and the entities named in the same documents (id, name, type, documents shared)."""

    entity: EntitySummary
    documents: list[EntityDocument]
    said: list[tuple[str, Claim]]
    said_about: list[tuple[str, Claim]]
    events: list[tuple[str, Event, str]]
    co_occurring: list[tuple[str, str, str, int]]


def entity(store: Store, entity_id: str) -> EntitySummary | None:
    """The cross-document entity with this id; None when there is none."""
    return store.entity(entity_id)


def entity_profile(store: Store, entity_id: str) -> EntityProfile | None:
    """Everything the corpus says of one entity (`EntityProfile`), read from the documents that mention it; None
    for an unknown id. An event takes part when one of its actors or targets is the entity's name or an alias
    (any case); a claim is about the entity when its span holds one of the entity's mentions."""
    found = entity(store, entity_id)
    if found is None:
        return None
    names = {form.casefold() for form in [found.name, *found.aliases]}
    by_doc: dict[str, list[tuple[int, int, str]]] = {}
    for doc, start, end, text in store.entity_mentions(entity_id):
        by_doc.setdefault(doc, []).append((start, end, text))
    documents: list[EntityDocument] = []
    said: list[tuple[str, Claim]] = []
    about: list[tuple[str, Claim]] = []
    took_part: list[tuple[str, Event, str]] = []
    others: dict[str, tuple[str, str, set[str]]] = {}
    for doc, spans in by_doc.items():
        owner = store.get(doc)
        if owner is None:
            continue
        mentions = []
        for start, end, text in spans:
            sentence = sentence_at(owner, start)
            if sentence is not None and sentence.end >= end:
                mentions.append(EntityMention(doc, start, end, text, owner.text[sentence.start : sentence.end],
                                              sentence.start))  # fmt: skip
            else:
                mentions.append(EntityMention(doc, start, end, text, text, start))
        documents.append(EntityDocument(doc, owner.title, owner.outlet, owner.published, mentions))
        for claim in owner.claims:
            if claim.speaker_entity in (entity_id, found.name) and claim.speaker_entity:
                said.append((doc, claim))
            elif any(claim.start <= start and end <= claim.end for start, end, _ in spans):
                about.append((doc, claim))
        for event in owner.events:
            role = next(
                (r for r, named in (("actor", event.actors), ("target", event.targets))
                 if any(n.casefold() in names for n in named)),
                None,
            )  # fmt: skip
            if role:
                took_part.append((doc, event, role))
        for other in owner.entities:
            if other.id and other.id != entity_id:
                others.setdefault(other.id, (other.name, other.type, set()))[2].add(doc)
    documents.sort(key=lambda d: (d.published or date.max, d.doc))
    shared = sorted(
        ((other, name, kind, len(docs)) for other, (name, kind, docs) in others.items()),
        key=lambda row: (-row[3], row[1].casefold(), row[0]),
    )
    return EntityProfile(found, documents, said, about, took_part, shared)


@dataclass(frozen=True, slots=True)
class TimelineItem:
    """A dated event or claim on a timeline: its TIMEX3 date (`when`), the first and last day it covers, and its grain;
    whether the date is the report's own (`from_published`), whether the event is negated or hypothetical, and
    whether a story's analysis found its evidence disputed."""

    when: str
    first: date
    last: date
    precision: str
    kind: str
    text: str
    evidence: list[Statement]
    sources: list[str]
    from_published: bool = False
    negated: bool = False
    hypothetical: bool = False
    disputed: bool = False


def timeline(
    store: Store, story_id: str | None = None, since: date | None = None, until: date | None = None
) -> list[TimelineItem]:
    """Dated events and dated claims by date, of the corpus or of one story (id or unique prefix), those whose
    dates reach into [since, until]. A story's entries are its analysis's (merged across its articles, disputed
    when their evidence is in one of its conflicts), with its negated and hypothetical events added; the corpus's
    are every stored event with a date and every claim whose sentence dates it, one entry each."""
    items: list[TimelineItem] = []

    def add(entry: TimelineEntry, negated: bool = False, hypothetical: bool = False, disputed: bool = False) -> None:
        period = value_period(entry.date)
        if period is None or (since and period[1] < since) or (until and period[0] > until):
            return
        items.append(TimelineItem(entry.date, period[0], period[1], entry.precision, entry.kind, entry.text,
                                  entry.evidence, entry.sources, entry.date_from_published, negated, hypothetical,
                                  disputed))  # fmt: skip

    if story_id is not None:
        summary = story(store, story_id)
        if summary is None:
            return []
        analysed, found = analysed_story(store, summary), store.story_articles(summary.id)
        contested = [s for c in analysed.conflicts for s in [*c.a, *c.b]]
        for entry in analysed.timeline:
            add(entry, disputed=any(_overlaps(e, s) for e in entry.evidence for s in contested))
        by_id = {a.id: a for a in found}
        for article in found:
            for event in article.events:
                if event.date and (event.negated or event.hypothetical):
                    add(_event_entry(article, event, by_id), event.negated, event.hypothetical)
    else:
        items = [
            item for item in _corpus_timeline(store)
            if not (since and item.last < since) and not (until and item.first > until)
        ]  # fmt: skip
    return sorted(items, key=lambda i: (i.first, i.last, i.kind, i.text, i.evidence[0].doc if i.evidence else ""))


def _corpus_timeline(store: Store) -> list[TimelineItem]:
    """Every stored event with a date and every claim whose sentence dates it, one entry each (the corpus view
    "timeline": reading every article once per generation, not once per request)."""

    def compute() -> list[TimelineItem]:
        found: list[TimelineItem] = []
        for article in store.articles():
            own = {article.id: article}
            entries = [(_event_entry(article, e, own), e.negated, e.hypothetical) for e in article.events if e.date]
            entries += [(entry, False, False) for entry in dated_claims([article], own)]
            for entry, negated, hypothetical in entries:
                if (period := value_period(entry.date)) is not None:
                    found.append(TimelineItem(entry.date, period[0], period[1], entry.precision, entry.kind,
                                              entry.text, entry.evidence, entry.sources, entry.date_from_published,
                                              negated, hypothetical))  # fmt: skip
        return found

    def dump(items: list[TimelineItem]) -> str:
        return json.dumps([asdict(item) for item in items], ensure_ascii=False, default=date.isoformat)

    def load(text: str) -> list[TimelineItem]:
        return [
            TimelineItem(**{**row, "first": iso_day(row["first"]), "last": iso_day(row["last"]),
                            "evidence": statements_from_rows(row["evidence"])})  # fmt: skip
            for row in json.loads(text)
        ]

    return _corpus_view(store, "timeline", compute, dump, load)


def _event_entry(article: Article, event: Event, by_id: dict[str, Article]) -> TimelineEntry:
    evidence = event_statement(article, event, by_id)
    return TimelineEntry(event.date, event.date_precision or "", "event", event.summary or evidence.text,
                         [evidence], [evidence.source], event.date_from_published)  # fmt: skip


def _overlaps(a: Statement, b: Statement) -> bool:
    return a.doc == b.doc and a.start < b.end and b.start < a.end
