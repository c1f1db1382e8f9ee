"""Event candidates in a parsed document: the trigger, who acted on whom, and whether it happened.

One candidate per sentence and trigger family: the trigger highest in the parse wins ("fired missiles …,
killing six" is one attack). The candidate records what the parse says about modality: `negated` ("did
not attack", "failed to take the bridge", "denies arming them"), `hypothetical` ("would attack", "plans to
withdraw", "if they capture", "a planned offensive") and `ongoing` (a state or a habit rather than a
dated happening: "has been going on for weeks", "continue to shell", present tense outside headlines).
A definite event noun ("the blast killed …", "welcomed the accord") sets `refers_to` to the noun's
family: the candidate tells more of an event of that family already reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsint.events.triggers import (
    CAPTIVES,
    CONDITIONAL_VERBS,
    EXCHANGES,
    IMPACT_VERBS,
    NOUN_FAMILY,
    PROTESTERS,
    SUPPORT_VERBS,
    VERB_FAMILY,
    trigger_lemma,
)
from newsint.lexicon import WEAPONS, inflections


def _forms(words: str) -> frozenset[str]:
    """Every inflected form of a closed list of verbs (and the plurals of its nouns)."""
    return frozenset(form for word in words.split() for form in inflections(word))


_NEGATIONS = frozenset("not n't never no".split())
_OWN_PAPERS = frozenset(
    "statement statements letter letters post posts message petition decree decrees law laws order orders bill".split()
)
# Verbs whose complement did not happen: "failed to take", "denies arming", "refused to withdraw".
_NEGATIVE_GOVERNORS = _forms("fail deny refuse reject avoid prevent stop halt")
_MODALS = frozenset("will would could may might should can must 'll shall".split())
# Verbs whose complement has not happened yet: "plans to withdraw", "threatened to strike".
_IRREALIS_GOVERNORS = _forms(
    """plan want try seek intend aim prepare hope expect vow promise propose consider urge call ask demand warn
    threaten attempt wish need mean push offer pledge struggle decide decision bid effort threat order proposal
    intention readiness move"""
)
_IRREALIS_MODIFIERS = frozenset("planned expected possible potential proposed future upcoming would-be".split())
# Verbs whose complement is a state that goes on: "continue to bombard", "keep fighting".
_DURATIVE_GOVERNORS = _forms("continue keep remain go")
# Phrasal verbs whose particle makes a trigger form mean something else.
_PHRASAL_NON_EVENTS = {"wound": frozenset({"up"}), "fired": frozenset({"up"}), "fires": frozenset({"up"})}
_OUTCOMES = frozenset("kill die wound injure".split())
_TALLY = 1000  # dead counted in thousands are a war's toll, not one event's
_STANCE_VERBS = frozenset("go goes went gone going be is are was were been being remain remains remained stay".split())
_ANAPHORIC_DETERMINERS = frozenset("the this that these those".split())
_SUBJECT_DEPS = ("nsubj", "csubj")
_PASSIVE_SUBJECT_DEPS = ("nsubj:pass", "csubj:pass")
_TARGET_CASES = frozenset("on at against into upon".split())
_COUNTERPART_CASES = frozenset("with".split())
# An event noun that dates another event is one of its own ("detained dozens after Friday's bombing"); one
# that is the other's cause or setting is the same happening ("killed in the bombing").
_SEQUENCE_CASES = frozenset("after before since following until".split())
# Verbs that tell a happening only through their subject: "fighting erupted", "clashes broke out", "the
# shelling resumed". With a subject that names fighting, the verb is a trigger of the subject's family; "erupt"
# alone stays a disaster's ("the volcano erupted").
_ONSET_VERBS = _forms("erupt flare rage resume intensify escalate continue ensue spread")
_BREAK_FORMS = _forms("break") | {"broke", "broken"}  # "broke out"
# Only words that name fighting whatever the story: "the strike continued" is a walk-out's, "the battle
# continues" a court's, "the offensive" a charm's.
_FIGHT_NOUNS = {
    **dict.fromkeys("shelling bombardment airstrikes barrage barrages".split(), "remote"),
    **dict.fromkeys(
        "fighting gunfire shooting firefight firefights hostilities clash clashes skirmish skirmishes violence".split(),
        "violence",
    ),
}
_CLAUSE_LINKS = ("xcomp", "ccomp", "csubj", "advcl", "conj", "acl", "acl:relcl", "parataxis")


@dataclass
class Candidate:
    """A trigger in a sentence and what the parse says of it."""

    trigger: Token
    family: str
    sentence: Span
    actors: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    ongoing: bool = False
    refers_to: str = ""
    # Families of triggers below this one in the same clause tree that tell the same happening.
    absorbed: list[str] = field(default_factory=list)


def _lemma(token: Token) -> str:
    return trigger_lemma(token.text)


def is_verb(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.pos_ == "VERB"


def _family(token: Token) -> str | None:
    """The trigger family of a token, or None when it reports no event."""
    if is_verb(token):
        if not _is_clausal(token):
            return None
        particles = {c.lower_ for c in token.children if c.dep_ == "compound:prt"}
        if particles & _PHRASAL_NON_EVENTS.get(token.lower_, frozenset()):
            return None  # "wound up the talks", "fired up the crowd"
        lemma = _lemma(token)
        if lemma == "sign" and _signs_own_paper(token):
            return None  # "a statement signed by its spokesman" agrees nothing with anyone
        if (subject := fight_subject(token)) is not None:
            return _FIGHT_NOUNS[subject.lower_]
        if lemma in SUPPORT_VERBS:
            noun = next((c for c in token.children if c.dep_ == "obj" and c.lower_ in NOUN_FAMILY), None)
            if noun is not None:
                return NOUN_FAMILY[noun.lower_]  # "launched an offensive", "held talks", "carried out strikes"
        if lemma in IMPACT_VERBS and any(
            c.dep_ == "nsubj" and {t.lower_ for t in c.subtree} & WEAPONS for c in token.children
        ):
            return "remote"
        if lemma in CONDITIONAL_VERBS:
            family, words = CONDITIONAL_VERBS[lemma]
            if _has_condition(token, words):
                return family  # "seized weapons" before "seized the town"
            if lemma == "fire" and any(c.dep_ == "obl" and _case(c) in ("on", "at", "upon") for c in token.children):
                return "violence"  # "fired on our positions", "fired at the crowd": shooting
        if lemma not in VERB_FAMILY and token.tag_ in ("VBD", "VBN") and _protesters_do(token):
            return "protest"  # "hundreds of demonstrators gathered …"
        return VERB_FAMILY.get(lemma)
    if token.tag_ in ("NN", "NNS") and token.lower_ in NOUN_FAMILY and not _stance(token):
        return NOUN_FAMILY[token.lower_]
    if token.tag_ in ("NN", "NNS") and token.lower_ in EXCHANGES and _swaps_captives(token):
        return "agreement"
    return None


def _signs_own_paper(verb: Token) -> bool:
    """Whether "sign" puts one side's name to its own paper (a statement, a letter, a decree), not an agreement."""
    signed = [c for c in verb.children if c.dep_ in ("obj", "nsubj:pass")]
    if verb.dep_ == "acl":
        signed.append(verb.head)  # "a statement, signed by its spokesman"
    return any(t.lower_ in _OWN_PAPERS for t in signed)


