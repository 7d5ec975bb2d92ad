"""Writing Word files: WordprocessingML as text, the page set-up, the sanitiser.

The plumbing the Word exporters share.  May import ``workbench`` and
python-docx; never an exporter of ``exports`` and never ``ui``.
"""
