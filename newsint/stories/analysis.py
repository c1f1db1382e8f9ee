"""What a story's articles say together: corroborations, conflicts and the timeline, each entry with its evidence.

- **Corroboration by paraphrase.** Statements (claims, and sentences in an outlet's own voice) whose sentence
  embeddings are close (cosine ≥ PARAPHRASE; ≥ SAME_SPEAKER when the same entity speaks) join, by average
  linkage, into groups; a group counts when two independent sources say it (statements.py).
- **Stances and disputes** (in a story whose words are about conflict, `events.plausibility.topic`).
  Statements that take a side on a contested point (stances.py) corroborate the others on their side; when
  both sides are taken, by different sources, the point is a conflict with both sides. Who did it, who holds
  a place, whether it happened and how many are disputes between parties (disputes.py). A denial of what
  another source asserts is a conflict too, and so are event tolls at one place that differ.
- **Event corroboration.** One happening reported by independent sources, whoever each says did it.
- **Timeline.** Events (not negated, not hypothetical, dated) merge across articles when they share class and
  date and agree on place, each told by the sentence of its first report (an event's summary is a phrase of it,
  "of a winter offensive", too short to read alone); claims enter when the text dates the saying ("said on
  Tuesday").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from newsint.entities.names import fold
from newsint.events.dating import date_precision
from newsint.events.merge import same_happening
from newsint.events.plausibility import topic
from newsint.events.taxonomy import CLASSES
from newsint.model import Article, Conflict, Corroboration, Event, Span, Statement, Story, TimelineEntry
from newsint.stories.disputes import (
    background,
    disputes,
    feature_name,
    names,
    place_names,
    violent,
    with_parties,
)
from newsint.stories.parties import StoryParties, whole_word
from newsint.stories.stances import points, stance
from newsint.stories.statements import MIN_CLAIM_WORDS, article_statements, citation_label, sentence_at, source_of
from newsint.stories.vectors import statement_vectors
from newsint.temporal.normalize import value_period
from newsint.text.dateline import without_dateline

PARAPHRASE = 0.78
REPORT_DAYS = 2  # an event dated by its report's publication may have happened this many days before
TOLL_DAYS = 3  # death tolls of events at one place this many days apart are tolls of one event
SAME_SPEAKER = 0.65


def analyse_story(story_id: str, articles: Sequence[Article], label: str = "") -> Story:
    """The story of `articles` (any order) with its corroborations, conflicts and timeline."""
    ordered = sorted(articles, key=lambda a: (a.published is None, a.published or 0, a.id))
    by_id = {a.id: a for a in ordered}
    parties = StoryParties.of(ordered)
    statements = with_parties(ordered, [s for a in ordered for s in article_statements(a, by_id)], by_id, parties)
    focus = story_focus(ordered)
    corroborations = paraphrases(statements, by_id)
    # The contested points are those of war reporting: a story of another kind has none of them.
    war = about_war(ordered)
    stance_corroborations, conflicts = stance_groups(statements, by_id, focus) if war else ([], [])
    corroborations.extend(stance_corroborations)
    conflicts.extend(denials(corroborations) if war else [])
    places = place_names(ordered, parties)
    found = disputes(ordered, statements, by_id, parties, places)
    counted = {(c.kind, c.what) for c in found}
    # An event's toll and the figures of its dead are one count: the figures' dispute says it with its speakers.
    conflicts.extend(c for c in death_tolls(ordered, by_id) if ("count", c.what) not in counted)
    conflicts.extend(found)
    merged = merged_events(ordered, by_id, places)
    corroborations.extend(event_corroborations(merged))
    days = [a.published for a in ordered if a.published is not None]
    return Story(
        story_id,
        label or story_label(ordered),
        [a.id for a in ordered],
        min(days) if days else None,
        max(days) if days else None,
        sorted(corroborations, key=lambda c: -len(c.sources)),
        conflicts,
        timeline(ordered, by_id, merged),
    )


def story_label(articles: Sequence[Article], size: int = 3) -> str:
    """The names most articles of the story share (places before people and groups on ties)."""
    counts: Counter[str] = Counter()
    for article in articles:
        names = {m.place.name for m in article.places if m.place is not None and m.place.kind != "country"}
        names |= {e.name for e in article.entities if e.type in ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT")}
        counts.update(names)
    return ", ".join(name for name, _ in counts.most_common(size))


def story_focus(articles: Sequence[Article]) -> str:
    """The place most of the story's articles name, most often on ties (the city fought over, not its
    province), else the story's most shared name."""
    named_in: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for article in articles:
        names = [m.place.name for m in article.places if m.place is not None and m.place.kind != "country"]
        named_in.update(set(names))
        mentions.update(names)
    if named_in:
        return max(named_in, key=lambda name: (named_in[name], mentions[name], name))
    return story_label(articles, 1)


