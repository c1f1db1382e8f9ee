"""Text: cleaning, layout rules, splitting glued articles, the line model, site chrome, metadata."""
