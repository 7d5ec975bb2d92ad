"""The review queue's data: which passages, in which order, and one row of each.

The window's queue keeps only the ordered ids of what its filter keeps and
fetches rows a page at a time (:func:`queue_rows`), so a project of 100,000
passages opens as fast as one query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.model import PassageFilter
from workbench.passage_sql import filter_condition
from workbench.store import Store

_FROM = ("FROM annotations a JOIN documents d ON d.id = a.document_id "
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
    return [row[0] for row in store.db.execute(
        f"SELECT a.id {_FROM} WHERE {where} ORDER BY {order}", params)]


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


def analysts(store: Store) -> list[str]:
    """Everyone who has tagged a live passage, by name."""
    return [row[0] for row in store.db.execute(
        "SELECT DISTINCT analyst FROM annotations WHERE deleted_at IS NULL AND analyst != '' "
        "ORDER BY analyst COLLATE NOCASE")]


def status_counts(store: Store, passage_filter: PassageFilter) -> dict[str, int]:
    """How many of the kept passages are in each status."""
    where, params = filter_condition(passage_filter)
    return dict(store.db.execute(
        f"SELECT a.status, count(*) {_FROM} WHERE {where} GROUP BY a.status", params).fetchall())
