"""Alert rules for `newsint watch --rules FILE`, checked on the articles each poll stored.

The rules are a TOML file with one table per rule under `[alerts]`; the table's name names the rule, and
exactly one of these keys says its kind:

```toml
[alerts.wagner]              # an entity, by its name or any name it is also written as
entity = "Wagner Group"

[alerts.near-kharkiv]        # a place named within `km` (default 25) of a point or of a named place
near = "Kharkiv"             # or near = [49.99, 36.23]  (latitude, longitude)
km = 50

[alerts.strikes]             # an event of a type, as `newsint events --type` reads it
event_type = ["Air/drone strike", "Shelling/artillery/missile attack"]
include_negated = false      # events reported as not having happened, or only threatened (default false)

[alerts.emerging]            # a story reaching `min_articles` articles (default 2: one article is no story yet)
new_story = true
min_articles = 2

[alerts.disputed]            # a conflict in a story that one of the poll's new articles takes part in
new_conflict = true

[alerts.casualties]          # a figure over a threshold: what it counts (part of the words) and optionally its unit
figure = "killed"
over = 100
unit = ""                    # "" for counts, or "USD", "%", "km", ...
```

Every match is one JSON object a line: `time`, `rule`, `kind`, `article` (id), `title`, `url`, `span`
([start, end] in the article's text, null for a story), `evidence` (the text of the span, or the story's
label), `story`, and what the kind adds (`entity`, `place` and `km`, `event`, `figure`, `conflict`, `a_says`,
`b_says`). Articles are read back through `newsint.query`, as every face reads them.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from newsint import query
from newsint.errors import ConfigError
from newsint.events.taxonomy import event_subtypes
from newsint.geo.resolve import distance_km
from newsint.model import Article, Place
from newsint.query import Store

KINDS = ("entity", "near", "event_type", "new_story", "new_conflict", "figure")
_OPTIONS = {
    "near": {"km"},
    "event_type": {"include_negated"},
    "new_story": {"min_articles"},
    "figure": {"over", "unit"},
}


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule: its name and kind, and the settings of that kind."""

    name: str
    kind: str
    text: str = ""  # entity name, place name, what a figure counts
    point: tuple[float, float] | None = None
    km: float = 25.0
    subtypes: frozenset[str] = frozenset()
    include_negated: bool = False
    min_articles: int = 2
    over: float = 0.0
    unit: str | None = None


def load_rules(path: Path) -> list[Rule]:
    """The rules of a TOML file's `[alerts]` table; ConfigError, naming the rule, for anything wrong."""
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("alerts")
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from None
    if not isinstance(table, dict) or not table:
        raise ConfigError(f"{path}: no [alerts] table with rules (see `newsint watch --help`)")
    return [_rule(f"{path}: rule {name!r}", name, spec) for name, spec in table.items()]


def _rule(where: str, name: str, spec: Any) -> Rule:
    if not isinstance(spec, dict):
        raise ConfigError(f"{where}: a rule is a table")
    kinds = [k for k in KINDS if k in spec]
    if len(kinds) != 1:
        raise ConfigError(f"{where}: give exactly one of {', '.join(KINDS)}")
    kind = kinds[0]
    unknown = set(spec) - {kind} - _OPTIONS.get(kind, set())
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)} for a {kind} rule")
    value = spec[kind]
    try:
        if kind == "entity" or kind == "figure":
            if not isinstance(value, str) or not value.strip():
                raise ConfigError(f"{where}: {kind} is a name")
            if kind == "figure" and "over" not in spec:
                raise ConfigError(f"{where}: a figure rule needs `over`")
            unit = spec.get("unit")
            return Rule(
                name, kind, value.strip(), over=float(spec.get("over", 0)), unit=None if unit is None else str(unit)
            )
        if kind == "near":
            km = float(spec.get("km", 25.0))
            if isinstance(value, str):
                return Rule(name, kind, value.strip(), km=km)
            lat, lon = (float(v) for v in value)
            return Rule(name, kind, f"{lat:.4f},{lon:.4f}", point=(lat, lon), km=km)
        if kind == "event_type":
            names = [value] if isinstance(value, str) else [str(v) for v in value]
            return Rule(name, kind, ", ".join(names), subtypes=frozenset(event_subtypes(names)),
                        include_negated=bool(spec.get("include_negated", False)))  # fmt: skip
        if value is not True:
            raise ConfigError(f"{where}: write {kind} = true")
        return Rule(name, kind, min_articles=int(spec.get("min_articles", 2)))
    except ConfigError as exc:
        raise ConfigError(f"{where}: {exc}" if not str(exc).startswith(where) else str(exc)) from None
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{where}: {exc}") from None


