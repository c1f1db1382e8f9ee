"""Sentence embeddings for corroboration by paraphrase, kept with each article so that a story is not embedded
again each time it is shown.

Analysing a story compares every statement of its articles, and a statement is one sentence: embedding them
costs about 9 s for a 50-article story on one core, against about 1.2 s for the rest of the analysis
(`bench/stories.py`). So the embeddings are kept in the store, one float16 row per sentence (768 bytes), made
either when a story is first analysed (`with_sentence_vectors`, kept by the query layer) or at ingest by the
`sentence_vectors` stage, for those who would rather pay them there: it costs 25 % of the default profile's
ingest and 38 % of the fast one's (`bench/stages.py`), so it is not in the default stages. A statement with no
row is embedded when needed and kept for the process.

Rows are float16: the cosines they give differ from float32 ones by about 1e-5, and every vector, stored or
embedded on the spot, is rounded the same way, so where a vector came from never changes a result.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from newsint.model import Article
from newsint.nlp.encoder import DIMENSIONS, load_encoder
from newsint.stories.statements import MIN_CLAIM_WORDS, sentence_text

SENTENCES_KEPT = 50_000  # sentence embeddings a process keeps (about 75 MB) for articles stored without rows
_ROW = np.dtype("<f2")


def embed_sentences(article: Article) -> bytes:
    """One float16 row per sentence of the article, in order; a zero row for a sentence under MIN_CLAIM_WORDS
    words (no statement is shorter)."""
    rows = np.zeros((len(article.sentences), DIMENSIONS), dtype=_ROW)
    for index, sentence in enumerate(article.sentences):
        text = sentence_text(article, sentence.start, sentence.end)
        if len(text.split()) >= MIN_CLAIM_WORDS:
            rows[index] = sentence_vector(text)
    return rows.tobytes()


def with_sentence_vectors(articles: list[Article]) -> list[Article]:
    """Give the articles of a story that have no sentence embeddings theirs, when the story has articles to
    compare (two or more); the articles given them, for the store to keep."""
    if len(articles) < 2:
        return []
    made = [article for article in articles if article.sentence_vectors is None and article.sentences]
    for article in made:
        article.sentence_vectors = embed_sentences(article)
    return made


def statement_vectors(articles: dict[str, Article], statements: list[tuple[str, int, str]]) -> np.ndarray:
    """The embeddings (float32 rows) of statements given as (article id, sentence start, text): the article's
    stored row where it has one for that sentence, else the encoder's."""
    stored = {doc: _stored_rows(article) for doc, article in articles.items()}
    vectors = np.zeros((len(statements), DIMENSIONS), dtype=np.float32)
    for index, (doc, start, text) in enumerate(statements):
        row = stored[doc].get(start)
        vectors[index] = row if row is not None else sentence_vector(text)
    return vectors


def _stored_rows(article: Article) -> dict[int, np.ndarray]:
    """Sentence start → stored row; none when the rows do not match the sentences (annotated by another run)."""
    if not article.sentence_vectors:
        return {}
    rows = np.frombuffer(article.sentence_vectors, dtype=_ROW)
    if rows.size != len(article.sentences) * DIMENSIONS:
        return {}
    rows = rows.reshape(len(article.sentences), DIMENSIONS)
    return {s.start: rows[i].astype(np.float32) for i, s in enumerate(article.sentences) if rows[i].any()}


@lru_cache(maxsize=SENTENCES_KEPT)
def sentence_vector(text: str) -> np.ndarray:
    """The embedding of one sentence, rounded as a stored row is. Kept, because a story is analysed again each
    time an article joins it (the encoder's int8 graph gives a text the same embedding whatever else is
    embedded, so a kept one is the one it would give again)."""
    vector: np.ndarray = load_encoder().embed([text])[0].astype(_ROW).astype(np.float32)
    vector.flags.writeable = False
    return vector
