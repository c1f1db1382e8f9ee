"""Score cross-document event timelines the SemEval-2015 Task 4 way (TimeLine, Track A), beside a baseline.

The task's data, its readers and its metric are in `newsint.evaluation.timeline_data`.

System (Track A). Each document runs through the newsint pipeline (of the configured stages, those that shape the
text and those read here: clean to language, nlp, entities, times), sentence 0 as the title, every other sentence a
paragraph, the DCT as the publication date. The CAT tokens are carried over to the cleaned text by a character
alignment. A target's mentions are the mentions of the pipeline entities that name it (`names_target`), its name
where no other entity covers it, and for a person "he", "him", "his" when the person named last before the pronoun
is the target. The events of a mention are the verb
governing it, the verbs sharing it as subject (complement, conjunct, participle clause), a participle clause on it
("Jobs, born in ...") and an event noun on the way up ("the launch of the iTunes Store"), with a verb particle
("took_off"). An event's anchor is the DATE expression of its own clause (the times stage's TIMEX3 value cut to
YYYY, YYYY-MM or YYYY-MM-DD, as the gold files write them; a week becomes its month), else the anchor of the verb
it depends on, else for a past-tense verb the news day (a day the lead sentence gives, within a week before the
DCT), else the DCT. Equal anchors share an ordering number; rows are listed by anchor, document and position.
The baseline: each sentence where the target's name appears literally gives its first verb, anchored to the DCT.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, Token

from newsint.entities.names import name_key
from newsint.errors import StageError
from newsint.evaluation.timeline_data import Timeline, TimelineDocument, TimelineRow, read_corpus, score_timelines
from newsint.evaluation.tokens import detokenise
from newsint.model import Article, Entity, Provenance
from newsint.pipeline import Pipeline
from newsint.settings import Settings, load_settings

UNKNOWN_DATE = "XXXX-XX-XX"
_STAGES = frozenset({"clean", "split", "boilerplate", "metadata", "language", "nlp", "entities", "times"})


# --- running the pipeline ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Analysed:
    """A document after the pipeline: the articles it gave, and per article the (start, end, token index) of each
    CAT token found in its text, in text order."""

    document: TimelineDocument
    articles: list[Article]
    spans: list[list[tuple[int, int, int]]]

    def token_at(self, article: int, offset: int) -> int | None:
        """The index of the CAT token at a character offset of article number `article`, if any."""
        spans = self.spans[article]
        i = bisect.bisect_right([start for start, _, _ in spans], offset) - 1
        return spans[i][2] if i >= 0 and offset < spans[i][1] else None


def _layout(document: TimelineDocument) -> tuple[str, str, list[tuple[int, int, int]]]:
    """The title (sentence 0), the body (a paragraph per sentence) and each body token's span in the body."""
    by_sentence: dict[int, list[int]] = defaultdict(list)
    for index, token in enumerate(document.tokens):
        by_sentence[token.sentence].append(index)
    numbers = sorted(by_sentence)
    title, _ = detokenise([document.tokens[i].text for i in by_sentence[numbers[0]]])
    paragraphs, spans, offset = [], [], 0
    for indexes in (by_sentence[n] for n in numbers[1:]):
        text, starts = detokenise([document.tokens[i].text for i in indexes])
        for start, i in zip(starts, indexes, strict=True):
            spans.append((offset + start, offset + start + len(document.tokens[i].text), i))
        paragraphs.append(text)
        offset += len(text) + 2
    return title, "\n\n".join(paragraphs), spans


