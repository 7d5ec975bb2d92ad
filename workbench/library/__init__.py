"""The project's documents: bringing articles in, their details, new versions of them.

May import ``workbench.importers``, ``store``, ``project``, ``text`` and the
shared core modules; never ``team``, ``briefing`` or ``cli``.
"""
