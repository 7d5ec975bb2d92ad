"""Highlights as display formatting: a ``QSyntaxHighlighter`` over the span index.

Nothing in the document is edited: each block is formatted when Qt lays it
out, from the annotations that overlap it.  Overlaps get a deeper tint (the
stacked underlines that tell them apart are painted by the view).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

from ui.reader.content import ReaderContent

HEADING_SCALE = 1.35
TINT_ALPHA = 70


class AnnotationHighlighter(QSyntaxHighlighter):
    """Formats headings and tints annotated passages in their tag's colour."""

    def __init__(self, document: QTextDocument, content: ReaderContent | None = None) -> None:
        super().__init__(document)
        self.content = content
        self._heading = QTextCharFormat()
        self._heading.setFontWeight(QFont.Weight.Bold)
        self._heading.setFontPointSize(document.defaultFont().pointSizeF() * HEADING_SCALE)

    def highlightBlock(self, text: str) -> None:
        content = self.content
        if content is None or not text:
            return
        block = self.currentBlock()
        start16 = block.position()
        lo = content.utf16.from_utf16(start16)
        hi = content.utf16.from_utf16(start16 + len(text.encode("utf-16-le")) // 2)
        if content.block_kind_at(lo) == "heading":
            self.setFormat(0, block.length() - 1, self._heading)
        spans = [s for s in content.index.overlapping(lo, hi) if s.key in content.annotations]
        points = sorted({lo, hi} | {min(max(p, lo), hi) for s in spans for p in (s.start, s.end)})
        for a, b in pairwise(points):
            covering = [s for s in spans if s.start < b and s.end > a]
            if not covering:
                continue
            colors = [content.color_of(content.annotations[s.key]) for s in covering]
            a16 = content.utf16.to_utf16(a) - start16
            b16 = content.utf16.to_utf16(b) - start16
            fmt = QTextCharFormat(self.format(a16))
            fmt.setBackground(tint(colors))
            self.setFormat(a16, b16 - a16, fmt)


def tint(colors: list[str]) -> QColor:
    """A light tint of one tag's colour; overlaps get the mix of theirs, deeper."""
    parsed = [QColor(c) for c in colors]
    n = len(parsed)
    mixed = QColor(sum(c.red() for c in parsed) // n, sum(c.green() for c in parsed) // n,
                   sum(c.blue() for c in parsed) // n)
    mixed.setAlpha(min(200, TINT_ALPHA + 45 * (n - 1)))
    return mixed
