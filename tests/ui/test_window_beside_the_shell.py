"""The window open on a project while three terminals work on it: nothing is lost.

The window (event loop running) tags passages from the keyboard while three
processes run the command line's annotate, review, import, export and merge
in turn.  Afterwards every change any of them reported as saved is in the
file, SQLite's integrity check passes, and the window shows the others' work.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from ui.main_window import MainWindow
from workbench.store import Store

ROOT = Path(__file__).resolve().parents[2]
SHELLS, ROUNDS = 3, 500


def _start_shells(project: Path, scratch: Path) -> list[subprocess.Popen[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "WORKBENCH_ANALYST": "shell",
           # Another person at another terminal: a supervisor, with settings of their own.
           "WORKBENCH_ROLE": "supervisor", "XDG_CONFIG_HOME": str(scratch / "shell-config")}
    return [subprocess.Popen(
        [sys.executable, "-m", "tests.shell_worker", str(project), str(seed), str(ROUNDS),
         str(scratch)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, env=env) for seed in range(SHELLS)]


def _tag_by_keys(qtbot: QtBot, window: MainWindow, quote: str, key: Qt.Key) -> None:
    select_with_keyboard(qtbot, window.reader, quote)
    qtbot.keyClick(window.reader.view, key)
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)  # leave the card, as a user does


def test_edits_from_three_terminals_and_the_window_are_all_kept(
        qtbot: QtBot, window: MainWindow, project: Path, tmp_path: Path) -> None:
    pane = window.reader
    qtbot.waitUntil(lambda: pane.content is not None and pane.content.complete)
    assert pane.content is not None
    text = pane.content.text
    quotes = [line.split(".")[0][:40].strip() for line in text.split("\n") if len(line) > 60]
    shells = _start_shells(project, tmp_path)
    keys, tagged = [Qt.Key.Key_1, Qt.Key.Key_3], 0
    while any(shell.poll() is None for shell in shells):
        _tag_by_keys(qtbot, window, quotes[tagged % len(quotes)], keys[tagged % 2])
        tagged += 1
        qtbot.wait(100)
    outputs = [shell.communicate(timeout=60) for shell in shells]
    assert [shell.returncode for shell in shells] == [0] * SHELLS, outputs
    lines = [line for out, _ in outputs for line in out.splitlines()]
    assert not [line for line in lines if line.startswith("failed")]
    acked = [line.split(" ", 2)[1:] for line in lines if line.startswith("ack ")]
    assert len(acked) >= SHELLS * ROUNDS * 3 // 5
    window_spans = {(a.start, a.end) for a in window.session.store.annotations.where()
                    if a.analyst == "Tess Tester"}
    assert tagged >= 3
    assert len(window_spans) == min(tagged, len(quotes))

    check = Store.open(project)
    assert check.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    notes = {a.note for a in check.annotations.where()}
    comments = {r.comment for r in check.reviews.all()}
    titles = {d.title for d in check.documents.summaries()}
    saved = {"note": notes, "comment": comments, "title": titles}
    assert [(kind, value) for kind, value in acked if value not in saved[kind]] == []
    assert window_spans <= {(a.start, a.end) for a in check.annotations.where()}
    documents = len(check.documents.summaries())
    shell_notes = {a.id for a in check.annotations.where() if a.note.startswith("shell ")}
    check.close()

    library = window.library.proxy.sourceModel()
    qtbot.waitUntil(lambda: library.rowCount() == documents, timeout=5000)
    qtbot.waitUntil(lambda: shell_notes <= set(pane.content.spans), timeout=5000)
