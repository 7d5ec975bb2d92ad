"""Review: the statuses a passage moves through, the review queue, and the history.

May import ``workbench.store``, ``workbench.text`` and the shared core
modules; never ``team``, ``briefing``, ``library`` or ``cli``.
"""
