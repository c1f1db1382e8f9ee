-- newsint schema, version 14: each article's sentence embeddings (float16 rows, one per sentence; the
-- `sentence_vectors` stage), so analysing a story reads them instead of embedding every statement again.
-- Articles stored before schema 14 have none: a story's analysis embeds their sentences when it needs them, and
-- `newsint reanalyze sentence_vectors` stores them.
ALTER TABLE articles ADD COLUMN sentence_vectors BLOB;
