"""The document model: one typed Article that owns its text, and the spans that point into it.

Every later annotation is a character span into `Article.text`, so any fact can be shown
highlighted in the passage it came from. This module holds data only, no behaviour beyond
small derived values.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from spacy.tokens import Doc

_WS = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range [start, end) into `Article.text`, with an optional label."""

    start: int
    end: int
    label: str = ""

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Removed:
    """A part of the raw input that cleaning took out, kept so the cleaning can be audited."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an article came from: the input file, its sha256, and where inside it.

    `locator` names the place in the raw input: "line 3" of a JSONL file, "record 2 @ 1024"
    of a WARC file, "item 4" of a feed, "member a.html" of a zip archive; empty for a whole file.
    """

    input_path: str
    sha256: str
    locator: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """One place where an entity is named: a span of `Article.text` and how it was found.

    `how` is "ner" (a span the entity model found; surnames and acronyms among them are joined to the
    full name by the entity stage) or "role" (a description the article gave the entity, such as "the
    Wagner chief"). `score` is the model's confidence, when it gives one.
    """

    start: int
    end: int
    text: str
    how: str = "ner"
    score: float | None = None


@dataclass(slots=True)
class Entity:
    """A person, organisation, place or other name as one article mentions it.

    `name` is the fullest form the article uses; `type` is PERSON, ORG, LOC or MISC; `roles` are
    descriptions the article attaches ("Ukrainian president"); `id` is the cross-document entity
    it was linked to, so the same person has one id in every article.
    """

    name: str
    type: str
    mentions: list[Mention]
    roles: list[str] = field(default_factory=list)
    id: str = ""

    @property
    def aliases(self) -> list[str]:
        """Distinct written forms of the name in this article (roles excluded)."""
        return sorted({m.text for m in self.mentions if m.how != "role"})


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry a place mention resolved to: where it is and what kind of place it is.

    `kind` is country, region (first-level division: oblast, state), district (second level: county,
    raion), city, town, village, area (Donbas, Crimea: regions without one administrative body) or
    feature; `geonames_id` is the GeoNames id when the entry has one, `admin1` the region's name and `admin2` the
    second-level division's (a district's own name; a town's district where the gazetteer knows it, else "").
    """

    name: str
    lat: float
    lon: float
    kind: str
    country: str = ""
    admin1: str = ""
    geonames_id: int | None = None
    population: int = 0
    admin2: str = ""


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A span that names a place, and the entry it resolved to.

    The span is in `Article.text`, or in `Article.captions[caption]` when `caption` is set (a photo
    caption is often the only place a village is named). `place` is None when nothing fits; `reason`
    then says why, so an unresolved name is still kept and shown. A name with no entry of its own may
    instead be placed at the article's main place (one the text names by its own name; never a place
    reached only through another unknown or alternate name), with score 0 and a `reason` saying so. `how` is
    "entity" (a LOC entity) or "demonym" ("Ukrainian" → Ukraine); `entity` is the article's entity id
    when there is one; `score` is the confidence of the choice between namesakes (0.5: a coin toss, near
    1: clear).
    """

    start: int
    end: int
    text: str
    place: Place | None
    how: str = "entity"
    entity: str = ""
    reason: str = ""
    score: float = 0.0
    caption: int | None = None


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression in `Article.text` normalised to a TIMEX3 value.

    `type` is DATE, TIME, DURATION or SET; `value` follows TIMEX3 ("2023-03-09", "2023-02",
    "2023-W10", "P6M", "PRESENT_REF"), with X for what the text leaves open ("XXXX-WXX-4" for
    "on Thursday" when the publication date is unknown); `mod` is the TIMEX3 modifier (MID, START,
    END, APPROX, BEFORE, AFTER, ...); `anchored` says whether the value was computed from the
    publication date rather than read from the expression alone.
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str = ""
    anchored: bool = False


