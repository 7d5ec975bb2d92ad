"""A PDF's pages read with PDFium: each page's text lines, grouped into text boxes.

PDFium (through pypdfium2, Chrome's PDF engine) reads a page's text in the order
it is drawn, with a line break wherever a line ends, and knows each character's
font size and each line's rectangles.  Form XObjects, rotated and vertical
text, escapes, font encodings, letter-spaced lines, Arabic and Hebrew in
reading order, and drawings (skipped, not laid out) are its business, at some
forty times pdfminer's speed.  Here the pieces it breaks a line into (where the
font or the baseline changes: a superscript, a formula) are joined again, and
the lines are grouped into boxes: a line joins the box above it when it stands
close below it, over it, in the same size.  PDFium is not safe across threads:
one lock keeps it to one document at a time.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from workbench.importers.pdf.lines import clean_pdf_text

LOCK = threading.Lock()
_BREAKS = "\r\n"
_JOINED_HYPHEN = "\ufffe"  # PDFium's mark where it joined a word hyphenated at a line end
LINE_GAP = 0.7  # a line further below the last than this many line heights starts a box
SIZE_STEP = 0.15  # a change of size by more than this share starts a box
JOIN_GAP = 1.0  # pieces of one line stand less than an em apart; columns, further
_IMAGE, _PATH, _SHADING, _FORM = 3, 2, 4, 5  # FPDF_PAGEOBJ_* kinds that draw


@dataclass(frozen=True)
class Line:
    """One line of a page: its text, rectangle (PDF units, y up) and font size."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float


@dataclass
class Box:
    """Lines that read as one block: their texts, extent and the size of their type."""

    texts: list[str] = field(default_factory=list)
    x0: float = 0.0
    y0: float = 0.0
    x1: float = 0.0
    y1: float = 0.0
    sizes: list[float] = field(default_factory=list)

    def takes(self, line: Line) -> bool:
        """Whether the line continues this box (close below it, over it, same size)."""
        height = max(line.y1 - line.y0, self.y1 - self.y0 if len(self.texts) == 1 else 0,
                     1.0)
        gap = self.y0 - line.y1
        overlap = min(self.x1, line.x1) - max(self.x0, line.x0)
        size = self.sizes[-1]
        return -0.5 * height <= gap <= LINE_GAP * height and overlap > 0 and \
            abs(line.size - size) <= SIZE_STEP * max(line.size, size, 1.0)

    def add(self, line: Line) -> None:
        if not self.texts:
            self.x0, self.y0, self.x1, self.y1 = line.x0, line.y0, line.x1, line.y1
        self.texts.append(line.text)
        self.sizes.append(line.size)
        self.x0, self.x1 = min(self.x0, line.x0), max(self.x1, line.x1)
        self.y0, self.y1 = min(self.y0, line.y0), max(self.y1, line.y1)

    def text(self) -> str:
        """The lines joined into one paragraph, hyphenated breaks mended."""
        joined = ""
        for line in self.texts:
            line = clean_pdf_text(line.replace(_JOINED_HYPHEN, ""))
            if not line:
                continue
            if joined.endswith("-") and line[:1].islower():
                joined = joined[:-1] + line
            else:
                joined = f"{joined} {line}" if joined else line
        return joined


def _line_ranges(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of a page's text, its breaks left out."""
    start = 0
    for at, char in enumerate(text):
        if char in _BREAKS:
            if at > start:
                yield start, at
            start = at + 1
    if len(text) > start:
        yield start, len(text)


def page_lines(page: Any) -> list[Line]:
    """A page's text lines in the order they are drawn."""
    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count > 0 else ""
        lines = []
        for start, end in _line_ranges(text):
            if not text[start:end].strip():
                continue
            rects = [textpage.get_rect(n) for n in range(textpage.count_rects(start, end - start))]
            if not rects:
                continue
            first = start + len(text[start:end]) - len(text[start:end].lstrip())
            size = float(pdfium_c.FPDFText_GetFontSize(textpage.raw, first))
            lines.append(Line(text[start:end], min(r[0] for r in rects),
                              min(r[1] for r in rects), max(r[2] for r in rects),
                              max(r[3] for r in rects), size))
        return lines
    finally:
        textpage.close()


def _same_line(left: Line, right: Line) -> bool:
    """Whether ``right`` goes on along the same line as ``left`` (PDFium breaks a line
    where the font or the baseline changes: a superscript, a formula, a bold word)."""
    overlap = min(left.y1, right.y1) - max(left.y0, right.y0)
    shorter = min(left.y1 - left.y0, right.y1 - right.y0)
    gap = right.x0 - left.x1
    return overlap > 0.3 * max(shorter, 0.1) and \
        -0.2 * left.size <= gap <= JOIN_GAP * max(left.size, right.size)


def _joined(left: Line, right: Line) -> Line:
    space = " " if right.x0 - left.x1 > 0.15 * max(left.size, right.size) else ""
    return Line(f"{left.text}{space}{right.text}", min(left.x0, right.x0),
                min(left.y0, right.y0), max(left.x1, right.x1), max(left.y1, right.y1),
                max(left.size, right.size))


def _whole_lines(lines: list[Line]) -> list[Line]:
    """The pieces PDFium gives, joined into the lines they stand in."""
    whole: list[Line] = []
    for line in lines:
        if whole and _same_line(whole[-1], line):
            whole[-1] = _joined(whole[-1], line)
        else:
            whole.append(line)
    return whole


def page_boxes(page: Any) -> list[Box]:
    """A page's lines grouped into boxes."""
    boxes: list[Box] = []
    for line in _whole_lines(page_lines(page)):
        if not boxes or not boxes[-1].takes(line):
            boxes.append(Box())
        boxes[-1].add(line)
    return boxes


def draws(page: Any) -> bool:
    """Whether the page draws anything but text (a scan's picture, a drawing)."""
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        kind = pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, index))
        if kind in (_IMAGE, _PATH, _SHADING, _FORM):
            return True
    return False


def words_in(page: Any, areas: tuple[tuple[float, float, float, float], ...]) -> str:
    """The page's words inside the areas (PDF units), in reading order."""
    textpage = page.get_textpage()
    try:
        found = [" ".join(textpage.get_text_bounded(x0, y0, x1, y1).split())
                 for x0, y0, x1, y1 in areas]
    finally:
        textpage.close()
    return " ".join(part for part in found if part)


def open_document(path: str) -> Any:
    """The document (pypdfium2 raises ``PdfiumError`` for a damaged or locked file)."""
    return pdfium.PdfDocument(path)
