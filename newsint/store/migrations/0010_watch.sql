-- newsint schema, version 10: what `newsint watch` remembers between polls, so a restart resumes where it stopped.

-- One row a watched source: a folder (its resolved path) or a feed or sitemap URL as given. `failures` counts
-- the polls that failed in a row and `retry_at` is when back-off allows the next one (NULL: at the next
-- interval); `last_error` is the latest failure's reason, cleared by the next good poll.
CREATE TABLE watch_sources (
    source     TEXT PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL,
    last_poll  TEXT,
    last_ok    TEXT,
    failures   INTEGER NOT NULL DEFAULT 0,
    retry_at   TEXT,
    last_error TEXT
);

-- The items a source's polls have taken in: a feed entry (its id or link), a sitemap URL, a file. `version`
-- tells a changed item from a seen one (a file's mtime and size, a sitemap entry's lastmod). An item is
-- written here in the same transaction as the HTTP validators of the poll that found it, after its articles
-- are stored, so a poll cut short is taken again whole.
CREATE TABLE watch_items (
    source  TEXT NOT NULL REFERENCES watch_sources(source),
    item    TEXT NOT NULL,
    version TEXT NOT NULL DEFAULT '',
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source, item)
);

-- The validators of the last good response per URL (feeds, sitemaps and the sitemaps of an index), sent back
-- as If-None-Match / If-Modified-Since so an unchanged document costs a 304.
CREATE TABLE watch_http (
    url           TEXT PRIMARY KEY NOT NULL,
    etag          TEXT,
    last_modified TEXT,
    checked_at    TEXT NOT NULL
);
