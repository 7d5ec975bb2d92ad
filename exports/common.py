"""What every exporter shares: progress reports, cancelling, safe saving, dates."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from workbench.errors import WorkbenchError

# Called with (done, total); returns False to cancel the export.
Progress = Callable[[int, int], bool]


class ExportCancelled(WorkbenchError):
    """The user cancelled an export; nothing was written."""


def report(progress: Progress | None, done: int, total: int) -> None:
    """Tell ``progress`` how far the export is; raise if the user cancelled."""
    if progress is not None and progress(done, total) is False:
        raise ExportCancelled("Export cancelled; nothing was written.")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` that replaces it only when the block succeeds.

    An export that fails or is cancelled leaves the previous file (if any) as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def long_date(iso: str) -> str:
    """'2026-03-14' → '14 March 2026' (anything else is returned as it is)."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def plural(count: int, word: str) -> str:
    """'1 passage', '2 passages'."""
    return f"{count} {word}{'' if count == 1 else 's'}"
