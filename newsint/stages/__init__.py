"""Built-in stages; importing this package registers each of them by name."""

from newsint.stages import (
    boilerplate,
    claims,
    clean,
    dedup,
    embed,
    entities,
    events,
    figures,
    language,
    metadata,
    nlp,
    places,
    sentence_vectors,
    split,
    stories,
    times,
)

__all__ = [
    "boilerplate",
    "claims",
    "clean",
    "dedup",
    "embed",
    "entities",
    "events",
    "figures",
    "language",
    "metadata",
    "nlp",
    "places",
    "sentence_vectors",
    "split",
    "stories",
    "times",
]
