"""The kind of each paragraph of a Word 97-2003 file (heading, list item, quote or
paragraph, from the style it is in) and the list it belongs to.

Each paragraph's style is its paragraph formatting's first entry (the ``istd``
of a PAPX, [MS-DOC] 2.9.175), stored in 512-byte pages by the byte range of the
text they format; the style sheet (STSH, 2.9.271) gives each style its built-in
identifier (``sti``: 1 to 9 are "heading 1" to "heading 9") and its name.  A
paragraph is in a list when its formatting, or its style's (or the style that
one is based on), carries a list (``sprmPIlfo``) and a level (``sprmPIlvl``).
A file whose formatting cannot be read gets no kinds, and its paragraphs are
read as plain text is.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.importers.article import kind_of_style

_FCSTSHF = 0x00A2  # FibRgFcLcb97.fcStshf / lcbStshf: the style sheet
_FCBTEPAPX = 0x0102  # FibRgFcLcb97.fcPlcfBtePapx / lcbPlcfBtePapx: paragraph formatting
_FKP = 512
MAX_STYLES = 4096
_HEADING_STI = range(1, 10)
_TITLE_STI = (62, 74)  # Title, Subtitle
_SPRM_ILFO, _SPRM_ILVL = 0x460B, 0x260A  # the paragraph's list, and its level in it
_SPRM_ROW_ENDS = (0x2417, 0x244C)  # sprmPFTtp, sprmPFInnerTtp: a table row's end mark
_PARAGRAPH_STYLE = 1  # a style's kind (stk) when it formats paragraphs
_OPERAND_SIZES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}  # by a sprm's spra; 6: sized
_TABLE_DEFINITION = 0xD608  # a variable operand whose size takes two bytes
Run = tuple[int, int, int, bytes]  # first byte, end byte, style index, properties


@dataclass(frozen=True)
class ParagraphFormat:
    """A paragraph's kind, and its list (1-based, 0 for none) and level in it."""

    kind: str = "paragraph"
    ilfo: int | None = None
    ilvl: int | None = None

    def in_list(self) -> bool:
        return bool(self.ilfo) and self.ilfo != 0xF801  # 0xF801: "no list", explicitly


def sprms(grpprl: bytes) -> Iterator[tuple[int, bytes]]:
    """Each property modifier (sprm) of a group, with its operand ([MS-DOC] 2.6.1)."""
    at = 0
    while at + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, at)[0]
        at += 2
        size = _OPERAND_SIZES.get(sprm >> 13)
        if size is None:  # variable: a byte (two for a table definition) gives the size
            if sprm == _TABLE_DEFINITION and at + 2 <= len(grpprl):
                size, at = struct.unpack_from("<H", grpprl, at)[0] - 1, at + 2
            elif at < len(grpprl):
                size, at = grpprl[at], at + 1
            else:
                return
        yield sprm, grpprl[at:at + size]
        at += size


def _list_of(grpprl: bytes) -> tuple[int | None, int | None]:
    """The list and level a group of paragraph properties sets (None where unset)."""
    ilfo = ilvl = None
    for sprm, operand in sprms(grpprl):
        if sprm == _SPRM_ILFO and len(operand) == 2:
            ilfo = struct.unpack("<H", operand)[0]
        elif sprm == _SPRM_ILVL and operand:
            ilvl = operand[0]
    return ilfo, ilvl


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


def _styles(document: bytes, table: bytes) -> dict[int, ParagraphFormat]:
    """Each style's kind and list, by its index in the style sheet (a list set by the
    style it is based on counts too)."""
    at, size = struct.unpack_from("<II", document, _FCSTSHF)
    sheet = table[at:at + size]
    header = struct.unpack_from("<H", sheet)[0]
    count, base = struct.unpack_from("<HH", sheet, 2)
    position, found, bases = 2 + header, {}, {}
    for index in range(min(count, MAX_STYLES)):
        length = struct.unpack_from("<H", sheet, position)[0]
        position += 2
        if length:
            style = sheet[position:position + length]
            sti = struct.unpack_from("<H", style)[0] & 0x0FFF
            kind_and_base = struct.unpack_from("<H", style, 2)[0] if len(style) >= 4 else 0
            name, ilfo, ilvl = "", None, None
            if len(style) >= base + 2:
                letters = struct.unpack_from("<H", style, base)[0]
                name = style[base + 2:base + 2 + 2 * letters].decode("utf-16-le", "replace")
                if kind_and_base & 0x000F == _PARAGRAPH_STYLE:
                    ilfo, ilvl = _list_of(_style_papx(style, base + 4 + 2 * letters))
            found[index] = ParagraphFormat(_kind(sti, name), ilfo, ilvl)
            bases[index] = kind_and_base >> 4
        position += length
    return {index: _inherited(index, found, bases) for index in found}


