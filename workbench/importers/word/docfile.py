"""Word 97-2003 (.doc): the text, as Word stores it, in reading order.

A .doc is an OLE compound file (read with olefile).  Its text lives in the
WordDocument stream as pieces that the piece table (in the 1Table or 0Table
stream, [MS-DOC] 2.9.38) puts in order, each in cp1252 or UTF-16; the main
text comes first, then footnotes, headers, comments, endnotes and text boxes,
each of a length the file information block gives.  Fields show their result,
not their code; a table row is one block, its cells apart; tracked deletions
(marked in the character formatting) are left out; a row ends at its row mark
(told from a cell mark by the paragraph formatting).  Headings, list items and
quotes are told by their paragraph's style (:mod:`workbench.importers.word.doc_styles`);
list items carry the numbers Word shows, from the file's list tables
(:mod:`workbench.importers.word.doc_lists`).  The title, author, creation date and
company come from the file's summary information.
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

import olefile

from workbench.errors import ImportRefused
from workbench.importers.article import Article, body_title, build_article
from workbench.importers.plaintext import split_blocks
from workbench.importers.word.doc_lists import read_lists
from workbench.importers.word.doc_styles import (
    ParagraphFormat,
    fkp_pages,
    paragraph_formats,
    row_ends,
)
from workbench.text.blocks import BlockSpec

WORD_MAGIC = 0xA5EC
_FCCLX = 0x01A2  # FibRgFcLcb97.fcClx / lcbClx in the WordDocument stream
_FCBTECHPX = 0x00FA  # FibRgFcLcb97.fcPlcfBteChpx / lcbPlcfBteChpx: character formatting
SPRM_DELETED = 0x0800  # sprmCFRMarkDel: the run is a tracked deletion
_CCP = 0x004C  # FibRgLw97: ccpText, ccpFtn, ccpHdd, ccpMcr (unused), ccpAtn, ccpEdn, ccpTxbx
# The parts of the text after the main document, in the order Word stores them.
_STORIES = (("main", 0), ("footnotes", 1), ("headers", 2), ("comments", 4), ("endnotes", 5),
            ("text boxes", 6))
_HEADINGS = {"footnotes": "Footnotes", "comments": "Comments in the file",
             "endnotes": "Endnotes", "text boxes": "Text boxes"}
MAX_PIECES = 100_000
_PROPERTY_STREAMS = ("\x05SummaryInformation", "\x05DocumentSummaryInformation")
MAX_PROPERTY_BYTES = 262_144
MAX_PROPERTIES = 1_000
VT_VECTOR = 0x1000


def _pieces(table: bytes, at: int, size: int) -> list[tuple[int, int, int, bool]]:
    """The piece table: (first character, last character, byte offset, compressed)."""
    clx = table[at:at + size]
    position = 0
    while position < len(clx) and clx[position] == 0x01:  # Prc: formatting, skipped
        position += 3 + struct.unpack_from("<h", clx, position + 1)[0]
    if position >= len(clx) or clx[position] != 0x02:
        raise ImportRefused("its piece table is damaged.")
    length = struct.unpack_from("<I", clx, position + 1)[0]
    plc = clx[position + 5:position + 5 + length]
    count = (len(plc) - 4) // 12
    if count <= 0 or count > MAX_PIECES:
        raise ImportRefused("its piece table is damaged.")
    cps = struct.unpack_from(f"<{count + 1}I", plc)
    pieces = []
    for n in range(count):
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * n + 2)[0]
        compressed = bool(fc & 0x40000000)
        offset = (fc & 0x3FFFFFFF) // 2 if compressed else fc & 0x3FFFFFFF
        pieces.append((cps[n], cps[n + 1], offset, compressed))
    return pieces


def _deleted_runs(document: bytes, table: bytes) -> list[tuple[int, int]]:
    """The byte ranges of the WordDocument stream formatted as tracked deletions.

    Character formatting is stored in 512-byte pages (CHPX FKPs, [MS-DOC] 2.9.44),
    each a list of byte ranges with their properties; a deletion is the property
    sprmCFRMarkDel set."""
    runs = []
    for fkp in fkp_pages(document, table, _FCBTECHPX):
        crun = fkp[-1]
        fcs = struct.unpack_from(f"<{crun + 1}I", fkp)
        for r in range(crun):
            offset = fkp[4 * (crun + 1) + r] * 2
            if offset and _marks_deleted(fkp[offset + 1:offset + 1 + fkp[offset]]):
                runs.append((fcs[r], fcs[r + 1]))
    return runs


def _marks_deleted(grpprl: bytes) -> bool:
    """Whether a run's properties turn tracked deletion on."""
    position = 0
    while position + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, position)[0]
        position += 2
        size = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}.get(sprm >> 13)
        if size is None:  # a variable operand: its size comes first
            size = 1 + (grpprl[position] if position < len(grpprl) else 0)
        if sprm == SPRM_DELETED and position < len(grpprl) and grpprl[position]:
            return True
        position += size
    return False


