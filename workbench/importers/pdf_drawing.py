"""Content streams read without their drawing: pdfminer is handed only what bears on text.

A map, a chart or a CAD sheet is drawn with hundreds of thousands of path
operators (``10 20 m 30 40 l S``), each of which pdfminer tokenizes in Python,
interprets and turns into a layout object that text extraction then ignores.
A 122 KB drawing took 1.4 s to read.  Before a content stream reaches
pdfminer, one regular-expression pass (in C) takes out:

- path construction and painting: ``m l c v y re h``, ``S s f F f* B B* b b* n``;
- clipping (``W W*``), line style (``w J j M d i``) and device colours
  (``G g RG rg K k``, ``CS cs``, ``ri``): nothing of them reaches the text;
- marked-content brackets (``BDC BMC EMC DP MP``), which pdfminer's layout
  does not use.

Only whole operations go: an operator with exactly its operands, at a token's
start, in a stream that draws five hundred path segments or more (fewer cost
pdfminer next to nothing).  Strings (parens nested to any depth, escapes), hex strings
and comments are found first in one pass over the characters that open and
close them, and kept whole, so ``(10 20 m) Tj`` keeps its text; one left open
keeps the rest of the stream; a stream holding an inline image (whose bytes are
not tokens) is passed as it is.  Every pattern ends at the next
delimiter or after a fixed count of tokens, so a hostile stream costs one pass.
Text, fonts, positions, the ``cm``/``q``/``Q`` that place text, images and
forms (``Do``) all pass through unchanged.  Whether anything was painted is
remembered for the thread, so that a page of drawings without words is still
told apart from an empty one.
"""

from __future__ import annotations

import re
import threading
from io import BytesIO

from pdfminer import pdfinterp
from pdfminer.pdftypes import stream_value
from pdfminer.psexceptions import PSEOF

_WS = rb"[\x00\t\n\x0c\r ]"
_END = rb"(?=[\x00\t\n\x0c\r /\[\]()<>{}%]|\Z)" + _WS + rb"*"
_NUMBER = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_NAME = rb"/[^\x00\t\n\x0c\r /\[\]()<>{}%]*" + _WS + rb"*"
# An inline image's bytes are not tokens: a stream that holds one is passed as it is.
_INLINE_IMAGE = re.compile(rb"(?<![^\x00\t\n\x0c\r ])BI(?=[\x00\t\n\x0c\r /])")
# What opens a string, a hex string or a comment (whose contents are kept), what
# counts inside a string (a paren, or an escape with the character it escapes), and
# what ends a comment.
_SPECIAL = re.compile(rb"[(%<]")
_IN_STRING = re.compile(rb"\\.|[()]", re.S)
_LINE_END = re.compile(rb"[\r\n]")
_PAINT = rb"S|s|f\*|f|F|B\*|B|b\*|b"


def _operation(operands: int, operators: bytes) -> bytes:
    return (_NUMBER + _WS + rb"+") * operands + rb"(?:" + operators + rb")" + _END


_DRAWING = rb"|".join([
    _operation(2, rb"m|l"), _operation(6, rb"c"), _operation(4, rb"re|v|y"),
    _operation(0, rb"h|n|W\*|W|EMC"),
    _operation(1, rb"w|J|j|M|i|G|g"), _operation(3, rb"RG|rg"), _operation(4, rb"K|k"),
    rb"\[(?:" + _WS + rb"*" + _NUMBER + rb"(?!\d))*" + _WS + rb"*\]" + _WS + rb"*"
    + _operation(1, rb"d"),
    _NAME + rb"(?:CS|cs|ri|BMC|MP)" + _END,
    _NAME + rb"(?:<<[^<>()]*>>" + _WS + rb"*|" + _NAME + rb")(?:BDC|DP)" + _END,
])
_TOKEN_START = rb"(?<![^\x00\t\n\x0c\r \]>)])"
# Painting operators are captured on their own, so that a stream can say it drew.
_PAINTED = re.compile(_TOKEN_START + rb"(?:" + _PAINT + rb")" + _END)
_SEGMENTS = re.compile(rb"[\d.]" + _WS + rb"+(?:[mlcvy]|re)(?=" + _WS + rb")")
_GAP = re.compile(_TOKEN_START + rb"(?:(" + _PAINT + rb")" + _END + rb"|" + _DRAWING + rb")")
_painted = threading.local()


