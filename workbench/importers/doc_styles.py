"""The kind of each paragraph of a Word 97-2003 file: heading, list item, quote or
paragraph, from the style it is in.

Each paragraph's style is its paragraph formatting's first entry (the ``istd``
of a PAPX, [MS-DOC] 2.9.175), stored in 512-byte pages by the byte range of the
text they format; the style sheet (STSH, 2.9.271) gives each style its built-in
identifier (``sti``: 1 to 9 are "heading 1" to "heading 9") and its name.  A
file whose formatting cannot be read gets no kinds, and its paragraphs are
read as plain text is.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterator

from workbench.importers.article import kind_of_style

_FCSTSHF = 0x00A2  # FibRgFcLcb97.fcStshf / lcbStshf: the style sheet
_FCBTEPAPX = 0x0102  # FibRgFcLcb97.fcPlcfBtePapx / lcbPlcfBtePapx: paragraph formatting
_FKP = 512
MAX_STYLES = 4096
_HEADING_STI = range(1, 10)
_TITLE_STI = (62, 74)  # Title, Subtitle


def _kind(sti: int, name: str) -> str:
    """A built-in heading or title by its identifier, any other style by its name."""
    return "heading" if sti in _HEADING_STI or sti in _TITLE_STI else kind_of_style(name)


def fkp_pages(document: bytes, table: bytes, plc_at: int) -> Iterator[bytes]:
    """The 512-byte formatting pages (FKPs) a bin table lists; ``plc_at`` is where the
    file information block gives the table's place and size ([MS-DOC] 2.8.6)."""
    at, size = struct.unpack_from("<II", document, plc_at)
    plc = table[at:at + size]
    count = (len(plc) - 4) // 8
    for n in range(max(0, count)):
        page = struct.unpack_from("<I", plc, 4 * (count + 1) + 4 * n)[0] & 0x3FFFFF
        fkp = document[page * _FKP:(page + 1) * _FKP]
        if len(fkp) == _FKP:
            yield fkp


def _style_kinds(document: bytes, table: bytes) -> dict[int, str]:
    """Each style's kind, by its index in the style sheet."""
    at, size = struct.unpack_from("<II", document, _FCSTSHF)
    sheet = table[at:at + size]
    header = struct.unpack_from("<H", sheet)[0]
    count, base = struct.unpack_from("<HH", sheet, 2)
    position, kinds = 2 + header, {}
    for index in range(min(count, MAX_STYLES)):
        length = struct.unpack_from("<H", sheet, position)[0]
        position += 2
        if length:
            style = sheet[position:position + length]
            sti = struct.unpack_from("<H", style)[0] & 0x0FFF
            name = ""
            if len(style) >= base + 2:
                letters = struct.unpack_from("<H", style, base)[0]
                name = style[base + 2:base + 2 + 2 * letters].decode("utf-16-le", "replace")
            kinds[index] = _kind(sti, name)
        position += length
    return kinds


def _paragraph_runs(document: bytes, table: bytes) -> list[tuple[int, int, int]]:
    """(first byte, end byte, style index) of each run of paragraph formatting."""
    runs = []
    for fkp in fkp_pages(document, table, _FCBTEPAPX):
        paragraphs = fkp[-1]
        ends = struct.unpack_from(f"<{paragraphs + 1}I", fkp)
        for r in range(paragraphs):
            offset = fkp[4 * (paragraphs + 1) + 13 * r] * 2
            if not offset:
                runs.append((ends[r], ends[r + 1], 0))  # no formatting: the Normal style
                continue
            start = offset + 1 if fkp[offset] else offset + 2
            runs.append((ends[r], ends[r + 1], struct.unpack_from("<H", fkp, start)[0]))
    return sorted(runs)


def paragraph_kinds(document: bytes, table: bytes, marks: list[int]) -> list[str]:
    """The kind of each paragraph, given the byte offset of each paragraph mark in
    text order ([] when the file's formatting cannot be read)."""
    try:
        kinds = _style_kinds(document, table)
        runs = _paragraph_runs(document, table)
    except struct.error:
        return []
    starts = [run[0] for run in runs]
    found = []
    for mark in marks:
        at = bisect_right(starts, mark) - 1
        inside = at >= 0 and runs[at][0] <= mark < runs[at][1]
        found.append(kinds.get(runs[at][2], "paragraph") if inside else "paragraph")
    return found