def _swaps_captives(noun: Token) -> bool:
    """Whether an exchange noun is a swap of captives: one in its sentence, and the noun a thing of its own
    ("an exchange", "the prisoner swap", "Thursday's exchange"), not the idiom "in exchange for"."""
    determined = any(c.dep_ in ("det", "nmod:poss", "compound", "amod", "nummod") for c in noun.children)
    return determined and any(t.lower_ in CAPTIVES for t in noun.sent)


def fight_subject(verb: Token) -> Token | None:
    """The subject that names fighting of a verb of onset ("fighting erupted", "clashes broke out"), else None."""
    onset = verb.lower_ in _ONSET_VERBS or (
        verb.lower_ in _BREAK_FORMS and any(c.dep_ == "compound:prt" and c.lower_ == "out" for c in verb.children)
    )
    if onset:
        return next((c for c in verb.children if c.dep_ in _SUBJECT_DEPS and c.lower_ in _FIGHT_NOUNS), None)
    return None


def _is_clausal(verb: Token) -> bool:
    """Whether a verb form heads a clause rather than acting as a noun or adjective: "a sign", "burned-out
    vehicles" and "the fighting here" report nothing."""
    children = list(verb.children)
    if any(c.dep_ in ("cop", "det") for c in children) or verb.dep_ in ("amod", "compound"):
        return False
    if existential(verb):
        return True  # "There was fierce fighting around the village"
    if verb.dep_ in ("nsubj", "nsubj:pass", "obj", "nmod", "obl"):
        return any(c.dep_ in ("obj", "nsubj", "nsubj:pass", "obl:agent") for c in children)
    return True