def _speaker_key(statement: Statement, by_id: dict[str, Article]) -> str:
    if statement.claim is None:
        return ""
    return by_id[statement.doc].claims[statement.claim].speaker_entity


def about_war(articles: Sequence[Article]) -> bool:
    """Whether a story is war reporting: its words are about conflict (`events.plausibility.topic`), or it has a
    battle or a strike and names armies at least twice."""
    text = " ".join(a.text for a in articles)
    if topic(text) == "conflict":
        return True
    kinds = {CLASSES[e.subtype].acled_type for a in articles for e in a.events if e.subtype in CLASSES}
    return bool(kinds & {"Battles", "Explosions/Remote violence"}) and len(_MILITARY.findall(text)) >= 2


_MILITARY = re.compile(r"\b(?:army|armies|troops|soldiers|military|commanders|artillery|frontline|front line)\b", re.I)


def independent_sources(statements: list[Statement]) -> list[str]:
    """The independent sources of some statements: one per party that speaks in them (two outlets quoting one
    ministry are one source), and one per outlet (or relayed outlet) for the rest."""
    return sorted({f"party:{s.party}" if s.party else s.source for s in statements})


def _parties(statements: list[Statement]) -> list[str]:
    return sorted({s.party for s in statements if s.party})


def paraphrases(statements: list[Statement], by_id: dict[str, Article]) -> list[Corroboration]:
    """Groups of statements from at least two independent sources that say the same thing (none to look for, and
    nothing to embed, when the story has one source)."""
    if len({s.source for s in statements}) < 2:
        return []
    vectors = statement_vectors(by_id, [(s.doc, s.start, s.text) for s in statements])
    similarity = vectors @ vectors.T
    speakers = [_speaker_key(s, by_id) for s in statements]
    docs = np.array([s.doc for s in statements])
    candidate = np.triu(similarity >= min(SAME_SPEAKER, PARAPHRASE), k=1) & (docs[:, None] != docs[None, :])
    groups: list[list[int]] = [[i] for i in range(len(statements))]
    group_of = list(range(len(statements)))
    pairs = []
    for i, j in zip(*np.nonzero(candidate), strict=True):
        bar = SAME_SPEAKER if speakers[i] and speakers[i] == speakers[j] else PARAPHRASE
        if similarity[i, j] >= bar:
            pairs.append((float(similarity[i, j]), int(i), int(j), bar))
    for _, i, j, bar in sorted(pairs, reverse=True):
        a, b = group_of[i], group_of[j]
        if a == b:
            continue
        linkage = float(np.mean(similarity[np.ix_(groups[a], groups[b])]))
        if linkage < bar:
            continue
        groups[a].extend(groups[b])
        for k in groups[b]:
            group_of[k] = a
        groups[b] = []
    found = []
    for members in groups:
        chosen = [statements[k] for k in sorted(members, key=lambda k: (statements[k].published is None, k))]
        sources = sorted({s.source for s in chosen})
        if len(sources) >= 2:
            found.append(Corroboration(chosen, sources, "", _parties(chosen)))
    return found


def stance_groups(
    statements: list[Statement], by_id: dict[str, Article], focus: str
) -> tuple[list[Corroboration], list[Conflict]]:
    """Per contested point, the statements of each side: a corroboration per side that two sources take, and a
    conflict where both sides are taken by different sources."""
    corroborations: list[Corroboration] = []
    conflicts: list[Conflict] = []
    for point in points():
        sides: dict[str, list[Statement]] = defaultdict(list)
        for statement in statements:
            side = stance(point, statement.text)
            if side:
                sides[side].append(statement)
        what = point.what.format(focus=focus or "the place")
        for side, members in sides.items():
            sources = sorted({s.source for s in members})
            if len(sources) >= 2:
                corroborations.append(Corroboration(members, sources, f"{what}: {point.says[side]}", _parties(members)))
        high, low = sides.get("high", []), sides.get("low", [])
        if high and low and {s.source for s in high} != {s.source for s in low}:
            conflicts.append(Conflict(what, high, low, point.says["high"], point.says["low"]))
    return corroborations, conflicts


@dataclass(frozen=True, slots=True)
class _Toll:
    dead: int
    place: str
    day: date
    statement: Statement


