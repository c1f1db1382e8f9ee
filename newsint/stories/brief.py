"""The cited briefing: a situation report on one story, composed from extracted facts, every sentence cited.

`render_brief(story, articles, format)` writes Markdown ("md") or HTML ("html"): the story's label, a one-line
scope, then Key developments, Timeline, Corroborated, Disputed, Figures, Claimed by one side only and Open
questions, each left out when it has nothing to say. Nothing is generated: a sentence is a fixed template
around words taken from the articles (quoted verbatim in “…”) and the summaries `newsint.stories.analysis`
wrote. Every sentence is a `_Sentence` made of clauses, and a clause cannot exist without evidence spans, so
an uncited sentence cannot be rendered; a fact whose spans do not resolve is left out.

A citation reads `[outlet, YYYY-MM-DD]` (`citation_label`, "n.d." without a date); an article whose outlet is
unknown is cited as "outlet unknown (article N)", numbered by date within the brief (then in the store's order, as
the story listing numbers them: `statements.numbered_unknown`), so two such articles stay two
reports and no input file's name is ever shown as a source. One citation per label and sentence, with the
numbers of its spans: `[Reuters, 2023-03-06][1][4]` in Markdown, linked numbers in HTML.
The Evidence list at the end resolves each number to the article id, the character offsets and the span
`article.text[start:end]` quoted. All text taken from the articles is escaped: in HTML as HTML; in Markdown
(`_md`) `<`, `>` and `&` as HTML too, so a renderer shows `<script>` as written, and Markdown's own syntax
characters with a backslash, so `[click](javascript:…)` or `![x](…)` in an article is shown, never a link or an
image. `uncited_sentences` checks a rendered brief from the outside.

Reported speech reads as English: "Kyiv announced that its generals had decided …", a direct quote in quotation
marks after its verb; a claim whose cue only tells how things seemed ("Kyiv seemed to be planning …") reports
nothing and is left out of the timeline. A figure is shown with what it counts as the article words it
("hundreds of millions of dollars' worth of missiles").
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

import lxml.html

from newsint.model import Article, Claim, Figure, Statement, Story
from newsint.printable import printable
from newsint.stories.statements import UNKNOWN_OUTLET, citation_label, numbered_unknown, outlet_unknown
from newsint.temporal.words import in_words
from newsint.text.dateline import without_dateline
from newsint.text.sites import article_url

FORMATS = ("md", "html")
KEY_DEVELOPMENTS = 5  # most reported events shown
MIN_COUNT = 10  # smaller counts without a unit ("two sides", "one expert") are not listed as figures
_LEAD_CHARS = 200  # an article without sentences or paragraphs is cited by its first line, cut here
_MONTHS = "January February March April May June July August September October November December".split()
_CITATION = re.compile(r"\[[^\[\]]+, (?:\d{4}-\d{2}-\d{2}|n\.d\.)\]")
# A full stop after a title or an initial ("Dr. Ilse Marrane", "J. Smith") ends no sentence.
# So does the stop of "No. 7", of a month ("Aug. 4") or of "a.m." and "p.m." (mostly inside a sentence).
_ABBREVIATION = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Prof|Gen|Col|Lt|Capt|Maj|Sgt|St|Rev|Gov|Sen|Rep|Jr|Sr|No|Nos|Jan|Feb|Mar|Apr|Jun|Jul|Aug|"
    r"Sep|Sept|Oct|Nov|Dec|[A-Z]|[ap]\.m)\.$"
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"\[(])")
# Markdown's inline syntax: brackets make links and images, the rest emphasis, code and strikethrough; a
# backslash is escaped first so an article's own backslash cannot undo the escape after it.
_MD_SYNTAX = re.compile(r"[\\`*_\[\]~]")
_MD_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Controls and bidi overrides, which a terminal acts on when the brief is printed: written as their escapes.
# Verbs that tell how things looked, not what anyone said: never a reporting verb in the brief.
_SEEMING = frozenset("seem seems seemed seeming appear appears appeared appearing look looks looked".split())
_WHAT_CHARS = 40  # how far after a figure the words naming what it counts may start ("dollars worth of missiles")
_WORTH = re.compile(r"\b(\w+s) worth of\b")  # "millions of dollars worth of" → "dollars' worth of"


@dataclass(frozen=True, slots=True)
class _Evidence:
    """A span of one article's text that a citation points at, with what the citation shows."""

    doc: str
    start: int
    end: int
    outlet: str
    published: date | None
    quote: str
    url: str | None = None  # where the article can be read on the web

    @property
    def label(self) -> str:
        outlet = self.outlet.replace("[", "(").replace("]", ")")  # brackets would break the citation
        return f"{outlet}, {self.published.isoformat() if self.published else 'n.d.'}"