# What a figure counts or measures: people killed or hurt, weapons fired or downed, people displaced or cut off
# (from power, water, homes), buildings damaged; money, distance, area, duration, weight and other measures; a
# share (%), a ratio ("one in three") and a plain count of anything else.
FIGURE_KINDS = (
    "casualties", "weapons", "affected", "damage", "money", "distance", "area", "duration", "share", "ratio",
    "measure", "count",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Figure:
    """A number in `Article.text` and what it counts.

    `value` is a single number; a range ("between 20,000 and 30,000") sets `low` and `high` instead.
    `qualifier` is the hedge on the number ("at least", "up to", "around", "between", "a few");
    `unit` is a currency, percent or measure ("USD", "%", "km") and empty for counts; `what` is the noun
    phrase counted ("Russian troops killed or injured"). A rate or ratio ("1,200 per day", "five soldiers
    for every Ukrainian killed") sets `per` (the denominator, usually 1) and `per_what` ("day",
    "Ukrainian killed"). `claim` is the index in `Article.claims` of the claim the figure sits in.
    `kind` is what sort of amount it is (one of FIGURE_KINDS: "casualties", "weapons", "money", "distance",
    "duration", ...; empty when unknown) and `phrase` the amount with what it counts as the text words it
    ("hundreds of millions of dollars' worth of missiles", "some 1,000 km from the front line"), empty
    when nothing counted was found.
    """

    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = ""
    unit: str = ""
    what: str = ""
    per: float | None = None
    per_what: str = ""
    claim: int | None = None
    kind: str = ""
    phrase: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement the article attributes to someone, with its speaker, its path and how sure it is.

    The span (`start`, `end`, `text`) is the content: the quoted words, or the reported clause.
    `direct` is True for a quotation. `cue` is the verb or phrase that attributes it ("said",
    "according to"), at `cue_start`..`cue_end`. `speaker` is the speaker as written (a name, or a
    description such as "Western officials"; for a pronoun, the words that named the speaker before),
    and `speaker_start`..`speaker_end` is where the source stands in the text (the pronoun itself; None
    when the claim has no named source); `speaker_entity` is the id of the article's entity it resolved to
    (through a pronoun or a role when need be). `via` is how the claim reached the article,
    nearest first ("in an interview published by a Rome daily", "told Reuters"), the outlet last.
    `hedge` is one of HEDGES, with the words that set it at `hedge_start`..`hedge_end` (None for
    `certain`, which no cue marks).
    """

    start: int
    end: int
    text: str
    direct: bool
    cue: str
    cue_start: int
    cue_end: int
    speaker: str = ""
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_entity: str = ""
    via: tuple[str, ...] = ()
    hedge: str = "certain"
    hedge_cue: str = ""
    hedge_start: int | None = None
    hedge_end: int | None = None


# Certainty grades of a claim, from the speaker's plain assertion to a denial.
HEDGES = ("certain", "probable", "possible", "estimate", "claimed", "reported", "denied")


@dataclass(frozen=True, slots=True)
class Event:
    """Something the article reports as having happened (or announced, decided, threatened), with its evidence.

    `subtype` is the event class (ACLED's 25 sub-types under CASE 2021 names, such as "ART_MISS_ATTACK",
    plus "DIPLO", "ATTRIB", "ORG_CRIME", "NATURAL_DISASTER" and "MAN_MADE_DISASTER"); `newsint.events.taxonomy`
    maps it to ACLED's event type and sub-type and to a PLOVER class. `trigger` is the word that reports it,
    at `trigger_start`..`trigger_end`, and `score` the classifier's confidence. `actors` and `targets` are
    the canonical names of the entities involved, or descriptions ("Russian forces") when no entity is named.
    `place` is the most specific place the sentence names. `date` is a TIMEX3 value with its precision
    ("day", "month", "year", ...); `date_from_published` says that the text gave no date and the
    publication date stands in; an ongoing state ("the battle has been raging for months") has no date.
    `fatalities` is the number killed when stated; `figures` indexes `Article.figures` in the evidence.
    `evidence` lists the sentences that report the event: more than one when the article tells it again.
    """

    subtype: str
    trigger: str
    trigger_start: int
    trigger_end: int
    evidence: tuple[Span, ...]
    score: float = 0.0
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    place: Place | None = None
    place_text: str = ""
    date: str = ""
    date_precision: str = ""
    date_from_published: bool = False
    fatalities: int | None = None
    figures: tuple[int, ...] = ()
    negated: bool = False
    hypothetical: bool = False
    summary: str = ""


@dataclass(slots=True)
class Article:
    """One news article: reader metadata, the raw text, and what the stages add.

    Readers fill `raw`, `source`, `provenance` and whatever metadata the input carries;
    the clean stage fixes `text` and `id`; later stages only add spans into `text`. `embedding` is the
    article's sentence embedding (384 float32 values, as bytes), by which stories compare articles, and
    `sentence_vectors` those of its sentences (float16 rows, one per sentence), by which a story's statements
    are compared (newsint/stories/vectors.py); `story`
    is the id of the story it joined, and `story_score` how well it fitted (cosine plus shared names, see
    newsint/stories/cluster.py; None when it opened the story or copies an article of it). `site` is the
    domain or outlet the article came from and `line_keys` the hashed short lines it arrived with, by which
    the boilerplate stage learns what a site prints on every page (newsint/text/sitechrome.py).
    """

    raw: str
    source: str
    provenance: Provenance
    id: str = ""
    outlet: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    published_method: str | None = None
    published_confidence: float = 0.0
    language: str | None = None
    text: str = ""
    paragraphs: list[Span] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    duplicate_of: str | None = None
    duplicate_similarity: float | None = None
    fingerprint: bytes | None = None
    site: str | None = None
    line_keys: bytes | None = None
    embedding: bytes | None = None
    story: str | None = None
    story_score: float | None = None
    meta: dict[str, str] = field(default_factory=dict)
    sentences: list[Span] = field(default_factory=list)
    sentence_vectors: bytes | None = None
    entities: list[Entity] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # The spaCy Doc of `text`, kept in memory for later stages of the same run; never stored.
    analysis: Doc | None = field(default=None, repr=False, compare=False)

    def span_text(self, span: Span) -> str:
        return self.text[span.start : span.end]

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(slots=True)
class StoryKeys:
    """What story assignment reads from an article (newsint/stories/cluster.py: story_keys)."""

    doc: str
    vector: np.ndarray
    names: dict[str, int]
    day: date | None
    display: dict[str, str] = field(default_factory=dict)  # key → the name a label may show (places, people, groups)


@dataclass(slots=True)
class StoryState:
    """A story as assignment sees it: summed unit vectors, how many of its articles name each key, its dates.

    Sums and counts only, so the store keeps it as it is and assignment goes on from it in the next run.
    """

    id: str
    vector_sum: np.ndarray
    size: int = 0
    names: Counter[str] = field(default_factory=Counter)
    start: date | None = None
    end: date | None = None
    display: dict[str, str] = field(default_factory=dict)

    def add(self, keys: StoryKeys) -> None:
        self.vector_sum = self.vector_sum + keys.vector
        self.size += 1
        self.names.update(keys.names.keys())
        for name in keys.names:
            if name in keys.display:
                self.display.setdefault(name, keys.display[name])
        if keys.day is not None:
            self.start = min(self.start or keys.day, keys.day)
            self.end = max(self.end or keys.day, keys.day)

    @property
    def centroid(self) -> np.ndarray:
        norm = float(np.linalg.norm(self.vector_sum))
        return self.vector_sum / norm if norm else self.vector_sum


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing an article says, as stories compare it across outlets: a claim, or a sentence in the outlet's voice.

    `doc`, `start`, `end` locate it in the article's text; `speaker` is empty for the outlet's own voice.
    `source` is the independent report it belongs to: articles that relay each other (near-duplicates, or a
    claim whose `via` names another outlet) share one, so counting sources counts independent reports.
    `outlet` is the label a citation shows (the outlet, else the site or the input file), `published` the
    article's date. `claim` is the claim's index in `Article.claims`, None for an own-voice sentence. `party`
    is the side its speaker speaks for (a state, an armed group, a third party; see stories/parties.py), "" when
    the text does not tell: two outlets quoting one party are one source on the point, not two.
    """

    doc: str
    start: int
    end: int
    text: str
    source: str
    outlet: str
    published: date | None = None
    speaker: str = ""
    hedge: str = "certain"
    claim: int | None = None
    party: str = ""


@dataclass(slots=True)
class Corroboration:
    """Statements of one story that say the same thing, and how many independent sources say it.

    `what` names the point when the statements agree on a stance (see newsint/stories/stances.toml) or the event
    they report, and is empty when they are paraphrases of one statement. `sources` are the independent reports
    (outlets); `parties` the sides whose speakers say it: several outlets quoting one side is a claim of that
    side only, not corroboration between sides.
    """

    statements: list[Statement]
    sources: list[str]
    what: str = ""
    parties: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Conflict:
    """Two sides of a story that disagree: who did it, who holds a place, whether it happened, how many, or a
    contested assessment. `what` says what they disagree about; `a_says` and `b_says` sum up each side; `kind`
    is one of CONFLICT_KINDS; `third` holds what third parties (monitors, UN agencies, NGOs) say on it."""

    what: str
    a: list[Statement]
    b: list[Statement]
    a_says: str
    b_says: str
    kind: str = "stance"
    third: list[Statement] = field(default_factory=list)


# What two sides of a story can disagree about.
CONFLICT_KINDS = ("responsibility", "control", "occurrence", "count", "stance", "denial")


@dataclass(slots=True)
class TimelineEntry:
    """A dated event or claim of a story, merged across the articles that report it.

    `date` is a TIMEX3 value and `precision` its grain ("day", "month", ...); `kind` is "event" or "claim";
    `text` is the entry's summary, and `evidence` the statements (spans) that report it.
    """

    date: str
    precision: str
    kind: str
    text: str
    evidence: list[Statement]
    sources: list[str]
    date_from_published: bool = False


@dataclass(slots=True)
class Story:
    """Articles about one unfolding event or issue, and what they say together.

    `label` names it by its key entities, places and event; `start` and `end` span its articles' dates.
    `corroborations`, `conflicts` and `timeline` are filled by `newsint.stories.analysis`.
    """

    id: str
    label: str
    docs: list[str]
    start: date | None = None
    end: date | None = None
    corroborations: list[Corroboration] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)


def content_id(title: str | None, text: str) -> str:
    """A stable id from what the article says, so re-ingesting the same article changes nothing.

    Case and whitespace are folded so that a re-scrape differing only in layout is the same article.
    """
    folded = _WS.sub(" ", f"{title or ''}\n{text}").strip().casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()[:16]
