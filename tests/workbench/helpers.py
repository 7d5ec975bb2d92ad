"""Helpers shared by the core tests: snapshots of a project's rows."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

TABLES = ("project", "documents", "blocks", "tags", "actors", "annotations", "reviews",
          "superseded", "conflicts", "brief")


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every project table, to compare a file before and after."""
    with closing(sqlite3.connect(path)) as conn:  # closed now, not when collected
        return {t: sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
                for t in TABLES}


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run the command line as a user would: (exit status, stdout, stderr)."""
    from click.testing import CliRunner

    from workbench.cli import cli

    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr
