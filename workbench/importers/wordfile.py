"""Word (.docx): paragraphs, headings by style, list items, quotes and tables in order."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article
from workbench.text import BlockSpec


def _paragraph_kind(paragraph: Paragraph) -> str:
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    lowered = style.lower()
    if lowered.startswith(("heading", "title", "subtitle")):
        return "heading"
    if lowered.startswith("list"):
        return "list_item"
    if "quote" in lowered:
        return "quote"
    return "paragraph"


def _table_rows(table: Table) -> list[BlockSpec]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = cell.text.strip()
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        rows.append(BlockSpec("table_row", " | ".join(cells)))
    return rows


def parse_docx(path: Path, fallback_title: str) -> Article:
    """A .docx article with its core properties (title, author, created) as metadata."""
    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError) as exc:
        raise ImportRefused(f"{path.name} is not a readable Word (.docx) file.") from exc
    specs: list[BlockSpec] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            specs.append(BlockSpec(_paragraph_kind(item), item.text))
        else:
            specs.extend(_table_rows(item))
    props = document.core_properties
    meta = {
        "title": props.title or "",
        "author": props.author or "",
        "published": props.created.date().isoformat() if props.created else "",
        "language": props.language or "",
    }
    return build_article(specs, "docx", meta, fallback_title)
