-- newsint schema, version 4: claims (quotes and reported speech) and figures.

-- A claim: the content span, its cue and speaker spans (speaker_start NULL when the text names no
-- source), the entity the speaker resolved to ('' when none), the path to the article (JSON array) and
-- the hedge with its cue span.
CREATE TABLE claims (
    article_id     TEXT NOT NULL REFERENCES articles(id),
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    text           TEXT NOT NULL,
    direct         INTEGER NOT NULL,
    cue            TEXT NOT NULL,
    cue_start      INTEGER NOT NULL,
    cue_end        INTEGER NOT NULL,
    speaker        TEXT NOT NULL,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    speaker_entity TEXT NOT NULL,
    via            TEXT NOT NULL,
    hedge          TEXT NOT NULL,
    hedge_cue      TEXT NOT NULL,
    hedge_start    INTEGER,
    hedge_end      INTEGER,
    PRIMARY KEY (article_id, start_char, end_char, cue_start)
) WITHOUT ROWID;
CREATE INDEX claims_speaker_entity ON claims(speaker_entity);

-- A number and what it counts; `claim` is the position of the claim it sits in among the article's
-- claims in text order (NULL when it is in none).
CREATE TABLE figures (
    article_id TEXT NOT NULL REFERENCES articles(id),
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       TEXT NOT NULL,
    value      REAL,
    low        REAL,
    high       REAL,
    qualifier  TEXT NOT NULL,
    unit       TEXT NOT NULL,
    what       TEXT NOT NULL,
    per        REAL,
    per_what   TEXT NOT NULL,
    claim      INTEGER,
    PRIMARY KEY (article_id, start_char, end_char)
) WITHOUT ROWID;
