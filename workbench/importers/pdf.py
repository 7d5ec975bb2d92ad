"""PDF: the text layer, one block per text box, headings by font size.

A PDF without a text layer (a scan) and a password-protected PDF are refused
with a message that says so: we never run OCR or guess a password.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLine

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article
from workbench.importers.limits import MAX_PDF_PAGES, Deadline, check_pdf_streams
from workbench.text import BlockSpec

_HEADING_RATIO = 1.15


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


def _boxes(path: Path) -> list[tuple[str, float]]:
    """Text boxes with their font size, page by page, within the page and time limits.

    pdfminer's own failures (damaged, encrypted, unsupported) are told in words
    by :mod:`workbench.importers.failures`.
    """
    data = path.read_bytes()
    if not data.lstrip()[:5] == b"%PDF-":
        raise ImportRefused(f"{path.name} is not a PDF file (it does not start like one).")
    check_pdf_streams(data, path.name)
    deadline = Deadline(path.name, len(data))
    boxes: list[tuple[str, float]] = []
    for number, page in enumerate(extract_pages(str(path), laparams=LAParams()), 1):
        if number > MAX_PDF_PAGES:
            raise ImportRefused(f"{path.name} has more than {MAX_PDF_PAGES:,} pages; "
                                "split it into smaller files.")
        boxes += [(_box_text(el), _box_size(el)) for el in page
                  if isinstance(el, LTTextContainer)]
        deadline.check()
    return boxes


def parse_pdf(path: Path, fallback_title: str) -> Article:
    """A PDF article from its text layer."""
    boxes = [(text, size) for text, size in _boxes(path) if text]
    if not boxes:
        raise ImportRefused(
            f"{path.name} has no text layer (a scanned PDF?); run OCR on it first.")
    body = statistics.median(size for _, size in boxes)
    specs = [
        BlockSpec("heading" if size >= body * _HEADING_RATIO and len(text) < 200
                  else "paragraph", text)
        for text, size in boxes
    ]
    return build_article(specs, "pdf", {}, fallback_title)
