"""Annotation Workbench core: the project store, text, importers, anchoring and edits.

This package is Qt-free: it never imports PySide6, ``ui`` or ``exports``
(only the command line, :mod:`workbench.cli`, reaches them inside the commands
that need them).
"""

__version__ = "0.1.0"
