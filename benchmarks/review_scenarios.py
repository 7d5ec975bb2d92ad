"""The review queue at team scale: 100,000 passages in 2,000 documents, in the real window.

Each figure is measured through the event loop, from a key press or a choice
in the window to the table painted again: open the queue (Ctrl+3), change a
filter, give a verdict by key (stored, then the row repainted), scroll.  The
baseline is the raw SQL query of the same rows in the same run.
"""

from __future__ import annotations

import os
import statistics
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QTableView

from benchmarks.export_scenarios import _project
from benchmarks.harness import Figure, p95, stopwatch
from benchmarks.ui_scenarios import _app, _shown
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.clock import new_id, now_iso
from workbench.model import Role
from workbench.store import Store

DOCUMENTS, PER_DOCUMENT = 2000, 50


ANALYSTS = [f"Analyst {n:02}" for n in range(1, 21)]
VERDICTS = ["accepted", "rejected", "changes_requested"]


def _queue_project(workdir: Path) -> Path:
    """The team-scale project: 2,000 documents, 100,000 passages by 20 analysts, half of
    them submitted, and a fifth of those with a supervisor's verdict (some with a word)."""
    path = workdir / "queue-team.wbproj"
    if not path.exists():
        store = _project(path, DOCUMENTS, 3000, PER_DOCUMENT, seed=11)
        ids = [a.id for a in store.annotations.where()]
        stamp = now_iso()
        submitted = [(ANALYSTS[n % 20], i) for n, i in enumerate(ids) if n % 2]
        reviews, statuses = [], []
        for n, (analyst, passage) in enumerate(submitted):
            reviews.append((new_id(), passage, analyst, "submitted", "", "analyst", analyst))
            if n % 5 == 0:
                verdict = VERDICTS[n % 3]
                reviews.append((new_id(), passage, "J. Boss", verdict,
                                "Whose position is it?" if n % 15 == 0 else "", "supervisor",
                                "J. Boss"))
                statuses.append((verdict, passage))
        with store.transaction():
            store.db.conn.executemany(
                "UPDATE annotations SET status = 'submitted', analyst = ? WHERE id = ?",
                submitted)
            store.db.conn.executemany(
                "UPDATE annotations SET status = ? WHERE id = ?", statuses)
            store.db.conn.executemany(
                "INSERT INTO reviews (id, annotation_id, reviewer, verdict, comment, role, "
                "analyst, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*r, stamp, stamp) for r in reviews])
        store.close()
    return path


def _painted(window: MainWindow) -> None:
    QApplication.processEvents()
    window.review_dock.table.viewport().repaint()


def _turn(ms: int) -> None:
    """Let the event loop run for ``ms`` as the application's own loop does: with the
    interpreter free for the jobs' threads (``QTest.qWait`` keeps it, and a job then
    waits for its turn for seconds)."""
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _raw_rows(store: Store) -> None:
    """The floor: the same ids and the first screen's rows, straight from SQLite."""
    store.db.execute("SELECT a.id FROM annotations a JOIN documents d ON d.id = a.document_id "
                     "WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL "
                     "ORDER BY d.imported_at, d.rowid, a.start").fetchall()
    store.db.execute("SELECT a.id, a.exact, a.status, a.analyst FROM annotations a "
                     "LIMIT 40").fetchall()


def review_queue(workdir: Path) -> list[Figure]:
    """Open, filter, verdict and scroll in the queue of 100,000 passages."""
    _app()
    store = Store.open(_queue_project(workdir), analyst="J. Boss")
    session = ProjectSession(store)
    window = MainWindow(session)
    _shown(window)
    session.role = Role.SUPERVISOR
    window.review_dock.set_role(Role.SUPERVISOR)
    dock = window.review_dock
    opens, raws = [], []
    for _ in range(5):
        dock.hide()
        dock._stale = True  # as on first showing
        with stopwatch() as took:
            QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
            _painted(window)
        assert dock.model.rowCount() == DOCUMENTS * PER_DOCUMENT
        opens.append(took[0])
        with stopwatch() as raw:
            _raw_rows(store)
        raws.append(raw[0])
    for _ in range(200):  # the in-memory index is read by a job after opening
        if dock.model.index_ is not None:
            break
        _turn(50)
    assert dock.model.index_ is not None
    filters = []
    for choice in [2, 0, 2, 0, 2, 0, 2]:  # "Submitted", then "Every status"
        with stopwatch() as took:
            dock.status.setCurrentIndex(choice)
            _painted(window)
        filters.append(took[0])
    dock.status.setCurrentIndex(2)  # what a supervisor works through
    table = dock.table
    table.setFocus()
    dock.go(1)
    verdicts = []
    for _ in range(60):
        key = dock.model.id_at(table.currentIndex().row())
        with stopwatch() as took:
            QTest.keyClick(table, Qt.Key.Key_A)
            _painted(window)
        assert key is not None
        verdicts.append(took[0])
    assert store.annotations.get(key).status == "accepted"
    bar = table.verticalScrollBar()
    steps, repaints = [], []
    for n in range(50):
        with stopwatch() as took:
            bar.setValue(int(bar.maximum() * (n + 1) / 50))
            _painted(window)
        steps.append(took[0])
        with stopwatch() as took:  # the floor: a screen of rows painted, nothing read
            table.viewport().repaint()
        repaints.append(took[0])
    stored = _verdict_floor(store, table)
    window.close()
    session.close()
    raw = statistics.median(raws)
    ms = [v * 1000 for v in verdicts]
    return [
        Figure("review queue, 100,000 passages: open (median)", statistics.median(opens), "s",
               0.3, raw, "raw SQL of the ids and a screen of rows", tuple(opens)),
        Figure("review queue: change a filter (median)", statistics.median(filters), "s", 0.05,
               raw, "raw SQL of the ids and a screen of rows", tuple(filters)),
        Figure("review queue: verdict by key, stored, repainted (p95)", p95(verdicts) * 1000,
               "ms", 16.0, p95(stored) * 1000, "a verdict's rows stored + the row repainted",
               tuple(ms)),
        Figure("review queue: scroll 50 steps (p95 step)", p95(steps) * 1000, "ms", 16.0,
               p95(repaints) * 1000, "a screen of rows repainted",
               tuple(v * 1000 for v in steps)),
    ]


def _verdict_floor(store: Store, table: QTableView) -> list[float]:
    """The least work a verdict needs: its review row and the passage's status stored in
    one transaction, the row repainted."""
    ids = [i for i, in store.db.execute(
        "SELECT id FROM annotations WHERE status = 'submitted' LIMIT 60").fetchall()]
    samples = []
    for annotation_id in ids:
        with stopwatch() as took:
            with store.transaction():
                store.db.execute(
                    "INSERT INTO reviews (id, annotation_id, reviewer, verdict, role, "
                    "created_at, updated_at) VALUES (?, ?, 'floor', 'accepted', 'supervisor', "
                    "?, ?)", [new_id(), annotation_id, now_iso(), now_iso()])
                store.db.execute("UPDATE annotations SET status = 'accepted' WHERE id = ?",
                                 [annotation_id])
            table.viewport().repaint(table.visualRect(table.currentIndex()))
        samples.append(took[0])
    with store.transaction():  # the project as it was, for the next scenario
        store.db.execute("DELETE FROM reviews WHERE reviewer = 'floor'")
        store.db.conn.executemany("UPDATE annotations SET status = 'submitted' WHERE id = ?",
                                  [(i,) for i in ids])
    return samples


SCENARIOS = [review_queue]
