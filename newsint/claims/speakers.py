"""Who said each claim: the entity behind a source phrase, through appositives, role mentions and pronouns.

The speaker's entity is the entity whose mention is the head of the source phrase, or an appositive of it
("the head of the agency, Maria Kovalenko"), or a role mention of it ("the rebel commander"); a pronoun
("it said", "he added") takes the last speaker before it that it can stand for, else the last entity of
that kind, and the claim's `speaker` is then the words that named that speaker; a relative pronoun ("the
envoy, who said …") takes the noun its clause hangs on, and names no speaker when the parse gives none; a
quote that runs on keeps the speaker of the one before it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsint.claims.cues import PRONOUN_TYPES
from newsint.claims.frames import antecedent, is_relative
from newsint.entities.mentions import entity_at, preceding_entity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from newsint.claims.frames import Found
    from newsint.model import Entity

# Entity types that can speak: people, organisations, and places standing for their governments ("Moscow says").
_SPEAKING_TYPES = ("PERSON", "ORG", "LOC")


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


@dataclass(frozen=True, slots=True)
class _Spoken:
    """A speaker already seen: the entity, the words, and whether the phrase is plural or a person."""

    entity: Entity | None
    speaker: str
    plural: bool
    person: bool
    at: int  # where the words that named it start


class Speakers:
    """Resolves sources to entities in text order, remembering who spoke last.

    A pronoun takes the last speaker it can stand for ("it": a singular non-person; "they": a plural or an
    organisation; "he"/"she": a person), so "the defence ministry said … 'it said'" stays with the
    ministry even when no entity was recognised for it; failing that, the last entity of a fitting type.
    """

    def __init__(self, doc: Doc, entities: list[Entity]) -> None:
        self.doc, self.entities = doc, entities
        self.spoken: list[_Spoken] = []

    def resolve(self, found: Found, text: str) -> tuple[str, Entity | None]:
        """The words that name the speaker of `found` and the speaker's entity (or None)."""
        if found.continued and self.spoken:
            return self.spoken[-1].speaker, self.spoken[-1].entity
        if found.source is None or found.source_token is None:
            return "", None
        start, end = found.source
        head = self.doc[found.source_token]
        if is_relative(head):  # "the envoy, who said …": the envoy; a relative with no antecedent names nobody
            noun = antecedent(head)
            if noun is None:
                return "", None
            head, (start, end) = noun
        speaker = text[start:end]
        if head.pos_ == "PRON" and head.lower_ in PRONOUN_TYPES:
            introduced = self._introduced(head) if head.lower_ in ("he", "she") else None
            if introduced is not None:  # "… its spokesman, Marek Tulloh, a former teacher. He denied …"
                return introduced.name, introduced
            earlier = next((s for s in reversed(self.spoken) if self._fits(head.lower_, s)), None)
            if earlier is not None:
                return earlier.speaker, earlier.entity
            return speaker, preceding_entity(self.entities, start, PRONOUN_TYPES[head.lower_])
        entity = _speaker_entity(head, self.entities)
        if entity is None and ", " in speaker:  # "the head of the agency, Maria Kovalenko"
            named = entity_at(self.entities, end - len(speaker.rsplit(", ", 1)[1]), end)
            entity = named if named is not None and named.type in _SPEAKING_TYPES else None
        return speaker, entity

    def _introduced(self, pronoun: Token) -> Entity | None:
        """The one person the sentence before names for the first time ("The group's answer came from its
        spokesman, Marek Tulloh, a former teacher."), when "He" or "She" opens the next sentence and nobody speaks
        in that one: the newcomer, not the last speaker of the article, is who the pronoun means."""
        sentence = pronoun.sent
        if pronoun.i != sentence.start or sentence.start == 0:
            return None
        before = self.doc[sentence.start - 1].sent
        start, end = before.start_char, before.end_char
        if any(start <= s.at < end for s in self.spoken):
            return None
        spoken = {id(s.entity) for s in self.spoken if s.entity is not None}
        newcomers = [
            e
            for e in self.entities
            if e.type == "PERSON"
            and id(e) not in spoken
            and start <= min((m.start for m in e.mentions if m.how != "role"), default=-1) < end
        ]
        return newcomers[0] if len(newcomers) == 1 else None

    @staticmethod
    def _fits(pronoun: str, earlier: _Spoken) -> bool:
        kind = earlier.entity.type if earlier.entity is not None else None
        if pronoun in ("he", "she", "i"):
            return kind == "PERSON"
        if pronoun == "it":
            return not earlier.plural and not earlier.person and kind in (None, "ORG", "LOC")
        return earlier.plural or kind == "ORG"

    def remember(self, found: Found, speaker: str, entity: Entity | None) -> None:
        """Note the speaker of `found`, with its number and whether it is a person, for pronouns after it."""
        if not speaker or found.source_token is None:
            return
        head = self.doc[found.source_token]
        if head.pos_ == "PRON" and not found.continued:
            head_plural, person = head.lower_ in ("they", "we"), head.lower_ in ("he", "she", "i")
        else:
            head_plural, person = head.tag_ in ("NNS", "NNPS"), entity is not None and entity.type == "PERSON"
        self.spoken.append(_Spoken(entity, speaker, head_plural, person, head.idx))
