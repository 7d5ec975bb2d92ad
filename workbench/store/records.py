"""What every kind of record shares: one table, read into frozen dataclasses one way.

:class:`RecordTable` is the base of the store's managers (documents, annotations,
tags, actors, reviews).  Each manager holds the project's one connection
through :class:`Connection`, so a write in any of them joins the transaction
its caller opened, and every write lands in the audit log.

Every write that changes a row's own content gives it a new ``change_id`` and
remembers the one it replaced in ``superseded``: a merge tells "changed on one
side" from "changed on both" by these (``rev`` only counts local writes).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import asdict, fields
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from sqlite_utils import Database

from workbench.clock import new_id, now_iso
from workbench.errors import NotFound
from workbench.model import Actor, Annotation, BriefPart, Document, Review, Tag
from workbench.store.history import action_of, log_writes
from workbench.store.row_content import content_json_sql

R = TypeVar("R", Document, Tag, Actor, Annotation, Review, BriefPart)


# Fields that follow other rows (a passage's status is its latest verdict): changing
# them is no change of the row's own for a merge, which recomputes them.
DERIVED_FIELDS = frozenset({"status"})
MANY_IDS = 5_000  # more ids than this are checked against the whole key at once


class Connection(Protocol):
    """What a manager needs of the store that owns it."""

    db: Database
    analyst: str
    role: str

    def transaction(self) -> AbstractContextManager[object]: ...


def column_list(cls: type[Any], alias: str = "") -> str:
    """The quoted columns of a record class, in field order (``a."start"`` with an alias)."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(f'{prefix}"{f.name}"' for f in fields(cls))


def chunks(ids: Sequence[str], size: int = 500) -> Iterator[list[str]]:
    """``ids`` in pieces small enough for one ``IN (...)`` list."""
    for at in range(0, len(ids), size):
        yield list(ids[at:at + size])


def marks(values: Sequence[Any]) -> str:
    """``?,?,?``: one placeholder per value."""
    return ",".join("?" * len(values))


def supersede(db: Database, table: str, ids: Sequence[str]) -> None:
    """Remember the changes these rows are about to leave behind, with what each said
    then (for merges: the first-written version, change ``''``, included)."""
    for chunk in chunks(ids):
        db.execute(
            "INSERT OR IGNORE INTO superseded (row_id, change_id, content, at) "
            f"SELECT id, change_id, {content_json_sql(table)}, updated_at "
            f"FROM {table} WHERE id IN ({marks(chunk)})", chunk)