def event_statement(article: Article, event: Event, by_id: dict[str, Article]) -> Statement:
    """The event as its article tells it: its first evidence sentence (its trigger when it has none)."""
    span = event.evidence[0] if event.evidence else Span(event.trigger_start, event.trigger_end)
    text = article.text[span.start : span.end].strip()
    return Statement(article.id, span.start, span.end, text, source_of(article, None, by_id),
                     citation_label(article), article.published)  # fmt: skip


def death_tolls(articles: Sequence[Article], by_id: dict[str, Article]) -> list[Conflict]:
    """Different numbers of dead for events at one place within TOLL_DAYS, from different sources: the lowest
    toll against the highest (a toll that rose over the days shows here too, with both dates cited)."""
    tolls: list[_Toll] = []
    for article in articles:
        for event in article.events:
            period = value_period(event.date) if event.date else None
            if event.fatalities is None or event.place is None or period is None or event.negated or event.hypothetical:
                continue
            tolls.append(_Toll(event.fatalities, event.place.name, period[0], event_statement(article, event, by_id)))
    conflicts, used = [], set()
    for i, toll in enumerate(tolls):
        if i in used:
            continue
        same = [j for j, t in enumerate(tolls) if t.place == toll.place and abs((t.day - toll.day).days) <= TOLL_DAYS]
        counts = {tolls[j].dead for j in same}
        if len(counts) < 2 or len({tolls[j].statement.source for j in same}) < 2:
            continue
        used.update(same)
        low, high = min(counts), max(counts)
        a = [tolls[j].statement for j in same if tolls[j].dead == low]
        b = [tolls[j].statement for j in same if tolls[j].dead == high]
        conflicts.append(
            Conflict(f"how many were killed in {toll.place}", a, b, f"{low} killed", f"{high} killed", "count")
        )
    return conflicts


def denials(corroborations: list[Corroboration]) -> list[Conflict]:
    """A paraphrase group where one source denies what another asserts is a conflict, not a corroboration."""
    found = []
    for group in corroborations:
        denied = [s for s in group.statements if s.hedge == "denied"]
        asserted = [s for s in group.statements if s.hedge != "denied"]
        if denied and asserted and {s.source for s in denied} != {s.source for s in asserted}:
            found.append(Conflict(f"whether {asserted[0].text}", asserted, denied, "asserted", "denied", "denial"))
    return found


@dataclass(slots=True)
class _Entry:
    event: Event
    entry: TimelineEntry
    where: str  # the folded name of its place, "" when neither the event nor its sentence names one
    place: str = ""  # that place as written


def _compatible(a: Event, b: Event, where_a: str, where_b: str) -> bool:
    """Classes that may tell one happening (`events.merge.same_happening`: a killing joins the attack that
    caused it), the same date, and the same place; where a place is missing, no two disjoint lists of actors
    (or of targets)."""
    if not same_happening(a, b) or not _same_day(a, b, bool(where_a) and where_a == where_b):
        return False
    if where_a and where_b:
        # One class, day and place is one happening, whoever each report says did it.
        return where_a == where_b
    for first, second in ((a.actors, b.actors), (a.targets, b.targets)):
        if first and second and not _head_words(first) & _head_words(second):
            return False
    return True


def _same_day(a: Event, b: Event, same_place: bool) -> bool:
    """The same date; or, for an event dated only by its article's publication, any of the REPORT_DAYS before
    it that another report gives (a report comes after the event); or, at one place, two events dated only by
    publications REPORT_DAYS apart at most (two days' reports of one battle for a village)."""
    if a.date == b.date:
        return True
    if a.date_from_published and b.date_from_published and same_place:
        first, second = value_period(a.date), value_period(b.date)
        return first is not None and second is not None and abs((first[0] - second[0]).days) <= REPORT_DAYS
    if a.date_from_published == b.date_from_published:
        return False
    stood_in, told = (a, b) if a.date_from_published else (b, a)
    first, last = value_period(told.date), value_period(stood_in.date)
    if first is None or last is None:
        return False
    return 0 <= (last[0] - first[0]).days <= REPORT_DAYS


def _head_words(names: tuple[str, ...]) -> set[str]:
    """The last word of each name, folded: "3 civilians" and "Three civilians" share "civilians"."""
    return {name.split()[-1].casefold() for name in names if name.split()}


def _period_key(entry: TimelineEntry) -> tuple[date, date, str, str]:
    period = value_period(entry.date) or (date.max, date.max)
    return period[0], period[1], entry.kind, entry.text


