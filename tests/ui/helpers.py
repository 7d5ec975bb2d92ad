"""Shared window-test helpers: a window on a project, driving the reader by keyboard."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ui.main_window import MainWindow
from ui.reader.pane import ReaderPane
from ui.session import ProjectSession
from workbench.store import Store


def select_with_keyboard(qtbot: QtBot, pane: ReaderPane, quote: str) -> None:
    """Put the caret before ``quote`` and extend the selection with Shift+Right."""
    view = pane.view
    assert pane.content is not None
    start = pane.content.text.index(quote)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    cursor = view.textCursor()
    cursor.setPosition(pane.content.utf16.to_utf16(start))  # where a click would put it
    view.setTextCursor(cursor)
    for _ in range(len(quote)):  # one press per character: Qt never splits an emoji
        qtbot.keyClick(view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert view.textCursor().selectedText() == quote
    assert view.textCursor().hasSelection()


def window_on(qtbot: QtBot, store: Store) -> Iterator[MainWindow]:
    """The main window on ``store``, shown at a laptop's size; closed (and its project
    with it) when the test is done.  For fixtures: ``yield from window_on(...)``."""
    main = MainWindow(ProjectSession(store))
    qtbot.addWidget(main)
    main.resize(1300, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main
    if main.export_dialog is not None:
        main.export_dialog.close()
    main.close()
    main.session.close()


def import_and_wait(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> QMessageBox:
    """Import these files and folders through the window; its report when done."""
    job = window.import_paths(paths)
    with qtbot.waitSignal(job.finished, timeout=10_000):
        pass
    assert window.last_report is not None
    return window.last_report


def answer_question(button_text: str) -> None:
    """Click a button of the question box when it opens (it runs its own event loop)."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        (button,) = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
        button.click()
    QTimer.singleShot(0, click)
