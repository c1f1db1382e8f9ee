"""Storage: the only package that writes SQL."""

from newsint.store.sqlite import InputRecord, SearchHit, Store, StoredError

__all__ = ["InputRecord", "SearchHit", "Store", "StoredError"]