@dataclass(frozen=True, slots=True)
class _Clause:
    text: str
    evidence: tuple[_Evidence, ...]

    def __post_init__(self) -> None:
        if not self.evidence:
            raise ValueError(f"a clause of a brief needs evidence: {self.text!r}")


@dataclass(frozen=True, slots=True)
class _Sentence:
    """One sentence of the brief: clauses, each followed by its citations."""

    clauses: tuple[_Clause, ...]
    follow: tuple[_Sentence, ...] = ()  # sentences shown after it in the same entry (third parties on a dispute)

    def __post_init__(self) -> None:
        if not self.clauses:
            raise ValueError("a sentence of a brief needs at least one cited clause")

    def all(self) -> tuple[_Sentence, ...]:
        """The sentence and those that follow it, in order."""
        return (self, *self.follow)


def _cited(text: str, evidence: Iterable[_Evidence | None]) -> _Sentence | None:
    """A one-clause sentence, or None when no evidence resolved (the fact is then left out)."""
    found = tuple(dict.fromkeys(e for e in evidence if e is not None))
    return _Sentence((_Clause(_capital(text), found),)) if found else None


class _Corpus:
    """The articles by id: resolves spans and statements to evidence, and articles to independent sources."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.by_id = {a.id: a for a in articles}
        # by date, then in the order given (the store's, as story listings number them too)
        dated = sorted(articles, key=lambda a: a.published or date.max)
        self.labels = dict(zip((a.id for a in dated), numbered_unknown(citation_label(a) for a in dated), strict=True))

    def label(self, article: Article) -> str:
        """How citations name the article: its outlet or site, else "outlet unknown (article N)"."""
        return self.labels.get(article.id) or citation_label(article)

    def speaker(self, article: Article, claim: Claim | None) -> str:
        """Who a sentence says a claim or figure comes from: the claim's speaker, else the article's outlet when
        known, else "" (the citation then names the report)."""
        speaker = _clean(claim.speaker) if claim else ""
        if not speaker and not outlet_unknown(label := self.label(article)):
            speaker = label
        return re.sub(r"^The (?=[A-Z])", "the ", speaker)  # mid-sentence: "according to the US"

    def claim(self, statement: Statement) -> Claim | None:
        """The claim a statement holds, when its article was given."""
        article = self.by_id.get(statement.doc)
        if article is None or statement.claim is None or not 0 <= statement.claim < len(article.claims):
            return None
        return article.claims[statement.claim]

    def span(self, article: Article, start: int, end: int) -> _Evidence | None:
        if not 0 <= start < end <= len(article.text):
            return None
        quote = article.text[start:end]
        url = article_url(article.meta.get("url"), article.source)
        return _Evidence(article.id, start, end, self.label(article), article.published, quote, url)

    def sentence(self, article: Article, start: int, end: int) -> _Evidence | None:
        """The sentences of the article around [start, end), so the evidence reads whole; the span itself without."""
        around = [s for s in article.sentences if s.start < max(end, start + 1) and start < s.end]
        if around:
            start, end = min(start, around[0].start), max(end, around[-1].end)
        return self.span(article, start, end)

    def lead(self, article: Article) -> _Evidence | None:
        """The article's first sentence (else first paragraph, else first line), standing for the whole article."""
        if firsts := article.sentences[:1] or article.paragraphs[:1]:
            return self.span(article, firsts[0].start, firsts[0].end)
        text = article.text.lstrip()
        start = len(article.text) - len(text)
        return self.span(article, start, start + len(text.split("\n", 1)[0][:_LEAD_CHARS].rstrip()))

    def statement(self, statement: Statement) -> _Evidence | None:
        article = self.by_id.get(statement.doc)
        if article is not None:
            return self.span(article, statement.start, statement.end)
        if statement.start >= statement.end or not statement.text:
            return None  # its article was not given: the statement's own copy of the span stands in
        outlet = statement.outlet or UNKNOWN_OUTLET
        return _Evidence(statement.doc, statement.start, statement.end, outlet, statement.published, statement.text)

    def source(self, article: Article) -> str:
        """The independent report an article belongs to: the root of its near-duplicate chain."""
        root, current = article.id, article
        for _ in range(len(self.by_id) + 1):
            if not current.duplicate_of:
                break
            root = current.duplicate_of
            if (parent := self.by_id.get(root)) is None:
                break
            current = parent
        return root


