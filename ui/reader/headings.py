"""Headings in the reader: larger, bold type, given when the document opens.

Every heading gets its size before anything is scrolled to, so each block has
its final height from the start (a heading sized later would push the text
below it down, under the caret).  This is the only formatting the reader sets
on the text; passages are painted over it (see :mod:`ui.reader.marks`).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextCharFormat, QTextDocument, QTextLayout

from ui.reader.content import ReaderContent

HEADING_SCALE = 1.35


def size_headings(document: QTextDocument, content: ReaderContent | None) -> None:
    """Give the document's headings their type, then announce the new size once."""
    if content is None:
        return
    fmt = QTextCharFormat()
    fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontPointSize(document.defaultFont().pointSizeF() * HEADING_SCALE)
    engine = document.documentLayout()
    quiet = engine.blockSignals(True)  # one size change for all of them, below
    try:
        for heading in content.blocks:
            if heading.kind != "heading":
                continue
            block = document.findBlock(content.utf16.to_utf16(heading.start))
            if block.length() > 1:
                found = QTextLayout.FormatRange()
                found.start, found.length, found.format = 0, block.length() - 1, fmt
                block.layout().setFormats([found])
                document.markContentsDirty(block.position(), 1)
    finally:
        engine.blockSignals(quiet)
    engine.documentSizeChanged.emit(engine.documentSize())
