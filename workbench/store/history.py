"""What happened to a project, and by whom: the audit log, and changes since a moment.

Every write the store makes (add, change, delete, restore, a bulk import) adds
a row to ``history`` in the same transaction: when, who, in which role, what
kind of row, which one, in which document, and which fields.  A document's
history is then one query.  :func:`changes_since` is how a window learns what
another program saved.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from workbench.clock import now_iso
from workbench.model import Changes

_DOCUMENT_OF = {
    "annotations": "SELECT id, document_id FROM annotations WHERE id IN ({marks})",
    "reviews": "SELECT r.id, a.document_id FROM reviews r JOIN annotations a "
               "ON a.id = r.annotation_id WHERE r.id IN ({marks})",
    "documents": "SELECT id, id FROM documents WHERE id IN ({marks})",
}


@dataclass(frozen=True)
class HistoryEntry:
    """One write: when, by whom, in which role, what was done to which row."""

    at: str
    who: str
    role: str
    action: str  # add, change, delete, restore, import
    kind: str  # the table: annotations, reviews, documents, tags, actors
    row_id: str
    document_id: str | None
    detail: str  # the fields changed (JSON), or what an import brought
    quote: str = ""  # the passage's quote, for a passage or a review of one
    tag: str = ""  # the passage's tag and actor now, by name
    actor: str = ""
    verdict: str = ""  # for a review: its verdict and comment
    comment: str = ""
    name: str = ""  # for a tag, an actor or a document: its name or title now


def action_of(values: dict[str, Any]) -> str:
    """'delete' or 'restore' for a tombstone's change, else 'change'."""
    if set(values) == {"deleted_at"}:
        return "restore" if values["deleted_at"] is None else "delete"
    return "change"


def log_writes(db: Database, *, who: str, role: str, action: str, table: str,
               ids: Sequence[str], values: dict[str, Any] | None = None) -> None:
    """Record writes to rows of ``table`` (inside the caller's transaction)."""
    if not ids:
        return
    documents = _documents_of(db, table, ids)
    detail = json.dumps(sorted(values), ensure_ascii=False) if values else ""
    at = now_iso()
    db.conn.executemany(
        "INSERT INTO history (at, who, role, action, kind, row_id, document_id, detail) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(at, who, role, action, table, i, documents.get(i), detail) for i in ids])


def log_import(db: Database, *, who: str, role: str, table: str,
               per_document: dict[str, int]) -> None:
    """One row per document for a bulk import ('40 annotations'), not one per record."""
    at = now_iso()
    db.conn.executemany(
        "INSERT INTO history (at, who, role, action, kind, row_id, document_id, detail) "
        "VALUES (?, ?, ?, 'import', ?, '', ?, ?)",
        [(at, who, role, table, doc, f"{count} {table}") for doc, count in per_document.items()])


def _documents_of(db: Database, table: str, ids: Sequence[str]) -> dict[str, str]:
    if table not in _DOCUMENT_OF:
        return {}
    found: dict[str, str] = {}
    for at in range(0, len(ids), 500):
        chunk = list(ids[at:at + 500])
        sql = _DOCUMENT_OF[table].format(marks=",".join("?" * len(chunk)))
        found.update(dict(db.execute(sql, chunk).fetchall()))
    return found


def document_history(db: Database, document_id: str) -> list[HistoryEntry]:
    """Every write to a document, its passages and their reviews, in the order they
    were made (entries a merge brought in take their place by their own time)."""
    rows = db.execute(
        "SELECT h.at, h.who, h.role, h.action, h.kind, h.row_id, h.document_id, h.detail, "
        "coalesce(p.exact, ''), coalesce(t.name, ''), coalesce(c.name, ''), "
        "coalesce(r.verdict, ''), coalesce(r.comment, ''), coalesce(d.title, '') "
        "FROM history h "
        "LEFT JOIN reviews r ON h.kind = 'reviews' AND r.id = h.row_id "
        "LEFT JOIN annotations p ON p.id = CASE h.kind WHEN 'annotations' THEN h.row_id "
        "WHEN 'reviews' THEN r.annotation_id END "
        "LEFT JOIN tags t ON t.id = p.tag_id LEFT JOIN actors c ON c.id = p.actor_id "
        "LEFT JOIN documents d ON h.kind = 'documents' AND d.id = h.row_id "
        "WHERE h.document_id = ? ORDER BY h.at, h.id", [document_id]).fetchall()
    return [HistoryEntry(*row) for row in rows]


def changes_since(db: Database, stamp: str) -> Changes:
    """Every row stamped at or after ``stamp`` (ISO time), as a ``Changes`` value.

    For picking up what another process saved: the window re-reads only these.
    """
    def ids(sql: str) -> list[tuple[str, ...]]:
        return db.execute(sql, [stamp]).fetchall()

    def first(rows: Iterable[tuple[str, ...]]) -> frozenset[str]:
        return frozenset(r[0] for r in rows)

    annotations = ids("SELECT id, document_id FROM annotations WHERE updated_at >= ?")
    reviews = ids("SELECT id, annotation_id FROM reviews WHERE updated_at >= ?")
    return Changes(
        documents=first(ids("SELECT id FROM documents WHERE updated_at >= ?"))
        | {r[1] for r in annotations},
        annotations=first(annotations) | {r[1] for r in reviews},
        tags=first(ids("SELECT id FROM tags WHERE updated_at >= ?")),
        actors=first(ids("SELECT id FROM actors WHERE updated_at >= ?")),
        reviews=first(reviews),
        brief=first(ids("SELECT id FROM brief WHERE updated_at >= ?")))