def _clean(text: str) -> str:
    """One line, without the closing stop (the brief adds its citation there) and without the opening quotation
    mark of the next sentence that a sentence may end on ('… wounding three gendarmes. "')."""
    text = " ".join(text.split())
    if text.endswith("“") or (text.endswith('"') and text.count('"') % 2):
        text = text[:-1]
    return text.rstrip(" .;:,")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def quoted(text: str) -> str:
    """The words in quotation marks; quotation marks inside them become single ones, as English nests quotes."""
    inner = _clean(text).replace("“", "‘").replace("”", "’")
    inner = re.sub(r'"([^"]*)"', "‘\\1’", inner).replace('"', "‘")
    return f"“{inner}”"


def _content(text: str) -> str:
    """A claim's words without the "that" that introduces a reported clause, which the brief's own frame supplies."""
    return re.sub(r"^that\s+", "", _clean(text), flags=re.IGNORECASE)


def _seeming(claim: Claim) -> bool:
    """Whether the claim's cue is a verb of seeming ("Kyiv seemed to be planning …"), which reports nothing."""
    return any(word.casefold() in _SEEMING for word in _clean(claim.cue).split()[:1])


def _reported(article: Article, claim: Claim) -> str | None:
    """A claim as English reported speech: "Kyiv announced that …", a direct quote in quotation marks after its
    verb ("the ministry said “…”"); None when the claim's parts do not make one (its cue not a verb next to its
    speaker, an indirect content that is no clause), and the caller then shows the article's own sentence."""
    cue, speaker, words = _clean(claim.cue), _clean(claim.speaker), _content(claim.text)
    if not cue or not speaker or not words or _seeming(claim) or not _beside(article, claim):
        return None
    if not cue.split()[0].isalpha() or not cue[0].islower() or cue.split()[0].endswith("ing"):
        return None  # "according to", "citing": no verb to report with
    if claim.direct:
        return f"{speaker} {'said' if cue == 'told' else cue} {quoted(words)}"
    if claim.start < claim.cue_start or not _clause(article, claim):
        return None  # content before its verb ("…, the coalition said") or a noun phrase ("reported violations")
    return f"{speaker} {cue} that {words}"


def _beside(article: Article, claim: Claim) -> bool:
    """Whether the claim's speaker and cue sit together in the text: adjacent, a few words apart, or apart by a
    clause closed by a comma ("Kyiv, which had …, announced", the speaker span being "which")."""
    if claim.speaker_start is None or claim.speaker_end is None or claim.cue_start >= claim.cue_end:
        return False
    lo, hi = sorted(((claim.speaker_start, claim.speaker_end), (claim.cue_start, claim.cue_end)))
    gap = article.text[lo[1] : hi[0]].strip()
    if re.search(r"[.;:!?]", gap):
        return False
    return len(gap.split()) <= 3 or gap.endswith(",")


_PREPOSITIONS = frozenset("of in on at with by for from to into over under about as".split())
_FINITE = frozenset("is are was were has have had will would could can may might must should shall did does do".split())


