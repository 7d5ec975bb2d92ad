"""Word (.docx): paragraphs, headings by style, list items, quotes and tables in order.

python-docx opens the package (its XML parser resolves no entities); the body
is then walked once as XML.  Style names are looked up in a table built once,
not per paragraph (python-docx's ``paragraph.style`` re-scans the styles part
each time: 69 s for 100,000 paragraphs), and table cells are read as they are
stored, not through ``row.cells``, which expands ``gridSpan`` into that many
cell objects (a span of 10^20 ran out of memory).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

from workbench.importers.article import Article, build_article
from workbench.importers.limits import Deadline, check_word_package
from workbench.text import BlockSpec

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_PSTYLE, _VAL = qn("w:pStyle"), qn("w:val")
_T, _TAB, _BREAKS = qn("w:t"), qn("w:tab"), {qn("w:br"), qn("w:cr")}
# Not read as the paragraph's own text: properties, deleted runs, drawings and text
# boxes (whose content is stored twice, once as a fallback).
_SKIP = {qn("w:pPr"), qn("w:rPr"), qn("w:del"), qn("w:drawing"), qn("w:pict"), qn("w:object"),
         qn("w:txbxContent"), qn("w:instrText"),
         "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent"}
_CHECK_EVERY = 2_000


def _kind(style: str) -> str:
    lowered = style.lower()
    if lowered.startswith(("heading", "title", "subtitle")):
        return "heading"
    if lowered.startswith("list"):
        return "list_item"
    if "quote" in lowered:
        return "quote"
    return "paragraph"


def _style_names(document: Any) -> dict[str, str]:
    """Paragraph style id → name, read once."""
    names: dict[str, str] = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        style_id = style.get(qn("w:styleId")) or ""
        name = style.find(qn("w:name"))
        names[style_id] = (name.get(_VAL) if name is not None else None) or style_id
    return names


def _paragraph_style(p: Any, names: dict[str, str]) -> str:
    ppr = p.pPr
    pstyle = ppr.find(_PSTYLE) if ppr is not None else None
    style_id = pstyle.get(_VAL) if pstyle is not None else None
    return names.get(style_id or "", style_id or "")


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
    rows = []
    for row in table.iterchildren(_TR):
        cells: list[str] = []
        for cell in row.iterchildren(_TC):
            text = "\n".join(_text(p) for p in cell.iter(_P)).strip()
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        rows.append(BlockSpec("table_row", " | ".join(cells)))
    return rows


def _blocks(document: Any, deadline: Deadline) -> list[BlockSpec]:
    names = _style_names(document)
    specs: list[BlockSpec] = []
    for number, element in enumerate(document.element.body.iterchildren()):
        if number % _CHECK_EVERY == 0:
            deadline.check()
        if element.tag == _P:
            specs.append(BlockSpec(_kind(_paragraph_style(element, names)), _text(element)))
        elif element.tag == _TBL:
            specs.extend(_table_rows(element))
    return specs


def _properties(document: Any) -> dict[str, str]:
    """Title, author, creation date and language, each only if it reads cleanly."""
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
    return meta


def parse_docx(path: Path, fallback_title: str) -> Article:
    """A .docx article with its core properties (title, author, created) as metadata."""
    check_word_package(path)
    deadline = Deadline(path.name, path.stat().st_size)
    document = docx.Document(str(path))
    return build_article(_blocks(document, deadline), "docx", _properties(document),
                         fallback_title)
