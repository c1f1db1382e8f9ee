-- newsint schema, version 8: a generation counter and stored views (what the query layer computed once).

-- `generation` counts the batches that stored or re-assigned articles; `instance` tells this database from
-- another one at the same path (a view memo kept in memory is keyed by both).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO meta VALUES ('generation', '0');
INSERT INTO meta VALUES ('instance', lower(hex(randomblob(8))));

-- The generation of the batch that last changed each story, so a story's stored analysis is refreshed when
-- its articles change and kept when only other stories do.
ALTER TABLE stories ADD COLUMN generation INTEGER NOT NULL DEFAULT 0;

-- A view is a named text (JSON, Markdown, HTML) and the key it was computed under; the query layer names both
-- (newsint/query.py), and a view whose key no longer matches is computed again and overwritten.
CREATE TABLE views (
    name      TEXT PRIMARY KEY NOT NULL,
    key       TEXT NOT NULL,
    body      TEXT NOT NULL,
    stored_at TEXT NOT NULL
);
