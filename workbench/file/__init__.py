"""The project file underneath the store: SQLite opened safely, its schema, copies.

Opening a ``.wbproj`` (one handle per process, write-ahead log, the header
checked by SQLite itself), its schema and migrations, the names of partial
copies, and consistent checked copies of it.  The lowest layer of the core:
may import the standard library, sqlite-utils and ``workbench.errors``,
``clock``, ``paths`` only; never ``workbench.store`` or anything above it.
"""
