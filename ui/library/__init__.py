"""The library: the project's documents in a dock, importing them, their details, search.

May import ``ui.jobs``, ``ui.session``, ``ui.settings``, ``ui.widgets`` and the
core; never ``ui.main_window``.
"""
