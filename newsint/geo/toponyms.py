"""Toponyms of an article: the place entities and demonyms of its text and captions, as the resolver reads them.

Captions are joined after the text, so one resolution (`geo/resolve.py`) sees every place the article names,
and the mentions found in a caption are then given relative to that caption.
"""

from __future__ import annotations

from dataclasses import replace

from newsint.geo.gazetteer import Gazetteer
from newsint.geo.keys import place_key
from newsint.geo.resolve import Toponym
from newsint.model import Entity, PlaceMention

# Captions are joined after the text with this between them, so one resolution sees everything.
_GLUE = "\n\n"


def toponyms_of(entities: list[Entity], gazetteer: Gazetteer, shift: int = 0) -> list[Toponym]:
    """The mentions among `entities` that name places, in text order, their offsets moved by `shift`."""
    toponyms: list[Toponym] = []
    for entity in entities:
        for mention in entity.mentions:
            if mention.how == "role":
                continue
            start, end = mention.start + shift, mention.end + shift
            if entity.type == "LOC":
                toponyms.append(Toponym(start, end, mention.text, "entity", entity.id))
            elif entity.type == "MISC" and gazetteer.lookup(place_key(mention.text), True):
                toponyms.append(Toponym(start, end, mention.text, "demonym", entity.id))
    return sorted(toponyms, key=lambda t: t.start)


def joined_with_captions(
    text: str, entities: list[Entity], captions: list[tuple[str, list[Entity]]], gazetteer: Gazetteer
) -> tuple[str, list[Toponym], list[int]]:
    """The text with each caption joined after it, the toponyms of all of them, and where each caption starts."""
    combined = text
    toponyms = toponyms_of(entities, gazetteer)
    starts: list[int] = []
    for caption, caption_entities in captions:
        combined += _GLUE
        starts.append(len(combined))
        toponyms += toponyms_of(caption_entities, gazetteer, shift=len(combined))
        combined += caption
    return combined, toponyms, starts


def in_caption(mention: PlaceMention, starts: list[int]) -> PlaceMention:
    """Offsets past the text point into a caption: give them relative to that caption."""
    for index in range(len(starts) - 1, -1, -1):
        if mention.start >= starts[index]:
            shift = starts[index]
            return replace(mention, start=mention.start - shift, end=mention.end - shift, caption=index)
    return mention
