"""Text: a document's text and blocks, diffs, anchoring, intervals, UTF-16 offsets, search.

Pure functions over strings; nothing here opens a project.  May import the
standard library, its text libraries and ``workbench.model``/``errors`` only,
never ``workbench.store`` or anything above it.
"""
