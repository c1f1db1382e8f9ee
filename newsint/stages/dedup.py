"""Near-duplicate detection across outlets: syndicated copies and light rewrites are linked, never dropped.

Each article gets a MinHash signature of its word shingles; a MinHash LSH index over every
stored article finds candidates, whose estimated Jaccard similarity decides. The new article's
`duplicate_of` points to the first-stored member of the group, so chains of copies share one root.
Exact duplicates (same content id) are left to the store, which keeps one copy.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsint.model import Article
from newsint.pipeline import StageBase, StageContext
from newsint.registry import stage
from newsint.settings import Settings

_WORD = re.compile(r"\w+")
# Stored signatures are only comparable under one hashing scheme; name it rather than rely on defaults.
# Shingles are hashed with CRC-32 (C speed); the scheme's random affine permutations do the mixing.
_SCHEME = "affine32"


def shingles(text: str, size: int) -> list[bytes]:
    """Word n-grams, case-folded, as bytes for hashing."""
    words = _WORD.findall(text.casefold())
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


class NearDuplicateIndex:
    """MinHash LSH over stored signatures, loaded from the store the first time it is needed."""

    def __init__(
        self, settings: Settings, stored: Callable[[], Iterable[tuple[str, str | None, bytes]]] | None
    ) -> None:
        self.threshold = settings.near_duplicate_threshold
        self.num_perm = settings.minhash_permutations
        self.shingle_words = settings.shingle_words
        self._stored = stored
        self._template = MinHash(num_perm=self.num_perm, scheme=_SCHEME, hashfunc=zlib.crc32)
        self._lsh: MinHashLSH | None = None
        self._signatures: dict[str, np.ndarray] = {}
        self._roots: dict[str, str] = {}

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash of the text, or None when it is too short for shingles to mean anything."""
        grams = shingles(text, self.shingle_words)
        if len(grams) < 2 * self.shingle_words:
            return None
        minhash = self._template.copy()  # copying skips re-deriving the permutations, the costly part
        minhash.update_batch(grams)
        return np.asarray(minhash.hashvalues, dtype=np.uint32)

    def _lean(self, values: np.ndarray) -> LeanMinHash:
        return LeanMinHash(seed=self._template.seed, hashvalues=values, scheme=_SCHEME)

    def _index(self) -> MinHashLSH:
        if self._lsh is None:
            # The index looks wider than the threshold; candidates are then checked against it exactly,
            # so banding does not miss pairs just above the threshold.
            self._lsh = MinHashLSH(threshold=max(0.1, self.threshold - 0.2), num_perm=self.num_perm)
            for key, duplicate_of, blob in self._stored() if self._stored else ():
                self._add(key, np.frombuffer(blob, dtype="<u4").astype(np.uint32), duplicate_of)
        return self._lsh

    def _add(self, key: str, values: np.ndarray, duplicate_of: str | None) -> None:
        assert self._lsh is not None
        self._signatures[key] = values
        self._roots[key] = self._roots.get(duplicate_of, duplicate_of) if duplicate_of else key
        self._lsh.insert(key, self._lean(values), check_duplication=False)

    def match(self, key: str, values: np.ndarray) -> tuple[str | None, float | None]:
        """The root of the closest stored near-duplicate and its similarity; then index this one."""
        lsh = self._index()
        if key in self._signatures:
            return None, None
        best_key, best_similarity = None, 0.0
        for candidate in lsh.query(self._lean(values)):
            similarity = float(np.mean(self._signatures[candidate] == values))
            if similarity >= self.threshold and similarity > best_similarity:
                best_key, best_similarity = candidate, similarity
        root = self._roots[best_key] if best_key else None
        self._add(key, values, root)
        return root, (round(best_similarity, 3) if root else None)


@stage("dedup", requires=("text", "id"), assigns=("duplicate_of", "fingerprint"))
class DedupStage(StageBase):
    """Link near-duplicates with `duplicate_of` and keep each article's signature for later runs."""

    def __init__(self, settings: Settings, context: StageContext) -> None:
        stored = context.store.fingerprints if context.store is not None else None
        self.index = NearDuplicateIndex(settings, stored)

    def __call__(self, article: Article) -> Article:
        values = self.index.signature(article.text)
        if values is None:
            return article
        article.fingerprint = values.astype("<u4").tobytes()
        if article.duplicate_of is None:
            article.duplicate_of, article.duplicate_similarity = self.index.match(article.id, values)
        return article
