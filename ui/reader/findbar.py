"""Find in the document: every hit highlighted, next and previous, a count."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget


def find_all(text: str, query: str) -> list[tuple[int, int]]:
    """Case-insensitive hits of ``query`` in ``text``, as code-point spans."""
    if not query.strip():
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(query), text, re.IGNORECASE)]


def _button(parent: QWidget, text: str, tip: str) -> QToolButton:
    button = QToolButton(parent)
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    return button


class FindBar(QWidget):
    """The bar under the text that Ctrl+F opens."""

    hitsChanged = Signal(list, int)  # spans, current index
    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.hits: list[tuple[int, int]] = []
        self.current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        self.field = QLineEdit(self)
        self.field.setObjectName("findField")
        self.field.setPlaceholderText("Find in document")
        self.field.setAccessibleName("Find in document")
        self.count = QLabel(self)
        previous = _button(self, "▲", "Previous (Shift+F3)")
        following = _button(self, "▼", "Next (F3 or Enter)")
        close = _button(self, "✕", "Close (Esc)")
        for widget in (self.field, self.count, previous, following, close):
            layout.addWidget(widget)
        self.field.textChanged.connect(self.search)
        self.field.returnPressed.connect(self.next)
        previous.clicked.connect(self.previous)
        following.clicked.connect(self.next)
        close.clicked.connect(self.close_bar)
        QShortcut(QKeySequence.StandardKey.FindNext, self, self.next)
        QShortcut(QKeySequence.StandardKey.FindPrevious, self, self.previous)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        self.hide()

    def open(self, text: str, initial: str = "") -> None:
        self.text = text
        self.show()
        if initial:
            self.field.setText(initial)
        self.field.setFocus()
        self.field.selectAll()
        self.search(self.field.text())

    def search(self, query: str) -> None:
        self.hits = find_all(self.text, query)
        self.current = 0 if self.hits else -1
        self._announce()

    def next(self) -> None:
        if self.hits:
            self.current = (self.current + 1) % len(self.hits)
            self._announce()

    def previous(self) -> None:
        if self.hits:
            self.current = (self.current - 1) % len(self.hits)
            self._announce()

    def close_bar(self) -> None:
        self.hide()
        self.hits, self.current = [], -1
        self.hitsChanged.emit([], -1)
        self.closed.emit()

    def _announce(self) -> None:
        if self.field.text() and not self.hits:
            self.count.setText("no matches")
        else:
            self.count.setText(f"{self.current + 1} of {len(self.hits)}" if self.hits else "")
        self.hitsChanged.emit(self.hits, self.current)
