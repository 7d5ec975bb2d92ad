"""What every exporter shares: progress reports, cancelling, safe saving."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.errors import Cancelled, WorkbenchError
from workbench.file.held_files import is_held

# Called with (done, total); returns False to cancel the export.
Progress = Callable[[int, int], bool]


class ExportCancelled(Cancelled):
    """The user cancelled an export; nothing was written."""


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` how far the export is; raise if the user cancelled."""
    if progress is not None and progress(done, total) is False:
        raise ExportCancelled("Export cancelled; nothing was written.")


class UnsafeTarget(WorkbenchError):
    """The export's target is a project, a folder, or a place that does not exist."""


SQLITE_MAGIC = b"SQLite format 3\x00"


def check_target(path: Path, *, protected: Iterable[Path] = ()) -> None:
    """Refuse a target an export must never write: a project, its own input, a folder.

    ``protected`` names files in use (the open project, a template): writing
    over one of them, or over their SQLite companions, is refused.
    """
    if not path.parent.is_dir():
        raise UnsafeTarget(f"Cannot write {path}: the folder {path.parent} does not exist.")
    real = path.resolve()
    for used in protected:
        used = used.resolve()
        if real in (used, used.with_name(used.name + "-wal"), used.with_name(used.name + "-shm")):
            raise UnsafeTarget(f"{path} is a file this export reads (the open project or "
                               "its template); choose another name.")
    if path.is_dir():
        raise UnsafeTarget(f"{path} is a folder; give a file name.")
    if _is_database_file(path):
        raise UnsafeTarget(f"{path} is a project file (an SQLite database); an export never "
                           "writes over one. Choose another name.")


def _is_database_file(path: Path) -> bool:
    """A SQLite database, or the write-ahead log, shared memory or journal of one."""
    for companion in ("-wal", "-shm", "-journal"):
        if path.name.endswith(companion) and _starts_with(
                path.with_name(path.name.removesuffix(companion)), SQLITE_MAGIC):
            return True
    return path.exists() and _starts_with(path, SQLITE_MAGIC)


def _starts_with(path: Path, magic: bytes) -> bool:
    if is_held(path):  # a database this process holds: never opened another way
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(len(magic)) == magic
    except OSError:
        return False


@contextmanager
def replacing(path: Path, *, protected: Iterable[Path] = ()) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only when the block succeeds.

    An export that fails or is cancelled leaves the previous file (if any) as it
    was.  The new file gets the permissions a newly created file would (the
    user's umask), not a temporary file's private ones.
    """
    check_target(path, protected=protected)
    temporary = _create_beside(path)
    try:
        yield temporary
        check_target(path, protected=protected)  # nothing took its place meanwhile
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def _create_beside(path: Path) -> Path:
    """A new empty file next to ``path`` (mode 0666 less the umask), never an existing one."""
    for _ in range(100):
        temporary = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
        try:
            os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except FileExistsError:
            continue
        return temporary
    raise UnsafeTarget(f"Cannot create a temporary file beside {path}.")


OPEN_SINGLE, CLOSE_SINGLE = "\u2018", "\u2019"
_INNER = str.maketrans({"\u201c": OPEN_SINGLE, "\u201d": CLOSE_SINGLE, "\u201e": "\u201a"})


def quoted(text: str) -> str:
    """A passage in double quotes, its own double quotation marks made single (as
    nesting wants), so a quote that ends on a quote never shows a doubled mark."""
    inner = " ".join(text.split()).translate(_INNER)
    parts = inner.split('"')
    if len(parts) % 2 == 1:  # straight quotes in pairs: opening, closing, in turn
        inner = "".join(p + (OPEN_SINGLE if n % 2 == 0 else CLOSE_SINGLE)
                        if n < len(parts) - 1 else p for n, p in enumerate(parts))
    return f"\u201c{inner}\u201d"
