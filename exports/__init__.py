"""Exporters: Word briefings, annotated copies and data files (Qt-free).

Pure functions from core objects to a file; they import ``workbench`` and never
PySide6 or ``ui``.
"""
