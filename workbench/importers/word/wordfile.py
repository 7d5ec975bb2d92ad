"""Word (.docx): everything a reader sees, in order: paragraphs, headings by style,
list items with their numbers (:mod:`workbench.importers.word.numbering`), quotes,
tables (nested ones inside their cell), content controls, text boxes (after the
paragraph holding them), the accepted text of tracked changes (insertions in,
deletions out), and footnotes, endnotes and comments at the end, each behind a
marker where it stood ([1], [E1], [C1]).

python-docx opens the package (its XML parser resolves no entities); the body
is then walked once as XML.  Style names are looked up in a table built once,
not per paragraph (python-docx's ``paragraph.style`` re-scans the styles part
each time: 69 s for 100,000 paragraphs), and table cells are read as they are
stored, not through ``row.cells``, which expands ``gridSpan`` into that many
cell objects (a span of 10^20 ran out of memory).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from workbench.importers.article import Article, body_title, build_article, kind_of_style
from workbench.importers.limits import MAX_DOCUMENT_ELEMENTS, WorkBudget, check_word_package
from workbench.importers.word.docfile import is_word_97, parse_doc
from workbench.importers.word.numbering import Numbering, read_numbering
from workbench.importers.word.strict import as_transitional
from workbench.text.blocks import BlockSpec

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_TXBX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Block-level elements that hold no text a reader sees (properties, deleted or moved-away
# content); any other container (content controls, custom XML) is read through.
_NOT_CONTENT = {qn("w:sectPr"), qn("w:sdtPr"), qn("w:sdtEndPr"), qn("w:del"),
                qn("w:moveFrom"), qn("w:bookmarkStart"), qn("w:bookmarkEnd"),
                qn("w:commentRangeStart"), qn("w:commentRangeEnd")}
_MARKERS = {qn("w:footnoteReference"): "[{}]", qn("w:endnoteReference"): "[E{}]",
            qn("w:commentReference"): "[C{}]"}
_NOTE_PARTS = {"footnotes": ("w:footnote", "Footnotes", "[{}]"),
               "endnotes": ("w:endnote", "Endnotes", "[E{}]"),
               "comments": ("w:comment", "Comments in the file", "[C{}]")}
_PSTYLE, _VAL = qn("w:pStyle"), qn("w:val")
_T, _TAB, _BREAKS = qn("w:t"), qn("w:tab"), {qn("w:br"), qn("w:cr")}
# Not read as the paragraph's own text: properties, deleted runs, drawings and text
# boxes (whose content is stored twice, once as a fallback).
_SKIP = {qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:moveFrom"), qn("w:drawing"),
         qn("w:pict"), qn("w:object"), qn("w:txbxContent"), qn("w:instrText"),
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}


def _style_names(document: Any) -> dict[str, str]:
    """Paragraph style id → name, read once."""
    names: dict[str, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId")) or ""
        name = style.find(qn("w:name"))
        names[style_id] = (name.get(_VAL) if name is not None else None) or style_id
    return names


def _style_id(p: Any) -> str:
    ppr = p.pPr
    pstyle = ppr.find(_PSTYLE) if ppr is not None else None
    return (pstyle.get(_VAL) if pstyle is not None else None) or ""


def _text(element: Any) -> str:
    """A paragraph's visible text: runs, hyperlinks, insertions, fields; tabs and breaks.

    One walk over the XML (python-docx compiles an XPath per run: 20 µs each).
    """
    parts: list[str] = []
    stack = [iter(element)]
    while stack:
        for child in stack[-1]:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag in _MARKERS:
                parts.append(_MARKERS[tag].format(child.get(qn("w:id"))))
            elif tag == _TAB:
                parts.append("\t")
            elif tag in _BREAKS:
                parts.append("\n")
            elif tag not in _SKIP and len(child):
                stack.append(iter(child))
                break
        else:
            stack.pop()
    return "".join(parts)


def _table_rows(table: Any) -> list[BlockSpec]:
    """A row per table row, its cells apart; a nested table's text stays in its cell."""
    rows = []
    for row in table.iterchildren(_TR):
        cells: list[str] = []
        for cell in row.iterchildren(_TC):
            text = "\n".join(t for t in (_text(p) for p in cell.iter(_P)
                                          if not _in_text_box(p, cell)) if t).strip()
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        rows.append(BlockSpec("table_row", " | ".join(cells)))
    return rows


def _in_text_box(element: Any, within: Any) -> bool:
    """Whether ``element`` lies in a text box (read apart) below ``within``."""
    parent = element.getparent()
    while parent is not None and parent is not within:
        if parent.tag == _TXBX:
            return True
        parent = parent.getparent()
    return False


