"""Words that attribute a statement to someone, and words that say how sure it is.

Verbs are lemmas. A verb attributes only in an attributing frame (a clausal complement, a quote, a
parenthetical "he said"), so "add" in "added that…" is a cue and in "added troops" is not. The lists come
from the cues of the PolNeAR training split (those that are cues in most of their clausal uses) and from the
reporting verbs of news style guides.
"""

from __future__ import annotations

from newsint.lexicon import inflections

# Verbs of saying, writing and telling.
SPEECH_VERBS = frozenset(
    """say tell add write ask announce note report state declare claim insist warn argue explain confirm deny
    acknowledge admit reveal tweet post suggest predict estimate assert allege maintain concede stress emphasize
    emphasise complain contend vow promise pledge threaten reply respond answer recall observe remark comment
    mention indicate conclude agree disclose testify joke quip urge caution speculate forecast assure inform
    proclaim counter retort lament boast brag point describe charge accuse blame signal hint
    recount reiterate repeat underline highlight allow rule predict project calculate reckon
    notify advise instruct order demand request plead propose recommend contest dispute question doubt
    hear learn sum""".split()
)

# Verbs of thinking and finding: attributions in PolNeAR, and hedged ones.
COGNITION_VERBS = frozenset(
    """believe think feel fear hope expect know assume guess suspect recognize recognise realize realise
    understand worry wonder figure consider find show determine conclude judge assess see""".split()
)
# The verbs that are cues without a model.
LISTED_VERBS = SPEECH_VERBS | COGNITION_VERBS

# Verbs of physical action take no proposition: "Russia fired missiles" reports an event, not a statement,
# whatever the cue model (trained on political coverage) makes of them.
ACTION_VERBS = frozenset(
    """fire launch shell strike kill capture seize bomb shoot advance retreat withdraw storm invade occupy
    destroy damage hit wound injure evacuate deploy sink intercept detain ambush raid burn loot flee surround
    encircle liberate recapture retake bombard pound""".split()
)  # not "attack" or "fight": in political copy one attacks or fights a rival's words
# Verbs of seeming report nothing: "Kyiv seemed to be planning …" is the writer's hedged statement about Kyiv,
# not a statement by Kyiv; the hedge stays in HEDGE_PHRASES ("seemed to"), read inside the claims that hold it.
SEEMING_VERBS = frozenset({"seem", "appear"})
# Their irregular forms.
_ACTION_IRREGULAR = {
    "struck": "strike", "stricken": "strike", "shot": "shoot", "withdrew": "withdraw", "withdrawn": "withdraw",
    "sank": "sink", "sunk": "sink", "burnt": "burn", "fled": "flee", "retook": "retake", "retaken": "retake",
}  # fmt: skip

# Cues whose content is the speaker's unverified assertion, a denial, or an estimate (lemma → hedge).
CUE_HEDGES = {
    "claim": "claimed", "allege": "claimed", "insist": "claimed", "assert": "claimed", "contend": "claimed",
    "maintain": "claimed", "boast": "claimed", "brag": "claimed",
    "deny": "denied", "dispute": "denied", "reject": "denied", "dismiss": "denied", "refute": "denied",
    "estimate": "estimate", "calculate": "estimate", "reckon": "estimate", "project": "estimate",
    "forecast": "estimate",
    "believe": "probable", "think": "probable", "expect": "probable", "predict": "probable",
    "suspect": "possible", "speculate": "possible", "fear": "possible", "hope": "possible", "guess": "possible",
    "hint": "possible", "suggest": "possible", "doubt": "possible", "wonder": "possible",
}  # fmt: skip

# Hedging phrases inside the content, strongest doubt first within a grade (lower-cased, matched on words).
HEDGE_PHRASES = {
    "denied": ("denies", "denied", "deny", "denying", "rejected claims", "dismissed claims", "not true", "false"),
    "estimate": ("estimate", "estimated", "estimates", "approximately", "roughly", "an estimated"),
    "possible": (
        "realistic possibility", "possibly", "possible", "may", "might", "could", "perhaps", "unclear",
        "unlikely", "remote chance", "it is not clear", "not known",
    ),
    "probable": (
        "almost certainly", "highly likely", "very likely", "likely", "probably", "probable", "appears to",
        "appear to", "appeared to", "seems to", "seem to", "seemed to", "apparently", "expected to",
        "believed to", "thought to",
    ),
    "claimed": (
        "is said to", "are said to", "was said to", "were said to", "allegedly", "purportedly", "reportedly",
        "claimed", "claims", "unverified", "could not be verified", "could not be independently verified",
    ),
}  # fmt: skip

# Pronouns and the entity types they can stand for.
PRONOUN_TYPES = {
    "he": ("PERSON",), "she": ("PERSON",), "i": ("PERSON",), "we": ("ORG", "PERSON"), "it": ("ORG", "LOC"),
    "they": ("ORG", "PERSON", "LOC"),
}  # fmt: skip

# Forms no suffix rule gives.
_IRREGULAR = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write", "thought": "think",
    "knew": "know", "known": "know", "felt": "feel", "saw": "see", "seen": "see", "found": "find",
    "shown": "show", "understood": "understand", "heard": "hear", "learnt": "learn", "forecast": "forecast",
    "foresaw": "foresee", "spoke": "speak", "spoken": "speak", "meant": "mean",
}  # fmt: skip
_LEMMAS = {form: lemma for lemma in LISTED_VERBS for form in inflections(lemma)} | _IRREGULAR
_ACTION_FORMS = {form for lemma in ACTION_VERBS for form in inflections(lemma)} | set(_ACTION_IRREGULAR)
_SEEMING_FORMS = {form for lemma in SEEMING_VERBS for form in inflections(lemma)}


def verb_lemma(word: str) -> str:
    """The lemma of a form of a cue verb ("said" → "say"), or the word lower-cased when it is none of them.

    The shipped parser has no lemmatizer, and the cue verbs are a closed list, so their forms are listed.
    """
    lowered = word.lower()
    return _LEMMAS.get(lowered, lowered)


def reports_nothing(word: str) -> bool:
    """Whether the word is a form of a verb that never attributes: physical action ("fired") or seeming
    ("seemed", "appears"), whatever a model makes of it."""
    lowered = word.lower()
    return lowered in _ACTION_FORMS or lowered in _SEEMING_FORMS


_NOUN_FORMS = frozenset("claims reports charges".split())  # forms that are also plural nouns
_TAKING_A_NOUN = frozenset(
    "reject rejected rejects rejecting dismiss dismissed dismisses dismissing deny denied denies denying refute "
    "refuted refutes dispute disputed disputes contest contested contests repeat repeated repeats echo echoed "
    "investigate investigated verify verified".split()
)


def read_as_noun(word: str, before: str, two_before: str) -> bool:
    """Whether a verb form is the plural noun after a name: "rejected Zolterran claims that the village had
    fallen", where a parser trained on web text reads "Zolterran" as who claims (a verb of rejection takes the
    claims as its object)."""
    return word.lower() in _NOUN_FORMS and before[:1].isupper() and two_before.lower() in _TAKING_A_NOUN
