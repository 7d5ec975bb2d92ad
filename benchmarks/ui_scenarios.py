"""Scenarios in the real main window, through the event loop: opening a large article,
tagging (``window_tag``), scrolling by key, start-up.  Medians of 5 runs."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from benchmarks.core_scenarios import _annotated_project
from benchmarks.generator import article
from benchmarks.harness import Figure, median_of, p95, stopwatch
from benchmarks.window_tag import RUNS, _window, tag_in_the_window
from ui.reader.view import reading_font
from workbench.importers.plaintext import parse_plain_text
from workbench.library.bringing_in import import_paths, store_article
from workbench.store import Store

WIDTH, HEIGHT = 1200, 800


def _app() -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication([])


def _shown(widget: QWidget) -> None:
    """Show a top-level widget and wait until it is exposed (before, repaint() paints nothing)."""
    widget.resize(WIDTH, HEIGHT)
    widget.show()
    _app().processEvents()
    handle = widget.windowHandle()
    assert handle is not None
    assert handle.isExposed(), "the widget would not really paint"


def _plain() -> QPlainTextEdit:
    """The raw baseline: the same widget class, the same font, no highlights, same size."""
    plain = QPlainTextEdit()
    plain.setFont(reading_font())
    _shown(plain)
    return plain


def _settle() -> None:
    _app().processEvents()


def open_large_article(workdir: Path) -> list[Figure]:
    """In the real window: open a 1 MB article with 5,000 passages, to its first painted,
    highlighted screen (the window showed a small article before)."""
    _app()
    store, document = _annotated_project(workdir / "open.wbproj", 5000)
    small = store_article(store, parse_plain_text(article(99, 3000), "small")).document
    assert small is not None
    store.close()
    window = _window(workdir / "open.wbproj")
    plain = _plain()
    runs, floors, complete = [], [], []
    for _ in range(RUNS):
        plain.setPlainText(small.text)
        plain.viewport().repaint()
        with stopwatch() as raw:
            plain.setPlainText(document.text)
            plain.viewport().repaint()
        floors.append(raw[0])
        window.open_document(small.id)
        _settle()
        with stopwatch() as took:
            window.open_document(document.id)
            window.reader.view.viewport().repaint()
        runs.append(took[0])
        with stopwatch() as rest:  # then every passage loaded: strip and counts
            _settle()
            _settle()
        complete.append(took[0] + rest[0])
        assert window.reader.content is not None
        assert window.reader.content.complete
    window.close()
    window.session.close()
    plain.close()
    value, baseline = statistics.median(runs), statistics.median(floors)
    return [
        Figure("open 1 MB, 5,000 passages, in the window", value, "s", 0.4, baseline,
               "setPlainText + paint, plain widget", tuple(runs)),
        Figure("open: ratio to the plain widget", value / baseline, "x", 2.0, 1.0,
               "the plain widget itself", tuple(r / f for r, f in zip(runs, floors,
                                                                         strict=True))),
        Figure("open, then every passage loaded", statistics.median(complete), "s", 0.4,
               baseline, "setPlainText + paint, plain widget", tuple(complete)),
    ]


def scroll_large_article(workdir: Path) -> list[Figure]:
    """In the real window: Page Down through the 1 MB article, 50 presses; the p95 of a
    press to its painted screen, the median of 5 runs."""
    _app()
    path = workdir / "scroll.wbproj"
    store, document = _annotated_project(path, 5000)
    store.close()
    window = _window(path)
    plain = _plain()
    plain.setPlainText(document.text)
    runs, floors = [], []
    for run in range(RUNS):
        view = window.reader.view
        bar = view.verticalScrollBar()
        bar.setValue(bar.maximum() * run // (2 * RUNS))
        _settle()
        samples = []
        for _ in range(50):
            begin = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_PageDown)
            _settle()
            samples.append(time.perf_counter() - begin)
        runs.append(p95(samples) * 1000)
        plain_bar = plain.verticalScrollBar()
        plain_bar.setValue(plain_bar.maximum() * run // (2 * RUNS))
        raw = []
        for _ in range(50):
            begin = time.perf_counter()
            QTest.keyClick(plain, Qt.Key.Key_PageDown)
            plain.viewport().repaint()
            raw.append(time.perf_counter() - begin)
        floors.append(p95(raw) * 1000)
    window.close()
    window.session.close()
    plain.close()
    return [Figure("scroll by Page Down in the window (p95)", statistics.median(runs), "ms",
                   16.0, statistics.median(floors), "plain widget, same keys", tuple(runs))]


_START = """
import sys, time
start = time.perf_counter()
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
if sys.argv[1] == "bare":
    window = QMainWindow()
else:
    from pathlib import Path
    from ui.main_window import MainWindow
    from ui.session import ProjectSession
    from workbench.store import Store
    window = MainWindow(ProjectSession(Store.open(Path(sys.argv[1]), analyst="bench")))
window.show()
app.processEvents()
print(time.perf_counter() - start)
"""


def start_with_many_documents(workdir: Path) -> list[Figure]:
    """From process start to the window shown, with a 2,000-document project."""
    project = workdir / "start.wbproj"
    if not project.exists():
        folder = workdir / "start-articles"
        folder.mkdir(exist_ok=True)
        for n in range(2000):
            (folder / f"a{n:04}.txt").write_text(article(10_000 + n, 5000), encoding="utf-8")
        store = Store.open(project, create=True)
        import_paths(store, [folder])
        store.close()

    def wall(arg: str) -> float:
        begin = time.perf_counter()
        subprocess.run([sys.executable, "-c", _START, arg], check=True,
                       capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
        return time.perf_counter() - begin

    value, runs = median_of(RUNS, lambda: wall(str(project)))
    baseline, _ = median_of(RUNS, lambda: wall("bare"))
    return [Figure("start to window shown, 2,000 documents", value, "s", 1.0, baseline,
                   "bare QApplication + empty QMainWindow", runs)]


SCENARIOS = [open_large_article, tag_in_the_window, scroll_large_article,
             start_with_many_documents]
