"""Entities: mentions grouped in an article, names compared across spellings, entities linked across articles."""
