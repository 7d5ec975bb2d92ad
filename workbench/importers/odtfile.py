"""OpenDocument text (.odt, LibreOffice and others): everything a reader sees, in order.

Headings, paragraphs, list items with their numbers
(:mod:`workbench.importers.odt_numbering`), tables (a row a block), sections, text boxes
(after the paragraph holding them), the accepted text of tracked changes (the
deleted text is kept apart in the file and left out), and footnotes, endnotes
and comments at the end, each behind a marker where it stood ([1], [E1],
[C1]).  The title, author and creation date come from the file's own
metadata.  The package is checked as a Word file is (size, parts, entities)
and its XML parsed with entities and network access off.
"""

from __future__ import annotations

import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from workbench.errors import ImportRefused
from workbench.importers.article import Article, body_title, build_article
from workbench.importers.limits import MAX_DOCUMENT_ELEMENTS, WorkBudget, check_word_package
from workbench.importers.odt_numbering import OdfNumbering, read_list_styles
from workbench.text.blocks import BlockSpec

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_DC = "http://purl.org/dc/elements/1.1/"
_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def _t(name: str) -> str:
    return f"{{{_TEXT}}}{name}"


_P, _H, _LIST, _ITEM, _HEADER = _t("p"), _t("h"), _t("list"), _t("list-item"), \
    _t("list-header")
_NOTE, _SPACE, _TAB, _BREAK = _t("note"), _t("s"), _t("tab"), _t("line-break")
_TABLE_ROW, _TABLE_CELL = f"{{{_TABLE}}}table-row", f"{{{_TABLE}}}table-cell"
_ANNOTATION = f"{{{_OFFICE}}}annotation"
# Never read as text: deleted text of tracked changes, the end of a comment's range,
# numbering shown by the style, and what a frame holds besides a text box.
_SKIP = {_t("tracked-changes"), f"{{{_OFFICE}}}annotation-end", _t("number"),
         _t("sequence-decls"), _t("variable-decls"), _t("user-field-decls"),
         f"{{{_OFFICE}}}forms"}


@dataclass
class _Reader:
    """Walks the body in reading order; notes and comments gathered for the end."""

    budget: WorkBudget
    numbering: OdfNumbering
    specs: list[BlockSpec] = field(default_factory=list)
    notes: dict[str, list[BlockSpec]] = field(default_factory=lambda: {
        "footnote": [], "endnote": [], "comment": []})

    def read(self, parent: Any, kind: str = "paragraph", label: str = "",
             style: str = "") -> None:
        """Blocks of ``parent``'s children; ``label`` goes before the first paragraph (a
        list item's number), ``style`` is the list style a nested list inherits."""
        for element in parent:
            self.budget.spend()
            tag = element.tag
            if tag in (_P, _H):
                boxes: list[Any] = []
                text = self.inline(element, boxes)
                if label and text.strip():
                    text, label = f"{label} {text}", ""
                self.specs.append(BlockSpec("heading" if tag == _H else kind, text))
                for box in boxes:
                    self.read(box)
            elif tag == _LIST:
                inner = self.numbering.enter(element, style)
                self.read(element, "list_item", style=inner)
                self.numbering.leave()
            elif tag in (_ITEM, _HEADER):
                self.read(element, "list_item",
                          self.numbering.label(element) if tag == _ITEM else "", style)
            elif tag == _TABLE_ROW:
                cells = [" ".join(self.inline(p, []) for p in cell.iter(_P, _H)).strip()
                         for cell in element.iterchildren(_TABLE_CELL)]
                self.specs.append(BlockSpec("table_row", " | ".join(c for c in cells if c)))
            elif isinstance(tag, str) and tag not in _SKIP:
                self.read(element, kind, style=style)  # sections, tables, page breaks...

    def inline(self, element: Any, boxes: list[Any]) -> str:
        """A paragraph's text: spans, links, spaces and tabs; notes and comments as
        markers; the text boxes it anchors are handed back in ``boxes``."""
        parts = [element.text or ""]
        for child in element:
            tag = child.tag
            if tag == _SPACE:
                parts.append(" " * int(child.get(_t("c")) or 1))
            elif tag == _TAB:
                parts.append("\t")
            elif tag == _BREAK:
                parts.append("\n")
            elif tag == _NOTE:
                parts.append(self._note(child))
            elif tag == _ANNOTATION:
                parts.append(self._comment(child))
            elif isinstance(tag, str) and tag.startswith(f"{{{_DRAW}}}"):
                boxes.append(child)  # a frame or shape: its paragraphs follow this one
            elif isinstance(tag, str) and tag not in _SKIP:
                parts.append(self.inline(child, boxes))
            parts.append(child.tail or "")
        return "".join(parts)

    def _note(self, note: Any) -> str:
        kind = note.get(_t("note-class")) or "footnote"
        citation = note.find(_t("note-citation"))
        number = (citation.text if citation is not None else "") or \
            str(len(self.notes.get(kind, [])) + 1)
        marker = f"[E{number}]" if kind == "endnote" else f"[{number}]"
        body = note.find(_t("note-body"))
        text = " ".join(self.inline(p, []) for p in body.iter(_P, _H)) if body is not None \
            else ""
        self.notes.setdefault(kind, []).append(BlockSpec("paragraph", f"{marker} {text}"))
        return marker

    def _comment(self, annotation: Any) -> str:
        marker = f"[C{len(self.notes['comment']) + 1}]"
        creator = annotation.find(f"{{{_DC}}}creator")
        who = f"{creator.text}: " if creator is not None and creator.text else ""
        text = " ".join(self.inline(p, []) for p in annotation.iter(_P))
        self.notes["comment"].append(BlockSpec("paragraph", f"{marker} {who}{text}"))
        return marker

    def end_matter(self) -> list[BlockSpec]:
        headings = {"footnote": "Footnotes", "endnote": "Endnotes",
                    "comment": "Comments in the file"}
        specs: list[BlockSpec] = []
        for kind, heading in headings.items():
            if self.notes.get(kind):
                specs += [BlockSpec("heading", heading), *self.notes[kind]]
        return specs


