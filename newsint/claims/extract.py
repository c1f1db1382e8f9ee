"""Find attributions in a parsed text: who (source) says (cue) what (content), directly or in reported speech.

Frames read from the dependency parse (UD labels):
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
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from newsint.claims.contentmodel import ContentTagger
from newsint.claims.cuemodel import CueModel
from newsint.claims.cues import LISTED_VERBS, SPEECH_VERBS, verb_lemma
from newsint.claims.quotes import Quote, find_quotes

# A standalone quotation needs this many words to be a statement rather than a scare quote.
_MIN_QUOTE_WORDS = 3
# Words of a time phrase the parse may take for what a verb reports.
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday today yesterday tonight morning afternoon
    evening night last this next week month year""".split()
)
# Prepositions that introduce what a stance is about: "skeptical of", "worried about", "proud of".
_STANCE_CASES = frozenset({"of", "about", "on", "over", "against", "for", "with", "at", "that"})
# Prepositions that give what an object is charged with or taken for: "accused him of", "described it as".
_CHARGES = frozenset({"of", "as", "for", "with", "against"})
# Labels of a page's furniture, which open a line with a colon but name no source.
_PAGE_LABELS = frozenset(
    "photo photos image images picture credit credits caption video watch listen related more also file tags "
    "topics share advertisement byline editor".split()
)
# Two words, at most, between a content's start and a cue that opens it ("to warn", "by saying").
_MAX_LEAD_CHARS = 40
# A title-case sentence of at most this many tokens is a headline.
_MAX_HEADLINE_TOKENS = 30
# A quote of at most this many words in title case is the name of a work, not a statement.
_MAX_TITLE_WORDS = 6
# A speech verb at most this many words after a quote takes it over ('“…?” asked the governor of the region').
_HANDOVER_WORDS = 5
_SUBJECTS = ("nsubj", "nsubj:outer")
_CONTINUING = ("xcomp", "advcl", "conj", "acl")
# A conjunction that joins a second report to a first one's content: "… and insisted that …".
_JOINING_WORD = re.compile(r"[\s,;]*\b(?:and|but)$")
_OPENING_QUOTE = re.compile(r"\s+(?:''|[\"“‘'])$")
# Verbs whose object is the listener, not what is said: "told The Post that …".
_ADDRESSING = frozenset({"tell", "assure", "inform", "warn", "advise", "notify", "promise"})
# Dependents between a verb and what it reports: "said on Tuesday (that) …", "said Friday …".
_MODIFIERS = ("obl", "obl:unmarked", "obl:tmod", "advmod", "npadvmod")


@dataclass(frozen=True, slots=True)
class Found:
    """One attribution as character ranges in the text; `source` is None when the text names no source.

    `cue_token` and `source_token` are token indices in the doc (the cue verb, the head of the source), for
    the caller that resolves speakers; `continued` marks a quotation given the previous quote's speaker.
    """

    content: tuple[int, int]
    cue: tuple[int, int]
    source: tuple[int, int] | None
    direct: bool
    cue_lemma: str
    cue_token: int | None = None
    source_token: int | None = None
    continued: bool = False


def _edges(tokens: list[Token]) -> tuple[int, int] | None:
    """Character range of tokens, without punctuation (other than quote marks) at either edge."""
    words = [t for t in tokens if not (t.is_punct and not t.is_quote) and not t.is_space]
    while words and words[0].dep_ == "case" and words[0].text in ("'", "’"):
        words.pop(0)  # the apostrophe of a plural possessive ("the monitors' report"), no quote mark
    while words and words[-1].is_quote and not any(t.is_quote for t in words[:-1]):
        words.pop()  # a closing quote mark whose opening one lies outside
    while words and words[0].is_quote and not any(t.is_quote for t in words[1:]):
        words.pop(0)  # the closing mark of a quote before, which the parse gave to this phrase
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1])