class RecordTable(Generic[R]):
    """One table of records of one dataclass: read, add, change, tombstone."""

    record_type: ClassVar[type[Any]]
    table: ClassVar[str]

    def __init__(self, owner: Connection) -> None:
        self._owner = owner
        self.db = owner.db
        self.columns = set(owner.db[self.table].columns_dict)

    # -- reading -------------------------------------------------------------------------

    def select(self, where: str = "1", params: Sequence[Any] = (),
               order_by: str = "") -> list[R]:
        """Records matching an SQL condition over this table (one plain query)."""
        order = f" ORDER BY {order_by}" if order_by else ""
        rows = self.db.execute(
            f"SELECT {column_list(self.record_type)} FROM {self.table} WHERE {where}{order}",
            list(params)).fetchall()
        return [self.record_type(*row) for row in rows]

    def iter_select(self, where: str = "1", params: Sequence[Any] = (),
                    order_by: str = "") -> Iterator[R]:
        """Like :meth:`select`, a thousand rows at a time: for exports of any size."""
        order = f" ORDER BY {order_by}" if order_by else ""
        cursor = self.db.execute(
            f"SELECT {column_list(self.record_type)} FROM {self.table} WHERE {where}{order}",
            list(params))
        while rows := cursor.fetchmany(1000):
            yield from (self.record_type(*row) for row in rows)

    def get(self, record_id: str) -> R:
        """The record with this id (tombstoned ones included)."""
        found = self.select("id = ?", [record_id])
        if not found:
            raise NotFound(f"No {self.record_type.__name__.lower()} with id {record_id}.")
        return found[0]

    def by_ids(self, ids: Sequence[str]) -> list[R]:
        """These records (tombstoned included), in no particular order."""
        found: list[R] = []
        for chunk in chunks(ids):
            found += self.select(f"id IN ({marks(chunk)})", chunk)
        return found

    def exists(self, record_id: str) -> bool:
        """Whether a row with this id exists (live or tombstoned)."""
        return self.db.execute(f"SELECT 1 FROM {self.table} WHERE id = ?",
                               [record_id]).fetchone() is not None

    def existing_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these ids have a row (live or tombstoned)."""
        if len(ids) > MANY_IDS:  # one pass over the table's key beats hundreds of lookups
            wanted = set(ids)
            return {row[0] for row in self.db.execute(f"SELECT id FROM {self.table}")
                    if row[0] in wanted}
        found: set[str] = set()
        for chunk in chunks(ids):
            found |= {row[0] for row in self.db.execute(
                f"SELECT id FROM {self.table} WHERE id IN ({marks(chunk)})", chunk)}
        return found

    # -- writing -------------------------------------------------------------------------

    def insert(self, record: R) -> R:
        """Add a new record, stamping timestamps and the analyst where unset."""
        now = now_iso()
        row = {k: v for k, v in asdict(record).items() if k in self.columns}
        row["created_at"] = row.get("created_at") or now
        row["updated_at"] = row.get("updated_at") or now
        if "analyst" in self.columns and not row.get("analyst"):
            row["analyst"] = self._owner.analyst
        names = list(row)
        quoted = ", ".join(f'"{n}"' for n in names)
        with self._owner.transaction():
            self.db.execute(f"INSERT INTO {self.table} ({quoted}) VALUES ({marks(names)})",
                            [row[n] for n in names])
            self._log("add", [record.id])
        return self.get(record.id)

    def insert_rows(self, records: Sequence[R], now: str) -> None:
        """Add many new records in one statement batch (inside the caller's transaction)."""
        names = [f.name for f in fields(self.record_type) if f.name in self.columns]
        stamps = {"created_at": now, "updated_at": now, "analyst": self._owner.analyst}
        stamps = {k: v for k, v in stamps.items() if k in self.columns}
        extra = [k for k in stamps if k not in names]
        rows = [[getattr(r, n) or stamps[n] if n in stamps else getattr(r, n) for n in names]
                + [stamps[k] for k in extra] for r in records]
        names += extra
        quoted = ", ".join(f'"{n}"' for n in names)
        self.insert_batch(
            f"INSERT INTO {self.table} ({quoted}) VALUES ({marks(names)})", rows)

    def insert_batch(self, insert: str, rows: list[list[Any]]) -> None:
        """Run one INSERT statement for many rows (inside the caller's transaction)."""
        self.db.conn.executemany(insert, rows)

    def update_fields(self, record_id: str, values: Mapping[str, Any]) -> R:
        """Change fields of a record; bumps its ``rev`` and ``updated_at``.

        Callers outside the store use each manager's typed ``update``.
        """
        unknown = set(values) - self.columns
        if unknown:
            raise ValueError(f"{self.table} has no column(s) {sorted(unknown)}")
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        params: list[Any] = list(values.values())
        new_change = not set(values) <= DERIVED_FIELDS
        if new_change:
            assignments += ", change_id = ?"
            params.append(new_id())
        with self._owner.transaction():
            if new_change:
                self._supersede([record_id])
            cursor = self.db.execute(
                f"UPDATE {self.table} SET {assignments}, rev = rev + 1, updated_at = ? "
                "WHERE id = ?", [*params, now_iso(), record_id])
            if cursor.rowcount != 1:
                raise NotFound(f"No {self.record_type.__name__.lower()} with id {record_id}.")
            self._log(action_of(dict(values)), [record_id], dict(values))
        return self.get(record_id)

    def set_deleted(self, ids: Sequence[str], deleted_at: str | None) -> None:
        """Tombstone (or restore, with ``None``) many records at once."""
        with self._owner.transaction():
            self._supersede(ids)
            self.db.conn.executemany(
                f"UPDATE {self.table} SET deleted_at = ?, rev = rev + 1, updated_at = ?, "
                "change_id = ? WHERE id = ?", [(deleted_at, now_iso(), new_id(), i) for i in ids])
            self._log("restore" if deleted_at is None else "delete", ids)

    def _supersede(self, ids: Sequence[str]) -> None:
        """Remember the changes these rows are about to leave behind, with what each row
        said then (for merges: the first-written version, change ``''``, included)."""
        supersede(self.db, self.table, ids)

    def tombstone(self, record_id: str) -> R:
        """Mark a record deleted (kept, so merges see the deletion)."""
        return self.update_fields(record_id, {"deleted_at": now_iso()})

    def restore(self, record_id: str) -> R:
        """Undo a tombstone."""
        return self.update_fields(record_id, {"deleted_at": None})

    def _log(self, action: str, ids: Sequence[str],
             values: dict[str, Any] | None = None) -> None:
        log_writes(self.db, who=self._owner.analyst, role=self._owner.role, action=action,
                   table=self.table, ids=ids, values=values)
