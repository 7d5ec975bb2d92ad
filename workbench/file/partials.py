"""Partial copies a killed copy, backup or restore left behind, and their removal.

A copy is written beside its target as ``.NAME.PID-XXXXXX.part`` (a restore's
as ``.restoring``) and linked into place only once complete, so a kill in the
middle leaves that hidden file and nothing else.  The name carries the writing
process's id: the next time a project in that folder opens, or the next copy
or backup is written there, the partial files whose process is gone are
removed.  Files of processes still running, and any name we do not give, are
never touched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

KINDS = ("part", "restoring")
_PARTIAL = re.compile(rf"\A\..+\.(\d+)-[0-9a-f]{{12}}\.(?:{'|'.join(KINDS)})\Z")


def partial_name(target: Path, kind: str, token: str) -> Path:
    """The name of this process's partial copy of ``target`` (``token``: 12 hex digits)."""
    return target.with_name(f".{target.name}.{os.getpid()}-{token}.{kind}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def remove_abandoned(folder: Path) -> list[Path]:
    """Remove the partial copies in ``folder`` whose process no longer runs."""
    removed: list[Path] = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        found = _PARTIAL.match(name)
        path = folder / name
        if found is None or int(found.group(1)) == os.getpid() or _alive(int(found.group(1))):
            continue
        if path.is_file() and not path.is_symlink():
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
