"""The parse frames of an attribution: a cue with its source and content, read from a sentence's dependency parse."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from newsint.claims.cues import SPEECH_VERBS, verb_lemma

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
# A title-case sentence of at most this many tokens is a headline.
_MAX_HEADLINE_TOKENS = 30
SUBJECTS = ("nsubj", "nsubj:outer")
# Penn tags of relative and interrogative pronouns, and the words themselves for a parse that tags them otherwise.
_RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
_RELATIVE_WORDS = frozenset({"who", "whom", "which", "whose", "whoever"})
_CONTINUING = ("xcomp", "advcl", "conj", "acl")
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


def edges(tokens: list[Token]) -> tuple[int, int] | None:
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


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def is_relative(token: Token) -> bool:
    """Whether the word is a relative or interrogative pronoun ("who", "which", "whom", "that" opening a
    relative clause): it names nobody itself."""
    return token.tag_ in _RELATIVE_TAGS or token.lower_ in _RELATIVE_WORDS


def antecedent(pronoun: Token) -> tuple[Token, tuple[int, int]] | None:
    """What a relative pronoun stands for: the noun its relative clause hangs on and that noun's phrase ("the
    envoy, who said …": the envoy); None when the parse gives no relative clause around it."""
    clause = pronoun.head
    for _ in range(3):
        if clause.dep_ == "acl:relcl" and clause.head.i != clause.i:
            phrase = source_range(clause.head, clause)
            return (clause.head, phrase) if phrase is not None else None
        if clause.dep_ not in _CONTINUING or clause.head.i == clause.i:
            break
        clause = clause.head
    return None


def source_of(cue: Token) -> Token | None:
    """The subject of the cue, climbing from "…, adding that" or "and said" to the clause that has one."""
    token: Token = cue
    for _ in range(3):
        here = token.i  # the subject nearest the verb: '…, sources said' may come parsed with two subjects
        for child in sorted(token.children, key=lambda c: abs(c.i - here)):
            if child.dep_ in SUBJECTS or child.dep_ == "obl:agent":
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


def inverted_subject(cue: Token) -> Token | None:
    """The speaker after the verb ('“…,” said the governor'), which the parse may label as an object."""
    # "told X": X listens; "…, said Angie Holan": a name the parse calls a complement
    roles = ("nsubj",) if verb_lemma(cue.text) == "tell" else ("obj", "iobj", "nsubj", "obl:npmod", "ccomp")
    for child in cue.children:
        clause = child.dep_ == "ccomp" and _is_clause(child)
        if child.i > cue.i and child.dep_ in roles and child.pos_ in ("NOUN", "PROPN") and not clause:
            return child
    return None


def source_outside(
    source: Token | None, cue: Token, content: tuple[int, int]
) -> tuple[Token | None, tuple[int, int] | None]:
    """The source and its span, never inside the content: when the parse takes a subject of the quoted words
    ('“It's an invasion,” Scott Pruitt said'), another subject of the cue, or the noun after it."""
    candidates: list[Token | None] = [source, *(c for c in cue.children if c.dep_ in SUBJECTS), inverted_subject(cue)]
    for candidate in candidates:
        if candidate is None:
            continue
        span = source_range(candidate, cue)
        if span is not None and not overlaps(span, content):
            return candidate, span
    return None, None


def with_appositive(doc: Doc, span: tuple[int, int] | None) -> tuple[int, int] | None:
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


def source_range(source: Token, cue: Token) -> tuple[int, int] | None:
    """The source phrase: its subtree, without a relative clause that holds the cue."""
    # "the envoy, whose words were …,", "A delegate, speaking on condition of anonymity,": not the source's name
    clauses = [c for c in source.children if c.dep_ == "acl:relcl" or (c.dep_ == "acl" and c.nbor(-1).text == ",")]
    if source.pos_ in ("NOUN", "PROPN"):  # "It was the report, which said …": the report, not "It was"
        clauses += [c for c in source.children if c.dep_ in (*SUBJECTS, "nsubj:pass", "cop", "expl") and c.i < source.i]
    tokens = [t for t in source.subtree if not any(t in c.subtree for c in clauses)]
    tokens = [t for t in tokens if t.i != cue.i and not (t.pos_ == "ADP" and t.i == cue.i + 1)]  # "summed up X"
    tokens = [t for t in tokens if not (t.dep_ == "case" and t.head.i == source.i and t.i > source.i)]  # "Kyiv's"
    if source.dep_ == "obl:agent":  # "described by both sides as a meat grinder": both sides, without "by" or "as …"
        charges = [c for c in source.children if c.i > source.i and _case(c) in _CHARGES]
        tokens = [t for t in tokens if not any(t in c.subtree for c in charges)]
        tokens = [t for t in tokens if not (t.dep_ == "case" and t.head.i == source.i and t.lower_ == "by")]
    if cue.dep_ == "acl:relcl" and source.i == cue.head.i:  # "the minister, who said …": the minister
        tokens = [t for t in tokens if t.i < cue.i and not any(a.dep_ == "acl:relcl" for a in t.ancestors)]
        tokens = [t for t in tokens if not is_relative(t) and t.lower_ != "that"]
    return edges(sorted(tokens, key=lambda t: t.i))


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
    return token.pos_ in ("VERB", "AUX") or any(c.dep_ in (*SUBJECTS, "cop", "csubj") for c in token.children)


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
    if len(after) > 3 and after[0].text == "," and cue.i > sentence.start and cue.nbor(-1).dep_ in SUBJECTS:
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
    subject = source_of(cue)
    first = min([cue.i] + [t.i for t in subject.subtree] if subject is not None else [cue.i])
    before = [t for t in sentence if t.i < first]
    if len(before) > 2 and before[-1].text == "," and sum(not t.is_punct for t in rest) < 3:
        # "…, sources said." closes the sentence; "In an interview, she laughed it off" opens with no clause
        return before[:-1] if any(t.pos_ in ("VERB", "AUX") for t in before) else []
    if rest and rest[0].dep_ != "punct" and len(rest) >= 3 and all(c.dep_ not in ("obj", "iobj") for c in cue.children):
        return rest
    return []


