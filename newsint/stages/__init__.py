"""Built-in stages; importing this package registers each of them by name."""

from newsint.stages import boilerplate, clean, dedup, language, metadata, split

__all__ = ["boilerplate", "clean", "dedup", "language", "metadata", "split"]
