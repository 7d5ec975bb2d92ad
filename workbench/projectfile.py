"""Opening a ``.wbproj`` file safely: refuse what is not ours, newer, or damaged.

A project is one SQLite file in WAL mode with ``synchronous=FULL`` and foreign
keys on.  Everything here happens before the first write, so a refused file is
left exactly as it was.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from workbench.errors import ProjectFileError
from workbench.schema import MIGRATION_SET, SCHEMA_VERSION, known_migrations, migrations

SQLITE_MAGIC = b"SQLite format 3\x00"
PROJECT_SUFFIX = ".wbproj"


def open_database(path: Path, *, create: bool) -> Database:
    """Open (or create) the project database at ``path``, checked and migrated."""
    if path.exists():
        _check_header(path)
    elif not create:
        raise ProjectFileError(f"No project at {path}; create one with 'workbench init'.")
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
    is_new = not path.exists()
    try:
        db = Database(path)
        if is_new:
            _configure(db)
            migrations.apply(db)
            return db
        _check_is_project(db, path)
        _configure(db)
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(f"{path} is damaged and cannot be opened ({exc}).") from exc
    return db


def memory_database() -> Database:
    """A fresh in-memory project database (for tests and scratch work)."""
    db = Database(memory=True)
    db.execute("PRAGMA foreign_keys=ON")
    migrations.apply(db)
    return db


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectFileError(f"Cannot read {path}: {exc.strerror}.") from exc
    if not header:
        raise ProjectFileError(f"{path} is an empty file, not a Workbench project.")
    if header != SQLITE_MAGIC:
        raise ProjectFileError(
            f"{path} is not a Workbench project (it is not an SQLite database)."
        )


def _configure(db: Database) -> None:
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")


def _check_is_project(db: Database, path: Path) -> None:
    tables = set(db.table_names())
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
        raise ProjectFileError(
            f"{path} was written by a newer version of Workbench (schema {version}; "
            f"this version reads up to {SCHEMA_VERSION}). Update Workbench to open it."
        )
