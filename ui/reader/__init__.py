"""The reader: an article with its highlights, overview strip and margin of cards.

May import ``ui.session``, ``ui.settings`` and the core; never ``ui.main_window`` or
the window's other docks.
"""
