"""Entities of an article: the model's mentions grouped into people, bodies and places.

Inside an article, a surname ("Prigozhin") joins the full name it shortens, an acronym ("ISW") the
name it abbreviates, a transliteration variant the name it spells; a description the article gives a
person ("Wagner chief Yevgeny Prigozhin", "Prigozhin, the head of Wagner") makes later "the Wagner
chief" a mention of that person. The entities stage then links each to a cross-document entity
(`entities/linking.py`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from newsint.entities.names import (
    HONORIFICS,
    canonical_name,
    fold,
    is_short_form,
    name_key,
    person_parts,
    same_name,
    similar,
)
from newsint.lexicon import AIRCRAFT, WEAPONS, inflections
from newsint.model import Entity, Mention

# Model labels to entity types (CoNLL's PER/ORG/LOC/MISC, and OntoNotes names for other models).
TYPES = {"PER": "PERSON", "PERSON": "PERSON", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "MISC": "MISC"}
_ROLE_DEPS = frozenset({"compound", "amod", "nmod", "nmod:poss", "case", "flat"})
_LONGEST_ROLE = 6
# Words after which a name is a place, not a person: "in Kharkiv", "shelled Kherson", "the outskirts of Bakhmut".
_LOCATIVE_CASES = frozenset("in near outside around across into towards toward".split())
_PLACE_VERBS = frozenset(
    form
    for lemma in "shell bombard bomb capture seize recapture retake liberate encircle occupy storm overrun".split()
    for form in inflections(lemma)
)
# Verbs whose object is a place when what did it is a weapon or an aircraft: "jets struck Khan Younis".
_STRIKE_VERBS = frozenset(form for lemma in "strike hit pound target".split() for form in inflections(lemma)) | {
    "struck"
}


def entity_at(entities: list[Entity], start: int, end: int) -> Entity | None:
    """The entity with a mention covering start..end, the longest mention first."""
    best: tuple[int, Entity] | None = None
    for entity in entities:
        for mention in entity.mentions:
            if (
                mention.start <= start
                and end <= mention.end
                and (best is None or mention.end - mention.start > best[0])
            ):
                best = (mention.end - mention.start, entity)
    return best[1] if best else None


def preceding_entity(entities: list[Entity], before: int, types: tuple[str, ...]) -> Entity | None:
    """The entity of the given types mentioned last before `before`: who a pronoun most likely stands for."""
    best: tuple[int, Entity] | None = None
    for entity in entities:
        if entity.type not in types:
            continue
        for mention in entity.mentions:
            if mention.end <= before and (best is None or mention.start > best[0]):
                best = (mention.start, entity)
    return best[1] if best else None


def group_mentions(doc: Any) -> list[Entity]:
    """The entities of one spaCy Doc: its entity spans grouped by name, with the roles the parse gives people.

    Role mentions ("the Wagner chief") are added by `add_role_mentions` once entities are linked.
    """
    mentions = _mentions(doc)
    entities: list[Entity] = []
    # Fullest names first, so that short forms find the name they shorten.
    for label, mention in sorted(mentions, key=lambda m: (-len(m[1].text.split()), m[1].start)):
        matches = [e for e in entities if e.type == label and any(_joins(mention.text, a, label) for a in e.aliases)]
        if not matches:
            entities.append(Entity(name=mention.text, type=label, mentions=[mention]))
            continue
        _nearest(matches, mention.start).mentions.append(mention)
    for entity in entities:
        entity.mentions.sort(key=lambda m: m.start)
        entity.name = canonical_name(Counter(m.text for m in entity.mentions))
    if doc.has_annotation("DEP"):
        _collect_roles(doc, entities)
    return sorted(entities, key=lambda e: e.mentions[0].start)


def _joins(name: str, alias: str, label: str) -> bool:
    """Whether a name can join an entity of this article that is written `alias` somewhere."""
    return same_name(name, alias, label) or (label != "PERSON" and is_short_form(name, alias))


def _mentions(doc: Any) -> list[tuple[str, Mention]]:
    """Entity spans as (type, Mention), the type settled by majority for each name in the article.

    Three cues overrule the model's type: a rank or honorific written just before a name ("General Valery
    Zaluzhny") makes it a person; a name the model calls a person where only a place can stand ("in Kharkiv",
    "shelled Kherson"), or calls MISC where it is attacked or taken ("drones hit Odesa"), is a place; and a
    one-word name that is (up to a slip) the surname of a person named in full in the article is that person
    ("the fall of Assad" after "Bashar al-Assad").
    """
    group = doc.spans.get("ents")
    scores = list(group.attrs.get("scores", [])) if group is not None and len(group) == len(doc.ents) else []
    found: list[tuple[str, Mention]] = []
    for i, ent in enumerate(doc.ents):
        label = TYPES.get(ent.label_)
        text = ent.text.strip()
        # English writes names with a capital; a lower-case span ("fodder") is a model slip.
        if label is None or not any(c.isupper() for c in text) or len(text) < 2:
            continue
        if ent.start > 0 and _is_honorific(doc[ent.start - 1].text) and len(text.split()) <= 3:
            label = "PERSON"
        elif label == "PERSON" and _where_a_place_stands(doc, ent) or label == "MISC" and _attacked_or_taken(ent):
            label = "LOC"  # a MISC after "in" may be a language or an era ("in English"), so not from that alone
        score = float(scores[i]) if scores else None
        found.append((label, Mention(ent.start_char, ent.start_char + len(text), text, "ner", score)))
    keys = [name_key(mention.text) for _, mention in found]
    votes: dict[str, Counter[str]] = {}
    for (label, _), key in zip(found, keys, strict=True):
        votes.setdefault(key, Counter())[label] += 1
    surnames = {person_parts(m.text)[1] for label, m in found if label == "PERSON" and len(m.text.split()) >= 2}
    for key in votes:
        if " " not in key and any(similar(key, surname) for surname in surnames):
            votes[key] = Counter(PERSON=1)
    return [(votes[key].most_common(1)[0][0], m) for (_, m), key in zip(found, keys, strict=True)]


def _where_a_place_stands(doc: Any, ent: Any) -> bool:
    """Whether a name stands where only a place can: after a locative preposition ("in Kharkiv") or as the
    object of a verb whose object is a place (`_attacked_or_taken`)."""
    return (ent.start > 0 and doc[ent.start - 1].lower_ in _LOCATIVE_CASES) or _attacked_or_taken(ent)


def _attacked_or_taken(ent: Any) -> bool:
    """Whether a name is the object of a verb whose object is a place ("shelled Kherson", "recaptured Lyman"), or
    of a strike by a weapon or an aircraft ("jets struck Khan Younis")."""
    root = ent.root
    if root.dep_ != "obj":
        return False
    verb = root.head
    if verb.lower_ in _PLACE_VERBS:
        return True
    # The subject, or the noun a participle hangs from when the parse reads the verb as one ("jets struck X").
    heads = [c for c in verb.children if c.dep_ == "nsubj"] or ([verb.head] if verb.dep_ == "acl" else [])
    subjects = (t.lower_ for head in heads for t in (head, *head.children))
    return verb.lower_ in _STRIKE_VERBS and any(word in WEAPONS or word in AIRCRAFT for word in subjects)


def _is_honorific(word: str) -> bool:
    return word[:1].isupper() and fold(word).rstrip(".") in HONORIFICS


def _nearest(entities: list[Entity], position: int) -> Entity:
    """Of several entities a short form could join, the one mentioned last before it (else first after)."""

    def distance(entity: Entity) -> tuple[int, int]:
        before = [position - m.start for m in entity.mentions if m.start <= position]
        after = [m.start - position for m in entity.mentions if m.start > position]
        return (0, min(before)) if before else (1, min(after))

    return min(entities, key=distance)


def _collect_roles(doc: Any, entities: list[Entity]) -> None:
    """The descriptions the article gives each person: a title before the name, an apposition after it."""
    by_start = {m.start: e for e in entities if e.type == "PERSON" for m in e.mentions}
    for ent in doc.ents:
        entity = by_start.get(ent.start_char)
        if entity is None:
            continue
        for role in (_title_before(doc, ent), _apposition(doc, ent)):
            if role and role not in entity.roles:
                entity.roles.append(role)


def add_role_mentions(text: str, entities: list[Entity], known_roles: dict[str, list[str]] | None = None) -> None:
    """Mark "the <role>" in `text` as a mention of the one entity the role belongs to.

    Roles are the article's own, plus `known_roles` (by entity id) that other articles gave the same
    entity, such as "Ukrainian president". A role two entities of the article share is left alone:
    "the minister" would be a guess.
    """
    owners: dict[str, set[int]] = {}
    for position, entity in enumerate(entities):
        for role in [*entity.roles, *(known_roles or {}).get(entity.id, [])]:
            owners.setdefault(fold(role), set()).add(position)
    taken = [(m.start, m.end) for e in entities for m in e.mentions]
    for role, claimants in owners.items():
        if len(claimants) != 1 or not role:
            continue
        entity = entities[next(iter(claimants))]
        pattern = re.compile(r"\bthe\s+" + r"\s+".join(map(re.escape, role.split())) + r"\b", re.IGNORECASE)
        for match in pattern.finditer(text):
            start, end = match.span()
            if fold(match.group()) == "the " + role and all(end <= s or start >= e for s, e in taken):
                entity.mentions.append(Mention(start, end, match.group(), "role"))
                taken.append((start, end))
        entity.mentions.sort(key=lambda m: m.start)


def _title_before(doc: Any, ent: Any) -> str:
    """'Wagner chief' in 'Wagner chief Yevgeny Prigozhin': words before the name that attach into it."""
    start = ent.start
    while start > 0 and ent.start - start < _LONGEST_ROLE:
        token = doc[start - 1]
        if token.is_punct or token.dep_ not in _ROLE_DEPS or not start <= token.head.i < ent.end:
            break
        start -= 1
    words = doc[start : ent.start]
    text: str = words.text
    if not len(words) or words[-1].pos_ not in ("NOUN", "PROPN") or not _is_description(text):
        return ""
    return text


def _apposition(doc: Any, ent: Any) -> str:
    """'head of Wagner' in 'Yevgeny Prigozhin, the head of Wagner,': an appositive noun phrase after the name, one
    that counts nothing."""
    for token in doc[ent.start : ent.end]:
        for child in token.children:
            # not a counted noun: "140 Marrovian servicemen" in "According to Fastrow, 140 Marrovian servicemen …"
            counted = any(grand.dep_ == "nummod" for grand in child.children)
            if child.dep_ == "appos" and child.i >= ent.end and child.pos_ == "NOUN" and not counted:
                words = [t for t in child.subtree if t.dep_ not in ("det", "punct")]
                if words and len(words) <= _LONGEST_ROLE and not child.ent_type_:
                    text = doc[words[0].i : words[-1].i + 1].text
                    return text if _is_description(text) else ""
    return ""


def _is_description(text: str) -> bool:
    """A role names a position with a common noun or an honorific, not just another name."""
    words = fold(text).split()
    return bool(words) and (any(w in HONORIFICS for w in words) or any(c.islower() for c in text))


def merge_linked(entities: list[Entity]) -> list[Entity]:
    """Entities of one article that linked to the same cross-document entity become one."""
    merged: dict[str, Entity] = {}
    for entity in entities:
        if entity.id in merged:
            kept = merged[entity.id]
            kept.mentions = sorted(kept.mentions + entity.mentions, key=lambda m: m.start)
            kept.roles += [r for r in entity.roles if r not in kept.roles]
            kept.name = canonical_name(Counter(m.text for m in kept.mentions if m.how != "role"))
        else:
            merged[entity.id] = entity
    return list(merged.values())
