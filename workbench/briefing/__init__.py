"""The briefing's substance: its written parts, citations, the actor-stance matrix, and
which passages an export covers.

May import ``workbench.store``, ``review``, ``text`` and the shared core
modules; never ``team``, ``library`` or ``cli``.  The Word files themselves are
written by ``exports``.
"""