def existential(token: Token) -> bool:
    """Whether a word is what "there was" says there was ("There was heavy fighting on Tuesday")."""
    return token.dep_ == "nsubj" and any(c.dep_ == "expl" for c in token.head.children)


def _protesters_do(verb: Token) -> bool:
    """Whether the subject of a verb is a crowd of protesters ("thousands of demonstrators marched")."""
    return any(
        t.lower_ in PROTESTERS for c in verb.children if c.dep_ == "nsubj" for t in c.subtree if t.dep_ != "acl:relcl"
    )


def _has_condition(verb: Token, words: frozenset[str]) -> bool:
    """Whether a conditional trigger has the words that make it one ("fired missiles", "held talks")."""
    slots: tuple[str, ...] = ("obj", "obl", "obl:agent", "nsubj:pass", "compound:prt")
    if words is WEAPONS:
        slots += ("nsubj",)  # "drones hit Odesa"
    return any(c.dep_ in slots and {t.lower_ for t in c.subtree} & words for c in verb.children)


def _clause_chain(token: Token) -> list[Token]:
    """The token and the heads it hangs from through clause links, nearest first, up to the root."""
    chain = [token]
    while chain[-1].dep_ in _CLAUSE_LINKS and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _governed_by(token: Token, words: frozenset[str]) -> bool:
    """Whether a form in `words` governs the token through complement clauses ("failed to close")."""
    chain = _clause_chain(token)
    for child, governor in zip(chain, chain[1:], strict=False):
        if child.dep_ not in ("xcomp", "ccomp", "csubj", "acl", "conj") and not _is_complement(child):
            return False
        if governor.lower_ in words:
            return True
    return False


def _is_complement(clause: Token) -> bool:
    """Whether an adverbial clause is the complement of its verb, which a parse may read as one: "ordered his
    forces to retake", "prevent Russia from taking"."""
    return clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("to", "from") for c in clause.children)


def _negated(trigger: Token) -> bool:
    if any(child.lower_ in _NEGATIONS for child in trigger.children if child.dep_ in ("advmod", "det", "neg")):
        return True
    # The subject, which a misparse may hang from an auxiliary ("have been reported fought").
    heads = [trigger, *(c for c in trigger.children if c.dep_ in ("aux", "aux:pass"))]
    subjects = [c for h in heads for c in h.children if c.dep_ in (*_SUBJECT_DEPS, *_PASSIVE_SUBJECT_DEPS)]
    objects = [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
    if any(d.dep_ == "det" and d.lower_ == "no" for s in subjects + objects for d in s.children):
        return True  # "no major battles have been reported fought", "no civilians killed", "carried out no strikes"
    return _governed_by(trigger, _NEGATIVE_GOVERNORS)


def _hypothetical(trigger: Token) -> bool:
    for link in _clause_chain(trigger):
        children = list(link.children)
        if any(child.dep_ == "aux" and child.lower_ in _MODALS for child in children):
            return True
        if any(child.dep_ == "mark" and child.lower_ in ("if", "unless") for child in children):
            return True
        if link.dep_ not in ("xcomp", "csubj", "conj", "ccomp"):
            break
    if any(child.dep_ == "amod" and child.lower_ in _IRREALIS_MODIFIERS for child in trigger.children):
        return True
    # "taking the port would cut the supply line", where the parse hangs the modal clause below the gerund.
    if trigger.tag_ == "VBG" and any(
        child.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in _MODALS for a in child.children)
        for child in trigger.children
    ):
        return True
    return _governed_by(trigger, _IRREALIS_GOVERNORS)


def _ongoing(trigger: Token, headline: bool) -> bool:
    if _governed_by(trigger, _DURATIVE_GOVERNORS):
        return True
    if not is_verb(trigger):
        return False
    auxiliaries = [child.lower_ for child in trigger.children if child.dep_ in ("aux", "aux:pass")]
    if _is_tally(trigger, auxiliaries):
        return True
    if trigger.tag_ == "VBG" and any(a in ("been", "is", "are", "am") for a in auxiliaries):
        return True
    if trigger.tag_ == "VBN" and any(a in ("being", "is", "are", "am") for a in auxiliaries):
        return True
    if trigger.tag_ in ("VBZ", "VBP") and not headline:
        return True
    return any(child.dep_ == "advmod" and child.lower_ in ("still", "continually", "regularly") for child in
               trigger.children)  # fmt: skip


