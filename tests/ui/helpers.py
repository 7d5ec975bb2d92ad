"""Driving the reader with the keyboard, as a user does."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from ui.reader.pane import ReaderPane


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
