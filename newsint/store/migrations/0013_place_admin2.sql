-- newsint schema, version 13: a place's second-level division (`admin2`: a district's own name, a town's district
-- where the gazetteer knows it). Places stored before schema 13 have it empty until an article names them again
-- (store/geo.py: write_place fills an empty admin2 then).
ALTER TABLE places ADD COLUMN admin2 TEXT NOT NULL DEFAULT '';
