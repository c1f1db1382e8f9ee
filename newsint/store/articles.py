"""Article rows: the columns of `articles` and the mapping between an `Article` and its row."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from newsint.model import Article, Provenance, Removed, Span

COLUMNS = (
    "id, source, outlet, title, authors, published, published_method, published_confidence, language, "
    "text, paragraphs, captions, removed, duplicate_of, duplicate_similarity, fingerprint, raw, meta, "
    "words, input_path, input_sha256, locator, ingested_at, sentences, embedding, story, story_score, site, "
    "line_keys, sentence_vectors"
)
PLACEHOLDERS = ", ".join("?" * len(COLUMNS.split(",")))


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles a read keeps; a field left empty keeps every article (and an empty filter is false).

    `story` is a story id; `since` and `until` bound the publication date, both days included (an undated article
    is left out once either is set); `outlet` is part of the outlet's name or of the article's URL, any case;
    `language` an ISO 639-1 code; `match` an FTS5 query over title and text.
    """

    story: str | None = None
    since: date | None = None
    until: date | None = None
    outlet: str | None = None
    language: str | None = None
    match: str | None = None

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


def filter_sql(where: ArticleFilter | None, alias: str = "articles") -> tuple[str, list[Any]]:
    """The SQL condition (over the articles table as `alias`) and its parameters that keep what `where` keeps."""
    if not where:
        return "1", []
    conditions: list[str] = []
    params: list[Any] = []
    if where.story:
        conditions.append(f"{alias}.story = ?")
        params.append(where.story)
    if where.since:
        conditions.append(f"{alias}.published >= ?")
        params.append(where.since.isoformat())
    if where.until:
        conditions.append(f"{alias}.published <= ?")
        params.append(where.until.isoformat())
    if where.outlet:
        pattern = "%" + where.outlet.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        conditions.append(
            f"({alias}.outlet LIKE ? ESCAPE '\\' OR json_extract({alias}.meta, '$.url') LIKE ? ESCAPE '\\')"
        )
        params += [pattern, pattern]
    if where.language:
        conditions.append(f"{alias}.language = ?")
        params.append(where.language.lower())
    if where.match:
        conditions.append(f"{alias}.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(where.match)
    return " AND ".join(conditions), params


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
        sentence_spans(article),
        article.embedding,
        article.story,
        article.story_score,
        article.site,
        article.line_keys,
        article.sentence_vectors,
    )


def write_sentence_vectors(db: sqlite3.Connection, articles: list[Article]) -> bool:
    """Keep the sentence embeddings made for stored articles that had none, each only while its sentences are
    still those they were made for (a re-analysis may have parsed it again meanwhile); False when the database
    would not take them (busy, read-only)."""
    rows = [(a.sentence_vectors, a.id, sentence_spans(a)) for a in articles if a.sentence_vectors]
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return False
    try:
        db.executemany(
            "UPDATE articles SET sentence_vectors = ? WHERE id = ? AND sentences = ? AND sentence_vectors IS NULL", rows
        )
        db.execute("COMMIT")
    except sqlite3.OperationalError:
        db.execute("ROLLBACK")
        return False
    return True


def sentence_spans(article: Article) -> str:
    """The `sentences` column of an article: its sentence bounds as JSON."""
    return json.dumps([[s.start, s.end] for s in article.sentences])


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
        sentence_vectors,
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
        sentence_vectors=sentence_vectors,
    )
