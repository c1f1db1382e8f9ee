-- newsint schema, version 12: what sort of amount each figure is (`kind`, one of model.FIGURE_KINDS) and the
-- amount with what it counts as the text words it (`phrase`: "hundreds of millions of dollars' worth of
-- missiles"). Figures stored before schema 12 have both empty until their article is analysed again.
ALTER TABLE figures ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE figures ADD COLUMN phrase TEXT NOT NULL DEFAULT '';