def _clause(article: Article, claim: Claim) -> bool:
    """Whether an indirect claim's content reads as a clause: "that" before it, or a finite verb in it."""
    between = article.text[claim.cue_end : claim.start]
    if len(between) > _WHAT_CHARS or re.search(r"[.;:!?]", between):
        return False
    words = _clean(claim.text).casefold().split()
    if not words or words[0] in _PREPOSITIONS:
        return False  # "agreed in Pellan … of Concord envoy …": the cue model took a participle for a verb
    if words[:1] == ["that"] or re.search(r"\bthat\s*$", between):
        return True
    return any(w in _FINITE or (w.endswith("ed") and i > 0) for i, w in enumerate(words))


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _day(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def _format_date(value: str, precision: str = "") -> str:
    """A TIMEX3 date as a reader writes it, no finer than its precision: ("2023-03-09", "month") → "March 2023"."""
    cut = {"year": 4, "decade": 4, "month": 7, "quarter": 7}.get(precision)
    if cut and re.fullmatch(r"\d{4}-\d{2}(?:-\d{2})?", value):
        value = value[:cut]
    return in_words(value)


def _scope(story: Story, members: Sequence[Article], corpus: _Corpus) -> list[_Sentence]:
    days = sorted(a.published for a in members if a.published)
    start, end = story.start or (days[0] if days else None), story.end or (days[-1] if days else None)
    span = "undated" if not start or not end else f"published {_day(start)}"
    if start and end and start != end:
        span = f"published from {_day(start)} to {_day(end)}"
    sources = len({corpus.source(a) for a in members})
    text = f"{_plural(len(members), 'article')} from {_plural(sources, 'independent source')}, {span}"
    leads = (corpus.lead(a) for a in sorted(members, key=lambda a: (a.published or date.max, a.id)))
    sentence = _cited(text, leads)
    return [sentence] if sentence else []


def _key_developments(story: Story, corpus: _Corpus) -> list[_Sentence]:
    """The timeline's events that most independent sources report (the timeline has merged them across articles)."""
    events = [entry for entry in story.timeline if entry.kind == "event"]
    ranked = sorted(events, key=lambda entry: (-len(entry.sources), entry.date_from_published, entry.date))
    sentences = []
    for entry in ranked[:KEY_DEVELOPMENTS]:
        when = "" if entry.date_from_published else f"{_format_date(entry.date, entry.precision)}: "
        text = f"{when}{quoted(entry.text)} ({_plural(len(entry.sources), 'independent source')})"
        sentences.append(_cited(text, map(corpus.statement, entry.evidence)))
    return [s for s in sentences if s]


def _timeline(story: Story, corpus: _Corpus) -> list[_Sentence]:
    sentences, shown = [], set()
    for entry in story.timeline:
        when = _format_date(entry.date, entry.precision) + (" (date of report)" if entry.date_from_published else "")
        text: str | None = _clean(entry.text)
        evidence: Sequence[_Evidence | None] = [corpus.statement(e) for e in entry.evidence]
        if entry.kind == "claim":
            claim = corpus.claim(entry.evidence[0]) if entry.evidence else None
            article = corpus.by_id.get(entry.evidence[0].doc) if entry.evidence else None
            if claim is None or article is None:
                text = _unframed(entry.text)
            elif _seeming(claim):
                continue
            elif not (text := _reported(article, claim)):
                # the article's own sentence, cited whole, reads right where the claim's parts do not
                sentence = corpus.sentence(article, claim.start, claim.end)
                text, evidence = (_clean(sentence.quote), [sentence]) if sentence else (None, [])
        if text and (line := f"{when}: {text}") not in shown:  # two claims of one sentence shown whole: once
            shown.add(line)
            sentences.append(_cited(line, evidence))
    return [s for s in sentences if s]


def _unframed(text: str) -> str | None:
    """A claim entry written "<speaker> <cue>: <words>" as a sentence, when its claim cannot be read; None when
    the cue is a verb of seeming."""
    head, colon, words = _clean(text).partition(": ")
    if not colon:
        return _clean(text)
    if head.split()[-1:] and head.split()[-1].casefold() in _SEEMING:
        return None
    return f"{head} {_content(words)}" if words.casefold().startswith("that ") else f"{head} {words}"


def _corroborated(story: Story, corpus: _Corpus) -> list[_Sentence]:
    sentences = []
    for group in story.corroborations:
        sources = len(set(group.sources) or {s.source for s in group.statements})
        if sources < 2 or not group.statements:
            continue
        what = _clean(group.what) or quoted(group.statements[0].text)
        text = f"{what} — reported by {sources} independent sources"
        sentences.append(_cited(text, map(corpus.statement, group.statements)))
    return [s for s in sentences if s]


# The Disputed section's order: who did it, who holds the ground, whether it happened, how many, then assessments.
_KIND_ORDER = ("responsibility", "control", "occurrence", "count", "stance", "denial")
_SPEAKERS_SHOWN = 3  # speakers named for one side; more are counted ("and 2 others")
_DAY_WORDS = re.compile(r"\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$", re.I)
# Verbs whose object is a noun more often than a clause: reported only with "that".
_NOUN_CUES = frozenset("dismissed rejected denied accused blamed condemned welcomed criticised criticized".split())
_PARTY_SAYS = re.compile(r"^([^:]+): (.+)$")  # "Ruvenia: Drevania did it", as disputes sums up who blames whom


def _speakers(statements: Sequence[Statement], corpus: _Corpus) -> list[str]:
    """Who speaks on one side, as the brief names sources: the claim's speaker, else the outlet when known (never a
    file name); each once, in order."""
    found: dict[str, str] = {}
    for statement in statements:
        article = corpus.by_id.get(statement.doc)
        claim = corpus.claim(statement)
        speaker = _DAY_WORDS.sub("", _clean(statement.speaker))
        if not speaker and article is not None:
            speaker = corpus.speaker(article, claim)
        elif not speaker and not outlet_unknown(statement.outlet or UNKNOWN_OUTLET):
            speaker = statement.outlet
        if speaker and not any(_same_person(speaker, known) for known in found.values()):
            found[speaker.casefold()] = re.sub(r"^The\b", "the", speaker)
    return list(found.values())


def _same_person(name: str, known: str) -> bool:
    """Whether `name` is `known` again, or its last words ("Lindqvist-Amar" after "ombudsman Vera Lindqvist-Amar")."""
    name, known = name.casefold().removeprefix("the "), known.casefold().removeprefix("the ")
    return name == known or known.endswith(" " + name)


def _names(speakers: Sequence[str]) -> str:
    """Speakers as a list in English: "A", "A and B", "A, B and C", "A, B, C and 2 others"."""
    shown = list(speakers[:_SPEAKERS_SHOWN])
    if len(speakers) > _SPEAKERS_SHOWN:
        shown.append(_plural(len(speakers) - _SPEAKERS_SHOWN, "other"))
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} and {shown[-1]}"


