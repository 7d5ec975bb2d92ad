"""Consistent copies of a project: rotating backups, "save a copy", and restoring one.

Every copy is made with SQLite's online backup API, so it holds exactly the
committed state (the write-ahead log included) even while the project is open,
and is checked before it counts.  Backups live in the user's data folder, five
per project, newest first; taking one never deletes anything but the oldest
of our own backups.  Restoring never destroys the current file: it and its
log are first set aside next to it.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from platformdirs import user_data_path

from workbench.errors import WorkbenchError
from workbench.file.copies import BackupError, copy_database, is_sound, unused_beside
from workbench.file.projectfile import read_only_uri
from workbench.paths import APP_NAME

KEEP = 5
_STAMP = "%Y%m%d-%H%M%S-%f"
_COMPANIONS = ("-wal", "-shm")


@dataclass(frozen=True)
class Backup:
    """One backup file of a project."""

    path: Path
    taken_at: datetime
    size: int

    def describe(self) -> str:
        """'2026-11-25 17:41:03 UTC, 1.2 MB' for lists."""
        return f"{self.taken_at:%Y-%m-%d %H:%M:%S} UTC, {self.size / 1024 / 1024:.1f} MB"

    def contents(self) -> str:
        """'12 documents, 340 passages': what the backup holds, to choose between them."""
        try:
            conn = sqlite3.connect(read_only_uri(self.path), uri=True)
            try:
                documents, passages = conn.execute(
                    "SELECT (SELECT count(*) FROM documents WHERE deleted_at IS NULL), "
                    "(SELECT count(*) FROM annotations WHERE deleted_at IS NULL)").fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            return "unreadable"
        return f"{_count(documents, 'document')}, {_count(passages, 'passage')}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def backups_root() -> Path:
    """Where every project's backups live (the user's data folder)."""
    return user_data_path(APP_NAME, appauthor=False) / "backups"


def backup_folder(project: Path) -> Path:
    """This project's backup folder: its name and a hash of where it lives."""
    where = hashlib.sha256(str(project.resolve()).encode("utf-8")).hexdigest()[:10]
    return backups_root() / f"{project.stem}-{where}"


def list_backups(project: Path) -> list[Backup]:
    """The project's backups, newest first."""
    folder = backup_folder(project)
    found = []
    for path in folder.glob(f"{project.stem}-*.wbproj") if folder.is_dir() else []:
        stamp = path.stem.removeprefix(f"{project.stem}-")
        try:
            taken = datetime.strptime(stamp, _STAMP).replace(tzinfo=UTC)
        except ValueError:
            continue  # not one of ours
        found.append(Backup(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def edits_since(project: Path, when: datetime) -> int | None:
    """How many edits the project's history records after ``when`` (None when its
    history cannot be read, as in a damaged file)."""
    stamp = when.isoformat(timespec="milliseconds").replace("+00:00", "Z")
    try:
        conn = sqlite3.connect(read_only_uri(project), uri=True)
        try:
            return int(conn.execute("SELECT count(*) FROM history WHERE at > ?",
                                    [stamp]).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def latest_sound_backup(project: Path) -> Backup | None:
    """The newest backup that passes the check, if any."""
    return next((b for b in list_backups(project) if is_sound(b.path)), None)


def _last_change(project: Path) -> float:
    times = [project.stat().st_mtime]
    for suffix in _COMPANIONS[:1]:
        log = project.with_name(project.name + suffix)
        if log.exists() and log.stat().st_size:
            times.append(log.stat().st_mtime)
    return max(times)


def take_backup(project: Path, *, keep: int = KEEP, force: bool = False,
                cancelled: Callable[[], bool] = lambda: False) -> Backup | None:
    """Back the project up unless the newest backup already holds its last change.

    A damaged project is not backed up (it would push a good backup out): that
    raises :class:`BackupError`.  Only the oldest of our own backups beyond
    ``keep`` are deleted.
    """
    existing = list_backups(project)
    if existing and not force and existing[0].taken_at.timestamp() >= _last_change(project):
        return None
    if not is_sound(project):
        raise BackupError(f"{project} fails its check, so it was not backed up; "
                          "restore a backup or run 'workbench check'.")
    folder = backup_folder(project)
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    target = folder / f"{project.stem}-{now.strftime(_STAMP)}.wbproj"
    copy_database(project, target, cancelled=cancelled)
    for old in list_backups(project)[keep:]:
        old.path.unlink(missing_ok=True)
    return Backup(target, now, target.stat().st_size)


def _refuse_if_in_use(project: Path) -> None:
    """Refuse while another program has the project open: its edits would go astray.

    Leaving write-ahead-log mode needs the only connection to the file, so trying
    it tells whether any other is open (the file is set aside afterwards anyway).
    """
    if not project.exists() or not is_sound(project):
        return  # a damaged file cannot say; nothing useful can be open on it either
    conn = sqlite3.connect(project, timeout=0.5)
    try:
        mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
    except sqlite3.Error:
        mode = "wal"
    finally:
        conn.close()
    if str(mode).lower() == "wal":
        raise BackupError(f"{project} is open in another window or program; close it, "
                          "then restore.")


def restore_backup(backup: Path, project: Path) -> Path | None:
    """Put ``backup`` in the project's place; the current file is set aside, not deleted.

    Only our own project files of a schema this version reads are restored, and only
    as the rows they hold (a fresh file is built from them: nothing of the backup's
    schema runs).  The swap is one rename: until it happens the old file is the
    project, after it the new one; a kill at any moment leaves a project that opens.
    Returns where the replaced file now also is (None when there was none).  The
    project must not be open: close it first.
    """
    if not is_sound(backup):
        raise BackupError(f"{backup} is not a sound project file; it was not restored.")
    fresh = unused_beside(project, "restoring")
    try:
        _clean_copy_of(backup, fresh)  # the backup is judged first, whatever the project's state
        _refuse_if_in_use(project)
        log = project.with_name(project.name + "-wal")
        if log.exists() and log.stat().st_size and is_sound(project):
            raise BackupError(f"{project} is open in another window or program; close it, "
                              "then restore.")
        aside = None
        if project.exists():
            stamp = datetime.now(UTC).strftime(_STAMP)
            aside = project.with_name(f"{project.stem}.before-restore-{stamp}{project.suffix}")
            os.link(project, aside)  # the old file under a second name; nothing moves yet
            _set_companions_aside(project, aside)
        os.replace(fresh, project)  # one atomic step: old project, then new project
    except FileExistsError as exc:
        raise BackupError(f"{exc.filename} already exists; try again in a moment.") from exc
    finally:
        fresh.unlink(missing_ok=True)  # our own copy, when the swap did not happen
    return aside


def _set_companions_aside(project: Path, aside: Path) -> None:
    """Move a damaged project's log (and shared memory) beside its set-aside copy: left
    in place, the log would be replayed onto the restored file and damage it."""
    for suffix in _COMPANIONS:
        companion = project.with_name(project.name + suffix)
        if companion.exists():
            os.link(companion, aside.with_name(aside.name + suffix))
            companion.unlink()  # it lives on beside the old file


def _clean_copy_of(backup: Path, fresh: Path) -> None:
    from workbench.project.foreign import clean_copy  # reads the backup as data, not code

    try:
        copy = clean_copy(backup, fresh)
    except WorkbenchError as exc:
        raise BackupError(f"{exc} It was not restored.") from exc
    if copy.skipped:
        raise BackupError(f"{backup} is not a sound Workbench project ({len(copy.skipped):,} "
                          f"rows are not valid: {copy.skipped[0]}); it was not restored.")