def _align(raw: str, text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Carry spans of `raw` over to `text`, its cleaned form; a token the cleaning removed or changed is left out."""
    blocks = difflib.SequenceMatcher(None, raw, text, autojunk=False).get_matching_blocks()
    starts = [a for a, _, _ in blocks]
    aligned = []
    for start, end, index in spans:
        a, b, size = blocks[max(0, bisect.bisect_right(starts, start) - 1)]
        if a <= start and end <= a + size:
            aligned.append((start - a + b, end - a + b, index))
    return aligned


def analyse(documents: list[TimelineDocument], settings: Settings | None = None) -> list[Analysed]:
    """Run each document through the pipeline, its creation time as publication date, and align its tokens."""
    settings = settings or load_settings(None)
    pipeline = Pipeline.build(dataclasses.replace(settings, stages=tuple(s for s in settings.stages if s in _STAGES)))
    results = []
    for document in documents:
        title, body, spans = _layout(document)
        article = Article(raw=body, source=document.id, provenance=Provenance(document.id, ""), title=title)
        article.published = _day(document.created)
        try:
            articles = pipeline.process(article)
        except StageError:  # one document the pipeline fails on places no events; the run goes on
            articles = []
        results.append(Analysed(document, articles, [_align(body, a.text, spans) for a in articles]))
    return results


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- the Track A system ----------------------------------------------------------------------------------------

_EVENT_NOUNS = frozenset(
    """launch release sale sales death suit lawsuit case dispute deal decision announcement appearance purchase
    leave absence introduction demand keynote speech statement talk interview trial ruling resignation departure
    reduction acquisition agreement settlement win loss growth decline rise fall pre-orders orders shipment
    unveiling debut update upgrade return farewell invitation breach""".split()
)
_EVENT_SUFFIXES = ("tion", "sion", "ment", "ance", "ence")
_SUBJECTS = frozenset({"nsubj", "nsubj:pass", "csubj"})
_DEPENDENT_CLAUSES = frozenset({"conj", "xcomp", "advcl"})
_PARTICLES = frozenset({"compound:prt", "prt"})
_HE = frozenset({"he", "him", "his"})
_NEWS_DAYS = 7
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _is_verb(token: Token) -> bool:
    return token.pos_ == "VERB" or (token.tag_.startswith("VB") and token.pos_ != "AUX")


def _is_event_noun(token: Token) -> bool:
    word = token.lower_
    return token.pos_ == "NOUN" and (word in _EVENT_NOUNS or (len(word) > 6 and word.endswith(_EVENT_SUFFIXES)))


def _distinctive(target: str) -> list[str]:
    """The name words of a target, its common nouns left out: "iTunes store" is named by "iTunes"."""
    return [w for w in target.split() if not w.islower()] or target.split()


def _name_pattern(words: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words)) + r"(?![\w-])", re.IGNORECASE)


def _contains(words: list[str], part: list[str]) -> bool:
    return any(words[i : i + len(part)] == part for i in range(len(words) - len(part) + 1))


def names_target(entity: Entity, target: str) -> bool:
    """Whether a pipeline entity names the target: the same name, with or without the target's common nouns; a
    name of two words or more inside it ("Apple Corps" of "Beatles Apple Corps"); a person's one name alone."""
    wanted = name_key(target).split()
    for name in {entity.name, *entity.aliases}:
        words = name_key(name).split()
        if words in (wanted, name_key(" ".join(_distinctive(target))).split()) or (
            len(words) >= 2 and _contains(wanted, words)
        ):
            return True
        if entity.type == "PERSON" and len(words) == 1 and len(wanted) == 2 and words[0] in wanted:
            return True
    return False


def mention_spans(article: Article, doc: Doc, target: str) -> list[tuple[int, int]]:
    """Where an article names the target (see the module docstring)."""
    naming = [e for e in article.entities if names_target(e, target)]
    spans = {(m.start, m.end) for e in naming for m in e.mentions}
    others = [(m.start, m.end) for e in article.entities if e not in naming for m in e.mentions if m.how != "role"]
    for match in _name_pattern(_distinctive(target) if naming else target.split()).finditer(article.text):
        if not any(s <= match.start() and match.end() <= e and (s, e) != match.span() for s, e in others):
            spans.add(match.span())  # "iPod", but not inside "iPod nano"
    if any(e.type == "PERSON" for e in naming):
        named = sorted(
            (m.start, e in naming)
            for e in article.entities
            if e.type == "PERSON"
            for m in e.mentions
            if m.how != "role"
        )
        for token in doc:
            last = bisect.bisect_left(named, (token.idx, False)) - 1
            if token.lower_ in _HE and last >= 0 and named[last][1]:
                spans.add((token.idx, token.idx + len(token)))
    return sorted(spans)


def _head(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _shares_subject(verb: Token) -> bool:
    return _is_verb(verb) and not any(c.dep_ in _SUBJECTS for c in verb.children)


def event_tokens(head: Token) -> list[Token]:
    """The words of the events a mention (its head token) takes part in."""
    found = [c for c in head.children if c.dep_ in ("acl", "acl:relcl") and _is_verb(c)]
    token = head
    while token.head.i != token.i:
        token, below = token.head, token
        if _is_verb(token):
            found.append(token)
            if below.i == head.i and head.dep_ in _SUBJECTS:
                for child in token.children:  # "plans to sell", "and then sold", ", saying"
                    if (child.dep_ in ("xcomp", "conj") or child.dep_ == "advcl" and child.tag_ == "VBG") and (
                        _shares_subject(child)
                    ):
                        found += [child, *(c for c in child.children if c.dep_ == "conj" and _shares_subject(c))]
            break
        if _is_event_noun(token) and below.dep_ in ("nmod", "nmod:poss", "compound"):
            found.append(token)
    return found


def _governor(token: Token) -> Token | None:
    while token.head.i != token.i:
        token = token.head
        if _is_verb(token) or _is_event_noun(token):
            return token
    return None


def anchor_value(value: str) -> str | None:
    """A TIMEX3 value as a timeline anchor: YYYY, YYYY-MM or YYYY-MM-DD (a week becomes the month of its Thursday,
    a season or quarter its year); None for values without a year (durations, PRESENT_REF, XXXX-WXX-4)."""
    week = re.match(r"(\d{4})-W(\d{2})$", value)
    if week:
        thursday = date.fromisocalendar(int(week.group(1)), int(week.group(2)), 4)
        return f"{thursday.year:04d}-{thursday.month:02d}"
    match = re.match(r"\d{4}(?:-\d{2}(?:-\d{2})?)?(?!\d)", value)
    return match.group(0) if match else None


def news_day(article: Article) -> str | None:
    """The day the lead sentence gives the news ("On Monday, Apple unveiled ..."): its first date of day precision
    within a week before publication."""
    lead, published = (article.sentences[0] if article.sentences else None), article.published
    for expr in article.times:
        day = _day(expr.value) if expr.type == "DATE" and _DAY.fullmatch(expr.value) else None
        if lead and published and day and expr.start < lead.end and 0 <= (published - day).days <= _NEWS_DAYS:
            return expr.value
    return None


def event_anchor(article: Article, doc: Doc, event: Token) -> str:
    """The date of the event's clause; else the anchor of the verb it depends on as conjunct, complement or
    participle; else the news day for a past-tense verb; else the creation time."""
    sentence = event.sent
    for expr in article.times:
        value = anchor_value(expr.value) if expr.type == "DATE" else None
        if value and sentence.start_char <= expr.start < sentence.end_char:
            head = _head(doc, expr.start, expr.end)
            governor = _governor(head) if head is not None else None
            if governor is not None and governor.i == event.i:
                return value
    if event.dep_ in _DEPENDENT_CLAUSES and event.head.i != event.i and _is_verb(event.head):
        return event_anchor(article, doc, event.head)
    day = news_day(article) if event.tag_ == "VBD" else None
    return day or _created(article)


def _created(article: Article) -> str:
    return article.published.isoformat() if article.published else UNKNOWN_DATE


def _event_string(analysed: Analysed, part: int, token: Token) -> tuple[str, int] | None:
    """`docid-sentence-word` of a parse token (with its particle: "took_off"), and its CAT token index."""
    index = analysed.token_at(part, token.idx)
    if index is None:
        return None
    words = [analysed.document.tokens[index].text.lower()]
    for particle in (c for c in token.children if c.dep_ in _PARTICLES and c.i > token.i):
        at = analysed.token_at(part, particle.idx)
        words += [analysed.document.tokens[at].text.lower()] if at is not None else []
    return f"{analysed.document.id}-{analysed.document.tokens[index].sentence}-{'_'.join(words)}", index


def _events(article: Article, doc: Doc, target: str, baseline: bool) -> list[tuple[Token, str]]:
    """The target's events in one article with their anchors, by our system or by the baseline."""
    if baseline:
        matches = _name_pattern(target.split()).finditer(article.text)
        found = (doc.char_span(*m.span(), alignment_mode="expand") for m in matches)
        sentences = {span.sent.start: span.sent for span in found if span is not None}
        verbs = (next((t for t in sentence if _is_verb(t)), None) for sentence in sentences.values())
        return [(verb, _created(article)) for verb in verbs if verb is not None]
    heads = (_head(doc, start, end) for start, end in mention_spans(article, doc, target))
    return [(t, event_anchor(article, doc, t)) for head in heads if head is not None for t in event_tokens(head)]


def build_timeline(corpus: list[Analysed], target: str, baseline: bool = False) -> Timeline:
    """The target entity's timeline over the corpus: its events, ordered by anchor, document and position."""
    events: dict[str, tuple[str, int, int]] = {}
    for number, analysed in enumerate(corpus):
        for part, article in enumerate(analysed.articles):
            doc = article.analysis
            for token, anchor in _events(article, doc, target, baseline) if doc is not None else []:
                found = _event_string(analysed, part, token)
                if found is not None and found[0] not in events:
                    events[found[0]] = (anchor, number, found[1])
    ordered = sorted(events, key=events.__getitem__)
    ranks = {anchor: rank for rank, anchor in enumerate(sorted({a for a, _, _ in events.values()}), start=1)}
    return Timeline(target, tuple(TimelineRow(ranks[events[e][0]], events[e][0], (e,)) for e in ordered))


def evaluate_timelines(path: Path, settings: Settings | None = None) -> dict[str, Any]:
    """Track A on a task folder: our timelines and the baseline's, scored against the gold ones.

    Returns micro-averaged precision, recall and F1, the number of timelines, documents, gold events and events
    placed, per-timeline figures, and the baseline's figures in the same terms.
    """
    documents, gold = read_corpus(path)
    corpus = analyse(documents, settings)
    figures: dict[str, Any] = {}
    for system, baseline in (("newsint", False), ("baseline", True)):
        timelines = {name: build_timeline(corpus, reference.entity, baseline) for name, reference in gold.items()}
        scores = score_timelines(timelines, gold)
        scores["events"] = sum(len(r.events) for t in timelines.values() for r in t.rows)
        figures[system] = scores
    ours = figures["newsint"]
    return {
        "precision": ours["precision"],
        "recall": ours["recall"],
        "f1": ours["f1"],
        "timelines": len(gold),
        "documents": len(documents),
        "documents_failed": sum(not analysed.articles for analysed in corpus),
        "gold_events": sum(len(r.events) for t in gold.values() for r in t.rows if r.order),
        "events": ours["events"],
        "per_timeline": ours["per_timeline"],
        "baseline": {k: figures["baseline"][k] for k in ("precision", "recall", "f1", "events")},
    }
