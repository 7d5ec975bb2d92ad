"""The thin strip beside the scroll bar that shows where the highlights are."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ui.reader.content import ReaderContent

STRIP_WIDTH = 10


class OverviewStrip(QWidget):
    """One mark per pixel row that holds a passage, in the colour of its tag."""

    positionRequested = Signal(int)  # a code point to scroll to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: ReaderContent | None = None
        self.setFixedWidth(STRIP_WIDTH)
        self.setToolTip("Where the highlights are: click to go there")
        self.setAccessibleName("Highlight overview")

    def set_content(self, content: ReaderContent | None) -> None:
        self.content = content
        self.update()

    def rows(self, height: int) -> dict[int, str]:
        """Pixel row → colour, for a strip ``height`` pixels high."""
        content = self.content
        if content is None or not content.text or height <= 0:
            return {}
        scale = height / len(content.text)
        rows: dict[int, str] = {}
        for annotation in content.annotations.values():
            first = int(annotation.start * scale)
            last = max(first, int(annotation.end * scale))
            color = content.color_of(annotation)
            for row in range(first, min(last, height - 1) + 1):
                rows.setdefault(row, color)
        return rows

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().alternateBase())
        for row, color in self.rows(self.height()).items():
            painter.fillRect(QRect(1, row, self.width() - 2, 2), QColor(color))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.content is not None and self.height() > 0:
            fraction = min(1.0, max(0.0, event.position().y() / self.height()))
            self.positionRequested.emit(int(fraction * len(self.content.text)))
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
