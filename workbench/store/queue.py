"""The review queue's queries: which passages a filter keeps, in which order, one row of
each, and the columns the window's in-memory index is built from.

The window's queue keeps only the ordered ids of what its filter keeps and
fetches rows a page at a time (:meth:`Queue.rows`), so a project of 100,000
passages opens as fast as one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from workbench.model import PassageFilter
from workbench.store.passage_sql import filter_condition

if TYPE_CHECKING:
    from sqlite_utils import Database

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
    "note": "a.note COLLATE NOCASE",
}


_INDEX_SELECT = ("SELECT a.id, d.rowid, a.start, a.\"end\", a.status, a.analyst, a.tag_id, "
                 "coalesce(a.actor_id, ''), a.document_id FROM annotations a JOIN documents d "
                 "ON d.id = a.document_id WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL")
_INDEX_ORDER = " ORDER BY d.rowid, a.start, a.\"end\", a.id"


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
    note: str = ""
    start: int = 0
    end: int = 0



class Queue:
    """The review queue's reading of a store (``store.queue``)."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def ids(self, passage_filter: PassageFilter, *, sort: str = "document",
            descending: bool = False, only: Sequence[str] | None = None) -> list[str]:
        """Ids of the live passages the filter keeps (of ``only``, if given), in the
        order asked."""
        where, params = filter_condition(passage_filter)
        if only is not None:
            where += f" AND a.id IN ({','.join('?' * len(only))})"
            params = [*params, *only]
        direction = " DESC" if descending else ""
        order = f"{SORTS[sort]}{direction}, d.imported_at, d.rowid, a.start, a.\"end\""
        joins = _FROM if sort in ("tag", "actor") else _FROM_DOCUMENTS  # join what sorts
        return [row[0] for row in self.db.execute(
            f"SELECT a.id {joins} WHERE {where} ORDER BY {order}", params)]

    def rows(self, ids: Sequence[str]) -> dict[str, QueueRow]:
        """The rows of these passages, by id (one query for a page of them)."""
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        last_comment = ("(SELECT r.reviewer || ': ' || r.comment FROM reviews r "
                        "WHERE r.annotation_id = a.id AND r.deleted_at IS NULL "
                        "AND r.comment != '' ORDER BY r.created_at DESC, r.rowid DESC LIMIT 1)")
        rows = self.db.execute(
            f"SELECT a.id, a.document_id, d.title, a.exact, t.name, t.color, "
            f"coalesce(ac.name, ''), a.analyst, a.status, coalesce({last_comment}, ''), "
            f"a.updated_at, a.note, a.start, a.\"end\" {_FROM} WHERE a.id IN ({marks})",
            list(ids)).fetchall()
        return {row[0]: QueueRow(*row) for row in rows}

    def analysts(self, *, document_id: str | None = None) -> list[str]:
        """Everyone who has tagged a live passage (of this document, if given), by name."""
        where, params = ("AND document_id = ?", [document_id]) if document_id else ("", [])
        return [row[0] for row in self.db.execute(
            "SELECT DISTINCT analyst FROM annotations WHERE deleted_at IS NULL "
            f"AND analyst != '' {where} ORDER BY analyst COLLATE NOCASE", params)]

    def status_counts(self, passage_filter: PassageFilter) -> dict[str, int]:
        """How many of the kept passages are in each status."""
        where, params = filter_condition(passage_filter)
        return dict(self.db.execute(
            f"SELECT a.status, count(*) {_FROM} WHERE {where} GROUP BY a.status",
            params).fetchall())

    def index_rows(self, ids: Sequence[str] | None = None) -> list[tuple[Any, ...]]:
        """The columns the in-memory queue index is built from, in document order (of
        these passages only, if given)."""
        if ids is None:
            return self.db.execute(_INDEX_SELECT + _INDEX_ORDER).fetchall()
        return self.db.execute(f"{_INDEX_SELECT} AND a.id IN ({','.join('?' * len(ids))})",
                               list(ids)).fetchall()