class Alerts:
    """Rules checked on each poll's new articles; matches written to `out` as JSON lines.

    A named place is looked up when the rules are prepared: among the places stored articles name, else in
    the gazetteer (the most populous entry of the name), so a misspelt place fails at start, not at a match.
    """

    def __init__(self, rules: list[Rule], store: Store, out: TextIO,
                 gazetteer: Callable[[str], Place | None] | None = None) -> None:  # fmt: skip
        self.rules = [_located(rule, store, gazetteer or _gazetteer_place) for rule in rules]
        self.out = out

    @property
    def wants_story_sizes(self) -> bool:
        return any(rule.kind == "new_story" for rule in self.rules)

    def story_sizes(self, store: Store) -> dict[str, int]:
        """Each story's size, read before a poll so that `check` can tell which stories it made."""
        return {s.id: s.size for s in query.stories(store)} if self.wants_story_sizes else {}

    def check(self, store: Store, ids: Collection[str], sizes_before: dict[str, int]) -> int:
        """Check every rule on the articles `ids` (just stored) and write the matches; returns how many."""
        articles = [a for a in (query.article(store, i) for i in ids) if a is not None]
        if not articles or not self.rules:
            return 0
        now = datetime.now(UTC).isoformat(timespec="seconds")
        count = 0
        for rule in self.rules:
            for alert in _matches(rule, store, articles, sizes_before):
                self.out.write(json.dumps({"time": now, "rule": rule.name, "kind": rule.kind, **alert},
                                          ensure_ascii=False) + "\n")  # fmt: skip
                count += 1
        self.out.flush()
        return count


def _located(rule: Rule, store: Store, gazetteer: Callable[[str], Place | None]) -> Rule:
    if rule.kind != "near" or rule.point is not None:
        return rule
    folded = rule.text.casefold()
    for summary in query.places(store):
        if summary.place.name.casefold() == folded or folded in (n.casefold() for n in summary.names):
            return _at(rule, summary.place)
    place = gazetteer(rule.text)
    if place is None:
        raise ConfigError(f"alert rule {rule.name!r}: no place named {rule.text!r}; give near = [lat, lon]")
    return _at(rule, place)


def _at(rule: Rule, place: Place) -> Rule:
    return Rule(rule.name, rule.kind, place.name, point=(place.lat, place.lon), km=rule.km)


def _gazetteer_place(name: str) -> Place | None:
    from newsint.geo.gazetteer import shared_gazetteer  # builds the gazetteer on first use: only when asked
    from newsint.geo.keys import place_key

    found = shared_gazetteer().lookup(place_key(name))
    return max(found, key=lambda p: p.population) if found else None


def _head(article: Article, start: int | None, end: int | None, evidence: str | None = None) -> dict[str, Any]:
    span = None if start is None or end is None else [start, end]
    text = evidence if evidence is not None else article.text[start:end] if span else ""
    return {"article": article.id, "title": article.title, "url": query.source_url(article) or article.source,
            "span": span, "evidence": text, "story": article.story}  # fmt: skip


