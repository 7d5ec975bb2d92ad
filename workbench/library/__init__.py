"""The project's documents: bringing articles in, their details, new versions of them.

Layer: may import ``importers``, ``project``, ``review``, ``edits``, ``store``,
``file`` and ``text``, with the shared core modules (``model``, ``errors``,
``clock``, ``memory``, ``paths``, ``words``); never ``team``, ``briefing``,
``interop`` (its siblings) or ``cli``.
"""
