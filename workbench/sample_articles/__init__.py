"""Articles the project ships (the first-start sample)."""
