"""Opening a ``.wbproj`` file safely: refuse what is not ours, newer, or damaged.

A project is one SQLite file in WAL mode with ``synchronous=FULL`` and foreign
keys on.  Everything here happens before the first write, so a refused file is
left exactly as it was.  A file without write permission opens read-only, and
every SQLite failure is told as what it is (locked, read-only, disk full,
damaged), never all as "damaged".
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlite_utils import Database

from workbench.errors import ProjectDamaged, ProjectFileError, ProjectLocked, StoreWriteError
from workbench.file.held_files import hold, is_held
from workbench.file.schema import MIGRATION_SET, SCHEMA_VERSION, known_migrations, migrations

PROJECT_SUFFIX = ".wbproj"
BUSY_TIMEOUT_MS = 5_000  # a writer holds the lock for milliseconds; past this, say so


@dataclass(frozen=True)
class OpenedDatabase:
    """A checked project database, and whether it was opened read-only."""

    db: Database
    read_only: bool


# What each kind of SQLite failure means, by the start of its error name, with the words
# its message carries when Python gives no name.
_KINDS = [
    ("locked", ("SQLITE_BUSY", "SQLITE_LOCKED"), "locked"),
    ("read-only", ("SQLITE_READONLY",), "readonly"),
    ("full", ("SQLITE_FULL",), "disk is full"),
    ("cannot open", ("SQLITE_CANTOPEN",), "unable to open"),
    ("disk error", ("SQLITE_IOERR",), "disk I/O error"),
    ("damaged", ("SQLITE_CORRUPT", "SQLITE_NOTADB"), "malformed"),
]


def failure_kind(exc: sqlite3.Error) -> str:
    """'locked', 'read-only', 'full', 'cannot open', 'disk error', 'damaged' or 'other'."""
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    for kind, names, words in _KINDS:
        if name.startswith(names) or words in str(exc) or \
                (kind == "damaged" and "not a database" in str(exc)):
            return kind
    return "other"


def explain_sqlite_error(exc: sqlite3.Error, path: Path | None) -> str:
    """What a SQLite failure means for the user, in one sentence."""
    where = str(path) if path else "The project"
    return {
        "locked": f"{where} is locked by another program that is writing to it; try again "
                  "when it has finished.",
        "read-only": f"{where} is read-only: changes cannot be saved to it.",
        "full": f"The disk holding {where} is full: free some space and try again.",
        "cannot open": f"{where} cannot be opened (check that its folder exists and is "
                       "accessible).",
        "disk error": f"{where} could not be read or written: the disk reported an error "
                      f"({exc}).",
        "damaged": f"{where} is damaged and cannot be opened ({exc}).",
    }.get(failure_kind(exc), f"{where} could not be used ({exc}).")


def error_for(exc: sqlite3.Error, path: Path | None) -> ProjectFileError:
    """The :class:`ProjectFileError` subclass that says what went wrong."""
    kind = failure_kind(exc)
    error = {"damaged": ProjectDamaged, "locked": ProjectLocked}.get(kind, ProjectFileError)
    return error(explain_sqlite_error(exc, path))


def is_read_only_file(path: Path) -> bool:
    """A file nobody may write (no write bit), or one this user may not write."""
    mode = path.stat().st_mode
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) \
        or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def open_database(path: Path, *, create: bool) -> OpenedDatabase:
    """Open (or create) the project database at ``path``, checked and migrated."""
    if path.exists() or path.is_symlink():
        check_project_path(path)
        read_only = is_read_only_file(path)
    elif not create:
        raise ProjectFileError(f"No project at {path}; create one with 'workbench init'.")
    else:
        if not path.parent.is_dir():
            raise ProjectFileError(f"Cannot create {path}: the folder {path.parent} "
                                   "does not exist.")
        read_only = False
    is_new = not path.exists()
    checked = is_held(path)  # open in this process already: checked when it was opened
    db: Database | None = None
    try:
        db = _connect(path, read_only=read_only)
        if not is_new and not checked:
            _check_is_project(db, path)
            _quick_check(db, path)
        if read_only:
            if migrations.pending(db):
                raise ProjectFileError(
                    f"{path} is read-only and was written by an older Workbench; make it "
                    "writable once so that it can be brought up to date.")
            hold(path)
            return OpenedDatabase(db, read_only=True)
        _configure(db)
        if is_new or migrations.pending(db):
            with immediate_transaction(db, path):
                migrations.apply(db)
    except sqlite3.Error as exc:
        if db is not None:
            db.close()
        raise error_for(exc, path) from exc
    except ProjectFileError:
        if db is not None:
            db.close()
        raise
    hold(path)
    return OpenedDatabase(db, read_only=False)


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` read-only (any character in the name is safe)."""
    return f"file:{quote(str(path.resolve()))}?mode=ro"


