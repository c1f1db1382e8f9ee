-- newsint schema, version 2: sentence spans, and entities linked across articles with their mentions.

ALTER TABLE articles ADD COLUMN sentences TEXT NOT NULL DEFAULT '[]';

-- One row a cross-document entity; name, mentions and documents are kept current by each batch.
CREATE TABLE entities (
    id        TEXT PRIMARY KEY NOT NULL,
    type      TEXT NOT NULL,
    name      TEXT NOT NULL,
    mentions  INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_type ON entities(type, mentions DESC);

-- Every written form of an entity's name and how often it was seen: the evidence for its name.
CREATE TABLE entity_aliases (
    entity_id TEXT NOT NULL REFERENCES entities(id),
    alias     TEXT NOT NULL,
    mentions  INTEGER NOT NULL,
    PRIMARY KEY (entity_id, alias)
) WITHOUT ROWID;

-- An entity as one article names it: the fullest form there, the type the model gave it there, and the
-- roles the article gives it. An entity's type is the one most of its articles give it.
CREATE TABLE article_entities (
    article_id TEXT NOT NULL REFERENCES articles(id),
    entity_id  TEXT NOT NULL REFERENCES entities(id),
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    roles      TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX article_entities_entity ON article_entities(entity_id);

CREATE TABLE mentions (
    article_id TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    how        TEXT NOT NULL,
    score      REAL,
    PRIMARY KEY (article_id, start_char, end_char),
    FOREIGN KEY (article_id, entity_id) REFERENCES article_entities(article_id, entity_id)
) WITHOUT ROWID;
CREATE INDEX mentions_entity ON mentions(entity_id);
