"""The thin strip beside the scroll bar that shows where the highlights are."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from ui.reader.content import ReaderContent
from workbench.intervals import Span

STRIP_WIDTH = 10


class OverviewStrip(QWidget):
    """One mark per pixel row that holds a passage, in the colour of its tag."""

    positionRequested = Signal(int)  # a code point to scroll to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: ReaderContent | None = None
        self._key: tuple[int, int, int] = (0, -1, 0)
        self._rows: dict[int, str] = {}
        self.setFixedWidth(STRIP_WIDTH)
        self.setToolTip("Where the highlights are: click to go there")
        self.setAccessibleName("Highlight overview")

    def set_content(self, content: ReaderContent | None) -> None:
        self.content = content
        self.update()

    def rows(self, height: int) -> dict[int, str]:
        """Pixel row → colour, for a strip ``height`` pixels high (cached per revision)."""
        content = self.content
        if content is None or not content.text or height <= 0 or not content.complete:
            return {}  # a progressive open marks the strip once every passage is loaded
        key = (id(content), content.revision, height)
        if key == self._key:
            return self._rows
        follows = key[0::2] == self._key[0::2] and key[1] == self._key[1] + 1
        if follows and content.last_added is not None:
            self._mark(self._rows, content, height, content.last_added)
        else:
            self._rows = {}
            self._mark(self._rows, content, height, list(content.spans.values()))
        self._key = key
        return self._rows

    @staticmethod
    def _mark(rows: dict[int, str], content: ReaderContent, height: int,
              spans: list[Span]) -> None:
        scale = height / len(content.text)
        for annotation in spans:
            first = int(annotation.start * scale)
            last = max(first, int(annotation.end * scale))
            color = content.color(annotation.tag)
            for row in range(first, min(last, height - 1) + 1):
                rows.setdefault(row, color)

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
