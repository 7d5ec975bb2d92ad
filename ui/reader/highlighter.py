"""Highlights as display formatting, applied lazily to the blocks on screen.

Nothing in the document is edited: each block's layout gets extra formats
(``QTextLayout.setFormats``, as ``QSyntaxHighlighter`` does) computed from the
annotations that overlap it.  Unlike ``QSyntaxHighlighter``, which formats the
whole document when the text is set, only blocks about to be painted are
formatted, so opening a long article costs what the first screen costs.
Overlaps get a deeper tint (the view stacks one underline per passage).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from PySide6.QtGui import QColor, QFont, QTextBlock, QTextCharFormat, QTextDocument, QTextLayout

from ui.reader.content import ReaderContent
from workbench.intervals import Span

HEADING_SCALE = 1.35
TINT_ALPHA = 70


def tint(colors: list[str]) -> QColor:
    """A light tint of one tag's colour; overlaps get the mix of theirs, deeper."""
    return QColor(_tint(tuple(sorted(colors))))


@lru_cache(maxsize=512)
def _tint(colors: tuple[str, ...]) -> QColor:
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

    def size_headings(self) -> None:
        """Give every heading its larger type now, so that each block has its final
        height before anything is scrolled to (a heading reached later would otherwise
        push the text below it down, under the caret).  Their tints follow when painted."""
        if self.content is None:
            return
        engine = self.document.documentLayout()
        quiet = engine.blockSignals(True)  # one size change for all of them, below
        try:
            for heading in self.content.blocks:
                if heading.kind != "heading":
                    continue
                block = self.document.findBlock(self.content.utf16.to_utf16(heading.start))
                if block.length() > 1:
                    block.layout().setFormats(
                        [self._range(0, block.length() - 1, self._base(True))])
                    self.document.markContentsDirty(block.position(), 1)
        finally:
            engine.blockSignals(quiet)
        engine.documentSizeChanged.emit(engine.documentSize())

    def invalidate(self, block: QTextBlock) -> None:
        """This block's highlights changed; it is formatted again before its next paint."""
        self._done.discard(block.blockNumber())

    def ensure(self, block: QTextBlock) -> bool:
        """Format the block if it has not been formatted since the last change; True when
        that changed its height (a heading's size: what lies below it moved)."""
        if self.content is None or block.blockNumber() in self._done:
            return False
        self._done.add(block.blockNumber())
        formats, layout = self.formats(block), block.layout()
        if not formats and not layout.formats():  # nothing to show, then or now
            return False
        engine = self.document.documentLayout()
        height = engine.blockBoundingRect(block).height()
        # The block is laid out again without the layout's signals: Qt records a format
        # change as the whole block removed and added again, which reaches into the next
        # block and so repaints the whole screen.  The view repaints what changed.
        quiet = engine.blockSignals(True)
        try:
            layout.setFormats(formats)
            self.document.markContentsDirty(block.position(), 1)
        finally:
            engine.blockSignals(quiet)
        return engine.blockBoundingRect(block).height() != height

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
        for a, b, colors in _coverage(content.overlapping(lo, hi), lo, hi, content.color):
            fmt = self._base(heading)
            fmt.setBackground(tint(colors))
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


def _coverage(spans: list[Span], lo: int, hi: int,
              color: Callable[[str], str]) -> list[tuple[int, int, list[str]]]:
    """The runs of ``[lo, hi)`` covered by one or more spans, with the covering colours.

    One sweep over the spans' ends (a dense paragraph of fifty passages costs a hundred
    steps, not fifty times a hundred)."""
    clipped = [(n, max(s.start, lo), min(s.end, hi)) for n, s in enumerate(spans)]
    events = sorted([(a, 1, n) for n, a, b in clipped if a < b]
                    + [(b, 0, n) for n, a, b in clipped if a < b])
    active: dict[int, str] = {}
    runs: list[tuple[int, int, list[str]]] = []
    previous = lo
    for point, opening, n in events:
        if point > previous and active:
            runs.append((previous, point, list(active.values())))
        previous = max(previous, point)
        if opening:
            active[n] = color(spans[n].tag)
        else:
            active.pop(n, None)
    return runs
