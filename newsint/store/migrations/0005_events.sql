-- newsint schema, version 5: events (what the articles report as having happened).

-- An event, `idx` its position among the article's events. `evidence` is a JSON array of [start, end]
-- spans (the sentences that report it); `actors`, `targets` and `figures` are JSON arrays. `place_id` is
-- the gazetteer entry in `places` (NULL when no place resolved), `place_text` the place as written.
-- `date` is the TIMEX3 value; `date_start` and `date_end` are the first and last day it covers
-- (ISO dates, NULL when the value is open or absent), so dates of any precision sort and compare in SQL.
CREATE TABLE events (
    article_id          TEXT NOT NULL REFERENCES articles(id),
    idx                 INTEGER NOT NULL,
    subtype             TEXT NOT NULL,
    trigger             TEXT NOT NULL,
    trigger_start       INTEGER NOT NULL,
    trigger_end         INTEGER NOT NULL,
    evidence            TEXT NOT NULL,
    score               REAL NOT NULL,
    actors              TEXT NOT NULL,
    targets             TEXT NOT NULL,
    place_id            TEXT REFERENCES places(id),
    place_text          TEXT NOT NULL,
    date                TEXT NOT NULL,
    date_precision      TEXT NOT NULL,
    date_from_published INTEGER NOT NULL,
    date_start          TEXT,
    date_end            TEXT,
    fatalities          INTEGER,
    figures             TEXT NOT NULL,
    negated             INTEGER NOT NULL,
    hypothetical        INTEGER NOT NULL,
    summary             TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX events_subtype ON events(subtype);
CREATE INDEX events_date ON events(date_start);
CREATE INDEX events_place ON events(place_id);
