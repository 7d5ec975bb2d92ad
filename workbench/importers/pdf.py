"""PDF: the text layer, one block per text box, headings by font size.

A PDF without a text layer (a scan) and a password-protected PDF are refused
with a message that says so: we never run OCR or guess a password.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.utils import decode_text

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article
from workbench.importers.limits import MAX_PDF_PAGES, Deadline, check_pdf_streams
from workbench.text import BlockSpec

_HEADING_RATIO = 1.15
# pdfminer logs every oddity of a damaged file as a warning; what matters reaches
# the user as the refusal's sentence.
logging.getLogger("pdfminer").setLevel(logging.ERROR)


def _box_size(box: LTTextContainer[Any]) -> float:
    sizes = [ch.size for line in box if isinstance(line, LTTextLine)
             for ch in line if isinstance(ch, LTChar)]
    return statistics.median(sizes) if sizes else 0.0


def _box_text(box: LTTextContainer[Any]) -> str:
    """A text box's lines joined into one paragraph, hyphenated breaks mended."""
    text = ""
    for line in box.get_text().splitlines():
        line = line.strip()
        if not line:
            continue
        if text.endswith("-") and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


@dataclass
class _Pages:
    """What the pages hold: text boxes with their font size, and whether anything is drawn."""

    boxes: list[tuple[str, float]] = field(default_factory=list)
    drawn: bool = False


def _read_pages(path: Path) -> _Pages:
    """The pages' text boxes, within the page and time limits.

    pdfminer's own failures (damaged, encrypted, unsupported) are told in words
    by :mod:`workbench.importers.failures`.
    """
    deadline = Deadline(path.name, path.stat().st_size)
    pages = _Pages()
    for number, page in enumerate(extract_pages(str(path), laparams=LAParams()), 1):
        if number > MAX_PDF_PAGES:
            raise ImportRefused(f"{path.name} has more than {MAX_PDF_PAGES:,} pages; "
                                "split it into smaller files.")
        for element in page:
            if isinstance(element, LTTextContainer):
                pages.boxes.append((_box_text(element), _box_size(element)))
            else:
                pages.drawn = True
        deadline.check()
    return pages


def _no_text(path: Path, pages: _Pages, broken_streams: int) -> ImportRefused:
    """Why a PDF gave no text: damaged, a scan, or empty pages (each told apart)."""
    if broken_streams:
        return ImportRefused(f"{path.name} is damaged: its text could not be decoded.")
    if pages.drawn:
        return ImportRefused(
            f"{path.name} has no text layer (a scanned PDF?); run OCR on it first.")
    return ImportRefused(f"{path.name} has no text to import (its pages are empty).")


def parse_pdf(path: Path, fallback_title: str) -> Article:
    """A PDF article from its text layer."""
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip()[:5] == b"%PDF-":
            raise ImportRefused(f"{path.name} is not a PDF file (it does not start like one).")
    broken_streams = check_pdf_streams(path.read_bytes(), path.name)
    pages = _read_pages(path)
    boxes = [(text, size) for text, size in pages.boxes if text]
    if not boxes:
        raise _no_text(path, pages, broken_streams)
    body = statistics.median(size for _, size in boxes)
    specs = [
        BlockSpec("heading" if size >= body * _HEADING_RATIO and len(text) < 200
                  else "paragraph", text)
        for text, size in boxes
    ]
    return build_article(specs, "pdf", _properties(path), fallback_title)


_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


def _properties(path: Path) -> dict[str, str]:
    """Title, author and creation date from the PDF's document information, when present.

    Optional: a damaged or odd information dictionary leaves them out, nothing more.
    """
    try:
        with path.open("rb") as handle:
            infos = PDFDocument(PDFParser(handle)).info
            info = {k: resolve1(v) for k, v in (infos[0] if infos else {}).items()}
    except Exception:  # the text was read; its details are a bonus
        return {}
    meta = {key: decode_text(value).strip() if isinstance(value, bytes) else str(value)
            for key, value in (("title", info.get("Title")), ("author", info.get("Author")))
            if isinstance(value, bytes | str) and value}
    created = info.get("CreationDate")
    found = _PDF_DATE.match(decode_text(created) if isinstance(created, bytes) else "")
    if found and found.group(2) and found.group(3):
        meta["published"] = f"{found.group(1)}-{found.group(2)}-{found.group(3)}"
    return {k: v for k, v in meta.items() if v and v.lower() not in ("untitled", "anonymous")}
