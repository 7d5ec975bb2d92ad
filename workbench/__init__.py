"""Annotation Workbench core: the project store, text, importers, anchoring and edits.

This package is Qt-free: it never imports PySide6, ``ui`` or ``exports``
(only the command line, :mod:`workbench.cli`, reaches them inside the commands
that need them).  Its packages are layered, each importing only those below
it (checked by import-linter, ``pyproject.toml``): ``cli``; ``samples``;
``team`` | ``interop`` | ``library`` | ``briefing``; ``tagging`` | ``project``;
``review``; ``edits``; ``store`` | ``importers``; ``file`` | ``text``.  The
modules directly here (``model``, ``errors``, ``clock``, ``memory``, ``paths``,
``words``) import nothing of the core but each other.
"""

__version__ = "0.1.0"
