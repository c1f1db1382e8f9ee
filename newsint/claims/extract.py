"""Find attributions in a parsed text: who (source) says (cue) what (content), directly or in reported speech.

Frames read from the dependency parse (UD labels; all but the last in `claims/frames.py`):
- a reporting verb with a clausal complement: "X said (that) …", "… , X said", "X told Y …";
- a parenthetical reporting clause: "The town, officials said, has fallen";
- a verb followed by a colon or a quote: "X said: …", 'X said "…"';
- a passive report: "Putin is said to have ordered …" (no source);
- "according to X";
- a noun or adjective of stance the cue tagger is sure of, with its clause or object ("Kyiv's assertion
  that …", "skeptical of …"), and a verb in a title-case headline that the parse takes for a name;
- a quotation with no cue in its own sentence: a reporting verb in the sentence before it that ends with a
  colon, else the speaker of the quote just before it (a quote that goes on in the next paragraph).
Quoted content is direct; a complement that is mostly one quotation becomes that quotation. A content ends
where a later report of its own begins. Last, the cue model's content tagger moves a reported content it is
sure the parse misplaced, and gives one to a cue the parse left without (`claims/contentmodel.py`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from newsint.claims.contentmodel import ContentTagger, settled_by_parse
from newsint.claims.cuemodel import CueModel
from newsint.claims.cues import LISTED_VERBS, SPEECH_VERBS, reports_nothing, verb_lemma
from newsint.claims.frames import (
    SUBJECTS,
    Found,
    according_to,
    edges,
    headline_colon,
    headline_verb,
    inverted_subject,
    is_headline,
    nominal_attribution,
    nominal_child,
    opens_with_agent,
    overlaps,
    source_of,
    source_outside,
    verb_attribution,
    with_appositive,
)
from newsint.claims.quotes import Quote, find_quotes

# A standalone quotation needs this many words to be a statement rather than a scare quote.
_MIN_QUOTE_WORDS = 3
# Two words, at most, between a content's start and a cue that opens it ("to warn", "by saying").
_MAX_LEAD_CHARS = 40
# A quote of at most this many words in title case is the name of a work, not a statement.
_MAX_TITLE_WORDS = 6
# A speech verb at most this many words after a quote takes it over ('“…?” asked the governor of the region').
_HANDOVER_WORDS = 5
# A conjunction that joins a second report to a first one's content: "… and insisted that …".
_JOINING_WORD = re.compile(r"[\s,;]*\b(?:and|but)$")
_OPENING_QUOTE = re.compile(r"\s+(?:''|[\"“‘'])$")


def _chained(found: list[Found], text: str) -> list[Found]:
    """One attribution for a verb whose content opens with another cue and holds that cue's content
    ("continued to warn that …", "responded by saying that …", "declined to speculate on …"): the inner one,
    its cue stretched back over the outer verb, and the outer one's source when it has none."""
    pairs = [
        (outer, inner) for inner in found for outer in found if outer is not inner and _opens_with(outer, inner, text)
    ]
    first_outer: dict[int, Found] = {}
    for outer, inner in pairs:
        first_outer.setdefault(id(inner), outer)
    opening = {id(outer) for outer, _ in pairs}
    merged = []
    for inner in found:
        if id(inner) in opening:
            continue
        verb = first_outer.get(id(inner))
        if verb is not None:
            source, source_token = inner.source, inner.source_token
            if source is None:
                source, source_token = verb.source, verb.source_token
            inner = replace(inner, cue=(verb.cue[0], inner.cue[1]), source=source, source_token=source_token)
        merged.append(inner)
    return merged


def _opens_with(outer: Found, inner: Found, text: str) -> bool:
    """Whether `inner`'s cue opens `outer`'s content (at most two words before it, no comma: "to", "by") and
    its content lies inside; "decried that math, saying …" is two attributions."""
    start, end = outer.content
    if not (start <= inner.cue[0] <= start + _MAX_LEAD_CHARS and inner.cue[0] < end):
        return False
    lead = text[start : inner.cue[0]]
    return (
        start <= inner.content[0] < inner.content[1] <= end
        and len(lead.split()) <= 2
        and not any(mark in lead for mark in ",;:")
        and outer.cue[1] <= inner.cue[0]
    )


