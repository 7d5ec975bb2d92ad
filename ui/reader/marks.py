"""How passages are drawn on the text: a tint beneath it, stacked underlines above it.

Both are painted, never set as text formats: Qt lays a block out again whenever
its formats change (half a millisecond for a dense paragraph), while a tag only
needs its paragraph repainted.  Each block's marks are measured once, relative
to the block (rectangles and lines from its laid-out lines), and kept until its
passages, the text's width or its font change; a paint then only looks up each
passage's colour and lane and draws in a few calls.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QTextBlock, QTextLine

from ui.reader.content import ReaderContent
from workbench.text.intervals import Span

TINT_ALPHA = 70
MAX_LANES = 3
LANE_GAP = 3


@lru_cache(maxsize=512)
def _tint(colors: tuple[str, ...]) -> QColor:
    """A light tint of one tag's colour (``colors`` sorted); overlaps get the mix of
    theirs, deeper."""
    parsed = [QColor(c) for c in colors]
    n = len(parsed)
    mixed = QColor(sum(c.red() for c in parsed) // n, sum(c.green() for c in parsed) // n,
                   sum(c.blue() for c in parsed) // n)
    mixed.setAlpha(min(200, TINT_ALPHA + 45 * (n - 1)))
    return mixed


def _x(line: QTextLine, position: int) -> float:
    """The x of a text position on a laid-out line (PySide returns (x, position))."""
    found = line.cursorToX(position)
    return float(found[0] if isinstance(found, tuple) else found)  # type: ignore[arg-type]


@dataclass(frozen=True)
class BlockMarks:
    """One block's marks, relative to the block's top left corner."""

    tints: list[tuple[QColor, list[QRectF]]]  # one colour (or mix) and its rectangles
    lines: list[tuple[Span, list[QLineF]]]  # each passage's underline, lane 0


class _Lines:
    """A laid-out block's lines, read once, and the x of each position asked for."""

    def __init__(self, block: QTextBlock) -> None:
        layout = block.layout()
        self.lines = [layout.lineAt(n) for n in range(layout.lineCount())]
        self.starts = [line.textStart() for line in self.lines]
        self.ends = [start + line.textLength() for start, line in zip(self.starts, self.lines,
                                                                       strict=True)]
        self.tops = [line.y() for line in self.lines]
        self.heights = [line.height() for line in self.lines]
        self.bottoms = [top + height - 1 for top, height in zip(self.tops, self.heights,
                                                                strict=True)]
        self._x: dict[tuple[int, int], float] = {}

    def x(self, number: int, position: int) -> float:
        found = self._x.get((number, position))
        if found is None:
            found = self._x[(number, position)] = _x(self.lines[number], position)
        return found

    def segments(self, a: int, b: int) -> list[tuple[int, float, float]]:
        """The part of ``[a, b)`` (UTF-16, in the block) on each of its lines:
        (line number, x1, x2)."""
        found = []
        for number in range(max(0, bisect_right(self.starts, a) - 1), len(self.lines)):
            if self.starts[number] >= b:
                break
            first, last = max(a, self.starts[number]), min(b, self.ends[number])
            if first < last:
                found.append((number, self.x(number, first), self.x(number, last)))
        return found


def measure(block: QTextBlock, content: ReaderContent) -> BlockMarks:
    """The tints and underlines of one laid-out block."""
    length = block.length() - 1
    if length <= 0:
        return BlockMarks([], [])
    start16 = block.position()
    u = content.utf16
    lo, hi = u.from_utf16(start16), u.from_utf16(start16 + length)
    lines = _Lines(block)
    spans = content.overlapping(lo, hi)
    tints: dict[tuple[str, ...], list[QRectF]] = {}
    for a, b, colors in coverage(spans, lo, hi, content.color):
        rects = tints.setdefault(tuple(sorted(colors)), [])
        rects.extend(QRectF(x1, lines.tops[n], x2 - x1, lines.heights[n]) for n, x1, x2
                     in lines.segments(u.to_utf16(a) - start16, u.to_utf16(b) - start16))
    underlines = []
    for span in spans:
        a, b = u.to_utf16(max(span.start, lo)) - start16, u.to_utf16(min(span.end, hi)) - start16
        underlines.append((span, [QLineF(x1, lines.bottoms[n], x2, lines.bottoms[n])
                                  for n, x1, x2 in lines.segments(a, b)]))
    return BlockMarks([(QColor(_tint(colors)), rects) for colors, rects in tints.items()],
                      underlines)


def paint_tints(painter: QPainter, marks: BlockMarks, origin: QPointF) -> None:
    """The block's tints, beneath its text."""
    painter.save()
    painter.translate(origin)
    painter.setPen(Qt.PenStyle.NoPen)
    for color, rects in marks.tints:
        painter.setBrush(color)
        painter.drawRects(rects)
    painter.restore()


def paint_underlines(painter: QPainter, marks: BlockMarks, origin: QPointF,
                     content: ReaderContent, current: str | None) -> None:
    """The block's underlines, one lane per overlapping passage, in the tag's colour; the
    current passage's thicker."""
    groups: dict[tuple[str, int, int], list[QLineF]] = {}
    for span, lines in marks.lines:
        lane = min(content.lane(span.key), MAX_LANES - 1)
        key = (content.color(span.tag), 3 if span.key == current else 2, lane)
        groups.setdefault(key, []).extend(lines)
    for (color, width, lane), lines in groups.items():
        pen = QPen(QColor(color))
        pen.setWidth(width)
        painter.setPen(pen)
        painter.save()
        painter.translate(origin.x(), origin.y() - lane * LANE_GAP)
        painter.drawLines(lines)
        painter.restore()


class MarkCache:
    """Each block's measured marks, by block number, for one text width and font."""

    def __init__(self) -> None:
        self._marks: dict[int, BlockMarks] = {}
        self._layout: tuple[object, ...] = ()

    def clear(self) -> None:
        self._marks.clear()

    def invalidate(self, block: QTextBlock) -> None:
        """This block's passages changed: it is measured again when next painted."""
        self._marks.pop(block.blockNumber(), None)

    def marks(self, block: QTextBlock, content: ReaderContent,
              layout: tuple[object, ...]) -> BlockMarks:
        """The block's marks; ``layout`` names what the lines depend on (the text's width,
        the font): when it differs from the last call, everything is measured again."""
        if layout != self._layout:
            self._layout = layout
            self._marks.clear()
        found = self._marks.get(block.blockNumber())
        if found is None:
            found = self._marks[block.blockNumber()] = measure(block, content)
        return found


def coverage(spans: list[Span], lo: int, hi: int,
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
