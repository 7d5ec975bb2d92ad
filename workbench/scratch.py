"""Scratch folders for copies a merge or a restore works on, cleared after a kill.

Each folder is made in the system's temporary folder (which the system clears
too) with the owning process's id in its name.  A process killed in the middle
leaves its folder behind; the next start removes every such folder whose
process is gone.  Folders of processes still running are never touched.
"""

from __future__ import annotations

import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = "workbench-scratch-"
BESIDE_KINDS = ("part", "restoring")  # the partial copies written beside a project


@contextmanager
def scratch_folder() -> Iterator[Path]:
    """A new private folder, removed with everything in it when the block ends."""
    with tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-") as folder:
        yield Path(folder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _abandoned(pid_text: str) -> bool:
    return pid_text.isdigit() and int(pid_text) != os.getpid() and not _alive(int(pid_text))


def remove_abandoned(root: Path | None = None) -> list[Path]:
    """Remove the scratch folders whose process no longer runs; the ones removed."""
    root = Path(root or tempfile.gettempdir())
    removed = []
    for folder in root.glob(f"{PREFIX}*"):
        pid_text = folder.name.removeprefix(PREFIX).split("-", 1)[0]
        if folder.is_dir() and not folder.is_symlink() and _abandoned(pid_text):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def remove_abandoned_beside(project: Path) -> list[Path]:
    """Remove the partial copies (``.NAME.PID-XXXX.part`` / ``.restoring``) that a killed
    copy or restore of ``project`` left beside it; the ones removed."""
    removed = []
    for kind in BESIDE_KINDS:
        for path in project.parent.glob(f".{glob.escape(project.name)}.*.{kind}"):
            middle = path.name[len(project.name) + 2:-len(kind) - 1]
            if path.is_file() and not path.is_symlink() and _abandoned(middle.split("-")[0]):
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed
