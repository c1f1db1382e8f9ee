"""Storage: the only package that writes SQL."""

from newsint.store.sqlite import BatchRules, InputRecord, SearchHit, Store, StoredError

__all__ = ["BatchRules", "InputRecord", "SearchHit", "Store", "StoredError"]
