"""Cross-document entity linking: the same person, body or place gets one id in every article.

An `EntityIndex` holds every known entity with its written forms and how often each was seen. An
article's entity joins a known one when a name matches by the rules of `names.py` (transliteration
key, spelling slip, acronym); a person needs a compatible full name, or a surname that only one
known person carries, so namesakes stay apart. Otherwise it becomes a new entity. The index is
loaded from the store once and grows in memory as articles stream through.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from newsint.entities.names import (
    canonical_name,
    fold,
    initials,
    name_key,
    person_parts,
    same_name,
    same_person,
    similar,
    strip_honorifics,
    without_org_suffix,
)
from newsint.model import Entity


@dataclass(slots=True)
class KnownEntity:
    """An entity seen before: its id, type and every written form with its mention count."""

    id: str
    type: str
    aliases: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)

    @property
    def name(self) -> str:
        return canonical_name(self.aliases)

    @property
    def full_names(self) -> list[str]:
        """Forms of a person's name with a given name as well as a surname."""
        return [a for a in self.aliases if _is_full(a)]


def _is_full(name: str) -> bool:
    return len(strip_honorifics(name).split()) >= 2


class EntityIndex:
    """Known entities and the lookups that find candidates for a new name quickly."""

    def __init__(self) -> None:
        self.entities: dict[str, KnownEntity] = {}
        self._by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
        self._by_initials: dict[tuple[str, str], set[str]] = defaultdict(set)
        # Keys by type and first letter, so a spelling slip is searched among few keys.
        self._keys_by_letter: dict[tuple[str, str], set[str]] = defaultdict(set)

    def load(self, aliases: Iterable[tuple[str, str, str, int]], roles: Iterable[tuple[str, str]] = ()) -> None:
        """Fill from stored (entity id, type, alias, mentions) and (entity id, role) rows."""
        for entity_id, kind, alias, count in aliases:
            known = self.entities.setdefault(entity_id, KnownEntity(entity_id, kind))
            self._add_alias(known, alias, count)
        for entity_id, role in roles:
            if entity_id in self.entities:
                self.entities[entity_id].roles[role] += 1

    def link(self, entity: Entity) -> str:
        """The id of the known entity that `entity` names, or of a new one; the index learns its forms."""
        aliases = Counter(m.text for m in entity.mentions if m.how != "role")
        if not aliases:
            aliases[entity.name] = 1
        known = self._find(entity.type, list(aliases))
        if known is None:
            known = KnownEntity(self._new_id(entity.type, entity.name), entity.type)
            self.entities[known.id] = known
        for alias, count in aliases.items():
            self._add_alias(known, alias, count)
        known.roles.update(entity.roles)
        return known.id

    def _find(self, kind: str, aliases: list[str]) -> KnownEntity | None:
        found = self._find_of_type(kind, aliases)
        if found is None and kind != "PERSON":
            # Models often disagree on the type of a country or body (US as LOC or MISC, Kremlin as LOC or
            # ORG): the same name key under another non-person type is the same thing.
            keys = {self._lookup_key(kind, a) for a in aliases}
            others = [
                self.entities[i]
                for other in ("ORG", "LOC", "MISC")
                if other != kind
                for key in keys
                for i in self._by_key[(other, key)]
            ]
            found = max(others, key=lambda c: (sum(c.aliases.values()), c.id), default=None)
        return found

    def _find_of_type(self, kind: str, aliases: list[str]) -> KnownEntity | None:
        candidates = [self.entities[i] for i in sorted(self._candidate_ids(kind, aliases))]
        if kind == "PERSON":
            candidates = self._compatible_people(aliases, candidates)
        else:
            candidates = [c for c in candidates if any(same_name(a, b, kind) for a in aliases for b in c.aliases)]
        if not candidates:
            return None
        return max(candidates, key=lambda c: (sum(c.aliases.values()), c.id))

    def _compatible_people(self, aliases: list[str], candidates: list[KnownEntity]) -> list[KnownEntity]:
        """Keep people whose every full name fits every full name given; a surname alone must be unambiguous."""
        full = [a for a in aliases if _is_full(a)]
        compatible = [
            c
            for c in candidates
            if any(same_person(a, b) for a in aliases for b in c.aliases)
            and all(same_person(a, b) for a in full for b in c.full_names)
        ]
        if full:
            return compatible
        return compatible if len(compatible) == 1 else []

    def _candidate_ids(self, kind: str, aliases: list[str]) -> set[str]:
        ids: set[str] = set()
        for alias in aliases:
            key = self._lookup_key(kind, alias)
            if not key:
                continue
            ids |= self._by_key[(kind, key)]
            for word in [fold(alias).replace(" ", ""), *fold(alias).split()]:
                ids |= self._by_initials[(kind, word)]
            for letters in initials(fold(alias).split()):
                ids |= self._by_key[(kind, self._lookup_key(kind, letters))]
            for other in self._keys_by_letter[(kind, key[0])]:
                if similar(key, other):
                    ids |= self._by_key[(kind, other)]
        return ids

    @staticmethod
    def _lookup_key(kind: str, alias: str) -> str:
        """Surname key for people (the part namesakes share), the name key without 'Group', 'Inc'... for
        organisations, the whole name key otherwise."""
        if kind == "PERSON":
            return person_parts(alias)[1]
        if kind == "ORG":
            return without_org_suffix(name_key(alias))
        return name_key(alias)

    def _add_alias(self, known: KnownEntity, alias: str, count: int) -> None:
        known.aliases[alias] += count
        key = self._lookup_key(known.type, alias)
        if not key:
            return
        self._by_key[(known.type, key)].add(known.id)
        self._keys_by_letter[(known.type, key[0])].add(key)
        words = fold(alias).split()
        for start in range(len(words)):
            for end in range(start + 2, min(len(words), start + 6) + 1):
                for letters in initials(words[start:end]):
                    self._by_initials[(known.type, letters)].add(known.id)

    def _new_id(self, kind: str, name: str) -> str:
        """A stable id from the type and name key, made unique if a namesake took it."""
        seed = f"{kind}:{name_key(name)}"
        while True:
            entity_id = "e" + hashlib.sha1(seed.encode("utf-8")).hexdigest()[:11]
            if entity_id not in self.entities:
                return entity_id
            seed += "+"
