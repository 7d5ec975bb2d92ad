"""The integrity check of a project file (``workbench check``)."""

from __future__ import annotations

from workbench.model import AnchorStatus
from workbench.store import Store


def check_project(store: Store) -> list[str]:
    """Every problem found in the project, as sentences; empty when all is well."""
    db = store.db
    problems: list[str] = []
    result = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        problems += [f"SQLite integrity: {line}" for line in result]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(f"{table} row {rowid} points to a missing {parent} row.")
    for fts in ("documents_fts", "annotations_fts"):
        try:
            db.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
        except Exception as exc:  # sqlite3 reports a corrupt index as a generic error
            problems.append(f"Search index {fts} is inconsistent ({exc}).")
    problems += _anchor_problems(store)
    return problems


def _anchor_problems(store: Store) -> list[str]:
    sql = """
        SELECT a.id, a.start, a."end", a.exact, d.text FROM annotations a
        JOIN documents d ON d.id = a.document_id
        WHERE a.deleted_at IS NULL AND a.anchor_status IN (?, ?)"""
    # A "changed" anchor's text differs from the saved quote by design.
    trusted = (AnchorStatus.ANCHORED.value, AnchorStatus.MOVED.value)
    problems = []
    for row in store.db.execute(sql, trusted).fetchall():
        annotation_id, start, end, exact, text = row
        if text[start:end] != exact:
            problems.append(
                f"Annotation {annotation_id} no longer matches its text at {start}-{end}.")
    return problems