def _before_main_predicate(cue: Token, content: list[Token]) -> list[Token]:
    """A content cut before the sentence's own predicate, which the parse may hang inside a relative clause set
    off by commas ("The envoy, who said the talks had stalled, left Geneva": not "…, left Geneva")."""
    clause = cue
    for _ in range(3):
        if clause.dep_ == "acl:relcl" or clause.head.i == clause.i:
            break
        clause = clause.head
    noun = clause.head
    if clause.dep_ != "acl:relcl" or noun.dep_ != "ROOT" or any(c.dep_ == "cop" for c in noun.children):
        return content  # the sentence has a verb of its own outside the relative clause
    opening = min(t.i for t in clause.subtree if not t.is_punct)  # the parse may give the comma to the clause
    if opening == 0 or cue.doc[opening - 1].text != ",":
        return content
    inside = {t.i for t in content}
    roots = {t.i for t in content if t.head.i not in inside or t.head.i == t.i}
    commas = [i for i, t in enumerate(content) if t.text == ","]
    for at in reversed(commas):
        rest = content[at + 1 :]  # a predicate with no subject of its own, outside the content's own clause
        if rest and rest[0].is_lower and not any(t.dep_ in (*SUBJECTS, "nsubj:pass") or t.i in roots for t in rest):
            return content[:at]
    return content


def opens_with_agent(cue: Token, content: list[Token]) -> bool:
    """Whether a content opens with the cue's passive agent ("an interview published | by La Stampa …"): the
    one who acted, not what was said."""
    agents = {t.i for c in cue.children if c.dep_ == "obl:agent" for t in c.subtree}
    words = [t for t in content if not (t.is_punct or t.is_space)]
    return bool(words) and min(words, key=lambda t: t.i).i in agents


def verb_attribution(cue: Token, sentence: Span, learned: bool) -> Found | None:
    lemma = verb_lemma(cue.text)
    content = [] if _closes_clause(cue) else _before_main_predicate(cue, _complement(cue, learned))
    # a participle on a noun with no clause of its own ("aid expected | in coming months") describes the noun
    loose = not (cue.dep_ == "acl" and cue.tag_ == "VBN")
    if not content and loose and (learned or lemma in SPEECH_VERBS):
        content = _loose_complement(cue, sentence)
    if not content and loose and learned:  # "complained about his mic", "responded with attacks on Machado"
        content = [t for c in cue.children if c.dep_ == "obl" and c.i > cue.i for t in c.subtree]
    if not content or opens_with_agent(cue, content):
        return None
    content_range = edges(content)
    if content_range is None or (len(content) == 1 and content[0].pos_ == "PRON"):  # "described it"
        return None
    if all(t.lower_ in _TIME_WORDS or t.is_punct for t in content):  # "announced Friday", parsed as an object
        return None
    source, source_range = source_outside(source_of(cue), cue, content_range)
    if source is not None and source.pos_ == "PRON" and source.lower_ in ("there",):
        source, source_range = None, None
    cue_range = (cue.idx, cue.idx + len(cue))
    return Found(content_range, cue_range, source_range, False, lemma, cue.i, source.i if source else None)


def nominal_child(cue: Token) -> Token | None:
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


def nominal_attribution(cue: Token) -> Found | None:
    child = nominal_child(cue)
    if child is None:
        return None
    content = [t for t in child.subtree if not (t.dep_ == "case" and t.head.i == child.i)]
    content_range = edges(_before_main_predicate(cue, content))
    if content_range is None:
        return None
    source = _nominal_source(cue)
    source_span = source_range(source, cue) if source is not None else None
    if source_span is not None and overlaps(source_span, content_range):
        source, source_span = None, None
    cue_range = (cue.idx, cue.idx + len(cue))
    return Found(content_range, cue_range, source_span, False, cue.lower_, cue.i, source.i if source else None)


def headline_colon(colon: Token, sentence: Span) -> Found | None:
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
    source, content = edges(name), edges(rest)
    if source is None or content is None:
        return None
    return Found(content, (cue.idx, cue.idx + len(cue)), source, False, lemma, cue.i, name[-1].i)


def is_headline(sentence: Span) -> bool:
    """A title-case headline: a short sentence whose words nearly all open with a capital."""
    words = [t for t in sentence if t.is_alpha]
    if len(sentence) > _MAX_HEADLINE_TOKENS or len(words) < 4:
        return False
    return sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


def headline_verb(cue: Token, sentence: Span) -> Found | None:
    """'Trump Blasts Drudge for Mocking His Fast': in a headline (`is_headline`) the parse takes the verb for
    a name; the words before it are the source, those after it the content."""
    name, rest = _around(cue, sentence)
    if not 1 <= len(name) <= 5 or len(rest) < 2:
        return None
    return _split_line(cue, name, rest, verb_lemma(cue.text))


def according_to(token: Token, sentence: Span) -> Found | None:
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
    content_range = edges(content)
    source_range = edges([token.doc[i] for i in sorted(phrase) if i not in (token.i, token.i + 1)])
    if content_range is None or source_range is None:
        return None
    cue_range = (token.idx, token.nbor().idx + 2)
    return Found(content_range, cue_range, source_range, False, "according to", token.i, source.i)
