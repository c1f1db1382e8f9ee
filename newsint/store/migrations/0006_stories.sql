-- newsint schema, version 6: stories (articles about one unfolding event or issue).

-- The article's sentence embedding (384 float32 values, little-endian), the story it joined and how well
-- it fitted (NULL when it opened the story or copies an article of it).
ALTER TABLE articles ADD COLUMN embedding BLOB;
ALTER TABLE articles ADD COLUMN story TEXT;
ALTER TABLE articles ADD COLUMN story_score REAL;
CREATE INDEX articles_story ON articles(story);

-- A story as assignment sees it (newsint/stories/cluster.py: StoryState), updated in the transaction that
-- writes each article joining it, so a later ingest goes on from here without re-clustering. `vector_sum`
-- is the sum of its articles' unit embeddings (384 float32 values, little-endian); `names` a JSON object of
-- how many of its articles name each key name (e:<entity id>, p:<place>), `display` a JSON object of how
-- each key is shown; `start` and `end` the first and last of its articles' dates (ISO, NULL when none is
-- dated). The rowid keeps the order stories were opened in, which the index keeps too.
CREATE TABLE stories (
    id          TEXT PRIMARY KEY NOT NULL,
    size        INTEGER NOT NULL,
    vector_sum  BLOB NOT NULL,
    names       TEXT NOT NULL,
    display     TEXT NOT NULL,
    start       TEXT,
    end         TEXT,
    updated_at  TEXT NOT NULL
);
CREATE INDEX stories_size ON stories(size);
