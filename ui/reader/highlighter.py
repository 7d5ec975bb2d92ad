"""Highlights as display formatting, applied lazily to the blocks on screen.

Nothing in the document is edited: each block's layout gets extra formats
(``QTextLayout.setFormats``, as ``QSyntaxHighlighter`` does) computed from the
annotations that overlap it.  Unlike ``QSyntaxHighlighter``, which formats the
whole document when the text is set, only blocks about to be painted are
formatted, so opening a long article costs what the first screen costs.
Overlaps get a deeper tint (the view stacks one underline per passage).
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtGui import QColor, QFont, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from ui.reader.content import ReaderContent

HEADING_SCALE = 1.35
TINT_ALPHA = 70


def tint(colors: list[str]) -> QColor:
    """A light tint of one tag's colour; overlaps get the mix of theirs, deeper."""
    parsed = [QColor(c) for c in colors]
    n = len(parsed)
    mixed = QColor(sum(c.red() for c in parsed) // n, sum(c.green() for c in parsed) // n,
                   sum(c.blue() for c in parsed) // n)
    mixed.setAlpha(min(200, TINT_ALPHA + 45 * (n - 1)))
    return mixed


class LazyHighlighter:
    """Formats headings and tints annotated passages, block by block, on demand."""

    def __init__(self, document: QTextDocument) -> None:
        self.document = document
        self.content: ReaderContent | None = None
        self._done: set[int] = set()

    def reset(self, content: ReaderContent | None) -> None:
        """A new document (or new colours): everything is to be formatted again."""
        self.content = content
        self._done.clear()

    def invalidate(self, block: QTextBlock) -> None:
        """This block's highlights changed; it is formatted again before its next paint."""
        self._done.discard(block.blockNumber())

    def ensure(self, block: QTextBlock) -> None:
        """Format the block if it has not been formatted since the last change."""
        if self.content is None or block.blockNumber() in self._done:
            return
        self._done.add(block.blockNumber())
        formats, layout = self.formats(block), block.layout()
        if formats or layout.formats():  # a block with nothing to show, then or now, is left alone
            layout.setFormats(formats)
            self.document.markContentsDirty(block.position(), block.length())

    def formats(self, block: QTextBlock) -> list[QTextLayout.FormatRange]:
        """The heading format and the tints of one block, as format ranges."""
        content = self.content
        text_length = block.length() - 1
        if content is None or text_length <= 0:
            return []
        start16 = block.position()
        u = content.utf16
        lo, hi = u.from_utf16(start16), u.from_utf16(start16 + text_length)
        heading = content.block_kind_at(lo) == "heading"
        ranges = [self._range(0, text_length, self._base(heading))] if heading else []
        spans = content.overlapping(lo, hi)
        points = sorted({lo, hi} | {min(max(p, lo), hi) for s in spans for p in (s.start, s.end)})
        for a, b in pairwise(points):
            covering = [s for s in spans if s.start < b and s.end > a]
            if not covering:
                continue
            fmt = self._base(heading)
            fmt.setBackground(tint([content.color(s.tag) for s in covering]))
            a16, b16 = u.to_utf16(a) - start16, u.to_utf16(b) - start16
            ranges.append(self._range(a16, b16 - a16, fmt))
        return ranges

    def _base(self, heading: bool) -> QTextCharFormat:
        fmt = QTextCharFormat()
        if heading:
            fmt.setFontWeight(QFont.Weight.Bold)
            fmt.setFontPointSize(self.document.defaultFont().pointSizeF() * HEADING_SCALE)
        return fmt

    @staticmethod
    def _range(start: int, length: int, fmt: QTextCharFormat) -> QTextLayout.FormatRange:
        found = QTextLayout.FormatRange()
        found.start, found.length, found.format = start, length, fmt
        return found
