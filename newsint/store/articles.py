"""Article rows: the columns of `articles` and the mapping between an `Article` and its row."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from newsint.model import Article, Provenance, Removed, Span

COLUMNS = (
    "id, source, outlet, title, authors, published, published_method, published_confidence, language, "
    "text, paragraphs, captions, removed, duplicate_of, duplicate_similarity, fingerprint, raw, meta, "
    "words, input_path, input_sha256, locator, ingested_at, sentences, embedding, story, story_score, site, "
    "line_keys"
)
PLACEHOLDERS = ", ".join("?" * len(COLUMNS.split(",")))


def article_row(article: Article, now: str) -> tuple[Any, ...]:
    """The `articles` row of an article stored at `now`, in the order of COLUMNS."""
    return (
        article.id,
        article.source,
        article.outlet,
        article.title,
        json.dumps(article.authors),
        article.published.isoformat() if article.published else None,
        article.published_method,
        article.published_confidence,
        article.language,
        article.text,
        json.dumps([[s.start, s.end, s.label] for s in article.paragraphs]),
        json.dumps(article.captions, ensure_ascii=False),
        json.dumps([[r.text, r.reason] for r in article.removed], ensure_ascii=False),
        article.duplicate_of,
        article.duplicate_similarity,
        article.fingerprint,
        article.raw,
        json.dumps(article.meta, ensure_ascii=False),
        article.word_count,
        article.provenance.input_path,
        article.provenance.sha256,
        article.provenance.locator,
        now,
        json.dumps([[s.start, s.end] for s in article.sentences]),
        article.embedding,
        article.story,
        article.story_score,
        article.site,
        article.line_keys,
    )


def row_article(row: tuple[Any, ...]) -> Article:
    """The article of an `articles` row read in the order of COLUMNS (its annotations are read apart)."""
    (
        id_,
        source,
        outlet,
        title,
        authors,
        published,
        method,
        confidence,
        language,
        text,
        paragraphs,
        captions,
        removed,
        duplicate_of,
        similarity,
        fingerprint,
        raw,
        meta,
        _words,
        input_path,
        input_sha256,
        locator,
        _at,
        sentences,
        embedding,
        story,
        story_score,
        site,
        line_keys,
    ) = row
    return Article(
        raw=raw,
        source=source,
        provenance=Provenance(input_path, input_sha256, locator),
        id=id_,
        outlet=outlet,
        title=title,
        authors=json.loads(authors),
        published=date.fromisoformat(published) if published else None,
        published_method=method,
        published_confidence=confidence,
        language=language,
        text=text,
        paragraphs=[Span(*s) for s in json.loads(paragraphs)],
        captions=json.loads(captions),
        removed=[Removed(*r) for r in json.loads(removed)],
        duplicate_of=duplicate_of,
        duplicate_similarity=similarity,
        fingerprint=fingerprint,
        meta=json.loads(meta),
        sentences=[Span(*s) for s in json.loads(sentences)],
        embedding=embedding,
        story=story,
        story_score=story_score,
        site=site,
        line_keys=line_keys,
    )
