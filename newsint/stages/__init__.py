"""Built-in stages; importing this package registers each of them by name."""

from newsint.stages import boilerplate, clean, dedup, entities, language, metadata, nlp, places, split, times

__all__ = ["boilerplate", "clean", "dedup", "entities", "language", "metadata", "nlp", "places", "split", "times"]
