"""The article view: selectable read-only text, highlights, stacked underlines, tag keys.

Offsets leave this widget as code points: Qt's UTF-16 positions are converted
with the document's :class:`~workbench.text.utf16.Utf16Map` and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtCore import QPoint, QPointF, QRect, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFont,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextBlock,
    QTextCursor,
)
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QTextEdit, QWidget

from ui.reader.content import ReaderContent
from ui.reader.headings import size_headings
from ui.reader.marks import LANE_GAP, MAX_LANES, MarkCache, paint_tints, paint_underlines
from workbench.model import Tag
from workbench.tagging import snap_to_words


def reading_font() -> QFont:
    """A serif face at a comfortable size for long reading."""
    font = QFont()
    font.setFamilies(["Source Serif 4", "Georgia", "Cambria", "DejaVu Serif", "serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(12.0)
    return font


MANY_RANGES = 200  # more changed ranges than this: every block is measured again


class ReaderView(QPlainTextEdit):
    """Shows one document; emits requests in code points, never edits the text."""

    tagRequested = Signal(object, int, int)  # Tag, start, end
    annotationClicked = Signal(str)
    deleteRequested = Signal(str)
    editRequested = Signal()
    escaped = Signal()  # Esc with nothing of the reader's own to close
    said = Signal(str)  # why a key did nothing, for the status bar
    viewportChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setFont(reading_font())
        self.document().setDefaultFont(self.font())
        self.document().setDocumentMargin(16)
        self.setAccessibleName("Article text")
        self.content: ReaderContent | None = None
        self.current: str | None = None
        self.tags: list[Tag] = []
        self.marks = MarkCache()
        self._replacing = False  # True while new text is being set: no viewport signals
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # -- content ------------------------------------------------------------------

    def set_content(self, content: ReaderContent | None) -> None:
        """Show a document (or nothing)."""
        self.marks.clear()
        self.content = content
        self.current = None
        self._replacing = True
        try:
            self.setPlainText(content.text if content else "")
            size_headings(self.document(), content)
        finally:
            self._replacing = False
        self.viewportChanged.emit()

    def _on_scrolled(self, _value: int) -> None:
        if not self._replacing:
            self.viewportChanged.emit()

    def refresh_ranges(self, ranges: list[tuple[int, int]]) -> None:
        """Repaint only the blocks that cover these code-point ranges, measured again (all
        of them, as they are painted, when there are many: a merge, an import)."""
        if self.content is None:
            return
        if len(ranges) > MANY_RANGES:
            self.recolor()
            return
        document = self.document()
        offset = self.contentOffset()
        dirty = QRect()
        for start, end in ranges:
            block = document.findBlock(self.content.utf16.to_utf16(start))
            last = document.findBlock(self.content.utf16.to_utf16(end))
            while block.isValid():
                self.marks.invalidate(block)
                dirty |= self.blockBoundingGeometry(block).translated(offset).toAlignedRect()
                if block == last:
                    break
                block = block.next()
        # Only the changed blocks are painted again (their underlines may reach the next).
        self.viewport().update(dirty.adjusted(0, -4, 0, 8).intersected(self.viewport().rect()))

    def recolor(self) -> None:
        """Tag colours changed: every block is measured again as it is painted."""
        self.marks.clear()
        self.viewport().update()

    # -- positions ------------------------------------------------------------------

    def selection_span(self) -> tuple[int, int]:
        """The selection in code points (start == end when nothing is selected)."""
        if self.content is None:
            return 0, 0
        cursor = self.textCursor()
        u = self.content.utf16
        return u.from_utf16(cursor.selectionStart()), u.from_utf16(cursor.selectionEnd())

    def select_span(self, start: int, end: int, *, center: bool = True) -> None:
        """Select code points ``[start, end)`` and bring them into view."""
        if self.content is None:
            return
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.content.utf16.to_utf16(start))
        cursor.setPosition(self.content.utf16.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        if center:
            self.centerCursor()

    def position_at(self, point: QPoint) -> int:
        """The code point under a viewport point."""
        if self.content is None:
            return 0
        return self.content.utf16.from_utf16(self.cursorForPosition(point).position())

    def y_of(self, position: int) -> int:
        """Viewport y of the top of the line holding code point ``position``."""
        if self.content is None:
            return 0
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.content.utf16.to_utf16(position))
        return self.cursorRect(cursor).top()

    def visible_range(self) -> tuple[int, int]:
        """Code points from the first to the last line on screen."""
        if self.content is None:
            return 0, 0
        top = self.cursorForPosition(QPoint(0, 0)).position()
        bottom = self.cursorForPosition(QPoint(self.viewport().width(),
                                               self.viewport().height())).position()
        u = self.content.utf16
        return u.from_utf16(top), u.from_utf16(bottom) + 1

    # -- tagging from the keyboard ----------------------------------------------------

    def request_tag(self, tag: Tag) -> bool:
        """Tag the selection (snapped to words); False when nothing sensible is selected."""
        if self.content is None:
            return False
        start, end = snap_to_words(self.content.text, *self.selection_span())
        if start >= end:
            return False
        self.tagRequested.emit(tag, start, end)
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                      Qt.KeyboardModifier.KeypadModifier)
        tag = next((t for t in self.tags if t.shortcut and t.shortcut == event.text()), None)
        if plain and tag is not None:
            if not self.textCursor().hasSelection():
                self.said.emit(f"Select the words to tag first (Shift+arrows, or drag), then "
                               f"press {tag.shortcut} for {tag.name}.")
                return
            if self.request_tag(tag):
                return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.current:
            self.deleteRequested.emit(self.current)
            return
        if event.key() == Qt.Key.Key_F2 and self.current:
            self.editRequested.emit()
            return
        if event.key() == Qt.Key.Key_Escape and plain:
            self.escaped.emit()
        super().keyPressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if self.content is None or self.textCursor().hasSelection():
            return
        hits = self.content.index.at(self.position_at(event.position().toPoint()))
        if hits:
            self.annotationClicked.emit(hits[0].key)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.textCursor().hasSelection() and self.tags:
            submenu = QMenu("Tag as", menu)
            for tag in self.tags:
                action = submenu.addAction(f"{tag.name}\t{tag.shortcut}")
                action.triggered.connect(lambda _=False, t=tag: self.request_tag(t))
            menu.insertMenu(menu.actions()[0], submenu)
        if self.content is not None:
            hits = self.content.index.at(self.position_at(event.pos()))
            if hits:
                key = hits[0].key
                menu.addSeparator()
                menu.addAction("Delete annotation", lambda: self.deleteRequested.emit(key))
        menu.exec(event.globalPos())

    # -- painting ------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.viewportChanged.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        """Tints beneath the text, then the text (and selection), then the underlines."""
        if self.content is None:
            super().paintEvent(event)
            return
        content = self.content
        layout = (self.viewport().width(), self.document().defaultFont().key())
        blocks = [(self.marks.marks(block, content, layout), origin)
                  for block, origin in self._blocks_in(event.rect())]
        painter = QPainter(self.viewport())
        try:
            for marks, origin in blocks:
                paint_tints(painter, marks, origin)
        finally:
            painter.end()
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        try:
            for marks, origin in blocks:
                paint_underlines(painter, marks, origin, content, self.current)
        finally:
            painter.end()

    def _blocks_in(self, area: QRect) -> Iterator[tuple[QTextBlock, QPointF]]:
        """The blocks on screen that meet ``area`` (or whose underlines may), with the
        viewport position of each one's top left corner."""
        block = self.firstVisibleBlock()
        offset = self.contentOffset()
        height = min(self.viewport().height(), area.bottom() + 1)
        while block.isValid():
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            if geometry.bottom() + LANE_GAP * MAX_LANES >= area.top():
                yield block, geometry.topLeft()
            block = block.next()

    def set_find_hits(self, spans: list[tuple[int, int]], current: int) -> None:
        """Show find hits (all in yellow, the current one in orange)."""
        if self.content is None:
            return
        selections = []
        for n, (start, end) in enumerate(spans[:2000]):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.document())
            cursor.setPosition(self.content.utf16.to_utf16(start))
            cursor.setPosition(self.content.utf16.to_utf16(end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor
            selection.format.setBackground(QColor("#ff9f1a" if n == current else "#ffe066"))
            selections.append(selection)
        self.setExtraSelections(selections)
