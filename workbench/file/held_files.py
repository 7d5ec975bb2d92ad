"""The project files this process holds open through SQLite, known by inode.

POSIX drops every lock a process holds on a file as soon as *any* descriptor of
that file is closed, whoever opened it.  A second ``open()`` of a project the
window holds, closed again, leaves the window's connection without its locks;
the next program to close the file then believes it was the last one and
deletes the write-ahead log the window still uses (SQLite's "How To Corrupt An
SQLite Database File", §2.2).  So the rule is: while a connection is open,
nothing else in the process opens the file, its ``-wal`` or its ``-shm``.
SQLite itself shares one lock table between the connections of a process, so
more SQLite connections are safe; only raw opens are not.  Code that reads a
file byte by byte (importers, the export's target check) asks :func:`is_held`
first.
"""

from __future__ import annotations

import os
import threading
from collections import Counter
from pathlib import Path

_COMPANIONS = ("-wal", "-shm", "-journal")
_held: Counter[tuple[int, int]] = Counter()
_lock = threading.Lock()


def _inode(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def hold(path: Path) -> None:
    """Note that a connection of this process has ``path`` open."""
    key = _inode(path)
    if key is not None:
        with _lock:
            _held[key] += 1


def release(path: Path) -> None:
    """Note that one connection to ``path`` was closed."""
    key = _inode(path)
    with _lock:
        if key is not None and _held[key]:
            _held[key] -= 1
            if not _held[key]:
                del _held[key]


def is_held(path: Path) -> bool:
    """Whether ``path`` (or the database a ``-wal``/``-shm``/``-journal`` belongs to) is a
    file this process holds open through SQLite: it must not be opened another way."""
    candidates = [path]
    for companion in _COMPANIONS:
        if path.name.endswith(companion):
            candidates.append(path.with_name(path.name.removesuffix(companion)))
    with _lock:
        if not _held:
            return False
        return any(key in _held for key in map(_inode, candidates) if key is not None)