def _characters(document: bytes, pieces: list[tuple[int, int, int, bool]],
                deleted: list[tuple[int, int]]) -> tuple[str, list[int], list[int]]:
    """All the stored text, piece by piece, tracked deletions left out (a deleted
    character becomes a NUL, dropped with the other invisible characters); and the
    byte offset of each paragraph mark and of each cell mark, in order (where their
    formatting is found)."""
    parts, marks, cells = [], [], []
    budget = len(document)  # pieces never hold more text than the stream: counted as read
    for first, last, offset, compressed in pieces:
        count, width = max(0, last - first), 1 if compressed else 2
        data = bytearray(document[offset:offset + width * count])
        budget -= len(data)
        if budget < 0:
            raise ImportRefused("its piece table claims more text than the file holds (it "
                                "is damaged or crafted).")
        for low, high in deleted:  # blank the deleted bytes (few runs, few pieces)
            a, b = max(low, offset), min(high, offset + len(data))
            if a < b:
                data[a - offset:b - offset] = bytes(b - a)
        piece = bytes(data).decode("cp1252" if compressed else "utf-16-le", "replace")
        marks += [offset + at * width for at in _where(piece, "\r")]
        cells += [offset + at * width for at in _where(piece, "\x07")]
        parts.append(piece)
    return "".join(parts), marks, cells


def _where(text: str, char: str) -> list[int]:
    found, at = [], text.find(char)
    while at >= 0:
        found.append(at)
        at = text.find(char, at + 1)
    return found


ROW_END = "\x1d"  # stands in for the cell mark that ends a table row


def _with_row_ends(text: str, ends: list[bool]) -> str:
    """The text with each row's end mark told from a cell's (by its formatting)."""
    if not any(ends):
        return text
    chars = list(text)
    for at, is_end in zip(_where(text, "\x07"), ends, strict=False):
        if is_end:
            chars[at] = ROW_END
    return "".join(chars)


def _visible(text: str) -> str:
    """Word's control characters as a reader sees them: a field's result without its
    code, cell ends apart, breaks as line ends, objects and note anchors left out."""
    out: list[str] = []
    depth: list[bool] = []  # for each open field: True while in its code
    for char in text:
        if char == "\x13":
            depth.append(True)
        elif char == "\x14":
            if depth:
                depth[-1] = False
        elif char == "\x15":
            if depth:
                depth.pop()
        elif depth and depth[-1]:
            continue  # a field's code ("HYPERLINK ..."), never shown
        elif char in ("\x07", ROW_END):
            out.append(char)  # a cell's or a row's end, read by _blocks
        elif char in "\x0b\x0c\x0e":
            out.append("\n")
        elif char == "\x1e":
            out.append("-")
        elif char in "\x00\x01\x02\x03\x04\x05\x08\x1f":
            continue  # deleted text, objects, note anchors, optional hyphens
        else:
            out.append(char)
    return "".join(out)


def _stories(document: bytes, text: str) -> list[tuple[str, str]]:
    """The text cut into its stories by the lengths in the file information block."""
    counts = struct.unpack_from("<7i", document, _CCP)
    stories, start = [], 0
    lengths = {index: counts[index] for _, index in _STORIES}
    for name, index in _STORIES:
        length = max(0, lengths[index])
        stories.append((name, text[start:start + length]))
        start += length
    return stories


Paragraph = tuple[str, str]  # its kind, and its list label ("" for none)


def _paragraphs(formats: list[ParagraphFormat], document: bytes,
                table: bytes) -> list[Paragraph]:
    """Each paragraph's kind and list label, numbered in text order as Word counts."""
    numbering = read_lists(document, table)
    found = []
    for format_ in formats:
        label = numbering.next_label(str(format_.ilfo), format_.ilvl or 0) \
            if format_.in_list() else ""
        found.append(("list_item" if label else format_.kind, label))
    return found


