"""The integrity check of a project file (``workbench check``).

It tells two things apart: *damage* (the file itself is inconsistent: SQLite's
pages, a row pointing nowhere, a search index out of step), for which a backup
may be the way back; and *attention* (passages whose saved quote no longer
reads the same on their text), which the analyst looks at in a sound file.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from workbench.model import AnchorStatus
from workbench.store import Store
from workbench.text.diff import fold
from workbench.text.printable import one_line


@dataclass(frozen=True)
class CheckReport:
    """What the check found, as sentences: damage, and passages to look at."""

    damage: list[str] = field(default_factory=list)
    attention: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        """Nothing damaged and nothing to look at."""
        return not self.damage and not self.attention


def check_project(store: Store) -> CheckReport:
    """Every problem found in the project, damage apart from passages to look at."""
    db = store.db
    damage: list[str] = []
    result = [row[0] for row in db.execute("PRAGMA integrity_check").fetchall()]
    if result != ["ok"]:
        damage += [f"SQLite integrity: {line}" for line in result]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check").fetchall():
        damage.append(f"{table} row {rowid} points to a missing {parent} row.")
    damage += _search_index_problems(db.conn, read_only=store.read_only)
    return CheckReport(damage, _anchor_problems(store))


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
        found = text[start:end]
        if found != exact and fold(found) != fold(exact):  # typography aside, as re-anchoring
            problems.append(
                f"Passage {annotation_id} at {start}-{end} no longer reads as its saved quote "
                f"“{one_line(exact[:60])}”: open it in the reader and set its span again.")
    return problems
