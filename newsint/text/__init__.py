"""Text: cleaning, splitting glued articles, boilerplate and site chrome, metadata, language, near-duplicates."""
