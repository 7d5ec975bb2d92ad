"""Word files: .docx (including Strict Open XML) and Word 97-2003 .doc, with their numbering.

May import ``workbench.importers`` (article, limits, plaintext) and the shared
core modules; never the store.
"""