def _connect(path: Path, *, read_only: bool) -> Database:
    if read_only:
        conn = sqlite3.connect(read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
        db.execute("PRAGMA query_only=ON")
    else:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000)
        db = Database(conn)
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def check_project_path(path: Path) -> None:
    """Refuse, before SQLite sees it, a path that cannot be a project file.

    Only ``stat`` is used: the file is never opened here (see :mod:`held_files`);
    whether its bytes are a database is for SQLite to say (:func:`_check_is_project`).
    """
    try:
        info = path.stat()
    except OSError as exc:
        raise ProjectFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    if stat.S_ISDIR(info.st_mode):
        raise ProjectFileError(f"{path} is a folder, not a Workbench project file.")
    if not stat.S_ISREG(info.st_mode):
        raise ProjectFileError(
            f"{path} is not a regular file (a pipe or device?), not a Workbench project.")
    if info.st_size == 0:
        raise ProjectFileError(f"{path} is an empty file, not a Workbench project.")


def checkpoint_beside(path: Path) -> bool:
    """Copy the write-ahead log into the file through a connection of its own, without
    waiting for anyone: for a thread beside the window, whose own connection would hold
    the window still while the file is written and synced.  True when all of it went in."""
    try:
        conn = sqlite3.connect(path, timeout=0.1, check_same_thread=False)
    except sqlite3.Error:
        return False
    try:
        busy, _, _ = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    except sqlite3.Error:
        return False
    finally:
        conn.close()
    return not busy


def memory_database() -> Database:
    """A fresh in-memory project database (for tests and scratch work)."""
    db = Database(memory=True)
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    return db


@contextmanager
def immediate_transaction(db: Database, path: Path | None = None) -> Iterator[Database]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (a savepoint inside an open transaction).

    Taking the write lock at the start means a second writer waits for the busy
    timeout instead of failing at once on its first write.
    """
    conn = db.conn
    if conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreWriteError(explain_sqlite_error(exc, path)) from exc
    try:
        yield db
    except sqlite3.OperationalError as exc:  # disk full, I/O error...: say which
        if conn.in_transaction:
            conn.rollback()
        raise StoreWriteError(explain_sqlite_error(exc, path)) from exc
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    try:
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        if conn.in_transaction:
            conn.rollback()
        raise StoreWriteError(explain_sqlite_error(exc, path)) from exc


def _quick_check(db: Database, path: Path) -> None:
    """Refuse a file whose pages are damaged (tens of milliseconds for 100 MB)."""
    problems = [row[0] for row in db.execute("PRAGMA quick_check(3)").fetchall()]
    if problems != ["ok"]:
        raise ProjectDamaged(f"{path} is damaged and cannot be opened ({problems[0]}).")


def _configure(db: Database) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")


def _check_is_project(db: Database, path: Path) -> None:
    try:
        tables = set(db.table_names())
    except sqlite3.DatabaseError as exc:
        if "not a database" not in str(exc):
            raise
        raise ProjectFileError(
            f"{path} is not a Workbench project (it is not an SQLite database).") from exc
    if "project" not in tables or migrations.migrations_table not in tables:
        raise ProjectFileError(
            f"{path} is an SQLite database but not a Workbench project."
        )
    applied = {
        row[0]
        for row in db.execute(
            f"SELECT name FROM {migrations.migrations_table} WHERE migration_set = ?",
            [MIGRATION_SET],
        ).fetchall()
    }
    if not applied:
        raise ProjectFileError(f"{path} is an SQLite database but not a Workbench project.")
    row = db.execute("SELECT max(schema_version) FROM project").fetchone()
    version = row[0] if row and row[0] is not None else 0
    unknown = applied - known_migrations()
    if unknown or version > SCHEMA_VERSION:
        what = (f"it has changes this version does not know: {', '.join(sorted(unknown))}"
                if unknown else f"schema {version}; this version reads up to {SCHEMA_VERSION}")
        raise ProjectFileError(
            f"{path} was written by a newer version of Workbench ({what}). "
            "Update Workbench to open it."
        )