def timeline(
    articles: Sequence[Article], by_id: dict[str, Article], merged: list[_Entry] | None = None
) -> list[TimelineEntry]:
    """Dated events merged across articles (`merged_events`, unless given), and dated claims, in date order."""
    events = merged_events(articles, by_id) if merged is None else merged
    entries = [m.entry for m in events] + dated_claims(articles, by_id)
    return sorted(entries, key=_period_key)


def event_corroborations(merged: list[_Entry]) -> list[Corroboration]:
    """Events that independent sources report, each in its own words: corroborated as events even when the
    sentences differ, and even when the sources disagree on who did it."""
    found = []
    for m in merged:
        sources = independent_sources(m.entry.evidence)
        # Two outlets printing one sentence are one report relayed (a syndicated story), not two reports.
        if len(sources) >= 2 and len({" ".join(s.text.split()) for s in m.entry.evidence}) >= 2:
            evidence = list(m.entry.evidence)
            found.append(Corroboration(evidence, sources, _event_name(m.event, m.place), _parties(evidence)))
    return found


def _event_name(event: Event, place: str) -> str:
    """What an event corroboration is about: "Shelling/artillery/missile attack in Harnesk on 2026-03-03"."""
    kind = CLASSES.get(event.subtype)
    name = (kind.acled_subtype or kind.plover) if kind else event.subtype
    return f"{name}{f' in {place}' if place else ''} on {event.date}"


def merged_events(
    articles: Sequence[Article], by_id: dict[str, Article], places: dict[str, str] | None = None
) -> list[_Entry]:
    """The story's dated events that happened, each merged with the same happening told by other articles;
    `places` are the story's place names (`disputes.place_names`), read from the articles when not given."""
    merged: list[_Entry] = []
    if places is None:
        places = place_names(articles, StoryParties.of(articles))
    for article in articles:
        main = _main_place(article, places)
        for event in article.events:
            if event.negated or event.hypothetical or not event.date or not date_precision(event.date):
                continue
            sentence = sentence_at(article, event.trigger_start)
            if event.date_from_published and sentence is not None and background(article, sentence):
                continue  # "In October 2025, a car bomb killed nine": no news of the day, whatever the parse dated
            evidence = event_statement(article, event, by_id)
            # A place the gazetteer does not know is still the place its sentence names ("in Harnesk"); a fight
            # told with no place at all ("units attacked at dawn") is at the place its article is about.
            written = event.place_text or (event.place.name if event.place else "")
            if not written:  # not the town of a dateline ("Port Averly - A bomb exploded in Lusanje")
                told = without_dateline(evidence.text)
                written = next((name for name in places.values() if names(told, name)), "")
            if not written and violent(event.subtype):
                written = main
            where = fold(written)
            same = next((m for m in merged if _compatible(m.event, event, m.where, where)), None)
            if same is None:
                entry = TimelineEntry(event.date, date_precision(event.date), "event", evidence.text, [evidence],
                                      [evidence.source], event.date_from_published)  # fmt: skip
                merged.append(_Entry(event, entry, where, feature_name(evidence.text, written)))
            else:
                same.entry.evidence.append(evidence)
                if evidence.source not in same.entry.sources:
                    same.entry.sources.append(evidence.source)
    return merged


def _main_place(article: Article, places: dict[str, str]) -> str:
    """The story place an article names most often, when one is named more often than any other."""
    counts = Counter({name: len(whole_word(name).findall(article.text)) for name in places.values()})
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return ""
    return ranked[0][0]


def dated_claims(articles: Sequence[Article], by_id: dict[str, Article]) -> list[TimelineEntry]:
    """Claims whose sentence dates the saying: a date expression outside the claim's own words."""
    entries = []
    for article in articles:
        for index, claim in enumerate(article.claims):
            sentence = sentence_at(article, claim.start)
            if sentence is None or not claim.speaker or len(claim.text.split()) < MIN_CLAIM_WORDS:
                continue
            when = next(
                (t for t in article.times if t.type == "DATE" and sentence.start <= t.start < sentence.end
                 and not claim.start <= t.start < claim.end and date_precision(t.value)),
                None,
            )  # fmt: skip
            if when is None:
                continue
            evidence = Statement(
                article.id, claim.start, claim.end, claim.text, source_of(article, claim, by_id),
                citation_label(article), article.published, claim.speaker, claim.hedge, index,
            )  # fmt: skip
            text = f"{claim.speaker} {claim.cue}: {claim.text}"
            entries.append(TimelineEntry(when.value, date_precision(when.value), "claim", text, [evidence],
                                         [evidence.source]))  # fmt: skip
    return entries
