"""Storage: the only package that writes SQL."""

from newsint.store.articles import ArticleFilter
from newsint.store.sqlite import BatchRules, InputRecord, SearchHit, Store, StoredError

__all__ = ["ArticleFilter", "BatchRules", "InputRecord", "SearchHit", "Store", "StoredError"]
