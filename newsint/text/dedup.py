"""Near-duplicate detection across outlets, so syndicated copies and light rewrites are linked, never dropped.

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
from datasketch import MinHash, MinHashLSH

from newsint.settings import Settings

_WORD = re.compile(r"\w+")
# Stored signatures are only comparable under one hashing scheme; name it rather than rely on defaults.
# Shingles are hashed by `shingle_hashes` (CRC-32 per word, mixed by position) and handed to datasketch as
# integers; the scheme's random affine permutations then do the mixing.
_SCHEME = "affine32"
_MIX = 0x01000193  # the 32-bit FNV prime: odd, so mixing by it loses no bits


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """32-bit hashes of the word n-grams, built from per-word CRC-32s without joining strings.

    Each n-gram's hash mixes its words' hashes by position (a polynomial in an odd multiplier),
    so the same words in another order hash differently.
    """
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return np.zeros(0, dtype=np.uint64)
    word_hashes = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    mixed = np.zeros(len(words) - size + 1, dtype=np.uint64)
    for offset in range(size):
        mixed = (mixed * np.uint64(_MIX) + word_hashes[offset : len(words) - size + 1 + offset]) & np.uint64(0xFFFFFFFF)
    return mixed


class BandIndex:
    """LSH buckets for MinHash signatures, one dict a band, holding positions rather than sets.

    datasketch's in-memory MinHashLSH keeps a Python set per bucket (about 11 KB a document,
    230 MB for 20k articles); plain ints keep the index near 3 KB a document. Bands and rows
    are chosen by datasketch's own optimiser for the given threshold.
    """

    def __init__(self, threshold: float, num_perm: int) -> None:
        params = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.bands, self.rows = params.b, params.r
        self._tables: list[dict[int, int | list[int]]] = [{} for _ in range(self.bands)]

    def _keys(self, values: np.ndarray) -> list[int]:
        rows = values[: self.bands * self.rows].reshape(self.bands, self.rows)
        return [hash(row.tobytes()) for row in rows]

    def add(self, position: int, values: np.ndarray) -> None:
        for table, key in zip(self._tables, self._keys(values), strict=True):
            found = table.get(key)
            if found is None:
                table[key] = position
            elif isinstance(found, list):
                found.append(position)
            else:
                table[key] = [found, position]

    def candidates(self, values: np.ndarray) -> set[int]:
        positions: set[int] = set()
        for table, key in zip(self._tables, self._keys(values), strict=True):
            found = table.get(key)
            if isinstance(found, list):
                positions.update(found)
            elif found is not None:
                positions.add(found)
        return positions


class NearDuplicateIndex:
    """MinHash signatures of every stored article, loaded from the store the first time one is needed."""

    def __init__(
        self, settings: Settings, stored: Callable[[], Iterable[tuple[str, str | None, bytes]]] | None
    ) -> None:
        self.threshold = settings.near_duplicate_threshold
        self.num_perm = settings.minhash_permutations
        self.shingle_words = settings.shingle_words
        self._stored = stored
        self._template = MinHash(num_perm=self.num_perm, scheme=_SCHEME, hashfunc=int)
        self._bands: BandIndex | None = None
        self._ids: list[str] = []
        self._positions: dict[str, int] = {}
        self._signatures: list[np.ndarray] = []
        self._roots: list[int] = []

    def signature(self, text: str) -> np.ndarray | None:
        """The MinHash of the text, or None when it is too short for shingles to mean anything."""
        hashes = shingle_hashes(text, self.shingle_words)
        if len(hashes) < 2 * self.shingle_words:
            return None
        minhash = self._template.copy()  # copying skips re-deriving the permutations, the costly part
        minhash.update_batch(hashes.tolist())
        return np.asarray(minhash.hashvalues, dtype=np.uint32)

    def _index(self) -> BandIndex:
        if self._bands is None:
            # The buckets cast wider than the threshold; candidates are then checked against it
            # exactly, so banding does not miss pairs just above the threshold.
            self._bands = BandIndex(max(0.1, self.threshold - 0.2), self.num_perm)
            for key, duplicate_of, blob in self._stored() if self._stored else ():
                root = self._positions.get(duplicate_of) if duplicate_of else None
                self._add(key, np.frombuffer(blob, dtype="<u4").copy(), root)
        return self._bands

    def _add(self, key: str, values: np.ndarray, root: int | None) -> None:
        assert self._bands is not None
        position = len(self._ids)
        self._ids.append(key)
        self._positions[key] = position
        self._signatures.append(values)
        self._roots.append(self._roots[root] if root is not None else position)
        self._bands.add(position, values)

    def match(self, key: str, values: np.ndarray) -> tuple[str | None, float | None]:
        """The root of the closest stored near-duplicate and its similarity; then index this one."""
        bands = self._index()
        if key in self._positions:
            return None, None
        best, best_similarity = None, 0.0
        for candidate in bands.candidates(values):
            similarity = float(np.mean(self._signatures[candidate] == values))
            if similarity >= self.threshold and similarity > best_similarity:
                best, best_similarity = candidate, similarity
        self._add(key, values, best)
        if best is None:
            return None, None
        return self._ids[self._roots[best]], round(best_similarity, 3)