def _is_tally(trigger: Token, auxiliaries: list[str]) -> bool:
    """Whether a killing in the perfect counts the dead of a war or a campaign rather than telling one event:
    "between 20,000 and 30,000 troops have been killed", "some 8,000 civilians have died"."""
    if trigger_lemma(trigger.text) not in _OUTCOMES or not any(a in ("have", "has", "'ve") for a in auxiliaries):
        return False
    counted = [t for c in trigger.children if c.dep_ in ("nsubj", "nsubj:pass") for t in c.subtree]
    if any(t.lower_ == "between" for t in counted):
        return True  # a range is an estimate of a toll
    digits = (t.text.replace(",", "") for t in counted if t.like_num)
    return any(d.isdigit() and int(d) >= _TALLY for d in digits) or any(t.lower_ == "thousands" for t in counted)


def _stance(noun: Token) -> bool:
    """Whether an event noun names a posture, not a happening: "has gone on the attack", "is on the offensive"."""
    return _case(noun) == "on" and noun.head.lower_ in _STANCE_VERBS


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """The subject heads of a verb (inherited through conj, xcomp and a participle's clause: "police fired
    …, killing one"; the object of the verb a complement hangs from: "ordered his forces to retake"), and
    whether the verb is passive."""
    token: Token | None = verb
    while token is not None:
        active = [c for c in token.children if c.dep_ in _SUBJECT_DEPS]
        passive = [c for c in token.children if c.dep_ in _PASSIVE_SUBJECT_DEPS]
        if active or passive:
            heads = active or passive
            return _with_conjuncts(heads), bool(passive) and not active
        if _is_complement(token):
            # Who was ordered or prevented is who would act: "prevent Russia from taking control".
            objects = [c for c in token.head.children if c.dep_ == "obj"]
            if objects:
                return _with_conjuncts(objects), False
        inherits = token.dep_ in ("conj", "xcomp") or (token.dep_ == "advcl" and token.tag_ == "VBG")
        token = token.head if inherits and token.head.i != token.i else None
    return [], False


def _with_conjuncts(heads: list[Token]) -> list[Token]:
    out: list[Token] = []
    for head in heads:
        out.append(head)
        out.extend(c for c in head.children if c.dep_ == "conj" and c.tag_.startswith(("NN", "PRP")))
    return out


def _case(token: Token) -> str:
    return next((c.lower_ for c in token.children if c.dep_ == "case"), "")


def _participants(trigger: Token, family: str) -> tuple[list[Token], list[Token]]:
    """Heads of the actor and target phrases of a trigger."""
    if not is_verb(trigger):
        return _noun_participants(trigger)
    actors: list[Token] = []
    targets: list[Token] = []
    subjects, passive = _subjects(trigger)
    (targets if passive else actors).extend(subjects)
    for child in trigger.children:
        case = _case(child)
        if child.dep_ == "obl:agent" or (child.dep_ == "obl" and case == "by" and passive):
            actors += _with_conjuncts([child])
        elif child.dep_ == "obj" and (_is_weapon(child) or child.lower_ in NOUN_FAMILY):
            # "fired missiles at Kyiv": the target hangs from the weapon.
            targets += [
                g for g in child.children if g.dep_ == "nmod" and _case(g) in _TARGET_CASES | _COUNTERPART_CASES
            ]
        elif (child.dep_ == "obj" and family != "agreement") or (
            child.dep_ in ("obl", "nmod") and case in _TARGET_CASES | _COUNTERPART_CASES
        ):
            targets += _with_conjuncts([child])
    if not actors:
        # "was wounded … when his car was hit by a drone", "was shot dead by gunmen": an agent one
        # clause or complement below.
        actors += [
            a for c in trigger.children if c.dep_ in ("advcl", "xcomp", "advmod", "conj")
            for a in c.children if a.dep_ == "obl:agent" or (a.dep_ == "obl" and _case(a) == "by")
        ]  # fmt: skip
    return actors, targets


