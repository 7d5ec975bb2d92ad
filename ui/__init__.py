"""The PySide6 application: the only package that imports Qt.

``ui.app`` is the composition root: it builds the ``MainWindow``, which hands each
part of its work (``ProjectFiles``, ``LibraryActions``, ``ReviewActions``,
``TeamActions``, ``BriefingActions``) the window as a narrow Protocol that part
declares. Only ``ui.app`` (and ``ui.screenshots``, which drives a window for
pictures) import ``ui.main_window``. Long work runs through ``ui.jobs``. May import
``workbench`` and ``exports``.
"""
