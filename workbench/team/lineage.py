"""Which side changed a row: the lineage of changes that merges compare.

Every row has a ``change_id`` (``''`` as first written) and, in ``superseded``,
every change it has left behind.  Two copies of a row agree, or one holds the
other's change in its past (that side is newer), or each changed it since they
last shared a version (both changed: a conflict).  ``rev`` counts local writes
only, so an edit and its undo are two changes here, never "no change".
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from workbench.store.row_content import CONTENT


class Newer(Enum):
    """Which copy of a row is ahead."""

    SAME = "same"
    OURS = "ours"
    THEIRS = "theirs"
    BOTH = "both"  # each side changed it since they last agreed


def compare(ours: str, ours_past: set[str], theirs: str, theirs_past: set[str], *,
            same_row: bool = True) -> Newer:
    """Compare two copies of a row by their current changes and their pasts.

    Two rows matched by name (``same_row`` False) share no first version: theirs
    unchanged since it was made brings nothing; any other change of theirs is
    merged field by field.
    """
    if theirs == "" or theirs in ours_past or (same_row and ours == theirs):
        return Newer.OURS if ours != theirs else Newer.SAME
    if ours in theirs_past and (same_row or ours):
        return Newer.THEIRS
    if same_row and ours == "":
        return Newer.THEIRS
    return Newer.BOTH


def content(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """What a row says, for comparing two copies of it."""
    return tuple(row[name] for name in CONTENT[table])
