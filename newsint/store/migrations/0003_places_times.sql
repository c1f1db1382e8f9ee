-- newsint schema, version 3: place mentions resolved to gazetteer entries, and time expressions.

-- One row a gazetteer entry some article names; `id` is "gn:<GeoNames id>", or kind:country:name for
-- entries the gazetteer made itself (regions, areas).
CREATE TABLE places (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL,
    lat         REAL NOT NULL,
    lon         REAL NOT NULL,
    kind        TEXT NOT NULL,
    country     TEXT NOT NULL,
    admin1      TEXT NOT NULL,
    geonames_id INTEGER,
    population  INTEGER NOT NULL
);

-- A place as an article names it; place_id is NULL when no entry fits, and `reason` says why. Offsets
-- are into the text, or into caption number `caption` when it is not -1.
CREATE TABLE place_mentions (
    article_id TEXT NOT NULL REFERENCES articles(id),
    caption    INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    place_id   TEXT REFERENCES places(id),
    how        TEXT NOT NULL,
    entity_id  TEXT NOT NULL,
    reason     TEXT NOT NULL,
    score      REAL NOT NULL,
    PRIMARY KEY (article_id, caption, start_char, end_char)
) WITHOUT ROWID;
CREATE INDEX place_mentions_place ON place_mentions(place_id);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles(id),
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    type       TEXT NOT NULL,
    value      TEXT NOT NULL,
    mod        TEXT NOT NULL,
    anchored   INTEGER NOT NULL,
    PRIMARY KEY (article_id, start_char, end_char)
) WITHOUT ROWID;
CREATE INDEX times_value ON times(value);
