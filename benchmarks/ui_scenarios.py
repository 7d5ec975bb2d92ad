"""Scenarios for the window: opening a large article, tagging, scrolling, start-up."""

from __future__ import annotations

import os
import random
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
from benchmarks.harness import Figure, p95, stopwatch
from ui.reader.pane import ReaderPane
from ui.reader.view import reading_font
from ui.session import ProjectSession
from workbench.importers.plaintext import parse_plain_text
from workbench.library import import_paths, store_article
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


def _pane(store: Store) -> ReaderPane:
    pane = ReaderPane(ProjectSession(store))
    _shown(pane)
    return pane


def _plain() -> QPlainTextEdit:
    """The raw baseline: the same widget class, the same font, no highlights."""
    plain = QPlainTextEdit()
    plain.setFont(reading_font())
    _shown(plain)
    return plain


def _paint(pane: ReaderPane) -> None:
    pane.view.viewport().repaint()
    pane.margin.repaint()


def open_large_article(workdir: Path) -> list[Figure]:
    """Open a 1 MB article with 5,000 annotations until the first screen is painted."""
    _app()
    store, document = _annotated_project(workdir / "open.wbproj", 5000)
    small = store_article(store, parse_plain_text(article(99, 3000), "small")).document
    assert small is not None
    # As in the window: the pane (and the plain widget) already shows another document.
    pane, plain = _pane(store), _plain()
    raw_samples, samples, rest_samples = [], [], []
    for _ in range(3):
        plain.setPlainText(small.text)
        plain.viewport().repaint()
        with stopwatch() as raw:
            plain.setPlainText(document.text)
            plain.viewport().repaint()
        raw_samples.append(raw[0])
        pane.open_document(small.id)
        _paint(pane)
        with stopwatch() as took:
            pane.open_document(document.id)
            _paint(pane)
        samples.append(took[0])
        with stopwatch() as rest:  # what the pane does right after the first paint
            _app().processEvents()
            pane.overview.repaint()
        rest_samples.append(rest[0])
        assert pane.content is not None
        assert pane.content.complete
    pane.close()
    plain.close()
    store.close()
    value, baseline = min(samples), min(raw_samples)
    return [
        Figure("open 1 MB article, 5,000 annotations", value, "s", 0.4, baseline,
               "same text in a plain QPlainTextEdit"),
        Figure("open: ratio to the plain widget", value / baseline, "x", 2.0, 1.0,
               "the plain widget itself"),
        Figure("open, then all passages loaded (strip, counts)",
               min(s + r for s, r in zip(samples, rest_samples, strict=True)), "s", 0.4,
               baseline, "same text in a plain QPlainTextEdit"),
    ]


def tag_in_large_article(workdir: Path) -> list[Figure]:
    """Key press → stored → painted, margin updated; p95 over 60 passages."""
    _app()
    store, document = _annotated_project(workdir / "tag.wbproj", 5000)
    pane = _pane(store)
    pane.open_document(document.id)
    rng = random.Random(9)
    samples, raw_samples = [], []
    for _ in range(60):
        start = rng.randrange(0, len(document.text) - 300)
        pane.view.select_span(start, start + 60)
        _paint(pane)
        _app().processEvents()
        begin = time.perf_counter()
        QTest.keyClick(pane.view, Qt.Key.Key_2)
        _paint(pane)
        samples.append(time.perf_counter() - begin)
        pane.margin.end_edit()
        begin = time.perf_counter()
        pane.view.viewport().repaint()  # raw: a repaint of the same screen, nothing stored
        raw_samples.append(time.perf_counter() - begin)
    assert len(store.annotations.where()) == 5060
    pane.close()
    store.close()
    return [Figure("tag a passage (p95, 1 MB, 5,000 present)", p95(samples) * 1000, "ms", 16.0,
                   p95(raw_samples) * 1000, "repaint of the same screen")]


def scroll_large_article(workdir: Path) -> list[Figure]:
    """Scroll the whole document in 50 steps; p95 of one step, painted."""
    _app()
    store, document = _annotated_project(workdir / "scroll.wbproj", 5000)
    pane = _pane(store)
    pane.open_document(document.id)
    bar = pane.view.verticalScrollBar()
    samples = []
    for step in range(1, 51):
        begin = time.perf_counter()
        bar.setValue(bar.maximum() * step // 50)
        _paint(pane)
        samples.append(time.perf_counter() - begin)
    plain = _plain()
    plain.setPlainText(document.text)
    plain_bar, raw = plain.verticalScrollBar(), []
    for step in range(1, 51):
        begin = time.perf_counter()
        plain_bar.setValue(plain_bar.maximum() * step // 50)
        plain.viewport().repaint()
        raw.append(time.perf_counter() - begin)
    pane.close()
    plain.close()
    store.close()
    return [Figure("scroll 1 MB in 50 steps (p95 step)", p95(samples) * 1000, "ms", 16.0,
                   p95(raw) * 1000, "plain QPlainTextEdit, same steps")]


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
        best = float("inf")
        for _ in range(3):
            begin = time.perf_counter()
            subprocess.run([sys.executable, "-c", _START, arg], check=True,
                           capture_output=True, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
            best = min(best, time.perf_counter() - begin)
        return best

    return [Figure("start to window shown, 2,000 documents", wall(str(project)), "s", 1.0,
                   wall("bare"), "bare QApplication + empty QMainWindow")]


SCENARIOS = [open_large_article, tag_in_large_article, scroll_large_article,
             start_with_many_documents]
