"""Tagging in the real main window: a key press in, stored, the event loop run until
every queued update is painted.  Also with the review queue and the Tags dialog open."""

from __future__ import annotations

import random
import sqlite3
import statistics
import time
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from benchmarks.core_scenarios import _annotated_project
from benchmarks.harness import Figure, p95
from ui.app import settle_heap
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.clock import new_id, now_iso
from workbench.store import Store

WINDOW = (1400, 860)
TAGS_PER_RUN = 40
WARM_UP = 3  # the first tags of a window also build its first cards: not measured
RUNS = 5


def _settle() -> None:
    app = QApplication.instance()
    assert app is not None
    app.processEvents()
    app.processEvents()


def _window(path: Path) -> MainWindow:
    """The main window on the project, shown and settled as ``ui.app.main`` leaves it."""
    window = MainWindow(ProjectSession(Store.open(path, analyst="bench")))
    window.resize(*WINDOW)
    window.show()
    _settle()
    settle_heap()
    return window


def _idle(window: MainWindow) -> None:
    """Wait until the window has finished its own background work (the queue's index)."""
    deadline = time.perf_counter() + 30
    while window.review_dock.isVisible() and window.review_dock.model.index_ is None \
            and time.perf_counter() < deadline:
        _settle()
        time.sleep(0.02)


def _tags(window: MainWindow, rng: random.Random) -> list[float]:
    """Key press → stored → painted, for TAGS_PER_RUN passages (seconds each)."""
    view = window.reader.view
    content = window.reader.content
    assert content is not None
    samples = []
    for number in range(WARM_UP + TAGS_PER_RUN):
        start = rng.randrange(0, len(content.text) - 300)
        view.select_span(start, start + 60)
        _settle()
        begin = time.perf_counter()
        QTest.keyClick(view, Qt.Key.Key_2)
        _settle()  # every queued update delivered and painted
        if number >= WARM_UP:
            samples.append(time.perf_counter() - begin)
        QTest.keyClick(view.focusWidget() or view, Qt.Key.Key_Escape)
        _settle()
    return samples


def _floor(path: Path, window: MainWindow, rng: random.Random) -> list[float]:
    """The least work with the same result: the passage's row stored (one transaction,
    the same durability), the same range repainted."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous=FULL")
    view = window.reader.view
    content = window.reader.content
    assert content is not None
    document_id, tag_id = content.document.id, next(iter(content.tags))
    samples = []
    for _ in range(TAGS_PER_RUN):
        start = rng.randrange(0, len(content.text) - 300)
        begin = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")  # the passage's row (its indexes and search entry)
        conn.execute(
            "INSERT INTO annotations (id, document_id, start, \"end\", exact, tag_id, "
            "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [new_id(), document_id, start, start + 60, content.text[start:start + 60],
             tag_id, now_iso(), now_iso()])
        conn.execute("COMMIT")
        view.viewport().repaint(view.cursorRect().adjusted(-2000, -40, 2000, 40))
        samples.append(time.perf_counter() - begin)
    conn.close()
    return samples


def tag_in_the_window(workdir: Path) -> list[Figure]:
    """p95 per run over 40 tags; the median of 5 runs; also with the queue and Tags open."""
    path = workdir / "window-tag.wbproj"
    store, _ = _annotated_project(path, 5000)
    store.close()
    figures = []
    for label, setup in (("", None), (", queue and Tags dialog open", "open")):
        runs, floors = [], []
        for run in range(RUNS):
            window = _window(path)
            if setup:
                window.review.show_queue()
                window.show_tags_dialog()
                _idle(window)
            rng = random.Random(run)
            runs.append(p95(_tags(window, rng)) * 1000)
            floors.append(p95(_floor(path, window, rng)) * 1000)
            window.close()
            window.session.close()
        figures.append(Figure(f"tag in the window (p95){label}", statistics.median(runs),
                              "ms", 6.0, statistics.median(floors),
                              "store a row + repaint the range", tuple(runs)))
    return figures


if __name__ == "__main__":
    import os
    import sys
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication(sys.argv)
    from benchmarks.harness import _print
    work = Path(__file__).resolve().parent / ".work"
    for figure in tag_in_the_window(work):
        _print(figure)
