"""The integrity check of a project file (``workbench check``)."""

from __future__ import annotations

import sqlite3

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
    problems += _search_index_problems(db.conn, read_only=store.read_only)
    problems += _anchor_problems(store)
    return problems


def _search_index_problems(conn: sqlite3.Connection, *, read_only: bool) -> list[str]:
    """FTS5's own check; on a read-only file it runs on a copy in memory (it must write)."""
    checked = conn
    if read_only:
        checked = sqlite3.connect(":memory:")
        conn.backup(checked)
    problems = []
    try:
        for fts in ("documents_fts", "annotations_fts"):
            try:
                checked.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.Error as exc:  # a corrupt index is reported as a generic error
                problems.append(f"Search index {fts} is inconsistent ({exc}).")
    finally:
        if checked is not conn:
            checked.close()
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
