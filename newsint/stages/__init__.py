"""Built-in stages; importing this package registers each of them by name."""

from newsint.stages import (
    boilerplate,
    claims,
    clean,
    dedup,
    entities,
    events,
    figures,
    language,
    metadata,
    nlp,
    places,
    split,
    times,
)

__all__ = [
    "boilerplate",
    "claims",
    "clean",
    "dedup",
    "entities",
    "events",
    "figures",
    "language",
    "metadata",
    "nlp",
    "places",
    "split",
    "times",
]
