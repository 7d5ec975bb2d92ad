"""Exchange with other tools: reading their files in (W3C Web Annotation today).

Writing other tools' formats lives in ``exports``. Layer: may import ``project``,
``review``, ``edits``, ``store``, ``file`` and ``text``, with the shared core
modules (``model``, ``errors``, ``clock``, ``memory``, ``paths``, ``words``); never
``team``, ``library``, ``briefing`` (its siblings) or ``cli``.
"""
