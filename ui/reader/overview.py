"""The thin strip beside the scroll bar that shows where the highlights are."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

from ui.reader.content import ReaderContent
from workbench.text.intervals import Span

STRIP_WIDTH = 10


class OverviewStrip(QWidget):
    """One mark per pixel row that holds a passage, in the colour of its tag."""

    positionRequested = Signal(int)  # a code point to scroll to

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content: ReaderContent | None = None
        self._key: tuple[int, int, int] = (0, -1, 0)
        self._rows: dict[int, str] = {}
        self._fresh: list[int] | None = None  # rows the last revision only added
        self._picture: QPixmap | None = None  # the strip as last painted, and its key
        self._picture_key: tuple[int, int, int] = (0, -1, 0)
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
            # A progressive open marks the strip once every passage is loaded.
            self._key, self._rows, self._fresh = (0, -1, 0), {}, None
            return self._rows
        key = (id(content), content.revision, height)
        if key == self._key:
            return self._rows
        follows = key[0::2] == self._key[0::2] and key[1] == self._key[1] + 1
        if follows and content.last_added is not None:
            before = set(self._rows)
            self._mark(self._rows, content, height, content.last_added)
            self._fresh = [row for row in self._rows if row not in before]
        else:
            self._rows = {}
            self._fresh = None
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
        """Draw the strip from a picture kept between paints; a new passage adds its rows
        to the picture instead of drawing every mark again."""
        previous = self._key
        rows = self.rows(self.height())
        fresh = self._fresh if self._picture_key == previous and self._key != previous \
            else None
        if self._picture is None or self._picture.size() != self.size() or (
                self._picture_key != self._key and fresh is None):
            self._picture = QPixmap(self.size())
            self._picture.fill(self.palette().alternateBase().color())
            self._draw(self._picture, rows, list(rows))
        elif fresh is not None:
            self._draw(self._picture, rows, fresh)
        self._picture_key = self._key
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()

    def _draw(self, picture: QPixmap, rows: dict[int, str], which: list[int]) -> None:
        painter = QPainter(picture)
        colors: dict[str, QColor] = {}
        for row in which:
            color = colors.setdefault(rows[row], QColor(rows[row]))
            painter.fillRect(QRect(1, row, self.width() - 2, 2), color)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.content is not None and self.height() > 0:
            fraction = min(1.0, max(0.0, event.position().y() / self.height()))
            self.positionRequested.emit(int(fraction * len(self.content.text)))
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
