"""The review queue: every passage of the project in one table, for supervisors and analysts.

May import ``ui.jobs``, ``ui.session``, ``ui.reader``, ``ui.compare`` and the core;
never ``ui.main_window``.
"""
