"""Consistent, checked copies of a project file, and the check itself.

A copy is taken through SQLite's backup API (a consistent state even while
others write), written under a partial name beside its target, checked, and
only then given its name; a copy cut short (cancelled, or the program killed)
is never mistaken for one.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Callable
from pathlib import Path

from workbench.errors import Cancelled, WorkbenchError
from workbench.file.partials import partial_name, remove_abandoned
from workbench.file.projectfile import read_only_uri

COPY_STEP_PAGES = 256  # pages copied between two looks at Cancel (1 MB at 4 KB a page)


class BackupError(WorkbenchError):
    """A copy could not be made or restored; nothing was changed."""


def is_sound(path: Path) -> bool:
    """Whether a database file passes SQLite's quick check (read by SQLite alone: the
    file may be the open project, which nothing else in the process may open)."""
    try:
        if not path.is_file() or path.stat().st_size == 0:
            return False
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return [r[0] for r in conn.execute("PRAGMA quick_check(1)")] == ["ok"]
        finally:
            conn.close()
    except (sqlite3.Error, OSError):
        return False


def copy_database(source: Path | sqlite3.Connection, target: Path, *,
                  cancelled: Callable[[], bool] = lambda: False) -> Path:
    """Write one consistent copy of ``source`` to the new file ``target`` (checked).

    The copy is written beside the target and renamed into place only once it
    is complete and passes the check; an existing ``target`` is never overwritten.
    Once ``cancelled()`` says so, the copy stops (:class:`Cancelled`) and what was
    written of it is removed.
    """
    if target.exists():
        raise BackupError(f"{target} already exists; choose a new name for the copy.")
    if not target.parent.is_dir():
        raise BackupError(f"Cannot write {target}: the folder {target.parent} does not exist.")
    partial = unused_beside(target, "part")
    try:
        _backup(source, partial, cancelled)
        if not is_sound(partial):
            raise BackupError(f"The copy of the project failed its check; {target} was not "
                              "written.")
        os.link(partial, target)  # fails rather than replace a file that appeared meanwhile
    except FileExistsError as exc:
        raise BackupError(f"{target} already exists; choose a new name for the copy.") from exc
    except sqlite3.Error as exc:
        raise BackupError(f"The project could not be copied ({exc}).") from exc
    finally:
        partial.unlink(missing_ok=True)
    return target


def unused_beside(path: Path, kind: str) -> Path:
    """A name beside ``path`` that nothing uses: our temporary file, never someone's
    (what a killed copy left there before is removed first)."""
    remove_abandoned(path.parent)
    while True:
        candidate = partial_name(path, kind, secrets.token_hex(6))
        if not candidate.exists():
            return candidate


def _backup(source: Path | sqlite3.Connection, target: Path,
            cancelled: Callable[[], bool]) -> None:
    if isinstance(source, sqlite3.Connection):
        src, own = source, False
    else:
        src, own = sqlite3.connect(read_only_uri(source), uri=True), True
    dst = sqlite3.connect(target)
    try:
        def step(_status: int, _remaining: int, _total: int) -> None:
            if cancelled():
                raise Cancelled("The copy was stopped; nothing was kept of it.")
        src.backup(dst, pages=COPY_STEP_PAGES, progress=step)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        dst.close()
        if own:
            src.close()
