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
start.  Strings (nested to two levels: any deeper paren opens a string of its
own), hex strings, comments and inline images are matched first and kept
whole, so ``(10 20 m) Tj`` keeps its text.  Text, fonts, positions, the
``cm``/``q``/``Q`` that place text, images and forms (``Do``) all pass through
unchanged.  Whether anything was painted is remembered for the thread, so
that a page of drawings without words is still told apart from an empty one.
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
_STRING = rb"\((?:[^()\\]|\\.)*\)"
for _ in range(2):
    _STRING = rb"\((?:[^()\\]|\\.|" + _STRING + rb")*\)"
_KEPT = (rb"(" + _STRING + rb"|<[0-9A-Fa-f\x00\t\n\x0c\r ]*>|%[^\r\n]*"
         rb"|\bBI\b.*?\sEI(?=[\x00\t\n\x0c\r ]|\Z))")
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
    _NAME + rb"(?:<<(?:[^<>()]|" + _STRING + rb")*>>" + _WS + rb"*|" + _NAME
    + rb")(?:BDC|DP)" + _END,
])
_TOKEN_START = rb"(?<![^\x00\t\n\x0c\r \]>)])"
# Painting operators are captured on their own, so that a stream can say it drew.
_STREAM = re.compile(_KEPT + rb"|" + _TOKEN_START + rb"(?:(" + _PAINT + rb")" + _END
                     + rb"|" + _DRAWING + rb")", re.S)

_painted = threading.local()


def without_drawing(data: bytes) -> tuple[bytes, bool]:
    """A content stream less its drawing operations, and whether it painted a path."""
    parts = _STREAM.split(data)
    painted = any(parts[2::3])
    del parts[2::3]
    return b"".join(filter(None, parts)), painted


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
