"""Which side changed a row: the lineage of changes that merges compare.

Every row has a ``change_id`` (``''`` as first written) and, in ``superseded``,
every change it has left behind.  Two copies of a row agree, or one holds the
other's change in its past (that side is newer), or each changed it since they
last shared a version (both changed: a conflict).  ``rev`` counts local writes
only, so an edit and its undo are two changes here, never "no change".
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum
from typing import Any

from sqlite_utils import Database

# What a row says, per table: the fields a merge compares and copies.  A
# passage's status is left out: it follows the review rows, which merge on
# their own, and is recomputed from them.
CONTENT: dict[str, tuple[str, ...]] = {
    "documents": ("title", "source", "author", "published", "url", "language", "deleted_at"),
    "tags": ("name", "color", "shortcut", "description", "sort_order", "deleted_at"),
    "actors": ("name", "aliases", "color", "deleted_at"),
    "annotations": ("document_id", "start", "end", "exact", "prefix", "suffix", "tag_id",
                    "actor_id", "note", "analyst", "anchor_status", "doc_sha256",
                    "deleted_at"),
    "reviews": ("deleted_at",),
    "brief": ("kind", "text", "section", "cites", "position", "deleted_at"),
}


class Newer(Enum):
    """Which copy of a row is ahead."""

    SAME = "same"
    OURS = "ours"
    THEIRS = "theirs"
    BOTH = "both"  # each side changed it since they last agreed


def compare(ours: str, ours_past: set[str], theirs: str, theirs_past: set[str]) -> Newer:
    """Compare two copies of a row by their current changes and their pasts."""
    if ours == theirs:
        return Newer.SAME
    if theirs == "" or theirs in ours_past:
        return Newer.OURS
    if ours == "" or ours in theirs_past:
        return Newer.THEIRS
    return Newer.BOTH


def pasts(db: Database, ids: Sequence[str]) -> dict[str, set[str]]:
    """The changes each of these rows has left behind."""
    found: dict[str, set[str]] = {i: set() for i in ids}
    for at in range(0, len(ids), 500):
        chunk = list(ids[at:at + 500])
        for row_id, change in db.execute(
                "SELECT row_id, change_id FROM superseded "
                f"WHERE row_id IN ({','.join('?' * len(chunk))})", chunk):
            found[row_id].add(change)
    return found


def remember(db: Database, entries: Sequence[tuple[str, str]]) -> None:
    """Add (row id, change id) pairs to the rows' pasts (those already known are kept)."""
    db.conn.executemany("INSERT OR IGNORE INTO superseded (row_id, change_id) VALUES (?, ?)",
                        [e for e in entries if e[1]])


def content(table: str, row: dict[str, Any]) -> tuple[Any, ...]:
    """What a row says, for comparing two copies of it."""
    return tuple(row[name] for name in CONTENT[table])
