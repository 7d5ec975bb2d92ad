"""The review queue's data: which passages, in which order, and one row of each.

The window's queue keeps only the ordered ids of what its filter keeps and
fetches rows a page at a time (:func:`queue_rows`), so a project of 100,000
passages opens as fast as one query.
"""

from __future__ import annotations

import sqlite3
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.file.projectfile import read_only_uri
from workbench.model import PassageFilter
from workbench.store import Store
from workbench.store.passage_sql import filter_condition

_FROM_DOCUMENTS = "FROM annotations a JOIN documents d ON d.id = a.document_id"
_FROM = (f"{_FROM_DOCUMENTS} "
         "JOIN tags t ON t.id = a.tag_id LEFT JOIN actors ac ON ac.id = a.actor_id")
# The queue's columns by name, with how each sorts (ties: document order, then text order).
SORTS = {
    "document": "d.imported_at, d.rowid",
    "quote": "a.exact COLLATE NOCASE",
    "tag": "t.sort_order, t.name",
    "actor": "coalesce(ac.name, '') COLLATE NOCASE",
    "analyst": "a.analyst COLLATE NOCASE",
    "status": "a.status",
    "date": "a.updated_at",
}


@dataclass(frozen=True)
class QueueRow:
    """One passage as the queue shows it."""

    id: str
    document_id: str
    document_title: str
    quote: str
    tag: str
    tag_color: str
    actor: str
    analyst: str
    status: str
    last_comment: str
    updated_at: str


def queue_ids(store: Store, passage_filter: PassageFilter, *, sort: str = "document",
              descending: bool = False, only: Sequence[str] | None = None) -> list[str]:
    """Ids of the live passages the filter keeps (of ``only``, if given), in the order asked."""
    where, params = filter_condition(passage_filter)
    if only is not None:
        where += f" AND a.id IN ({','.join('?' * len(only))})"
        params = [*params, *only]
    direction = " DESC" if descending else ""
    order = f"{SORTS[sort]}{direction}, d.imported_at, d.rowid, a.start, a.\"end\""
    joins = _FROM if sort in ("tag", "actor") else _FROM_DOCUMENTS  # join only what sorts
    return [row[0] for row in store.db.execute(
        f"SELECT a.id {joins} WHERE {where} ORDER BY {order}", params)]


def queue_rows(store: Store, ids: Sequence[str]) -> dict[str, QueueRow]:
    """The rows of these passages, by id (one query for a page of them)."""
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    last_comment = ("(SELECT r.reviewer || ': ' || r.comment FROM reviews r "
                    "WHERE r.annotation_id = a.id AND r.deleted_at IS NULL AND r.comment != '' "
                    "ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)")
    rows = store.db.execute(
        f"SELECT a.id, a.document_id, d.title, a.exact, t.name, t.color, "
        f"coalesce(ac.name, ''), a.analyst, a.status, coalesce({last_comment}, ''), "
        f"a.updated_at {_FROM} WHERE a.id IN ({marks})", list(ids)).fetchall()
    return {row[0]: QueueRow(*row) for row in rows}


def analysts(store: Store, *, document_id: str | None = None) -> list[str]:
    """Everyone who has tagged a live passage (of this document, if given), by name."""
    where, params = ("AND document_id = ?", [document_id]) if document_id else ("", [])
    return [row[0] for row in store.db.execute(
        "SELECT DISTINCT analyst FROM annotations WHERE deleted_at IS NULL AND analyst != '' "
        f"{where} ORDER BY analyst COLLATE NOCASE", params)]


def status_counts(store: Store, passage_filter: PassageFilter) -> dict[str, int]:
    """How many of the kept passages are in each status."""
    where, params = filter_condition(passage_filter)
    return dict(store.db.execute(
        f"SELECT a.status, count(*) {_FROM} WHERE {where} GROUP BY a.status", params).fetchall())


_FILTERED = ("status", "analyst", "tag_id", "actor_id", "document_id")


def index_rows(path: Path) -> list[tuple[Any, ...]]:
    """The rows a :class:`QueueIndex` is built from, read on a connection of their own.

    For building the index on another thread while the window goes on.
    """
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        return conn.execute(QueueIndex._SELECT + QueueIndex._ORDER).fetchall()
    finally:
        conn.close()