def _noun_participants(trigger: Token) -> tuple[list[Token], list[Token]]:
    """ "Russia's strikes on Kyiv", "attacks by militants", "Russian strikes"."""
    actors: list[Token] = []
    targets: list[Token] = []
    for child in trigger.children:
        case = _case(child)
        named_by = child.dep_ == "nmod:poss" or (child.dep_ == "nmod" and case == "by")
        if named_by or (child.dep_ == "amod" and child.tag_ in ("NNP", "JJ") and child.text[:1].isupper()):
            actors.append(child)
        elif child.dep_ == "nmod" and case in _TARGET_CASES | _COUNTERPART_CASES:
            targets.append(child)
    return actors, targets


def _is_weapon(phrase: Token) -> bool:
    """Whether an object is what was fired ("a barrage of rockets", "dozens of drones")."""
    return any(t.lower_ in WEAPONS for t in phrase.subtree if not (t.dep_ == "nmod" and _case(t) in _TARGET_CASES))


def _refers_to(trigger: Token) -> str:
    """The family of the event the trigger, or the event noun that is its subject, points back at ("the
    barrage", "this attack"), or ""; read from the words before the noun, which the parse may attach elsewhere."""
    nouns = [trigger] if not is_verb(trigger) else [c for c in trigger.children if c.dep_ in _SUBJECT_DEPS]
    return next((NOUN_FAMILY[n.lower_] for n in nouns if n.lower_ in NOUN_FAMILY and _definite(n)), "")


def _definite(noun: Token) -> bool:
    doc = noun.doc
    for i in range(noun.i - 1, max(noun.i - 4, noun.sent.start - 1), -1):
        if doc[i].lower_ in _ANAPHORIC_DETERMINERS:
            return True
        if doc[i].tag_ not in ("JJ", "JJS", "NN", "NNP", "VBN"):
            return False
    return False


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i:
        token, depth = token.head, depth + 1
    return depth


def find_candidates(doc: Doc, headlines: frozenset[int] = frozenset()) -> list[Candidate]:
    """Event candidates of a parsed document, in text order; `headlines` holds start offsets of title lines."""
    candidates: list[Candidate] = []
    for sentence in doc.sents:
        headline = sentence.start_char in headlines
        best: dict[str, Token] = {}
        for token in sentence:
            family = _family(token)
            if family is None:
                continue
            head_event = token.head.i != token.i and _family(token.head) is not None
            if not is_verb(token) and head_event and _case(token) not in _SEQUENCE_CASES:
                continue  # "the blast killed": the verb carries the event
            chosen = best.get(family)
            if chosen is None or _depth(token) < _depth(chosen):
                best[family] = token
        for family, trigger in best.items():
            actors, targets = _participants(trigger, family)
            candidates.append(
                Candidate(
                    trigger=trigger,
                    family=family,
                    sentence=sentence,
                    actors=actors,
                    targets=targets,
                    negated=_negated(trigger),
                    hypothetical=_hypothetical(trigger),
                    ongoing=_ongoing(trigger, headline),
                    refers_to=_refers_to(trigger),
                )
            )
    candidates.sort(key=lambda c: c.trigger.i)
    return _absorbed(candidates)


def _absorbed(candidates: list[Candidate]) -> list[Candidate]:
    """Candidates with those whose trigger hangs below another of the same sentence and modality joined to it:
    "a driver was wounded … when his car was hit by a drone" is one event."""
    kept: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: _depth(c.trigger)):
        parents = (k for k in kept if _same_modality(k, candidate) and _is_below(candidate.trigger, k.trigger))
        parent = next(parents, None)
        if parent is None:
            kept.append(candidate)
            continue
        parent.actors += [a for a in candidate.actors if a.i not in {p.i for p in parent.actors}]
        parent.targets += [t for t in candidate.targets if t.i not in {p.i for p in parent.targets}]
        parent.absorbed += [candidate.family, *candidate.absorbed]
    return sorted(kept, key=lambda c: c.trigger.i)


def _same_modality(a: Candidate, b: Candidate) -> bool:
    return (a.negated, a.hypothetical, a.ongoing) == (b.negated, b.hypothetical, b.ongoing)


def _is_below(token: Token, ancestor: Token) -> bool:
    """Whether the token hangs below the ancestor, not through an event noun that dates the ancestor's event
    ("detained dozens after Friday's bombing, which killed nine": the killing is the bombing's)."""
    while token.head.i != token.i:
        if not is_verb(token) and _case(token) in _SEQUENCE_CASES:
            return False
        token = token.head
        if token.i == ancestor.i:
            return True
    return False