def _source_of(cue: Token) -> Token | None:
    """The subject of the cue, climbing from "…, adding that" or "and said" to the clause that has one."""
    token: Token = cue
    for _ in range(3):
        here = token.i  # the subject nearest the verb: '…, sources said' may come parsed with two subjects
        for child in sorted(token.children, key=lambda c: abs(c.i - here)):
            if child.dep_ in _SUBJECTS or child.dep_ == "obl:agent":
                return child
        if token.dep_ == "acl:relcl":
            return token.head
        if token.dep_ == "acl" and token.head.pos_ in ("PROPN", "PRON"):  # "footage of Trump saying …"
            return token.head
        if token.dep_ == "acl" and token.head.dep_ in ("obj", "obl"):  # "unleashed tweets saying …"
            token = token.head
        misparsed = [c for c in token.lefts if c.dep_ in ("compound", "dep") and c.pos_ in ("PROPN", "NOUN", "PRON")]
        if misparsed and token.i == cue.i:  # "The New York Post reports that …" parsed as a compound noun
            return misparsed[-1]
        if token.dep_ not in _CONTINUING or token.head.i == token.i:
            return None
        token = token.head
    return None


def _inverted_subject(cue: Token) -> Token | None:
    """The speaker after the verb ('“…,” said the governor'), which the parse may label as an object."""
    # "told X": X listens; "…, said Angie Holan": a name the parse calls a complement
    roles = ("nsubj",) if verb_lemma(cue.text) == "tell" else ("obj", "iobj", "nsubj", "obl:npmod", "ccomp")
    for child in cue.children:
        clause = child.dep_ == "ccomp" and _is_clause(child)
        if child.i > cue.i and child.dep_ in roles and child.pos_ in ("NOUN", "PROPN") and not clause:
            return child
    return None


def _source_outside(
    source: Token | None, cue: Token, content: tuple[int, int]
) -> tuple[Token | None, tuple[int, int] | None]:
    """The source and its span, never inside the content: when the parse takes a subject of the quoted words
    ('“It's an invasion,” Scott Pruitt said'), another subject of the cue, or the noun after it."""
    candidates: list[Token | None] = [source, *(c for c in cue.children if c.dep_ in _SUBJECTS), _inverted_subject(cue)]
    for candidate in candidates:
        if candidate is None:
            continue
        span = _source_range(candidate, cue)
        if span is not None and not _overlaps(span, content):
            return candidate, span
    return None, None


