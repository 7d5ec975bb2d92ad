"""Helpers shared by the core tests: snapshots of a project's rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

TABLES = ("project", "documents", "blocks", "tags", "actors", "annotations", "reviews")


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every project table, to compare a file before and after."""
    with sqlite3.connect(path) as conn:
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in TABLES}