def _position(kind: str, says: str, statements: Sequence[Statement], corpus: _Corpus) -> str:
    """What one side holds and who holds it, in plain English: "Ruvenia says Drevania did it", "17 killed,
    according to the regional governor", "the ministry and the army say it did not happen"."""
    says = _clean(says)
    speakers = _speakers(statements, corpus)
    verb = "says" if len(speakers) == 1 else "say"
    if (party := _PARTY_SAYS.match(says)) and kind == "responsibility":
        name, held = party[1], party[2]
        if held.casefold().startswith(name.casefold() + " "):
            held = "it " + held[len(name) + 1 :]  # "the Brigades says it was not responsible"
        return f"{name} says {held}"
    if kind == "denial" and says in ("asserted", "denied") and speakers:
        return f"{_names(speakers)} {'report' if says == 'asserted' else 'deny'} it"
    if not says:
        return f"{_names(speakers)} {verb} otherwise" if speakers else ""
    if any(says == _clean(s.text) for s in statements):  # the sum is the article's own words
        return f"{_names(speakers)} {verb} {quoted(says)}" if speakers else quoted(says)
    if says[0].isupper() or re.search(r"\b(?:says|say|said)\b", says):
        return says  # already names who says it
    if not speakers:
        return says
    if kind in ("occurrence", "stance"):
        return f"{_names(speakers)} {verb} {says if kind == 'occurrence' else 'it ' + says}"
    return f"{says}, according to {_names(speakers)}"


def _words(statement: Statement, corpus: _Corpus) -> str | None:
    """A statement as English reported speech ("the ministry said that …"), when its claim reads as one."""
    article, claim = corpus.by_id.get(statement.doc), corpus.claim(statement)
    if article is None or claim is None:
        return None
    cue = _clean(claim.cue).casefold().split()[-1:]
    if not claim.direct and cue and cue[0] in _NOUN_CUES and "that" not in article.text[claim.cue_end : claim.start]:
        return None  # "dismissed Ruvenian claims of killings": an object, not a reported clause
    words = _reported(article, claim)
    if not words or words.count('"') % 2:
        return None  # a quotation cut inside the claim would read as unclosed
    return re.sub(r"^The\b", "the", words)


def _side(kind: str, says: str, statements: list[Statement], corpus: _Corpus) -> _Clause | None:
    """One side of a dispute as a clause: its position and who holds it, then the first of its statements that
    reads as reported speech; cited to every statement of the side."""
    evidence = tuple(dict.fromkeys(e for e in map(corpus.statement, statements) if e is not None))
    if not evidence:
        return None
    text = _position(kind, says, statements, corpus)
    if kind not in ("stance", "denial") or not text:
        words = next((w for w in (_words(s, corpus) for s in statements) if w), None)
        if words and words.casefold() != text.casefold():
            text = f"{text} — {words}" if text else words
    if not text:
        first = statements[0]
        text = f"{_names(_speakers([first], corpus)) or 'a report'} says {quoted(without_dateline(first.text))}"
    return _Clause(text, evidence)


