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
from workbench.store.records import chunks, marks, supersede
from workbench.store.row_content import CONTENT

if TYPE_CHECKING:
    from sqlite_utils import Database

Row = dict[str, Any]

CONFLICT_COLUMNS = ("id, kind, row_id, theirs, theirs_change, source, created_at, "
                    "resolved_at, resolution, base, fields, ours_who, theirs_who")
HISTORY_COLUMNS = ("at", "who", "role", "action", "kind", "row_id", "document_id", "detail",
                   "uid")
Version = tuple[str, str | None]  # (when a change was made, the row's content then as JSON)


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
        """Our row becomes theirs: its content, change and time (a local write more; what
        ours said is remembered first, for later three-way merges)."""
        self.take_many(table, [(row_id, theirs)])

    def take_many(self, table: str, rows: Sequence[tuple[str, Row]]) -> None:
        """Many rows of ours become theirs (:meth:`take`), in a few statements."""
        if not rows:
            return
        names = CONTENT[table]
        assignments = ", ".join(f'"{n}" = ?' for n in names)
        supersede(self.db, table, [row_id for row_id, _ in rows])
        self.db.conn.executemany(
            f"UPDATE {table} SET {assignments}, change_id = ?, updated_at = ?, rev = rev + 1 "
            "WHERE id = ?", [[*(theirs[n] for n in names), theirs["change_id"],
                              theirs["updated_at"], row_id] for row_id, theirs in rows])

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

    def log(self, *, who: str, role: str, detail: str, documents: Iterable[str]) -> None:
        """One line in the history for the merge, in each document it touched (one line
        for the project when it touched none)."""
        at = now_iso()
        where: list[str | None] = [*sorted(documents)] or [None]
        self.db.conn.executemany(
            "INSERT INTO history (at, who, role, action, kind, row_id, document_id, detail) "
            "VALUES (?, ?, ?, 'merge', 'project', '', ?, ?)",
            [(at, who, role, d, detail) for d in where])

    def add_history(self, entries: Sequence[Row]) -> int:
        """Another project's history entries (kept by their ids: none is added twice)."""
        before = self.db.execute("SELECT count(*) FROM history").fetchone()[0]
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO history (at, who, role, action, kind, row_id, document_id, "
            "detail, uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[e[c] for c in HISTORY_COLUMNS] for e in entries])
        return int(self.db.execute("SELECT count(*) FROM history").fetchone()[0] - before)

    def last_authors(self, ids: Sequence[str]) -> dict[str, tuple[str, str]]:
        """Who last wrote each of these rows, and in which role (from the history)."""
        found: dict[str, tuple[str, str]] = {}
        for chunk in chunks(ids):
            for row_id, who, role in self.db.execute(
                    "SELECT row_id, who, role FROM history WHERE row_id IN "
                    f"({marks(chunk)}) ORDER BY at, id", chunk):
                found[row_id] = (who, role)
        return found

    # -- tags and actors matched by name ---------------------------------------------------

    def same_as(self, kind: str) -> dict[str, str]:
        """Another project's ids of rows matched to ours by name before: theirs → ours."""
        return dict(self.db.execute("SELECT their_id, our_id FROM same_as WHERE kind = ?",
                                    [kind]).fetchall())

    def add_same_as(self, kind: str, pairs: Iterable[tuple[str, str]]) -> None:
        """Remember that these rows of another project are these of ours."""
        self.db.conn.executemany(
            "INSERT OR REPLACE INTO same_as (kind, their_id, our_id) VALUES (?, ?, ?)",
            [(kind, theirs, ours) for theirs, ours in pairs])

    def past_contents(self, table: str) -> dict[str, list[Row]]:
        """What each row of ``table`` said at the changes it left behind (where kept)."""
        found: dict[str, list[Row]] = {}
        for row_id, content in self.db.execute(
                f"SELECT row_id, content FROM superseded WHERE row_id IN (SELECT id FROM {table})"
                " AND content IS NOT NULL"):
            found.setdefault(row_id, []).append(json.loads(content))
        return found

    # -- lineage ---------------------------------------------------------------------------

    def versions(self, ids: Sequence[str]) -> dict[str, dict[str, Version]]:
        """The changes each of these rows has left behind: change id → (when it was made,
        what the row said then as JSON, or None where that was not kept)."""
        found: dict[str, dict[str, Version]] = {i: {} for i in ids}
        for chunk in chunks(ids):
            for row_id, change, at, content in self.db.execute(
                    "SELECT row_id, change_id, at, content FROM superseded "
                    f"WHERE row_id IN ({marks(chunk)})", chunk):
                found[row_id][change] = (at, content)
        return found

    def pasts(self, ids: Sequence[str]) -> dict[str, set[str]]:
        """The changes each of these rows has left behind (their ids only)."""
        found: dict[str, set[str]] = {i: set() for i in ids}
        for chunk in chunks(ids):
            for row_id, change in self.db.execute(
                    "SELECT row_id, change_id FROM superseded "
                    f"WHERE row_id IN ({marks(chunk)})", chunk):
                found[row_id].add(change)
        return found

    def remember(self, entries: Iterable[tuple[str, str] | tuple[str, str, str, str | None]],
                 ) -> None:
        """Add changes to rows' pasts: (row id, change id), or with when it was made and
        what the row said then (those already known are kept)."""
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO superseded (row_id, change_id, at, content) "
            "VALUES (?, ?, ?, ?)",
            [(e[0], e[1], e[2] if len(e) > 2 else "", e[3] if len(e) > 3 else None)
             for e in entries if e[1]])

    # -- conflicts -------------------------------------------------------------------------

    def add_conflict(self, table: str, row_id: str, theirs: Row, source: str, *,
                     base: Row | None = None, fields: Sequence[str] = (),
                     who: tuple[str, str] = ("", "")) -> bool:
        """Record their version of a row beside ours (with the version both started from,
        the fields both changed, and who made ours and theirs); False when this very
        change was recorded before."""
        cursor = self.db.execute(
            "INSERT OR IGNORE INTO conflicts (id, kind, row_id, theirs_change, theirs, source, "
            "created_at, base, fields, ours_who, theirs_who) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id(), table, row_id, theirs["change_id"],
             json.dumps({n: theirs[n] for n in CONTENT[table]}, ensure_ascii=False),
             source, now_iso(), None if base is None else json.dumps(base, ensure_ascii=False),
             json.dumps(list(fields)), *who])
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
