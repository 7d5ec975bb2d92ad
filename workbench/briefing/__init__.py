"""The briefing's substance: its written parts, citations, the actor-stance matrix, and
which passages an export covers.

The Word files themselves are written by ``exports``. Layer: may import ``project``,
``review``, ``edits``, ``store``, ``file`` and ``text``, with the shared core
modules (``model``, ``errors``, ``clock``, ``memory``, ``paths``, ``words``); never
``team``, ``library``, ``interop`` (its siblings) or ``cli``.
"""