def _third(statements: Sequence[Statement], corpus: _Corpus) -> list[_Sentence]:
    """What third parties (monitors, UN agencies, NGOs, reporters) say on a dispute: each statement as reported
    speech, else its article's sentence quoted, cited; each said once."""
    sentences, shown = [], set()
    for statement in statements:
        if (evidence := corpus.statement(statement)) is None:
            continue
        text = _words(statement, corpus) or quoted(without_dateline(statement.text))
        if text.casefold() not in shown:
            shown.add(text.casefold())
            sentences.append(_Sentence((_Clause(_capital(text), (evidence,)),)))
    return sentences


def _what(kind: str, what: str) -> str:
    """What a dispute is about, as the entry's lead: a denial's asserted sentence quoted."""
    what = _clean(what)
    if kind == "denial" and what.casefold().startswith("whether "):
        return f"whether it is true that {quoted(what[len('whether ') :])}"
    return what


def _disputed(story: Story, corpus: _Corpus) -> list[_Sentence]:
    """One entry per dispute, by kind: what it is about, each side (who says what, cited), then what third
    parties say, each cited."""
    order = {kind: n for n, kind in enumerate(_KIND_ORDER)}
    sentences = []
    for conflict in sorted(story.conflicts, key=lambda c: order.get(c.kind, len(order))):
        a = _side(conflict.kind, conflict.a_says, conflict.a, corpus)
        b = _side(conflict.kind, conflict.b_says, conflict.b, corpus)
        if a and b:  # a dispute shown with one side only would misreport it
            what = _what(conflict.kind, conflict.what)
            first = _Clause(_capital(f"{what}: {a.text}" if what else a.text), a.evidence)
            sentences.append(_Sentence((first, b), tuple(_third(conflict.third, corpus))))
    return sentences


def _merged(items: Iterable[tuple[str, _Evidence | None]]) -> list[_Sentence]:
    """One sentence per distinct text (folded), citing every span that says it, in order of first appearance."""
    groups: dict[str, tuple[str, list[_Evidence | None]]] = {}
    for text, evidence in items:
        groups.setdefault(text.casefold(), (text, []))[1].append(evidence)
    sentences = (_cited(text, evidence) for text, evidence in groups.values())
    return [s for s in sentences if s]


def _figures(members: Sequence[Article], corpus: _Corpus) -> Iterable[tuple[str, _Evidence | None]]:
    for article in members:
        for figure in article.figures:
            in_claim = figure.claim is not None and 0 <= figure.claim < len(article.claims)
            claim = article.claims[figure.claim] if in_claim and figure.claim is not None else None
            if (claim is None and not figure.what) or not _notable(figure):
                continue
            amount = _figure_words(article, figure)
            if figure.per_what:
                amount += f" per {'' if figure.per in (None, 1) else f'{figure.per:g} '}{figure.per_what}"
            speaker = corpus.speaker(article, claim)
            text = f"{amount}, according to {speaker}" if speaker else amount
            yield text, corpus.sentence(article, figure.start, figure.end)


def _figure_words(article: Article, figure: Figure) -> str:
    """The figure with what it counts, as the article words it: its `phrase`, else the text from the figure to
    `what` when that follows closely in the same sentence ("hundreds of millions of dollars' worth of
    missiles"), else the figure and then `what`."""
    if figure.phrase:  # the figures stage read it from the parse
        return _WORTH.sub(r"\1' worth of", _clean(figure.phrase))
    what = _clean(figure.what)
    if what and 0 <= figure.start < figure.end <= len(article.text):
        after = article.text[figure.end : figure.end + _WHAT_CHARS + len(what)]
        found = after.casefold().find(what.casefold())
        if 0 <= found <= _WHAT_CHARS and not re.search(r"[.;:!?\n]", after[:found]):
            return _WORTH.sub(r"\1' worth of", _clean(article.text[figure.start : figure.end + found + len(what)]))
    return _clean(f"{figure.text} {what}")


def _notable(figure: Figure) -> bool:
    """A measure, or a count of at least MIN_COUNT: "two sides" and "one expert" are no figures to report."""
    largest = max((v for v in (figure.value, figure.high, figure.low) if v is not None), default=0.0)
    return bool(figure.unit) or largest >= MIN_COUNT


def _in(claim: Claim, doc: str, statements: Iterable[Statement]) -> bool:
    return any(s.doc == doc and s.start < claim.end and claim.start < s.end for s in statements)


