"""Asking for a reason or a comment: a box that wraps, Tab moves on, Ctrl+Enter confirms."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    """A short text to write: optional or required (OK stays off until there is one)."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, *,
                 required: bool) -> None:
        super().__init__(parent)
        self.setObjectName("reasonDialog")
        self.setWindowTitle(title)
        self.required = required
        label = QLabel(prompt + ("" if required else " (optional)"), self)
        label.setWordWrap(True)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reasonText")
        self.text.setAccessibleName(prompt)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.text.setTabChangesFocus(True)  # Tab moves to the buttons, never types a tab
        label.setBuddy(self.text)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.text.installEventFilter(self)  # Ctrl+Enter in the box confirms
        self.text.textChanged.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.text, 1)
        hint = QLabel("Ctrl+Enter confirms · Esc cancels", self)
        hint.setEnabled(False)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.resize(460, 220)
        self._enable()

    def reason(self) -> str:
        """What was written, trimmed."""
        return self.text.toPlainText().strip()

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason()) or not self.required)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.text and event.type() == QEvent.Type.KeyPress \
                and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) \
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._confirm()
            return True
        return super().eventFilter(watched, event)

    def _confirm(self) -> None:
        if self.reason() or not self.required:
            self.accept()


def ask_reason(parent: QWidget | None, title: str, prompt: str, *,
               required: bool) -> str | None:
    """The reason written ('' where optional and left empty), or None if cancelled."""
    dialog = ReasonDialog(parent, title, prompt, required=required)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
