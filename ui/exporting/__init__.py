"""The export dialog: filters with a live count, briefing options, a job off the GUI thread.

Its choices become an export request (``exports.request``, as the command line
builds it). May import ``ui.jobs``, ``ui.session``, ``ui.settings``, ``workbench``
and ``exports``; never ``ui.main_window``.
"""