def _read(path: Path) -> tuple[list[tuple[str, str]], list[Paragraph], dict[str, str]]:
    """The stories, the kind and list label of each paragraph (by its formatting and
    style) and the file's details."""
    try:
        ole = olefile.OleFileIO(str(path))
    except (OSError, ValueError) as exc:
        raise ImportRefused(f"{path.name} is damaged or not a Word 97-2003 file.") from exc
    with ole:
        if not ole.exists("WordDocument"):
            raise ImportRefused(f"{path.name} is not a Word document (no text stream).")
        document = ole.openstream("WordDocument").read()
        if len(document) < _FCCLX + 8 or struct.unpack_from("<H", document)[0] != WORD_MAGIC:
            raise ImportRefused(f"{path.name} is not a Word 97-2003 document.")
        flags = struct.unpack_from("<H", document, 0x0A)[0]
        if flags & 0x0100:
            raise ImportRefused(f"{path.name} is encrypted; save it without a password first.")
        table_name = "1Table" if flags & 0x0200 else "0Table"
        if not ole.exists(table_name):
            raise ImportRefused(f"{path.name} is damaged: its {table_name} stream is missing.")
        table = ole.openstream(table_name).read()
        at, size = struct.unpack_from("<II", document, _FCCLX)
        text, marks, cells = _characters(document, _pieces(table, at, size),
                                         _deleted_runs(document, table))
        text = _with_row_ends(text, row_ends(document, table, cells))
        paragraphs = _paragraphs(paragraph_formats(document, table, marks), document, table)
        meta = ole.get_metadata() if all(
            _sane_properties(ole, name) for name in _PROPERTY_STREAMS) else None
    details = {
        "title": (meta.title or b"").decode("cp1252", "replace").strip(),
        "author": (meta.author or b"").decode("cp1252", "replace").strip(),
        "published": meta.create_time.date().isoformat() if meta.create_time else "",
        "source": (meta.company or b"").decode("cp1252", "replace").strip(),
    } if meta is not None else {}
    return _stories(document, text), paragraphs, {k: v for k, v in details.items() if v}


def _sane_properties(ole: Any, name: str) -> bool:
    """Whether a property set (title, author...) is small and whole enough to hand to
    olefile: a damaged one can name a list of four billion values, which it would
    count through for hours."""
    if not ole.exists(name):
        return True
    data = ole.openstream(name).read(MAX_PROPERTY_BYTES + 1)
    try:
        section = data[struct.unpack_from("<I", data, 44)[0]:]
        count = struct.unpack_from("<I", section, 4)[0]
        if len(data) > MAX_PROPERTY_BYTES or count > MAX_PROPERTIES:
            return False
        for n in range(count):
            offset = struct.unpack_from("<I", section, 12 + 8 * n)[0]
            kind, items = struct.unpack_from("<II", section, offset)
            if kind & VT_VECTOR and items > MAX_PROPERTIES:
                return False
    except struct.error:
        return False
    return True


def _table_rows(marked: str) -> list[BlockSpec]:
    """Table rows from cells ended by \\x07: a row ends at its row mark, when the
    formatting told it (:data:`ROW_END`), else at a second \\x07 (where an empty cell
    would read as a row's end too)."""
    rows = []
    for row in marked.split(ROW_END) if ROW_END in marked else marked.split("\x07\x07"):
        cells = [" ".join(c.split()) for c in row.split("\x07")]
        if any(cells):
            rows.append(BlockSpec("table_row", " | ".join(c for c in cells if c)))
    return rows


def _blocks(story: str, paragraphs: list[Paragraph] | None = None) -> list[BlockSpec]:
    """A story's paragraphs as blocks: a table row (cells ended by \\x07) is one row
    block, its cells apart; other paragraphs take the kind of their style and their
    list label when known (``paragraphs``, one each), else are read as plain text is."""
    blocks: list[BlockSpec] = []
    for number, paragraph in enumerate(_visible(story).split("\r")):
        if "\x07" in paragraph or ROW_END in paragraph:  # rows, then what follows them
            cut = max(paragraph.rfind("\x07"), paragraph.rfind(ROW_END))
            rows, paragraph = paragraph[:cut + 1], paragraph[cut + 1:]
            blocks += _table_rows(rows)
        if not paragraph.strip():
            continue
        if paragraphs and number < len(paragraphs):
            kind, label = paragraphs[number]
            blocks.append(BlockSpec(kind, f"{label} {paragraph.strip()}".strip()))
        else:
            blocks += split_blocks(paragraph)
    return blocks


def is_word_97(path: Path) -> bool:
    """Whether the file is a Word 97-2003 document (an OLE file with a text stream;
    a password-protected .docx is an OLE file too, without one)."""
    try:
        if not olefile.isOleFile(str(path)):
            return False
        with olefile.OleFileIO(str(path)) as ole:
            return bool(ole.exists("WordDocument"))
    except (OSError, ValueError):
        return False


def parse_doc(path: Path, fallback_title: str) -> Article:
    """A Word 97-2003 document as an article."""
    stories, paragraphs, meta = _read(path)
    specs: list[BlockSpec] = []
    for name, story in stories:
        if name == "headers":
            continue  # running heads and feet, repeated on every page
        blocks = _blocks(story, paragraphs if name == "main" else None)
        if name != "main" and blocks:
            blocks = [BlockSpec("heading", _HEADINGS[name]), *blocks]
        specs += blocks
    if not meta.get("title"):
        meta["title"] = body_title(_blocks(stories[0][1], paragraphs), fallback_title)
    return build_article(specs, "doc", meta, fallback_title)
