"""The project file as the window handles it: new, open, recent, copies, backups, restore.

May import ``ui.jobs``, ``ui.session``, ``ui.settings`` and the core; never
``ui.main_window``.
"""