def _one_sided(story: Story, members: Sequence[Article], corpus: _Corpus) -> Iterable[tuple[str, _Evidence | None]]:
    # Claims already shown under Disputed are left out too: the dispute shows them with their side.
    shown = [s for group in story.corroborations for s in group.statements]
    shown += [s for conflict in story.conflicts for s in (*conflict.a, *conflict.b, *conflict.third)]
    for article in members:
        for claim in article.claims:
            if claim.hedge in ("claimed", "denied") and not _in(claim, article.id, shown):
                speaker = corpus.speaker(article, claim) or "the report"
                text = f"{claim.hedge.capitalize()} by {speaker}: {quoted(_content(claim.text))}"
                yield text, corpus.sentence(article, claim.start, claim.end)


def _open_questions(members: Sequence[Article], corpus: _Corpus) -> Iterable[tuple[str, _Evidence | None]]:
    for article in members:
        for claim in article.claims:
            if claim.hedge in ("possible", "probable"):
                speaker = corpus.speaker(article, claim) or "the report"
                text = f"{claim.hedge.capitalize()}, according to {speaker}: {quoted(_content(claim.text))}"
                yield text, corpus.sentence(article, claim.start, claim.end)
        for event in article.events:
            if event.hypothetical and not event.negated and event.evidence:
                span = event.evidence[0]
                what = quoted(article.span_text(span))
                evidence = corpus.span(article, span.start, span.end)
                yield f"Planned, threatened or conditional, not reported as done: {what}", evidence


def _sections(story: Story, articles: Sequence[Article]) -> list[tuple[str, list[_Sentence]]]:
    corpus = _Corpus(articles)
    docs = set(story.docs)
    members = [a for a in articles if a.id in docs] if docs else list(articles)
    sections = [
        ("", _scope(story, members, corpus)),
        ("Key developments", _key_developments(story, corpus)),
        ("Timeline", _timeline(story, corpus)),
        ("Corroborated", _corroborated(story, corpus)),
        ("Disputed", _disputed(story, corpus)),
        ("Figures", _merged(_figures(members, corpus))),
        ("Claimed by one side only", _merged(_one_sided(story, members, corpus))),
        ("Open questions", _merged(_open_questions(members, corpus))),
    ]
    return [(heading, sentences) for heading, sentences in sections if sentences]


def _numbered(sections: list[tuple[str, list[_Sentence]]]) -> dict[_Evidence, int]:
    numbers: dict[_Evidence, int] = {}
    for _, sentences in sections:
        for sentence in (one for entry in sentences for one in entry.all()):
            for clause in sentence.clauses:
                for evidence in clause.evidence:
                    numbers.setdefault(evidence, len(numbers) + 1)
    return numbers


def _citations(clause: _Clause, numbers: dict[_Evidence, int]) -> list[tuple[str, list[int]]]:
    """The clause's citations, one per label with the numbers of its spans."""
    groups: dict[str, list[int]] = {}
    for evidence in clause.evidence:
        groups.setdefault(evidence.label, []).append(numbers[evidence])
    return list(groups.items())


def _md(text: str) -> str:
    """Text from the articles as Markdown shows it literally, on one line: `<`, `>`, `&` as HTML entities, the
    Markdown syntax characters backslash-escaped, line breaks as spaces, controls as their escapes (`\\x1b`)."""
    text = " ".join(text.splitlines())
    text = _MD_SYNTAX.sub(lambda m: "\\" + m[0], text.translate(_MD_HTML))
    return printable(text)


def _markdown(title: str, sections: list[tuple[str, list[_Sentence]]], numbers: dict[_Evidence, int]) -> str:
    def line(entry: _Sentence) -> str:
        return " ".join(one(sentence) for sentence in entry.all())

    def one(sentence: _Sentence) -> str:
        clauses = []
        for clause in sentence.clauses:
            cited = _citations(clause, numbers)
            cites = " ".join(f"[{_md(label)}]" + "".join(f"[{n}]" for n in ns) for label, ns in cited)
            clauses.append(f"{_md(clause.text)} {cites}")
        return "; ".join(clauses) + "."

    lines = [f"# {_md(title)}", ""]
    for heading, sentences in sections:
        lines += [f"## {heading}", ""] if heading else []
        lines += [("- " if heading else "") + line(s) for s in sentences] + [""]
    lines += ["## Evidence", ""]
    for evidence, n in numbers.items():
        quote = _md(evidence.quote)  # on one line: a line break would end the list item
        label = f"[{_md(evidence.label)}](<{evidence.url}>)" if evidence.url else _md(evidence.label)
        lines.append(f'- [{n}] {label} — article {evidence.doc}, characters {evidence.start}–{evidence.end}: "{quote}"')
    return "\n".join(lines) + "\n"


