"""Places: an offline gazetteer built from registry packages, and the resolver that picks an entry per mention."""