class QueueIndex:
    """Every live passage's filter columns in memory, in document order.

    Filtering 100,000 passages by status, analyst, tag, actor or document is then
    a pass over plain lists (a few milliseconds) instead of a query that sorts
    them all again (about 100 ms).  Text filters and other orders still ask SQLite.
    """

    _SELECT = ("SELECT a.id, d.rowid, a.start, a.\"end\", a.status, a.analyst, a.tag_id, "
               "coalesce(a.actor_id, ''), a.document_id FROM annotations a JOIN documents d "
               "ON d.id = a.document_id WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL")
    _ORDER = " ORDER BY d.rowid, a.start, a.\"end\", a.id"

    def __init__(self, store: Store, rows: list[tuple[Any, ...]] | None = None) -> None:
        """Index ``store``; ``rows`` (from :func:`index_rows`) if they were read elsewhere."""
        self.store = store
        self._load(rows if rows is not None else
                   store.db.execute(self._SELECT + self._ORDER).fetchall())

    def _load(self, rows: list[tuple[Any, ...]]) -> None:
        """Take rows in order, column by column (sorted by SQLite, split in C)."""
        columns = list(zip(*rows, strict=True)) if rows else [()] * 9
        self.ordered: list[str] = list(columns[0])
        self._order = list(zip(columns[1], columns[2], columns[3], columns[0], strict=True))
        self._columns = {name: list(columns[4 + n]) for n, name in enumerate(_FILTERED)}
        self._position = dict(zip(self.ordered, range(len(self.ordered)), strict=True))

    def refresh(self, ids: Sequence[str]) -> None:
        """Read these passages again (changed, added or deleted)."""
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        fresh = self.store.db.execute(f"{self._SELECT} AND a.id IN ({marks})",
                                      list(ids)).fetchall()
        alive = {row[0] for row in fresh}
        for key in [k for k in ids if k in self._position and k not in alive]:
            self._remove(self._position[key])
        for row in fresh:
            if row[0] in self._position:
                at = self._position[row[0]]
                for n, name in enumerate(_FILTERED):
                    self._columns[name][at] = row[4 + n]
            else:
                self._insert(row)

    def _remove(self, at: int) -> None:
        del self.ordered[at], self._order[at]
        for column in self._columns.values():
            del column[at]
        self._position = dict(zip(self.ordered, range(len(self.ordered)), strict=True))

    def _insert(self, row: tuple[Any, ...]) -> None:
        key = (row[1], row[2], row[3], row[0])
        at = bisect_left(self._order, key)
        self._order.insert(at, key)
        self.ordered.insert(at, row[0])
        for n, name in enumerate(_FILTERED):
            self._columns[name].insert(at, row[4 + n])
        self._position = dict(zip(self.ordered, range(len(self.ordered)), strict=True))

    def status_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """How many of these passages are in each status."""
        statuses, position = self._columns["status"], self._position
        if len(ids) == len(self.ordered):
            return dict(Counter(statuses))
        return dict(Counter(statuses[position[k]] for k in ids if k in position))

    def ids(self, passage_filter: PassageFilter) -> list[str]:
        """The passages the filter keeps, in document order."""
        f = passage_filter
        wanted = {"status": f.statuses, "analyst": f.analysts, "tag_id": f.tags,
                  "actor_id": f.actors, "document_id": f.documents}
        positions: Iterable[int] = range(len(self.ordered))
        for name, values in wanted.items():
            if values:  # one pass over a plain list per column asked about
                column = self._columns[name]
                positions = [i for i in positions if column[i] in values]
        keep = [self.ordered[i] for i in positions] if any(wanted.values()) \
            else list(self.ordered)  # a copy: the index changes under it later
        if f.text.strip() or f.since or f.until:  # the rest of the filter: ask SQLite
            allowed = set(queue_ids(self.store, PassageFilter(
                text=f.text, since=f.since, until=f.until)))
            keep = [k for k in keep if k in allowed]
        return keep
