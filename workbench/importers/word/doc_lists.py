"""The lists of a Word 97-2003 file, so that its numbered paragraphs carry the
numbers Word shows ("4.", "4.a)", "(ii)", bullets).

As in a .docx, the number is stored nowhere in the text: a paragraph names a
list override (LFO, 1-based) and a level; the override names a list (LSTF, by
its ``lsid``) and may restart or reformat levels; each list level (LVL) says
where it starts, how it counts (``nfc``) and how its label reads (a template in
which the characters 0 to 8 stand for the levels' counters).  [MS-DOC] 2.9.147
(PlfLst), 2.9.150 (LVL), 2.9.131 (LFO), 2.9.132 (LFOLVL).  The overrides of one
list count on together, as in Word; an override that restarts a level starts it
afresh at its first paragraph.  The counting itself is
:class:`workbench.importers.word.numbering.Numbering`'s, shared with .docx.
A list table that cannot be read leaves the paragraphs unnumbered.
"""

from __future__ import annotations

import struct

from workbench.importers.word.numbering import Level, Numbering

_FCPLFLST = 0x02E2  # FibRgFcLcb97.fcPlfLst / lcbPlfLst
_FCPLFLFO = 0x02EA  # FibRgFcLcb97.fcPlfLfo / lcbPlfLfo
_LSTF, _LVLF, _LFO, _LFOLVL = 28, 28, 16, 8
MAX_LISTS = 2048
_FORMATS = {0: "decimal", 1: "upperRoman", 2: "lowerRoman", 3: "upperLetter",
            4: "lowerLetter", 22: "decimalZero", 23: "bullet", 255: "none"}


def _level(data: bytes, at: int) -> tuple[Level, int]:
    """One LVL: how the level counts and reads, and where the next LVL begins."""
    start, nfc = struct.unpack_from("<iB", data, at)
    chpx, papx = data[at + 24], data[at + 25]
    text_at = at + _LVLF + papx + chpx
    letters = struct.unpack_from("<H", data, text_at)[0]
    template = data[text_at + 2:text_at + 2 + 2 * letters].decode("utf-16-le", "replace")
    text = "".join(f"%{ord(c) + 1}" if ord(c) < 9 else c for c in template)
    return Level(_FORMATS.get(nfc, "decimal"), text, start), text_at + 2 + 2 * letters


def _lists(document: bytes, table: bytes) -> dict[int, dict[int, Level]]:
    """Each list's levels, by its ``lsid``."""
    at, size = struct.unpack_from("<II", document, _FCPLFLST)
    if not size:
        return {}
    count = struct.unpack_from("<h", table, at)[0]
    found: dict[int, dict[int, Level]] = {}
    position = at + size  # the LVLs follow the PlfLst, list by list
    for n in range(max(0, min(count, MAX_LISTS))):
        lstf = at + 2 + n * _LSTF
        lsid = struct.unpack_from("<i", table, lstf)[0]
        simple = table[lstf + 26] & 0x01
        levels = {}
        for level in range(1 if simple else 9):
            levels[level], position = _level(table, position)
        found[lsid] = levels
    return found


def read_lists(document: bytes, table: bytes) -> Numbering:
    """The file's list overrides as a :class:`Numbering`, keyed by their 1-based
    index (empty when the file has no lists or they cannot be read)."""
    numbering = Numbering()
    try:
        lists = _lists(document, table)
        at, size = struct.unpack_from("<II", document, _FCPLFLFO)
        if not size:
            return numbering
        count = min(struct.unpack_from("<I", table, at)[0], MAX_LISTS)
        position = at + 4 + count * _LFO  # each override's changed levels follow
        for n in range(count):
            lsid, = struct.unpack_from("<i", table, at + 4 + n * _LFO)
            changed = table[at + 4 + n * _LFO + 12]
            levels = dict(lists.get(lsid, {}))
            position += 4  # the LFOData's cp
            for _ in range(changed):
                restart, bits = struct.unpack_from("<iI", table, position)
                position += _LFOLVL
                level = bits & 0x0F
                if bits & 0x20:  # fFormatting: a whole new level follows
                    levels[level], position = _level(table, position)
                elif bits & 0x10 and level in levels:  # fStartAt: the level restarts
                    old = levels[level]
                    levels[level] = Level(old.format, old.text, restart)
                if bits & 0x30:
                    numbering.restarts.setdefault(str(n + 1), set()).add(level)
            numbering.lists[str(n + 1)] = levels
            numbering.continues[str(n + 1)] = f"list {lsid}"
    except (struct.error, IndexError):
        return Numbering()
    return numbering
