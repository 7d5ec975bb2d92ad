"""Team work in the window: merging analysts' projects, conflicts, agreement, orphans.

Merges, W3C imports and agreement run as jobs (``ui.jobs``). May import ``ui.jobs``,
``ui.session``, ``ui.reader`` and the core; never ``ui.main_window``.
"""
