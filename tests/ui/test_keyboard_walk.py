"""A keyboard-only walk through the window, from a pasted article to a Word briefing:
real key events only, and after each step a check that the keyboard is where the user
expects it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from ui import settings
from ui.main_window import MainWindow
from workbench.briefing.written import read_draft

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
PASTED = ("Ankara Statement on Escorts\n\nTurkey will not accept armed escorts in its "
          "waters, the foreign ministry said, and called for talks to resume in Istanbul.")


def _focused(window: MainWindow) -> object:
    return window.focusWidget()


def _active(qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_from_a_pasted_article_to_a_briefing_by_keyboard_alone(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    settings.EXPORT_FOLDER.set(str(tmp_path))
    settings.EXPORT_OPEN_WHEN_DONE.set(False)
    store, pane = window.session.store, window.reader
    sample = pane.document
    assert sample is not None
    _active(qtbot, window)
    # Paste an article: it opens, and its details are asked (Esc: later).
    QGuiApplication.clipboard().setText(PASTED)
    qtbot.keyClick(pane.view, Qt.Key.Key_V, CTRL | SHIFT)
    pasted = pane.document
    assert pasted is not None
    assert pasted.title == "Ankara Statement on Escorts"
    details = window.details_dialog
    assert details is not None
    qtbot.keyClick(details, Qt.Key.Key_Escape)
    _active(qtbot, window)
    # Tag with 1; the actor, Tab, the note, Enter: saved, the keyboard back in the text.
    select_with_keyboard(qtbot, pane, "will not accept armed escorts")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: getattr(_focused(window), "accessibleName", str)() == "Actor")
    qtbot.keyClicks(window.focusWidget(), "Turkey")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert window.focusWidget().accessibleName() == "Note"
    qtbot.keyClicks(window.focusWidget(), "A red line in all but name")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    (tagged,) = store.annotations.where(document_id=pasted.id)
    assert store.actors.get(tagged.actor_id or "").name == "Turkey"
    assert tagged.note == "A red line in all but name"
    qtbot.waitUntil(pane.view.hasFocus)
    # F6: the margin (the passage's card), F6 again: the library.
    qtbot.keyClick(pane.view, Qt.Key.Key_F6)
    assert window.focusWidget().objectName() == "annotationCard"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)
    assert window.focusWidget() is window.library.table
    # Another document with the arrows and Enter.
    table = window.library.table
    while window.library.table.currentIndex().data(Qt.ItemDataRole.UserRole) != sample.id \
            and window.library.selected_document() != sample.id:
        before = table.currentIndex().row()
        qtbot.keyClick(table, Qt.Key.Key_Up if before > 0 else Qt.Key.Key_Down)
        assert table.currentIndex().row() != before
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert pane.document is not None
    assert pane.document.id == sample.id
    qtbot.waitUntil(pane.view.hasFocus)
    select_with_keyboard(qtbot, pane, "will not allow any vessel to pass")
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    qtbot.waitUntil(lambda: getattr(_focused(window), "accessibleName", str)() == "Actor")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    qtbot.waitUntil(pane.view.hasFocus)
    # Ctrl+4: the briefing writer, the keyboard in its bottom line.
    qtbot.keyClick(pane.view, Qt.Key.Key_4, CTRL)
    writer = window.briefing.dock
    qtbot.waitUntil(writer.bluf.editor.hasFocus)
    qtbot.keyClicks(writer.bluf.editor, "Turkey and Russia both drew red lines on escorts.")
    # Ctrl+Shift+J: the reader's current passage cited in a new key judgement.
    qtbot.keyClick(writer.bluf.editor, Qt.Key.Key_J, CTRL | SHIFT)
    assert writer.cites.count() == 1
    qtbot.keyClick(writer.bluf.editor, Qt.Key.Key_Tab)  # leaving the field keeps its text
    assert read_draft(store).bluf.startswith("Turkey and Russia")
    # Ctrl+E: export the briefing; Enter writes it.
    _active(qtbot, window)
    qtbot.keyClick(window.focusWidget() or pane.view, Qt.Key.Key_E, CTRL)
    dialog = window.export_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(tmp_path.glob("*.docx")), timeout=20_000)
