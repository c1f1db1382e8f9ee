-- newsint schema, version 1: articles with full-text search, where each was seen, inputs done, errors, runs.

CREATE TABLE articles (
    id                   TEXT PRIMARY KEY NOT NULL,
    source               TEXT NOT NULL,
    outlet               TEXT,
    title                TEXT,
    authors              TEXT NOT NULL DEFAULT '[]',
    published            TEXT,
    published_method     TEXT,
    published_confidence REAL NOT NULL DEFAULT 0,
    language             TEXT,
    text                 TEXT NOT NULL,
    paragraphs           TEXT NOT NULL DEFAULT '[]',
    captions             TEXT NOT NULL DEFAULT '[]',
    removed              TEXT NOT NULL DEFAULT '[]',
    duplicate_of         TEXT REFERENCES articles(id),
    duplicate_similarity REAL,
    fingerprint          BLOB,
    raw                  TEXT NOT NULL,
    meta                 TEXT NOT NULL DEFAULT '{}',
    words                INTEGER NOT NULL,
    input_path           TEXT NOT NULL,
    input_sha256         TEXT NOT NULL,
    locator              TEXT NOT NULL DEFAULT '',
    ingested_at          TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- Every place an article was seen; exact duplicates add a row here and nothing to articles.
CREATE TABLE sightings (
    article_id   TEXT NOT NULL REFERENCES articles(id),
    source       TEXT NOT NULL,
    input_path   TEXT NOT NULL,
    input_sha256 TEXT NOT NULL,
    locator      TEXT NOT NULL DEFAULT '',
    seen_at      TEXT NOT NULL,
    PRIMARY KEY (article_id, input_sha256, locator)
);

-- Inputs read to the end by a given pipeline; a second ingest of the same bytes skips them.
CREATE TABLE inputs (
    sha256   TEXT NOT NULL,
    pipeline TEXT NOT NULL,
    path     TEXT NOT NULL,
    size     INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    done_at  TEXT NOT NULL,
    PRIMARY KEY (sha256, pipeline)
);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    command     TEXT NOT NULL,
    stats       TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE errors (
    id      INTEGER PRIMARY KEY,
    run_id  INTEGER REFERENCES runs(id),
    path    TEXT NOT NULL,
    locator TEXT NOT NULL DEFAULT '',
    reason  TEXT NOT NULL,
    at      TEXT NOT NULL
);