def kept_spans(data: bytes) -> list[tuple[int, int]]:
    """Where the stream's strings (nested parens, escapes), hex strings and comments
    lie: kept as they are.  One pass over the characters that open or close them; one
    left open runs to the end of the stream."""
    spans: list[tuple[int, int]] = []
    found = _SPECIAL.search(data)
    while found:
        at, char = found.start(), data[found.start():found.start() + 1]
        if char == b"(":
            end = _string_end(data, at)
        elif char == b"%":
            line = _LINE_END.search(data, at)
            end = line.start() if line else len(data)
        elif char == b"<" and data[at + 1:at + 2] != b"<":
            close = data.find(b">", at)
            end = close + 1 if close >= 0 else len(data)
        else:  # a dictionary's "<<", or a stray ")" or ">"
            found = _SPECIAL.search(data, at + (2 if char == b"<" else 1))
            continue
        spans.append((at, end))
        found = _SPECIAL.search(data, end)
    return spans


def _string_end(data: bytes, at: int) -> int:
    """Where the literal string opening at ``at`` ends (the stream's end if never)."""
    depth = 0
    for found in _IN_STRING.finditer(data, at):
        char = data[found.start():found.start() + 1]
        if char == b"(":
            depth += 1
        elif char == b")":
            depth -= 1
            if not depth:
                return found.end()
    return len(data)


_HELD = b"()"  # stands in for a kept span while the drawing is taken out
FEW_SEGMENTS = 500  # a stream with fewer path segments is passed as it is


def without_drawing(data: bytes) -> tuple[bytes, bool]:
    """A content stream less its drawing operations, and whether it painted a path.

    Each kept span is stood in for by ``()`` (outside the spans no paren is left, and
    no drawing pattern takes one), the drawing is taken out in one pass, and the spans
    are put back in order."""
    if len(_SEGMENTS.findall(data)) < FEW_SEGMENTS or _INLINE_IMAGE.search(data):
        return data, bool(_PAINTED.search(data))  # a few rules cost pdfminer nothing
    spans = kept_spans(data)
    gaps = [data[end:start] for (_, end), (start, _) in
            zip([(0, 0), *spans], [*spans, (len(data), len(data))], strict=True)]
    parts = _GAP.split(_HELD.join(gaps))
    pieces = b"".join(parts[0::2]).split(_HELD)
    if len(pieces) != len(gaps):  # cannot happen; if it did, nothing is taken out
        return data, True
    out = [pieces[0]]
    for (start, end), piece in zip(spans, pieces[1:], strict=True):
        out += [data[start:end], piece]
    return b"".join(out), any(parts[1::2])


def _fillfp(self: pdfinterp.PDFContentParser) -> bool:
    """pdfminer's ``fillfp``, handing the parser each stream less its drawing."""
    if self.fp:
        return False
    if self.istream >= len(self.streams):
        raise PSEOF("Unexpected EOF, file truncated?")
    stream = stream_value(self.streams[self.istream])
    self.istream += 1
    data, painted = without_drawing(stream.get_data())
    if painted:
        _painted.seen = True
    self.fp = BytesIO(data)
    return True


def read_without_drawing() -> None:
    """Install the pass (once; installing it again changes nothing)."""
    pdfinterp.PDFContentParser.fillfp = _fillfp  # type: ignore[method-assign]


def start_watching() -> None:
    """Forget, for this thread, whether a path was painted."""
    _painted.seen = False


def painted_since_start() -> bool:
    """Whether a content stream read on this thread since :func:`start_watching`
    painted a path (the drawing was taken out before pdfminer saw it)."""
    return bool(getattr(_painted, "seen", False))
