"""Which story a free-text query is about: the cosine to each story's centroid, lifted by the query's words.

A story scores the cosine between the query and its centroid, plus QUERY_TEXT_WEIGHT times the share of the
query's content words that its articles contain (full-text index), each word weighted by its rarity across
stories as assignment weighs names (log((1 + stories) / (1 + stories with it)) + 1; a word no story has weighs
most, so an unknown word lowers every story's share). So a place or a name in the query lifts the story that
names it above stories of the same kind elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from newsint.model import StoryState
from newsint.stories.cluster import rarity

QUERY_TEXT_WEIGHT = 0.5  # how much the query's words found in the story's articles add to the cosine
QUERY_MIN_SCORE = 0.35  # below this, no story matches the query
_WORD = re.compile(r"[^\W_][\w'’-]*[^\W_]", re.UNICODE)


def query_words(text: str) -> list[str]:
    """The query's distinct content words (English function words left out), as FTS5 phrases."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words: list[str] = []
    for match in _WORD.finditer(text):
        word = match.group().casefold()
        if len(word) > 2 and word not in STOP_WORDS and word not in words:
            words.append(word)
    return ['"' + word.replace('"', '""') + '"' for word in words]


def best_story(states: Sequence[StoryState], vector: np.ndarray, found: Sequence[set[str]]) -> str | None:
    """The story best matching a query: `vector` is the query's unit embedding, `found` the stories containing
    each of its words (`query_words`). None without stories or when the best score is below QUERY_MIN_SCORE."""
    if not states:
        return None
    position = {s.id: i for i, s in enumerate(states)}
    scores = np.stack([s.centroid for s in states]) @ np.asarray(vector, dtype=np.float32)
    weights = [rarity(len(stories), len(states)) for stories in found]
    total = sum(weights)
    for stories, weight in zip(found, weights, strict=True):
        for story in stories:
            if story in position:
                scores[position[story]] += QUERY_TEXT_WEIGHT * weight / total
    best = int(np.argmax(scores))
    return states[best].id if float(scores[best]) >= QUERY_MIN_SCORE else None
