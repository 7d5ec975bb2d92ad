"""Text: a document's text and blocks, diffs, anchoring, intervals, UTF-16 offsets.

Pure functions over strings; nothing here opens a project. The lowest layer with
``file``: may import the standard library, its text libraries and the shared core
modules (``model``, ``errors``, ``clock``, ``memory``, ``paths``, ``words``);
nothing else of the core.
"""