def _html(title: str, sections: list[tuple[str, list[_Sentence]]], numbers: dict[_Evidence, int]) -> str:
    esc = html.escape
    quotes = {n: evidence.quote for evidence, n in numbers.items()}

    def sentence_html(entry: _Sentence) -> str:
        return " ".join(one(sentence) for sentence in entry.all())

    def one(sentence: _Sentence) -> str:
        clauses = []
        for clause in sentence.clauses:
            cites = []
            for label, ns in _citations(clause, numbers):
                links = " ".join(f'<a href="#ev-{n}" title="{esc(quotes[n])}">{n}</a>' for n in ns)
                cites.append(f"<cite>[{esc(label)}]<sup>{links}</sup></cite>")
            clauses.append(f"{esc(clause.text)} {' '.join(cites)}")
        return "; ".join(clauses) + "."

    out = ["<!DOCTYPE html>", '<html lang="en">', f'<head><meta charset="utf-8" /><title>{esc(title)}</title></head>']
    out += ["<body>", '<article class="brief">', f"<h1>{esc(title)}</h1>"]
    for heading, sentences in sections:
        if not heading:
            out += [f'<p class="scope">{sentence_html(s)}</p>' for s in sentences]
            continue
        out += [f"<section><h2>{esc(heading)}</h2>", "<ul>"]
        out += [f"<li>{sentence_html(s)}</li>" for s in sentences] + ["</ul>", "</section>"]
    out += ['<section class="evidence"><h2>Evidence</h2>', "<ol>"]
    for evidence, n in numbers.items():
        where = f"article {esc(evidence.doc)}, characters {evidence.start}–{evidence.end}"
        label = esc(evidence.label)
        if evidence.url:
            label = f'<a class="source" href="{esc(evidence.url)}">{label}</a>'
        out.append(f'<li id="ev-{n}">[{n}] {label} — {where}: <q>{esc(evidence.quote)}</q></li>')
    out += ["</ol>", "</section>", "</article>", "</body>", "</html>"]
    return "\n".join(out) + "\n"


def render_brief(story: Story, articles: Sequence[Article], format: str = "md") -> str:
    """A cited situation report on `story` from its `articles` (those named in `story.docs`), as "md" or "html"."""
    if format not in FORMATS:
        raise ValueError(f"unknown brief format {format!r}: use one of {', '.join(FORMATS)}")
    title = _clean(story.label) or f"Story {story.id}"
    sections = _sections(story, articles)
    numbers = _numbered(sections)
    return _markdown(title, sections, numbers) if format == "md" else _html(title, sections, numbers)


def uncited_sentences(text: str) -> list[str]:
    """The sentences of a rendered brief (md or html) that carry no `[outlet, date]` citation.

    Headings and the Evidence list are not sentences. Quoted passages are masked first, so that neither a full
    stop inside a quote nor a bracketed "[outlet, date]" in an article's words counts.
    """
    uncited = []
    for line in _html_lines(text) if text.lstrip().startswith("<") else _md_lines(text):
        masked = _QUOTED.sub(lambda m: m[0][0] + "x" * (len(m[0]) - 2) + m[0][-1], line)
        breaks = (m.end() for m in _SENTENCE_BREAK.finditer(masked) if not _ABBREVIATION.search(masked, 0, m.start()))
        bounds = [0, *breaks, len(line)]
        for start, end in pairwise(bounds):
            if line[start:end].strip() and not _CITATION.search(masked[start:end]):
                uncited.append(line[start:end].strip())
    return uncited


def _md_lines(text: str) -> list[str]:
    lines = []
    for line in text.splitlines():
        if line.startswith("## Evidence"):
            break
        if line.strip() and not line.startswith("#"):
            lines.append(line.removeprefix("- "))
    return lines


def _html_lines(text: str) -> list[str]:
    root = lxml.html.fromstring(text)
    blocks = root.xpath("//p | //li[not(ancestor::*[contains(@class, 'evidence')])]")
    return [" ".join(block.text_content().split()) for block in blocks]