def _text_boxes(paragraph: Any) -> list[Any]:
    """The text boxes a paragraph holds, each once (Word stores a fallback copy)."""
    boxes = []
    for box in paragraph.iter(_TXBX):
        parent, fallback = box.getparent(), False
        while parent is not None and parent is not paragraph:
            if parent.tag == _FALLBACK:
                fallback = True
                break
            parent = parent.getparent()
        if not fallback and not _in_text_box(box, paragraph):
            boxes.append(box)
    return boxes


class _BodyReader:
    """Walks block-level content in reading order into block specs."""

    def __init__(self, names: dict[str, str], numbering: Numbering,
                 budget: WorkBudget) -> None:
        self.names = names
        self.numbering = numbering
        self.budget = budget
        self.specs: list[BlockSpec] = []

    def read(self, parent: Any) -> None:
        for element in parent.iterchildren():
            self.budget.spend()
            tag = element.tag
            if tag == _P:
                self.specs.append(self._paragraph(element))
                for box in _text_boxes(element):
                    self.read(box)
            elif tag == _TBL:
                self.specs.extend(_table_rows(element))
            elif tag not in _NOT_CONTENT and isinstance(tag, str) and len(element):
                self.read(element)  # a content control, custom XML: its content in place

    def _paragraph(self, p: Any) -> BlockSpec:
        """A paragraph's block: its kind by style, its list label ("3.", "b)") first."""
        style_id = _style_id(p)
        kind = kind_of_style(self.names.get(style_id, style_id))
        text, label = _text(p), self.numbering.label(p, style_id)
        if label and text.strip():
            return BlockSpec("list_item" if kind == "paragraph" else kind, f"{label} {text}")
        return BlockSpec(kind, text)


def _body(document: Any, budget: WorkBudget) -> list[BlockSpec]:
    reader = _BodyReader(_style_names(document), read_numbering(document), budget)
    reader.read(document.element.body)
    return reader.specs


def _notes(document: Any) -> list[BlockSpec]:
    """Footnotes, endnotes and comments, each behind the marker the text carries."""
    specs: list[BlockSpec] = []
    for relationship in document.part.rels.values():
        kind = relationship.reltype.rsplit("/", 1)[-1]
        if kind not in _NOTE_PARTS or relationship.is_external:
            continue
        tag, heading, marker = _NOTE_PARTS[kind]
        root = parse_xml(relationship.target_part.blob)
        found = []
        for note in root.iterchildren(qn(tag)):
            if note.get(qn("w:type")) in ("separator", "continuationSeparator",
                                          "continuationNotice"):
                continue
            text = " ".join(t for t in (_text(p) for p in note.iter(_P)) if t).strip()
            author = note.get(qn("w:author")) or ""
            if text:
                who = f"{author}: " if kind == "comments" and author else ""
                found.append(BlockSpec("paragraph",
                                       f"{marker.format(note.get(qn('w:id')))} {who}{text}"))
        if found:
            specs += [BlockSpec("heading", heading), *found]
    return specs


def _properties(document: Any) -> dict[str, str]:
    """Title, author, creation date, language and the company the file names, each only
    if it reads cleanly."""
    meta: dict[str, str] = {}
    props = document.core_properties
    readers: dict[str, Callable[[], Any]] = {
        "title": lambda: props.title, "author": lambda: props.author,
        "published": lambda: props.created.date().isoformat() if props.created else "",
        "language": lambda: props.language,
    }
    for key, read in readers.items():
        try:
            meta[key] = str(read() or "")
        except (ValueError, TypeError, AttributeError, OverflowError):
            meta[key] = ""  # a malformed property is left out, the text is still read
    meta["source"] = _company(document)
    return meta


_EXTENDED = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"


def _company(document: Any) -> str:
    """The organisation the file names as its own (``docProps/app.xml``'s Company)."""
    for part in document.part.package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            try:
                found = parse_xml(part.blob).find(f"{_EXTENDED}Company")
            except (ValueError, SyntaxError):  # lxml's XMLSyntaxError is a SyntaxError
                return ""
            return " ".join((found.text or "").split()) if found is not None else ""
    return ""


def parse_docx(path: Path, fallback_title: str) -> Article:
    """A .docx article with its core properties (title, author, created) as metadata
    (a Word 97-2003 file named .docx is read as the .doc it is)."""
    if is_word_97(path):
        return parse_doc(path, fallback_title)
    check_word_package(path)
    budget = WorkBudget(path.name, MAX_DOCUMENT_ELEMENTS, "elements")
    document = docx.Document(io.BytesIO(as_transitional(path.read_bytes())))
    body, meta = _body(document, budget), _properties(document)
    if not meta.get("title"):  # the body's first heading, never the notes' own heading
        meta["title"] = body_title(body, fallback_title)
    return build_article(body + _notes(document), "docx", meta, fallback_title)
