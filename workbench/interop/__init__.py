"""Exchange with other tools: reading their files in (W3C Web Annotation today).

Writing to other tools' formats lives in ``exports``.  May import
``workbench.store``, ``text``, ``project`` and the shared core modules; never
``cli``.
"""
