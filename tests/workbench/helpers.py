"""Helpers shared by the core tests: snapshots of a project's rows."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.edits import Edit
    from workbench.model import Annotation
    from workbench.store import Store

TABLES = ("project", "documents", "blocks", "tags", "actors", "annotations", "reviews",
          "superseded", "conflicts", "brief", "history", "same_as")


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


def do(store: Store, edit: Edit) -> None:
    """Apply one edit in its own transaction, as a command would."""
    with store.transaction():
        edit.apply(store)


def tag_quote(store: Store, quote: str, tag: str, actor: str = "") -> Annotation:
    """Tag the first occurrence of ``quote`` in the project's first document."""
    from workbench.tagging import tag_passage

    document = store.documents.get(store.documents.ids()[0])
    start = document.text.index(quote)
    edit, passage = tag_passage(store, document=document, start=start, end=start + len(quote),
                                tag=store.tags.find(tag), actor_name=actor)
    do(store, edit)
    return passage
