"""What a screen reader needs of every control: a name that is not just its value."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QPlainTextEdit,
               QTextEdit, QAbstractSpinBox, QScrollArea)


def _buddies(root: QWidget) -> set[int]:
    return {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}


def unnamed_controls(root: QWidget) -> list[str]:
    """Interactive controls under ``root`` a screen reader could only name by their value
    (or not at all): no accessible name, no label linked to them, no text of their own."""
    buddies = _buddies(root)
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        if not widget.isVisibleTo(root) or widget.accessibleName().strip():
            continue
        if id(widget) in buddies:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox,
                                                                          QAbstractSpinBox)):
            continue  # the editor inside a named combo box or spin box
        kind = type(widget).__name__
        missing.append(f"{kind} {widget.objectName() or '(no object name)'}")
    return missing
