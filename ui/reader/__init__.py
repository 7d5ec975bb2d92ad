"""The reader: an article with its highlights, overview strip and margin of cards."""
