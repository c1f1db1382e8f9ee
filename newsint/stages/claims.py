"""Claims of each article: quotes and reported speech with speaker, path to the article and hedge (issue 6).

`claims/extract.py` finds the attributions in the parse (cue verbs scored by the shipped cue model); this
stage turns each into a `Claim`:
- the speaker's entity is the entity whose mention is the head of the source phrase, or an appositive of
  it ("the head of the agency, Maria Kovalenko"), or a role mention of it ("the rebel commander"); a pronoun
  ("it said", "he added") takes the last speaker before it that it can stand for, else the last entity of
  that kind, and the claim's `speaker` is then the words that named that speaker; a quote that runs on
  keeps the speaker of the one before it;
- `via` is the channel named beside the cue ("in an interview published by a Rome daily",
  "writing on social media", "told Insider"), then the article's outlet;
- the hedge comes from `claims/hedges.py`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsint.claims.cuemodel import CueModel, load_cue_model
from newsint.claims.cues import PRONOUN_TYPES, verb_lemma
from newsint.claims.extract import Found, find_attributions
from newsint.claims.hedges import grade_claim
from newsint.entities.mentions import entity_at, preceding_entity
from newsint.model import Article, Claim, Entity
from newsint.nlp.core import dependency_parse
from newsint.settings import Settings
from newsint.stage import StageBase, StageContext, stage

# Nouns that name the channel a statement went out on ("in an interview", "on Telegram").
CHANNELS = frozenset(
    """interview statement update briefing post video message tweet speech address report broadcast
    conference media telegram twitter facebook x instagram youtube television tv radio podcast op-ed article
    column letter blog channel website session hearing call remarks comments""".split()
)
# Entity types that can speak: people, organisations, and places standing for their governments ("Moscow says").
_SPEAKING_TYPES = ("PERSON", "ORG", "LOC")
_RELATIVES = ("which", "who", "that")
_CHANNEL_CASES = frozenset("in on at during via through over".split())
# Listeners that are the press: "told reporters" is how the claim reached the article.
_PRESS = frozenset("reporters journalists newsmen media press".split())


def _speaker_entity(head: Token, entities: list[Entity]) -> Entity | None:
    """The entity the source phrase names: its head, else an appositive or a name joined to the head."""
    entity = entity_at(entities, head.idx, head.idx + len(head))
    if entity is not None and entity.type in _SPEAKING_TYPES:
        return entity
    for child in head.children:
        if child.dep_ in ("appos", "flat", "compound") and child.i > head.i:
            entity = entity_at(entities, child.idx, child.idx + len(child))
            if entity is not None and entity.type in _SPEAKING_TYPES:
                return entity
    return None


def _phrase_text(head: Token) -> str:
    subtree = head.doc[head.left_edge.i : head.right_edge.i + 1]
    return " ".join(subtree.text.split()).strip(" ,;:")


def _via(cue: Token) -> list[str]:
    """Channels named around the cue, nearest first."""
    tells = verb_lemma(cue.text) == "tell"
    found: list[str] = []
    for child in cue.children:
        if child.dep_ == "obl" and _is_channel(child):
            found.append(_phrase_text(child))
        elif child.dep_ in ("obj", "iobj") and tells and (child.ent_type_ == "ORG" or child.lower_ in _PRESS):
            found.append(f"{cue.text} {_phrase_text(child)}")
        elif child.dep_ == "advcl" and any(g.dep_ == "obl" and _is_channel(g) for g in child.children):
            found.append(_phrase_text(child))
    return found


def _is_channel(noun: Token) -> bool:
    """'in an interview', 'on Telegram', 'during a briefing' name a channel; 'asked for a session' does not."""
    return noun.lower_ in CHANNELS and any(c.dep_ == "case" and c.lower_ in _CHANNEL_CASES for c in noun.children)


@dataclass(frozen=True, slots=True)
class _Spoken:
    """A speaker already seen: the entity, the words, and whether the phrase is plural or a person."""

    entity: Entity | None
    speaker: str
    plural: bool
    person: bool


class _Speakers:
    """Resolves sources to entities in text order, remembering who spoke last.

    A pronoun takes the last speaker it can stand for ("it": a singular non-person; "they": a plural or an
    organisation; "he"/"she": a person), so "the defence ministry said … 'it said'" stays with the
    ministry even when no entity was recognised for it; failing that, the last entity of a fitting type.
    """

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc, self.entities = doc, entities
        self.spoken: list[_Spoken] = []

    def resolve(self, found: Found, text: str) -> tuple[str, Entity | None]:
        if found.continued and self.spoken:
            return self.spoken[-1].speaker, self.spoken[-1].entity
        if found.source is None or found.source_token is None:
            return "", None
        speaker = text[found.source[0] : found.source[1]]
        head = self.doc[found.source_token]
        if head.lower_ in _RELATIVES and head.head.dep_ == "acl:relcl":  # "the report, which said": the report
            head = head.head.head
            speaker = text[head.left_edge.idx : head.idx + len(head)]
        if head.pos_ == "PRON" and head.lower_ in PRONOUN_TYPES:
            earlier = next((s for s in reversed(self.spoken) if self._fits(head.lower_, s)), None)
            if earlier is not None:
                return earlier.speaker, earlier.entity
            return speaker, preceding_entity(self.entities, found.source[0], PRONOUN_TYPES[head.lower_])
        entity = _speaker_entity(head, self.entities)
        if entity is None and ", " in speaker:  # "the head of the agency, Maria Kovalenko"
            named = entity_at(self.entities, found.source[1] - len(speaker.rsplit(", ", 1)[1]), found.source[1])
            entity = named if named is not None and named.type in _SPEAKING_TYPES else None
        return speaker, entity

    @staticmethod
    def _fits(pronoun: str, earlier: _Spoken) -> bool:
        kind = earlier.entity.type if earlier.entity is not None else None
        if pronoun in ("he", "she", "i"):
            return kind == "PERSON"
        if pronoun == "it":
            return not earlier.plural and not earlier.person and kind in (None, "ORG", "LOC")
        return earlier.plural or kind == "ORG"

    def remember(self, found: Found, speaker: str, entity: Entity | None) -> None:
        if not speaker or found.source_token is None:
            return
        head = self.doc[found.source_token]
        if head.pos_ == "PRON" and not found.continued:
            head_plural, person = head.lower_ in ("they", "we"), head.lower_ in ("he", "she", "i")
        else:
            head_plural, person = head.tag_ in ("NNS", "NNPS"), entity is not None and entity.type == "PERSON"
        self.spoken.append(_Spoken(entity, speaker, head_plural, person))


def build_claims(article: Article, doc: Doc, cue_model: CueModel | None) -> list[Claim]:
    """The claims of an article whose text was parsed into `doc`."""
    text = article.text
    speakers = _Speakers(doc, article.entities)
    claims: list[Claim] = []
    for found in find_attributions(doc, cue_model):
        speaker, entity = speakers.resolve(found, text)
        speakers.remember(found, speaker, entity)
        hedge, hedge_span = grade_claim(text, found.content, found.cue, found.cue_lemma)
        via = _via(doc[found.cue_token]) if found.cue_token is not None and found.cue_lemma != "according to" else []
        if article.outlet:
            via.append(article.outlet)
        claims.append(
            Claim(
                start=found.content[0],
                end=found.content[1],
                text=text[found.content[0] : found.content[1]],
                direct=found.direct,
                cue=text[found.cue[0] : found.cue[1]],
                cue_start=found.cue[0],
                cue_end=found.cue[1],
                speaker=speaker,
                speaker_start=found.source[0] if found.source else None,
                speaker_end=found.source[1] if found.source else None,
                speaker_entity=entity.id or entity.name if entity is not None else "",
                via=tuple(via),
                hedge=hedge,
                hedge_cue=text[hedge_span[0] : hedge_span[1]] if hedge_span else "",
                hedge_start=hedge_span[0] if hedge_span else None,
                hedge_end=hedge_span[1] if hedge_span else None,
            )
        )
    return claims


@stage("claims", requires=("analysis", "entities"), assigns=("claims",))
class ClaimStage(StageBase):
    """Set `claims` to the article's quotes and reported statements, with speaker, via and hedge.

    Example: ClaimStage(settings, StageContext())(article).claims
    """

    def __init__(self, settings: Settings, context: StageContext) -> None:
        self.cue_model: CueModel | None = None

    def setup(self) -> None:
        self.cue_model = load_cue_model()

    def __call__(self, article: Article) -> Article:
        doc = dependency_parse(article)
        article.claims = build_claims(article, doc, self.cue_model or load_cue_model()) if doc is not None else []
        return article
