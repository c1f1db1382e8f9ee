"""Built-in stages; importing this package registers each of them by name."""

from newsint.stages import clean, dedup, language

__all__ = ["clean", "dedup", "language"]
