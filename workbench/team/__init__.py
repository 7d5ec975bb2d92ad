"""The team's work together: merging projects, conflicts, row lineage, agreement.

Layer: may import ``project``, ``review``, ``edits``, ``store``, ``file`` and
``text``, with the shared core modules (``model``, ``errors``, ``clock``,
``memory``, ``paths``, ``words``); never ``briefing``, ``library``, ``interop`` (its
siblings) or ``cli``.
"""
