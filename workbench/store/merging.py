"""The tables a merge keeps, read and written whole: rows of any kind by id, the lineage
of changes (``superseded``), and the conflicts a merge left (``store.merging``).

A merge compares and copies rows as plain dictionaries of columns (every kind
alike), so its reading and writing live here, beside the other managers; what
to do with each row (``workbench.team.merge``) never writes SQL itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from workbench.clock import new_id, now_iso
from workbench.store.records import chunks, marks

if TYPE_CHECKING:
    from sqlite_utils import Database

Row = dict[str, Any]

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
CONFLICT_COLUMNS = ("id, kind, row_id, theirs, theirs_change, source, created_at, "
                    "resolved_at, resolution")


class MergeRows:
    """Rows read and written whole, their lineage, and the conflicts table."""

    def __init__(self, db: Database) -> None:
        self.db = db

    # -- rows of any kind ------------------------------------------------------------------

    def rows(self, table: str, where: str = "1", params: Sequence[Any] = ()) -> list[Row]:
        """Rows of ``table`` matching an SQL condition, as dictionaries of columns."""
        cursor = self.db.execute(f"SELECT * FROM {table} WHERE {where}", list(params))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    def by_id(self, table: str, ids: Sequence[str]) -> dict[str, Row]:
        """These rows of ``table`` (live or not), by id."""
        found: dict[str, Row] = {}
        for chunk in chunks(ids):
            for row in self.rows(table, f"id IN ({marks(chunk)})", chunk):
                found[row["id"]] = row
        return found

    def content_of(self, table: str, row_id: str) -> Row | None:
        """What one row says now (its :data:`CONTENT` fields), or None if it is gone."""
        names = CONTENT[table]
        columns = ", ".join(f'"{n}"' for n in names)
        row = self.db.execute(f"SELECT {columns} FROM {table} WHERE id = ?", [row_id]).fetchone()
        return None if row is None else dict(zip(names, row, strict=True))

    def take(self, table: str, row_id: str, theirs: Row) -> None:
        """Our row becomes theirs: its content, change and time (a local write more)."""
        names = CONTENT[table]
        assignments = ", ".join(f'"{n}" = ?' for n in names)
        self.db.execute(
            f"UPDATE {table} SET {assignments}, change_id = ?, updated_at = ?, rev = rev + 1 "
            "WHERE id = ?", [*(theirs[n] for n in names), theirs["change_id"],
                             theirs["updated_at"], row_id])

    def insert_statement(self, table: str, row: Row) -> tuple[str, list[str]]:
        """The INSERT for rows shaped like ``row`` (only the columns this table has)."""
        columns = [c for c in row if c in self.db[table].columns_dict]
        quoted = ", ".join(f'"{c}"' for c in columns)
        return (f"INSERT INTO {table} ({quoted}) VALUES ({', '.join('?' * len(columns))})",
                columns)

    def add_blocks(self, blocks: Iterable[Row]) -> None:
        """Documents' blocks, as another project holds them."""
        self.db.conn.executemany(
            'INSERT INTO blocks (document_id, "index", kind, start, "end") '
            "VALUES (?, ?, ?, ?, ?)",
            [(b["document_id"], b["index"], b["kind"], b["start"], b["end"]) for b in blocks])

    def shortcut_taken(self, shortcut: str, tag_id: str) -> bool:
        """Whether another live tag uses this key."""
        return self.db.execute(
            "SELECT 1 FROM tags WHERE shortcut = ? AND id != ? AND deleted_at IS NULL",
            [shortcut, tag_id]).fetchone() is not None

    def documents_of(self, annotation_ids: Sequence[str]) -> set[str]:
        """The documents these passages are in."""
        found: set[str] = set()
        for chunk in chunks(annotation_ids):
            found.update(r[0] for r in self.db.execute(
                f"SELECT DISTINCT document_id FROM annotations WHERE id IN ({marks(chunk)})",
                chunk))
        return found

    def statuses_from_verdicts(self, annotation_ids: Sequence[str]) -> None:
        """Each passage's status becomes its latest live verdict (if it has one)."""
        for chunk in chunks(annotation_ids):
            latest = dict(self.db.execute(
                "SELECT annotation_id, verdict FROM reviews WHERE deleted_at IS NULL "
                f"AND verdict != 'comment' AND annotation_id IN ({marks(chunk)}) "
                "ORDER BY created_at, rowid", chunk).fetchall())
            self.db.conn.executemany(
                "UPDATE annotations SET status = ?, rev = rev + 1 WHERE id = ? AND status != ?",
                [(verdict, i, verdict) for i, verdict in latest.items()])

    def log(self, *, who: str, role: str, detail: str) -> None:
        """One line in the history for the merge as a whole."""
        self.db.execute(
            "INSERT INTO history (at, who, role, action, kind, row_id, document_id, detail) "
            "VALUES (?, ?, ?, 'merge', 'project', '', NULL, ?)", [now_iso(), who, role, detail])

    # -- lineage ---------------------------------------------------------------------------

    def pasts(self, ids: Sequence[str]) -> dict[str, set[str]]:
        """The changes each of these rows has left behind."""
        found: dict[str, set[str]] = {i: set() for i in ids}
        for chunk in chunks(ids):
            for row_id, change in self.db.execute(
                    f"SELECT row_id, change_id FROM superseded WHERE row_id IN ({marks(chunk)})",
                    chunk):
                found[row_id].add(change)
        return found

    def remember(self, entries: Iterable[tuple[str, str]]) -> None:
        """Add (row id, change id) pairs to the rows' pasts (those already known are kept)."""
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO superseded (row_id, change_id) VALUES (?, ?)",
            [e for e in entries if e[1]])

    # -- conflicts -------------------------------------------------------------------------

    def add_conflict(self, table: str, row_id: str, theirs: Row, source: str) -> bool:
        """Record their version of a row beside ours; False when this very change was
        recorded before."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO conflicts (id, kind, row_id, theirs_change, theirs, source, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [new_id(), table, row_id, theirs["change_id"],
             json.dumps({n: theirs[n] for n in CONTENT[table]}, ensure_ascii=False),
             source, now_iso()])
        return cursor.rowcount == 1

    def conflict_rows(self, *, include_resolved: bool = False) -> list[tuple[Any, ...]]:
        """The conflicts table's rows (:data:`CONFLICT_COLUMNS`), oldest first."""
        where = "1" if include_resolved else "resolved_at IS NULL"
        return self.db.execute(f"SELECT {CONFLICT_COLUMNS} FROM conflicts WHERE {where} "
                               "ORDER BY created_at, rowid").fetchall()

    def conflict_row_of(self, conflict_id: str) -> tuple[str, str]:
        """(kind, row id) of one conflict."""
        kind, row_id = self.db.execute("SELECT kind, row_id FROM conflicts WHERE id = ?",
                                       [conflict_id]).fetchone()
        return str(kind), str(row_id)

    def mark_resolved(self, conflict_id: str, resolution: str | None) -> None:
        """Mark a conflict resolved (``resolution``: ours, theirs, both) or open (None)."""
        self.db.execute("UPDATE conflicts SET resolved_at = ?, resolution = ? WHERE id = ?",
                        [now_iso() if resolution else None, resolution or "", conflict_id])
