"""Every row a block of writes inserted, changed or deleted, kept to undo and redo it.

A merge or a new-version import writes thousands of rows of every kind (and the
lineage, conflicts and history beside them); writing an inverse for each by
hand would be long and easy to get wrong.  Instead, while :func:`recording`
is open, temporary triggers on this connection copy each row's before and
after into a temporary table (the "automatic undo" of SQLite's documentation).
The result, :class:`RecordedWrites`, is an edit: ``revert`` puts back exactly
the rows as they were, ``apply`` writes them again as the block left them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.model import Changes
from workbench.store.records import Connection

if TYPE_CHECKING:
    from sqlite_utils import Database

# Every table a user's action may write (the search indexes follow by their own triggers).
RECORDED = ("documents", "blocks", "tags", "actors", "annotations", "reviews", "brief",
            "superseded", "conflicts", "history", "same_as")
_CHANGES_OF = {"documents": "documents", "tags": "tags", "actors": "actors",
               "annotations": "annotations", "reviews": "reviews", "brief": "brief"}


@dataclass(frozen=True)
class _Shape:
    """A table's columns and the key its rows are found by (``rowid`` where it has one)."""

    table: str
    columns: tuple[str, ...]
    key: tuple[str, ...]

    def stored(self) -> tuple[str, ...]:
        """The columns a recorded row holds (the rowid first, where it is the key)."""
        return self.key + self.columns if self.key == ("rowid",) else self.columns


@dataclass(frozen=True)
class Step:
    """One row written: its table, the operation, and the row before and after."""

    table: str
    op: str  # insert, update, delete
    old: dict[str, Any] | None
    new: dict[str, Any] | None


def _shape(db: Database, table: str) -> _Shape:
    info = db.execute(f'PRAGMA table_info("{table}")').fetchall()
    columns = tuple(str(r[1]) for r in info)
    keys = [r for r in info if r[5]]
    without_rowid = db.execute("SELECT wr FROM pragma_table_list WHERE name = ?",
                               [table]).fetchone()[0]
    if without_rowid or (len(keys) == 1 and str(keys[0][2]).upper() == "INTEGER"):
        ordered = sorted(keys, key=lambda r: r[5])
        return _Shape(table, columns, tuple(str(r[1]) for r in ordered))
    return _Shape(table, columns, ("rowid",))


def _json(shape: _Shape, alias: str) -> str:
    return "json_object(" + ", ".join(f"'{c}', {alias}.\"{c}\"" for c in shape.stored()) + ")"


@contextmanager
def recording(db: Database) -> Iterator[list[Step]]:
    """Record the rows written on this connection inside the block; the list it gives is
    filled when the block ends (in the order the rows were written)."""
    shapes = [_shape(db, t) for t in RECORDED if t in db.table_names()]
    db.execute("CREATE TEMP TABLE IF NOT EXISTS _recorded (seq INTEGER PRIMARY KEY, "
               "tbl TEXT NOT NULL, op TEXT NOT NULL, old TEXT, new TEXT)")
    db.execute("DELETE FROM temp._recorded")
    for shape in shapes:
        for op, old, new in (("insert", "NULL", _json(shape, "new")),
                             ("update", _json(shape, "old"), _json(shape, "new")),
                             ("delete", _json(shape, "old"), "NULL")):
            db.execute(
                f"CREATE TEMP TRIGGER _recorded_{shape.table}_{op} AFTER {op.upper()} ON "
                f"main.\"{shape.table}\" BEGIN INSERT INTO _recorded (tbl, op, old, new) "
                f"VALUES ('{shape.table}', '{op}', {old}, {new}); END")
    steps: list[Step] = []
    try:
        yield steps
        cursor = db.execute("SELECT tbl, op, old, new FROM temp._recorded ORDER BY seq")
        while rows := cursor.fetchmany(2000):
            steps += [Step(t, op, json.loads(o) if o else None, json.loads(n) if n else None)
                      for t, op, o, n in rows]
    finally:
        for shape in shapes:
            for op in ("insert", "update", "delete"):
                db.execute(f"DROP TRIGGER IF EXISTS temp._recorded_{shape.table}_{op}")
        db.execute("DELETE FROM temp._recorded")


@dataclass
class RecordedWrites:
    """Rows a block of writes changed, as one undoable edit."""

    steps: list[Step]
    label: str
    _shapes: dict[str, _Shape] = field(default_factory=dict)

    def changes(self) -> Changes:
        """The records these writes touched, for the window to show them again."""
        ids: dict[str, set[str]] = {k: set() for k in _CHANGES_OF.values()}
        for step in self.steps:
            kind = _CHANGES_OF.get(step.table)
            for row in (step.old, step.new):
                if kind is None or row is None:
                    continue
                ids[kind].add(row["id"])
                if kind == "annotations":
                    ids["documents"].add(row["document_id"])
                if kind == "reviews":
                    ids["annotations"].add(row["annotation_id"])
        return Changes(**{k: frozenset(v) for k, v in ids.items()})

    def apply(self, store: Connection) -> Changes:
        """Write the rows again as the block left them."""
        with store.transaction():
            for step in self.steps:
                shape = self._shape(store.db, step.table)
                if step.op == "insert" and step.new is not None:
                    _insert(store.db, shape, step.new)
                elif step.op == "update" and step.old is not None and step.new is not None:
                    _update(store.db, shape, step.old, step.new)
                elif step.old is not None:
                    _delete(store.db, shape, step.old)
        return self.changes()

    def revert(self, store: Connection) -> Changes:
        """Put every row back as it was before the block."""
        with store.transaction():
            for step in reversed(self.steps):
                shape = self._shape(store.db, step.table)
                if step.op == "insert" and step.new is not None:
                    _delete(store.db, shape, step.new)
                elif step.op == "update" and step.old is not None and step.new is not None:
                    _update(store.db, shape, step.new, step.old)
                elif step.old is not None:
                    _insert(store.db, shape, step.old)
        return self.changes()

    def _shape(self, db: Database, table: str) -> _Shape:
        if table not in self._shapes:
            self._shapes[table] = _shape(db, table)
        return self._shapes[table]


def _where(shape: _Shape, row: dict[str, Any]) -> tuple[str, list[Any]]:
    return (" AND ".join(f'"{k}" = ?' if k != "rowid" else "rowid = ?" for k in shape.key),
            [row[k] for k in shape.key])


def _insert(db: Database, shape: _Shape, row: dict[str, Any]) -> None:
    names = shape.stored()
    quoted = ", ".join(f'"{n}"' if n != "rowid" else "rowid" for n in names)
    db.execute(f'INSERT INTO "{shape.table}" ({quoted}) VALUES ({", ".join("?" * len(names))})',
               [row[n] for n in names])


def _update(db: Database, shape: _Shape, now: dict[str, Any], wanted: dict[str, Any]) -> None:
    where, params = _where(shape, now)
    sets = ", ".join(f'"{c}" = ?' for c in shape.columns)
    db.execute(f'UPDATE "{shape.table}" SET {sets} WHERE {where}',
               [wanted[c] for c in shape.columns] + params)


def _delete(db: Database, shape: _Shape, row: dict[str, Any]) -> None:
    where, params = _where(shape, row)
    db.execute(f'DELETE FROM "{shape.table}" WHERE {where}', params)