def _with_appositive(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The span stretched over a name after a comma that ends the sentence ('the head of the agency,
    Maria Kovalenko.'), which the parse often leaves unattached."""
    if span is None:
        return None
    following = [t for t in doc if t.idx >= span[1]][:6]
    if len(following) < 2 or following[0].text != "," or following[1].pos_ != "PROPN":
        return span
    names = []
    for token in following[1:]:
        if token.pos_ != "PROPN":
            break
        names.append(token)
    after = following[len(names) + 1] if len(following) > len(names) + 1 else None
    if after is not None and not after.is_punct:
        return span
    return span[0], names[-1].idx + len(names[-1])


def _source_range(source: Token, cue: Token) -> tuple[int, int] | None:
    """The source phrase: its subtree, without a relative clause that holds the cue."""
    # "the envoy, whose words were …,", "A delegate, speaking on condition of anonymity,": not the source's name
    clauses = [c for c in source.children if c.dep_ == "acl:relcl" or (c.dep_ == "acl" and c.nbor(-1).text == ",")]
    tokens = [t for t in source.subtree if not any(t in c.subtree for c in clauses)]
    tokens = [t for t in tokens if t.i != cue.i and not (t.pos_ == "ADP" and t.i == cue.i + 1)]  # "summed up X"
    tokens = [t for t in tokens if not (t.dep_ == "case" and t.head.i == source.i and t.i > source.i)]  # "Kyiv's"
    if cue.dep_ == "acl:relcl" and source.i == cue.head.i:  # "the minister, who said …": the minister
        tokens = [t for t in tokens if t.i < cue.i and not any(a.dep_ == "acl:relcl" for a in t.ancestors)]
        tokens = [t for t in tokens if t.lower_ not in ("who", "which", "that")]
    return _edges(sorted(tokens, key=lambda t: t.i))


def _side(whole: list[Token], cut: set[int], anchor: int, head: Token | None = None) -> list[Token]:
    """Of the tokens of `whole` outside `cut`, the run on either side of `anchor` that holds `head` (the verb
    of the clause), else the longer one."""
    before = [t for t in whole if t.i < anchor and t.i not in cut]
    after = [t for t in whole if t.i > anchor and t.i not in cut]
    if head is not None and (head in before) != (head in after):
        return before if head in before else after
    return before if len(before) >= len(after) else after


def _complement(cue: Token, any_object: bool) -> list[Token]:
    """Tokens of what the cue reports: its clausal complement, an indirect question or a quoted object; with
    `any_object`, also the objects and predicates after it ("called it a sham", "want to win", "support
    Sanders")."""
    complements = [
        child
        for child in cue.children
        if child.dep_ == "ccomp"
        or (child.dep_ in ("obj", "xcomp") and child.left_edge.is_quote)
        or (child.dep_ == "advcl" and child.left_edge.lower_ == "whether")  # "asked the attorney whether …"
    ]
    right, left = [c for c in complements if c.i > cue.i], [c for c in complements if c.i < cue.i]
    # '“…,” she said, months after her release'; "The Internet has … , said Angie Holan, Politifact's editor"
    # (the speaker after the verb parsed as a second complement)
    left_first = any(c.left_edge.is_quote for c in left) or (left and not any(_is_clause(c) for c in right))
    for side in (left, right) if left_first else (right, left):
        # a complement the parse broke in two ("says taking | the port would be a step") is read whole
        tokens = sorted((t for child in side for t in child.subtree), key=lambda t: t.i)
        if tokens and not tokens[0].i <= cue.i <= tokens[-1].i:
            return tokens
    agent = next((c for c in cue.children if c.dep_ == "obl:agent"), None)
    passive_subject = next((c for c in cue.children if c.dep_ == "nsubj:pass"), None)
    if agent is not None and passive_subject is not None:  # "the nominee was endorsed by dozens of papers"
        return list(passive_subject.subtree)
    if any(child.dep_ == "aux:pass" for child in cue.children):
        for child in cue.children:
            if child.dep_ == "xcomp":
                subjects = [c for c in cue.children if c.dep_ in ("nsubj:pass", "expl")]
                return [t for s in subjects for t in s.subtree] + list(child.subtree)
    if any_object:
        objects = [c for c in cue.children if c.dep_ in ("obj", "xcomp") and c.i > cue.i]
        clauses = [c for o in objects for c in o.rights if c.dep_ in ("acl", "ccomp") and c.left_edge.lower_ == "that"]
        if clauses:  # "expressed doubts that …": what the doubts are about
            return list(clauses[0].subtree)
        if objects:
            # "accusing him of …", "labelling her as …", "blamed the army for …": the object and its charge
            last = max(o.i for o in objects)
            charges = [c for c in cue.children if c.dep_ == "obl" and c.i > last and _case(c) in _CHARGES]
            objects += charges[:1]
            return sorted((t for child in objects for t in child.subtree), key=lambda t: t.i)
    return []


def _is_clause(token: Token) -> bool:
    """Whether a complement is a clause (a verb, or a predicate with a subject or copula), not a bare noun
    phrase the parse called one."""
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ in (*_SUBJECTS, "cop", "csubj") for c in token.children)


def _closes_clause(cue: Token) -> bool:
    """A speech verb set off by a comma after the clause it reports ("…, said a former spokesman, who …", "…, he said,
    wiping …"): what the parse hangs on its right is the speaker or an aside, not what was said."""
    opening = cue.left_edge.i
    after = cue.nbor() if cue.i + 1 < len(cue.doc) else None
    return (
        cue.dep_ == "parataxis"
        and verb_lemma(cue.text) in SPEECH_VERBS
        and cue.head.i < cue.i
        and opening > 0
        and cue.doc[opening - 1].text == ","
        and (opening == cue.i or (after is not None and after.text == ","))
        and not any(child.dep_ == "obj" for child in cue.children)
    )


def _case(token: Token) -> str:
    """The preposition that marks a nominal ("of" in "of endangering …"), lower-cased; "" when none does."""
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _loose_complement(cue: Token, sentence: Span) -> list[Token]:
    """What a reporting verb reports when the parse gives it no complement: the main clause of a
    parenthetical ("The town, officials said, has fallen"; "To win, aides said, he must …": the clause after
    it), the sentence before "…, sources said", what follows a colon (the next sentence when the colon ends
    this one), or the words after "said Friday that" and "told The Post that"."""
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
        return _side(list(cue.head.subtree), {t.i for t in cue.subtree}, cue.i, cue.head)
    after = [t for t in sentence if t.i > cue.i]
    if after and after[0].text == ":":
        rest = [t for t in after[1:] if not t.is_space]
        if rest:
            return rest
        following = cue.doc[sentence.end].sent if sentence.end < len(cue.doc) else None
        return list(following) if following is not None else []
    if len(after) > 3 and after[0].text == "," and cue.i > sentence.start and cue.nbor(-1).dep_ in _SUBJECTS:
        opening = cue.nbor(-1).left_edge.i
        if opening > sentence.start and cue.doc[opening - 1].text == ",":  # "To win, aides said, he must …"
            return [t for t in after[1:] if not t.is_space]
    # Dependents between the verb and a "that" it reports: "said on Friday that", "told The Post that".
    skipped = (*_MODIFIERS, "iobj") if verb_lemma(cue.text) in _ADDRESSING else _MODIFIERS
    modifiers = {t.i for c in cue.children if c.i > cue.i and c.dep_ in skipped for t in c.subtree}
    marks = [t for t in after if (t.lower_ == "that" and t.dep_ == "mark") or t.is_quote]
    if marks and all(t.i in modifiers or t.is_punct for t in after if t.i < marks[0].i):
        return [t for t in after if t.i >= marks[0].i]  # "claimed over the weekend that …", parsed as a relative
    rest = [t for t in after if t.i not in modifiers]
    subject = _source_of(cue)
    first = min([cue.i] + [t.i for t in subject.subtree] if subject is not None else [cue.i])
    before = [t for t in sentence if t.i < first]
    if len(before) > 2 and before[-1].text == "," and sum(not t.is_punct for t in rest) < 3:
        # "…, sources said." closes the sentence; "In an interview, she laughed it off" opens with no clause
        return before[:-1] if any(t.pos_ in ("VERB", "AUX") for t in before) else []
    if rest and rest[0].dep_ != "punct" and len(rest) >= 3 and all(c.dep_ not in ("obj", "iobj") for c in cue.children):
        return rest
    return []


def _verb_attribution(cue: Token, sentence: Span, learned: bool) -> Found | None:
    lemma = verb_lemma(cue.text)
    content = [] if _closes_clause(cue) else _complement(cue, learned)
    if not content and (learned or lemma in SPEECH_VERBS):
        content = _loose_complement(cue, sentence)
    if not content and learned:  # "complained about his mic", "responded with attacks on Machado"
        content = [t for c in cue.children if c.dep_ == "obl" and c.i > cue.i for t in c.subtree]
    if not content:
        return None
    content_range = _edges(content)
    if content_range is None or (len(content) == 1 and content[0].pos_ == "PRON"):  # "described it"
        return None
    if all(t.lower_ in _TIME_WORDS or t.is_punct for t in content):  # "announced Friday", parsed as an object
        return None
    source, source_range = _source_outside(_source_of(cue), cue, content_range)
    if source is not None and source.pos_ == "PRON" and source.lower_ in ("there",):
        source, source_range = None, None
    cue_range = (cue.idx, cue.idx + len(cue))
    return Found(content_range, cue_range, source_range, False, lemma, cue.i, source.i if source else None)


def _nominal_child(cue: Token) -> Token | None:
    """The dependent that holds what a noun or adjective of stance reports: its clause ("the claim that …",
    "a decision to …", "worried that …"), or for an adjective the object of its preposition ("skeptical of …",
    "proud of …"). A noun's preposition is left alone: "criticism of X" is rare beside "the city of X", and
    each candidate costs a run of the tagger."""
    for child in cue.rights:
        if child.dep_ in ("acl", "ccomp", "xcomp") and child.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            return child
        if cue.pos_ == "ADJ" and child.dep_ in ("nmod", "obl") and _case(child) in _STANCE_CASES:
            return child
    return None


def _nominal_source(cue: Token) -> Token | None:
    """The holder of a stance: "Trump's assertion", "she was worried", "critics expressed concerns"."""
    owner = next((c for c in cue.children if c.dep_ in ("nmod:poss", "nsubj")), None)
    if owner is not None:
        return owner
    if cue.dep_ in ("obj", "nsubj") and cue.head.pos_ == "VERB":
        return next((c for c in cue.head.children if c.dep_ == "nsubj" and c.i != cue.i), None)
    return None


def _nominal_attribution(cue: Token) -> Found | None:
    child = _nominal_child(cue)
    if child is None:
        return None
    content_range = _edges([t for t in child.subtree if not (t.dep_ == "case" and t.head.i == child.i)])
    if content_range is None:
        return None
    source = _nominal_source(cue)
    source_range = _source_range(source, cue) if source is not None else None
    if source_range is not None and _overlaps(source_range, content_range):
        source, source_range = None, None
    cue_range = (cue.idx, cue.idx + len(cue))
    return Found(content_range, cue_range, source_range, False, cue.lower_, cue.i, source.i if source else None)


def _headline_colon(colon: Token, sentence: Span) -> Found | None:
    """'Kuleba: Ukraine will not trade territory', 'Report: …', 'Q: …': one to four words with no verb opening
    the sentence, then a colon; never a page's own label ("Photo: …", "Related: …")."""
    name, rest = _around(colon, sentence)
    if not 1 <= len(name) <= 4 or not name[0].text[:1].isupper() or len(rest) < 3:
        return None
    if any(t.pos_ in ("VERB", "AUX", "PUNCT", "SPACE") or t.lower_ in _PAGE_LABELS for t in name):
        return None
    return _split_line(colon, name, rest, ":")


def _around(cue: Token, sentence: Span) -> tuple[list[Token], list[Token]]:
    """The words of a sentence before a cue, and the words after it."""
    return [t for t in sentence if t.i < cue.i], [t for t in sentence if t.i > cue.i and not t.is_space]


def _split_line(cue: Token, name: list[Token], rest: list[Token], lemma: str) -> Found | None:
    """A line split at its cue: the words before it are the source, those after it the content."""
    source, content = _edges(name), _edges(rest)
    if source is None or content is None:
        return None
    return Found(content, (cue.idx, cue.idx + len(cue)), source, False, lemma, cue.i, name[-1].i)


def _is_headline(sentence: Span) -> bool:
    """A title-case headline: a short sentence whose words nearly all open with a capital."""
    words = [t for t in sentence if t.is_alpha]
    if len(sentence) > _MAX_HEADLINE_TOKENS or len(words) < 4:
        return False
    return sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def _headline_verb(cue: Token, sentence: Span) -> Found | None:
    """'Trump Blasts Drudge for Mocking His Fast': in a headline (`_is_headline`) the parse takes the verb for
    a name; the words before it are the source, those after it the content."""
    name, rest = _around(cue, sentence)
    if not 1 <= len(name) <= 5 or len(rest) < 2:
        return None
    return _split_line(cue, name, rest, verb_lemma(cue.text))


def _according_to(token: Token, sentence: Span) -> Found | None:
    """'…, according to X' / 'According to X, …': X is the source, the rest of the clause the content."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc) or token.nbor().lower_ != "to":
        return None
    source = token.head
    if source.i in (token.i, token.i + 1):
        return None
    phrase = {t.i for t in source.subtree} | {token.i, token.i + 1}
    clause = source.head
    if clause.i > source.i and clause.left_edge.i >= token.i - 1 and clause.head.i != clause.i:
        # "…, according to an account she gave to the Beacon": the parse hangs the source's relative clause,
        # with the source inside it, from the sentence
        phrase |= {t.i for t in clause.subtree}
        clause = clause.head
    whole = list(clause.subtree) if clause.pos_ in ("VERB", "AUX", "ADJ") else list(sentence)
    verb = clause if clause.pos_ in ("VERB", "AUX", "ADJ") else None
    content = _side(whole, phrase, min(phrase) if min(phrase) > whole[0].i else max(phrase), verb)
    content_range = _edges(content)
    source_range = _edges([token.doc[i] for i in sorted(phrase) if i not in (token.i, token.i + 1)])
    if content_range is None or source_range is None:
        return None
    cue_range = (token.idx, token.nbor().idx + 2)
    return Found(content_range, cue_range, source_range, False, "according to", token.i, source.i)


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


def _relocated(found: list[Found], doc: Doc, tagger: ContentTagger, quotes: list[Quote]) -> list[Found]:
    """The attributions with each reported content moved where the content tagger is sure it lies, when it
    is sure the parse's content is not it ("…, said a former spokesman" taken for what was said), and no
    other attribution holds those words."""
    moved = []
    for attribution in found:
        content = _learned_content(attribution, doc, tagger) if not attribution.direct else None
        # `found` holds this attribution too: a run overlapping its own content is no move
        if content is None or any(_overlaps(content, other.content) for other in found):
            moved.append(attribution)
        else:
            moved.append(_as_direct(_with_content(attribution, content, doc), quotes, doc.text))
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
    return _edges(_sure_run(probabilities, doc, cue, tagger.take_above))


def _with_content(found: Found, content: tuple[int, int], doc: Doc) -> Found:
    """The attribution with another content, and its source looked for again when the misplaced content may
    have been the speaker ("…, said a former spokesman")."""
    if found.cue_token is None or (found.source is not None and not _overlaps(found.source, content)):
        return replace(found, content=content)
    verb = doc[found.cue_token]
    source, source_range = _source_outside(_source_of(verb), verb, content)
    source_range = _with_appositive(doc, source_range)
    return replace(found, content=content, source=source_range, source_token=source.i if source else None)


def _learned_attribution(cue: Token, tagger: ContentTagger) -> Found | None:
    """For a cue whose content the parse does not give ("Voters are rejecting him"), the run of words the
    content tagger is sure of."""
    probabilities = tagger.probabilities(cue.doc, cue.i, cue.i + 1)
    content = _edges(_sure_run(probabilities, cue.doc, (cue.i, cue.i + 1), tagger.find_above))
    if content is None:
        return None
    source, source_range = _source_outside(_source_of(cue), cue, content)
    cue_range = (cue.idx, cue.idx + len(cue))
    return Found(content, cue_range, source_range, False, verb_lemma(cue.text), cue.i, source.i if source else None)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


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
            if not _overlaps(content, found.cue):
                return Found(content, found.cue, found.source, True, found.cue_lemma, found.cue_token,
                             found.source_token)  # fmt: skip
    return found


def _quote_cue(quote: Quote, doc: Doc) -> Token | None:
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
    before_stop = min((i for i in stops if i >= quote.end), default=len(doc.text))
    verbs = [token for token in tokens if _speech_verb(token) and after_stop < token.idx < before_stop]
    if verbs:  # the nearest: "urged a strong stand, saying that he would ''walk all over us''" is the saying's
        return min(verbs, key=lambda t: quote.start - t.idx if t.idx < quote.start else t.idx - quote.end)
    before = doc[sentences[0].start - 1].sent if sentences[0].start > 0 else None
    if before is not None and before.text.rstrip().endswith(":"):
        return next((token for token in reversed(before) if _speech_verb(token)), None)
    after = doc[sentences[-1].end].sent if sentences[-1].end < len(doc) else None
    if (
        after is not None
        and _last_mark(quote, doc.text) in ("?", "!")
        and "\n" not in doc.text[quote.end : after.start_char]
    ):
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


def _is_statement(quote: Quote, doc: Doc) -> bool:
    """A quotation of three words or more that is not a title, or a shorter one that opens its sentence and
    hands over to the cue just after it ('“Meh,” wrote a supporter'): inside a sentence a short quote is a
    scare quote."""
    words = doc.text[quote.inner_start : quote.inner_end].split()
    if len(words) >= _MIN_QUOTE_WORDS:
        return not _is_title(words)
    opening = doc.char_span(quote.start, quote.start + 1, alignment_mode="expand")
    if opening is None or not opening[0].is_sent_start or _last_mark(quote, doc.text) not in (",", "?", "!"):
        return False
    cue = _quote_cue(quote, doc)  # looked for last: it reads the sentences around the quote
    return cue is not None and cue.idx >= quote.end and len(doc.text[quote.end : cue.idx].split()) < _HANDOVER_WORDS


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
        candidates = {t.i for t in doc if t.pos_ in ("NOUN", "ADJ") and _nominal_child(t) is not None}
        headlines = [sentence for sentence in doc.sents if _is_headline(sentence)]
        candidates |= {t.i for s in headlines for t in s if t.pos_ == "PROPN" and _headline_verb(t, s) is not None}
        cues, nominal = cue_model.cues(doc, probabilities, candidates)
    for sentence in doc.sents:
        for token in sentence:
            if token.lower_ == "according":
                attribution = _according_to(token, sentence)
            elif token.text == ":":
                attribution = _headline_colon(token, sentence)
            elif token.i in cues:
                attribution = _verb_attribution(token, sentence, True)
                if attribution is None:
                    unplaced.append(token)
            elif token.i in nominal:
                attribution = _headline_verb(token, sentence) if token.pos_ == "PROPN" else _nominal_attribution(token)
            elif cue_model is None and token.pos_ == "VERB" and verb_lemma(token.text) in LISTED_VERBS:
                attribution = _verb_attribution(token, sentence, False)
            else:
                continue
            if attribution is not None:
                found.append(attribution)
    found = _chained(found, doc.text)
    found = _before_later_reports(found, doc.text)
    quotes = [q for q in find_quotes(doc.text) if _is_statement(q, doc)]
    found = [_as_direct(f, quotes, doc.text) for f in found]
    covered = [f.content for f in found]
    quote_cues: set[int] = set()
    previous: Found | None = None
    for quote in quotes:
        inner = _trimmed(doc.text, quote.inner_start, quote.inner_end)
        if any(_overlaps(inner, content) for content in covered):
            previous = next(f for f in found if _overlaps(inner, f.content))
            continue
        cue = _quote_cue(quote, doc)
        if cue is not None:
            if cue.idx >= quote.end:  # '“…,” said the governor' reads the speaker after the quote first
                after_quote = next((c for c in cue.children if c.dep_ in _SUBJECTS and c.idx >= quote.end), None)
                source = after_quote or _inverted_subject(cue) or _source_of(cue)
            else:
                source = _source_of(cue) or _inverted_subject(cue)
            quote_cues.add(cue.i)
            source, source_range = _source_outside(source, cue, inner)
            source_range = _with_appositive(doc, source_range)
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
        found = _relocated(found, doc, content_tagger, quotes)
        for cue in unplaced:
            learned = _learned_attribution(cue, content_tagger)
            if learned is not None and not any(_overlaps(learned.content, f.content) for f in found):
                found.append(learned)
    return sorted(set(found), key=lambda f: (f.content, f.cue))