def _xml(package: zipfile.ZipFile, name: str, *, needed: bool = False) -> Any:
    """A part parsed (None when it is missing, or damaged and not ``needed``: the
    metadata and styles are a bonus, the text is not)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(package.read(name), parser)
    except KeyError:
        return None
    except etree.XMLSyntaxError as exc:
        if needed:
            raise ImportRefused(f"its {name} is damaged ({exc.msg}).") from exc
        return None


def _properties(meta: Any) -> dict[str, str]:
    """Title, author and creation date from meta.xml."""
    if meta is None:
        return {}
    found = {
        "title": meta.findtext(f".//{{{_DC}}}title") or "",
        "author": meta.findtext(f".//{{{_DC}}}creator")
        or meta.findtext(f".//{{{_META}}}initial-creator") or "",
        "published": (meta.findtext(f".//{{{_META}}}creation-date") or "")[:10],
    }
    return {k: " ".join(v.split()) for k, v in found.items() if v.strip()}


def _encrypted(package: zipfile.ZipFile) -> bool:
    """Whether the manifest says the parts are encrypted (a password-protected file)."""
    try:
        with package.open("META-INF/manifest.xml") as manifest:
            return b"encryption-data" in manifest.read(1024 * 1024)
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError):
        return False


def parse_odt(path: Path, fallback_title: str) -> Article:
    """An OpenDocument text as an article."""
    check_word_package(path, "an OpenDocument text")
    budget = WorkBudget(path.name, MAX_DOCUMENT_ELEMENTS, "elements")
    with zipfile.ZipFile(path) as package:
        if b"opendocument.text" not in (package.read("mimetype")
                                         if "mimetype" in package.namelist() else b""):
            raise ImportRefused(f"{path.name} is not an OpenDocument text (.odt).")
        if _encrypted(package):
            raise ImportRefused(f"{path.name} is password-protected; save it without a "
                                "password first.")
        content = _xml(package, "content.xml", needed=True)
        meta = _xml(package, "meta.xml")
        styles = _xml(package, "styles.xml")
    body = content.find(f".//{{{_OFFICE}}}text") if content is not None else None
    if body is None:
        raise ImportRefused(f"{path.name} is damaged: it has no text part.")
    reader = _Reader(budget, read_list_styles(styles, content))
    reader.read(body)
    details = _properties(meta)
    if not details.get("title"):  # the body's first heading or line, never the notes'
        details["title"] = body_title(reader.specs, fallback_title)
    return build_article(reader.specs + reader.end_matter(), "odt", details, fallback_title)