def _before_later_reports(found: list[Found], text: str) -> list[Found]:
    """Each content cut where a later report of its own begins after a break ("… that math, saying …",
    "… and insisted that …", 'wrote: “…” Schultheis posted: “…”'): those words are the later report's, not
    this one's. A report nested in a content ("said that officials claimed …") stays inside it."""
    cut = []
    for outer in found:
        start, end = outer.content
        for inner in found:
            opening = min(inner.cue[0], inner.content[0], *(inner.source or ()))
            if not (outer.cue[1] <= opening and start < opening and inner.cue[0] < end):
                continue
            if not (start <= inner.content[0] and inner.content[1] <= end + 2):
                continue
            kept = _OPENING_QUOTE.sub("", text[start:opening].rstrip())  # 'wife. “He is …' keeps no “
            if kept.endswith((".", "!", "?", ";", ",", '"', "”", "''")) or _JOINING_WORD.search(kept):
                end = min(end, start + len(_JOINING_WORD.sub("", kept)))
        if end < outer.content[1]:
            outer = replace(outer, content=_trimmed(text, start, end))
        cut.append(outer)
    return cut


def _cue_tokens(doc: Doc, cue: tuple[int, int]) -> tuple[int, int] | None:
    """Token range [start, end) of a cue's characters."""
    span = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    return (span.start, span.end) if span is not None and len(span) else None


def _sure_run(probabilities: dict[int, float], doc: Doc, cue: tuple[int, int], threshold: float) -> list[Token]:
    """The run of words outside the cue the content tagger puts in the content with at least `threshold`,
    the one with the most probability when there are several."""
    runs: list[list[Token]] = []
    for i in sorted(probabilities):
        token = doc[i]
        inside = probabilities[i] >= threshold and not cue[0] <= i < cue[1]
        if inside and runs and runs[-1][-1].i == i - 1:
            runs[-1].append(token)
        elif inside:
            runs.append([token])
    return max(runs, key=lambda run: sum(probabilities[t.i] for t in run), default=[])


def _relocated(found: list[Found], doc: Doc, text: str, tagger: ContentTagger, quotes: list[Quote]) -> list[Found]:
    """The attributions with each reported content moved where the content tagger is sure it lies, when it
    is sure the parse's content is not it ("…, said a former spokesman" taken for what was said), and no
    other attribution holds those words."""
    moved = []
    for attribution in found:
        settled = attribution.direct or settled_by_parse(attribution, doc)
        content = None if settled else _learned_content(attribution, doc, tagger)
        # `found` holds this attribution too: a run overlapping its own content is no move
        if content is None or any(overlaps(content, other.content) for other in found):
            moved.append(attribution)
        else:
            moved.append(_as_direct(_with_content(attribution, content, doc), quotes, text))
    return moved


def _learned_content(found: Found, doc: Doc, tagger: ContentTagger) -> tuple[int, int] | None:
    """Where the content tagger puts a content it is sure the parse misplaced; None when it is not sure."""
    cue = _cue_tokens(doc, found.cue)
    if cue is None:
        return None
    probabilities = tagger.probabilities(doc, *cue)
    words = [t for t in doc.char_span(*found.content, alignment_mode="expand") or [] if not (t.is_punct or t.is_space)]
    scored = [probabilities[t.i] for t in words if t.i in probabilities]
    if not scored or sum(scored) / len(scored) >= tagger.keep_below:
        return None
    return edges(_sure_run(probabilities, doc, cue, tagger.take_above))


def _with_content(found: Found, content: tuple[int, int], doc: Doc) -> Found:
    """The attribution with another content, and its source looked for again when the misplaced content may
    have been the speaker ("…, said a former spokesman")."""
    if found.cue_token is None or (found.source is not None and not overlaps(found.source, content)):
        return replace(found, content=content)
    verb = doc[found.cue_token]
    source, source_range = source_outside(source_of(verb), verb, content)
    source_range = with_appositive(doc, source_range)
    return replace(found, content=content, source=source_range, source_token=source.i if source else None)