def _matches(rule: Rule, store: Store, articles: list[Article], sizes: dict[str, int]) -> Iterator[dict[str, Any]]:
    if rule.kind == "entity":
        yield from _entity_matches(rule, store, articles)
    elif rule.kind == "near":
        yield from _place_matches(rule, articles)
    elif rule.kind == "event_type":
        for article in articles:
            for event in article.events:
                if event.subtype in rule.subtypes and (
                    rule.include_negated or not (event.negated or event.hypothetical)
                ):
                    span = event.evidence[0] if event.evidence else None
                    start, end = (span.start, span.end) if span else (event.trigger_start, event.trigger_end)
                    yield {**_head(article, start, end), "event": event.subtype, "summary": event.summary}
    elif rule.kind == "figure":
        yield from _figure_matches(rule, articles)
    elif rule.kind == "new_story":
        yield from _story_matches(rule, store, articles, sizes)
    else:
        yield from _conflict_matches(store, articles)


def _entity_matches(rule: Rule, store: Store, articles: list[Article]) -> Iterator[dict[str, Any]]:
    folded = rule.text.casefold()
    linked = {e.id for e in query.entities(store) if folded in {n.casefold() for n in (e.name, *e.aliases)}}
    for article in articles:
        for entity in article.entities:
            mention = next((m for m in entity.mentions if m.text.casefold() == folded), None)
            if entity.id in linked or entity.name.casefold() == folded or mention is not None:
                first = mention or (entity.mentions[0] if entity.mentions else None)
                yield {**_head(article, first.start if first else None, first.end if first else None),
                       "entity": entity.name, "entity_id": entity.id}  # fmt: skip
                break


def _place_matches(rule: Rule, articles: list[Article]) -> Iterator[dict[str, Any]]:
    assert rule.point is not None
    for article in articles:
        near = [(distance_km(rule.point, (m.place.lat, m.place.lon)), m) for m in article.places if m.place]
        within = [(km, m) for km, m in near if km <= rule.km]
        if within:
            km, mention = min(within, key=lambda pair: pair[0])
            assert mention.place is not None
            caption = mention.caption
            text = article.captions[caption][mention.start : mention.end] if caption is not None else None
            yield {**_head(article, mention.start, mention.end, text), "place": mention.place.name,
                   "km": round(km, 1), "caption": caption}  # fmt: skip


def _figure_matches(rule: Rule, articles: list[Article]) -> Iterator[dict[str, Any]]:
    folded = rule.text.casefold()
    for article in articles:
        for figure in article.figures:
            values = [v for v in (figure.value, figure.low, figure.high) if v is not None]
            if not values or max(values) <= rule.over:
                continue
            if rule.unit is not None and figure.unit.casefold() != rule.unit.casefold():
                continue
            if folded in figure.what.casefold() or folded == figure.unit.casefold():
                yield {**_head(article, figure.start, figure.end), "figure": max(values), "what": figure.what,
                       "unit": figure.unit}  # fmt: skip


def _story_matches(
    rule: Rule, store: Store, articles: list[Article], sizes: dict[str, int]
) -> Iterator[dict[str, Any]]:
    after = {s.id: s for s in query.stories(store)}
    reported: set[str] = set()
    for article in reversed(articles):  # the latest article that brought the story to its size
        story = after.get(article.story or "")
        if story is None or story.id in reported:
            continue
        if sizes.get(story.id, 0) < rule.min_articles <= story.size:
            reported.add(story.id)
            yield {**_head(article, None, None, story.label), "size": story.size, "outlets": story.outlets}


def _conflict_matches(store: Store, articles: list[Article]) -> Iterator[dict[str, Any]]:
    new = {a.id: a for a in articles}
    for story_id in dict.fromkeys(a.story for a in articles if a.story):
        summary = query.stories(store, story_id=story_id)
        if not summary:
            continue
        for conflict in query.analysed_story(store, summary[0]).conflicts:
            side = next((s for s in (*conflict.a, *conflict.b) if s.doc in new), None)
            if side is not None:
                yield {**_head(new[side.doc], side.start, side.end, side.text), "conflict": conflict.what,
                       "a_says": conflict.a_says, "b_says": conflict.b_says}  # fmt: skip
