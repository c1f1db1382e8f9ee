-- newsint schema, version 11: which version of each stage (and of its models) made an article's annotations,
-- and re-analysis jobs that can be resumed.

-- One row per article and stage that annotated it: `version` names newsint's version and the models the stage
-- ran (pipeline.stage_versions). Articles stored before schema 11 have none (their versions are unknown).
CREATE TABLE article_stages (
    article_id TEXT NOT NULL REFERENCES articles(id),
    stage      TEXT NOT NULL,
    version    TEXT NOT NULL,
    at         TEXT NOT NULL,
    PRIMARY KEY (article_id, stage)
) WITHOUT ROWID;
CREATE INDEX article_stages_version ON article_stages(stage, version);

-- A re-analysis (`newsint reanalyze`): the stages it re-runs (a JSON list), the profile, the articles it takes
-- (published on or after `since`, all when NULL); `cleared` once their old annotations are gone, `position`
-- the rowid of the last article written, so a killed run goes on from there.
CREATE TABLE reanalyses (
    id          INTEGER PRIMARY KEY,
    stages      TEXT NOT NULL,
    profile     TEXT NOT NULL,
    since       TEXT,
    started_at  TEXT NOT NULL,
    cleared     INTEGER NOT NULL DEFAULT 0,
    position    INTEGER NOT NULL DEFAULT 0,
    finished_at TEXT
);