def _learned_attribution(cue: Token, tagger: ContentTagger) -> Found | None:
    """For a cue whose content the parse does not give ("Voters are rejecting him"), the run of words the
    content tagger is sure of."""
    probabilities = tagger.probabilities(cue.doc, cue.i, cue.i + 1)
    run = _sure_run(probabilities, cue.doc, (cue.i, cue.i + 1), tagger.find_above)
    content = edges(run)
    if content is None or opens_with_agent(cue, run):
        return None
    source, source_range = source_outside(source_of(cue), cue, content)
    cue_range = (cue.idx, cue.idx + len(cue))
    return Found(content, cue_range, source_range, False, verb_lemma(cue.text), cue.i, source.i if source else None)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The range without surrounding spaces and the comma or colon that hands a quote over to its cue."""
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _as_direct(found: Found, quotes: list[Quote], found_text: str) -> Found:
    """A complement that starts inside a quotation and is mostly quoted is the whole quotation, said directly
    (the parse may give the cue only the last sentence of a quote); one that starts before it is reported
    speech with a partial quote."""
    start, end = found.content
    for quote in quotes:
        inside = min(end, quote.inner_end) - max(start, quote.inner_start)
        if inside > 0 and inside >= 0.6 * (end - start) and quote.start <= start < quote.inner_end:
            content = _trimmed(found_text, quote.inner_start, quote.inner_end)
            if not overlaps(content, found.cue):
                return Found(content, found.cue, found.source, True, found.cue_lemma, found.cue_token,
                             found.source_token)  # fmt: skip
    return found


def _quote_cue(quote: Quote, doc: Doc, text: str) -> Token | None:
    """The reporting verb nearest the quote in its sentence, with no full stop between them; else one ending the
    sentence before it with a colon, or opening the sentence after a quoted question or exclamation in the same
    paragraph ('“Will you change?” Trump asked reporters.')."""
    sentences = [s for s in doc.sents if s.start_char < quote.end and quote.start < s.end_char]
    if not sentences:
        return None
    tokens = [token for sentence in sentences for token in sentence if not quote.start <= token.idx < quote.end]
    # the parse may run two sentences into one ("… the DNC.  “I think …”"): no verb beyond a full stop counts;
    # an abbreviation keeps its stop inside its token ("Mrs.", "U.S.")
    stops = [token.idx for token in tokens if token.text in (".", "!", "?")]
    after_stop = max((i for i in stops if i < quote.start), default=-1)
    before_stop = min((i for i in stops if i >= quote.end), default=len(text))
    verbs = [token for token in tokens if _speech_verb(token) and after_stop < token.idx < before_stop]
    if verbs:  # the nearest: "urged a strong stand, saying that he would ''walk all over us''" is the saying's
        return min(verbs, key=lambda t: quote.start - t.idx if t.idx < quote.start else t.idx - quote.end)
    before = doc[sentences[0].start - 1].sent if sentences[0].start > 0 else None
    if before is not None and before.text.rstrip().endswith(":"):
        return next((token for token in reversed(before) if _speech_verb(token)), None)
    after = doc[sentences[-1].end].sent if sentences[-1].end < len(doc) else None
    if after is not None and _last_mark(quote, text) in ("?", "!") and "\n" not in text[quote.end : after.start_char]:
        return next((token for token in after[:_HANDOVER_WORDS] if _speech_verb(token)), None)
    return None


def _last_mark(quote: Quote, text: str) -> str:
    """The last character of the quoted words: the "," or "?" that hands a quote over to its cue."""
    return text[quote.inner_start : quote.inner_end].rstrip()[-1:]


def _is_title(words: list[str]) -> bool:
    """A short quote in title case that closes no sentence names a work (a book, "“Good Morning America”"),
    not a statement."""
    if len(words) > _MAX_TITLE_WORDS or words[-1].rstrip(",")[-1:] in ".?!":
        return False
    return words[0][:1].isupper() and all(word[:1].isupper() or (len(word) < 4 and word.islower()) for word in words)


def _is_statement(quote: Quote, doc: Doc, text: str) -> bool:
    """A quotation of three words or more that is not a title, or a shorter one that opens its sentence and
    hands over to the cue just after it ('“Meh,” wrote a supporter'): inside a sentence a short quote is a
    scare quote."""
    words = text[quote.inner_start : quote.inner_end].split()
    if len(words) >= _MIN_QUOTE_WORDS:
        return not _is_title(words)
    opening = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    if opening is None or not opening[0].is_sent_start or _last_mark(quote, text) not in (",", "?", "!"):
        return False
    cue = _quote_cue(quote, doc, text)  # looked for last: it reads the sentences around the quote
    return cue is not None and cue.idx >= quote.end and len(text[quote.end : cue.idx].split()) < _HANDOVER_WORDS


def _speech_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and verb_lemma(token.text) in SPEECH_VERBS


def find_attributions(
    doc: Doc, cue_model: CueModel | None = None, probabilities: Sequence[float] | None = None
) -> list[Found]:
    """Every attribution of a parsed document, in text order.

    With `cue_model`, a verb is a cue when the model says so (`probabilities`: its tagger's, when already
    computed); without it, when it is one of the reporting and thinking verbs of `cues.py`.
    """
    found: list[Found] = []
    cues: set[int] = set()
    nominal: set[int] = set()
    content_tagger = cue_model.contents if cue_model is not None else None
    unplaced: list[Token] = []  # cues the parse gives no content
    if cue_model is not None:
        candidates = {t.i for t in doc if t.pos_ in ("NOUN", "ADJ") and nominal_child(t) is not None}
        headlines = [sentence for sentence in doc.sents if is_headline(sentence)]
        candidates |= {t.i for s in headlines for t in s if t.pos_ == "PROPN" and headline_verb(t, s) is not None}
        candidates = {i for i in candidates if not reports_nothing(doc[i].text)}  # "Kremlin Appears Ready To …"
        cues, nominal = cue_model.cues(doc, probabilities, candidates)
    for sentence in doc.sents:
        for token in sentence:
            if token.lower_ == "according":
                attribution = according_to(token, sentence)
            elif token.text == ":":
                attribution = headline_colon(token, sentence)
            elif token.i in cues:
                attribution = verb_attribution(token, sentence, True)
                if attribution is None:
                    unplaced.append(token)
            elif token.i in nominal:
                attribution = headline_verb(token, sentence) if token.pos_ == "PROPN" else nominal_attribution(token)
            elif cue_model is None and token.pos_ == "VERB" and verb_lemma(token.text) in LISTED_VERBS:
                attribution = verb_attribution(token, sentence, False)
            else:
                continue
            if attribution is not None:
                found.append(attribution)
    text = doc.text  # spaCy joins every token for each read of it
    found = _chained(found, text)
    found = _before_later_reports(found, text)
    quotes = [q for q in find_quotes(text) if _is_statement(q, doc, text)]
    found = [_as_direct(f, quotes, text) for f in found]
    covered = [f.content for f in found]
    quote_cues: set[int] = set()
    previous: Found | None = None
    for quote in quotes:
        inner = _trimmed(text, quote.inner_start, quote.inner_end)
        if any(overlaps(inner, content) for content in covered):
            previous = next(f for f in found if overlaps(inner, f.content))
            continue
        cue = _quote_cue(quote, doc, text)
        if cue is not None:
            if cue.idx >= quote.end:  # '“…,” said the governor' reads the speaker after the quote first
                after_quote = next((c for c in cue.children if c.dep_ in SUBJECTS and c.idx >= quote.end), None)
                source = after_quote or inverted_subject(cue) or source_of(cue)
            else:
                source = source_of(cue) or inverted_subject(cue)
            quote_cues.add(cue.i)
            source, source_range = source_outside(source, cue, inner)
            source_range = with_appositive(doc, source_range)
            attribution = Found(inner, (cue.idx, cue.idx + len(cue)), source_range, True, verb_lemma(cue.text),
                                cue.i, source.i if source is not None else None)  # fmt: skip
        elif previous is not None and previous.direct and quote.start - previous.content[1] < 400:
            attribution = Found(inner, previous.cue, previous.source, True, previous.cue_lemma,
                                previous.cue_token, previous.source_token, continued=True)  # fmt: skip
        else:
            continue
        found.append(attribution)
        covered.append(inner)
        previous = attribution
    # '“…,” promised the head of the bureau': the parse may take the speaker for an object to report.
    found = [f for f in found if f.direct or f.cue_token not in quote_cues]
    if content_tagger is not None:
        found = _relocated(found, doc, text, content_tagger, quotes)
        for cue in unplaced:
            learned = _learned_attribution(cue, content_tagger)
            if learned is not None and not any(overlaps(learned.content, f.content) for f in found):
                found.append(learned)
    return sorted(set(found), key=lambda f: (f.content, f.cue))
