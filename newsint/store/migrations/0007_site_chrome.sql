-- newsint schema, version 7: what each article's site prints on its pages.

-- The site (URL domain, else the outlet its reader named) and the keys of the short lines the article
-- arrived with (sorted 64-bit hashes, little-endian), from which the boilerplate stage learns the lines a
-- site prints on every page (newsint/stages/sitechrome.py). NULL for articles stored before version 7.
ALTER TABLE articles ADD COLUMN site TEXT;
ALTER TABLE articles ADD COLUMN line_keys BLOB;
CREATE INDEX articles_site ON articles(site);
