"""Writing the briefing in the window, and the actor-stance matrix.

May import ``ui.jobs``, ``ui.session``, ``ui.reader``, ``ui.compare``, ``ui.review``
(the dock it reads the current passage from), ``workbench`` and ``exports``; never
``ui.main_window``.
"""
