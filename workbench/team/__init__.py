"""The team's work together: merging projects, conflicts, row lineage, agreement.

May import ``workbench.store``, ``project``, ``review``, ``text`` and the shared
core modules; never ``briefing``, ``library`` or ``cli``.
"""
