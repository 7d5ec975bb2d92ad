"""PDF: the text layer read with PDFium and pdfminer, comments, forms and XMP metadata.

May import ``workbench.importers`` (article, limits, failures) and the shared
core modules; never the store.
"""
