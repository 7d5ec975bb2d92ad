"""Project files as files: backups and restoring, the damage check, other people's files.

Backups taken and restored (the replaced file kept beside it), ``check``'s look for
damage, and another person's project read as data for a merge
(:mod:`workbench.project.foreign`: nothing in it runs). Layer: above ``review``,
``edits``, ``store`` and ``file``, which it may import, with the shared core modules
(``model``, ``errors``, ``clock``, ``memory``, ``paths``, ``words``); never
``team``, ``briefing``, ``library``, ``interop`` or ``cli``.
"""
