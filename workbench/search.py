"""Full-text search over document text and annotation quotes and notes (FTS5)."""

from __future__ import annotations

from workbench.model import SearchHit
from workbench.store import Store


def fts_query(text: str) -> str:
    """The user's words as an FTS5 query: every word must occur (quoted, so no syntax)."""
    words = [w.replace('"', '""') for w in text.split()]
    return " ".join(f'"{w}"' for w in words if w)


def search(store: Store, text: str, *, limit: int = 50) -> list[SearchHit]:
    """Annotations first (quote or note match), then documents, best first."""
    query = fts_query(text)
    if not query:
        return []
    annotation_sql = """
        SELECT a.id AS annotation_id, a.document_id, d.title,
               snippet(annotations_fts, -1, '[', ']', '…', 12) AS snippet
        FROM annotations_fts JOIN annotations a ON a.rowid = annotations_fts.rowid
        JOIN documents d ON d.id = a.document_id
        WHERE annotations_fts MATCH ? AND a.deleted_at IS NULL AND d.deleted_at IS NULL
        ORDER BY rank LIMIT ?"""
    document_sql = """
        SELECT d.id AS document_id, d.title,
               snippet(documents_fts, -1, '[', ']', '…', 12) AS snippet
        FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
        WHERE documents_fts MATCH ? AND d.deleted_at IS NULL
        ORDER BY rank LIMIT ?"""
    hits = [
        SearchHit("annotation", r["document_id"], r["title"], r["snippet"], r["annotation_id"])
        for r in store.db.query(annotation_sql, [query, limit])
    ]
    hits += [
        SearchHit("document", r["document_id"], r["title"], r["snippet"])
        for r in store.db.query(document_sql, [query, limit])
    ]
    return hits[:limit]
