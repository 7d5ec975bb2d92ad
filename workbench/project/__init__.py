"""The project file: opening it safely, copies and backups, checks, and files from others.

How a ``.wbproj`` file is opened (one handle per process, WAL, the header
checked by SQLite), copied and restored, checked for damage, and how another
person's file is read as data.  May import ``workbench.store`` and
``workbench.text``; never the review, team, briefing or library packages.
"""