def _style_papx(style: bytes, at: int) -> bytes:
    """A paragraph style's own paragraph properties (its first UPX, less the istd)."""
    if at + 2 > len(style):
        return b""
    size = struct.unpack_from("<H", style, at)[0]
    return style[at + 4:at + 2 + size]


def _inherited(index: int, found: dict[int, ParagraphFormat],
               bases: dict[int, int]) -> ParagraphFormat:
    """A style with the list it takes from the styles it is based on, when it sets none."""
    own = found[index]
    ilfo, ilvl, seen = own.ilfo, own.ilvl, {index}
    at = bases.get(index, 0x0FFF)
    while (ilfo is None or ilvl is None) and at in found and at not in seen:
        seen.add(at)
        ilfo = found[at].ilfo if ilfo is None else ilfo
        ilvl = found[at].ilvl if ilvl is None else ilvl
        at = bases.get(at, 0x0FFF)
    return ParagraphFormat(own.kind, ilfo, ilvl)


def _paragraph_runs(document: bytes, table: bytes) -> list[Run]:
    """(first byte, end byte, style index, properties) of each run of paragraph
    formatting."""
    runs = []
    for fkp in fkp_pages(document, table, _FCBTEPAPX):
        paragraphs = fkp[-1]
        ends = struct.unpack_from(f"<{paragraphs + 1}I", fkp)
        for r in range(paragraphs):
            offset = fkp[4 * (paragraphs + 1) + 13 * r] * 2
            if not offset:
                runs.append((ends[r], ends[r + 1], 0, b""))  # no formatting: Normal style
                continue
            size, start = (2 * fkp[offset] - 1, offset + 1) if fkp[offset] else \
                (2 * fkp[offset + 1], offset + 2)
            papx = fkp[start:start + size]
            runs.append((ends[r], ends[r + 1], struct.unpack_from("<H", papx)[0], papx[2:]))
    return sorted(runs)


def _runs_of(runs: list[Run], marks: list[int]) -> Iterator[Run | None]:
    """The formatting run each mark falls in (None for a mark outside them all)."""
    starts = [run[0] for run in runs]
    for mark in marks:
        at = bisect_right(starts, mark) - 1
        yield runs[at] if at >= 0 and runs[at][0] <= mark < runs[at][1] else None


def paragraph_formats(document: bytes, table: bytes, marks: list[int]) -> list[ParagraphFormat]:
    """The kind and list of each paragraph, given the byte offset of each paragraph
    mark in text order ([] when the file's formatting cannot be read)."""
    try:
        styles = _styles(document, table)
        runs = _paragraph_runs(document, table)
    except struct.error:
        return []
    found = []
    for run in _runs_of(runs, marks):
        if run is None:
            found.append(ParagraphFormat())
            continue
        style = styles.get(run[2], ParagraphFormat())
        ilfo, ilvl = _list_of(run[3])
        found.append(ParagraphFormat(style.kind, style.ilfo if ilfo is None else ilfo,
                                     style.ilvl if ilvl is None else ilvl))
    return found


def row_ends(document: bytes, table: bytes, cell_marks: list[int]) -> list[bool]:
    """For each cell mark (by its byte offset, in text order), whether it ends a table
    row rather than a cell ([] when the file's formatting cannot be read)."""
    try:
        runs = _paragraph_runs(document, table)
    except struct.error:
        return []
    return [run is not None and any(sprm in _SPRM_ROW_ENDS and operand[:1] == b"\x01"
                                    for sprm, operand in sprms(run[3]))
            for run in _runs_of(runs, cell_marks)]
