"""PDF: the text layer, one block per text box, headings by font size.

The pages are read by PDFium (:mod:`workbench.importers.pdf.pages`): text drawn
inside form XObjects, rotated or vertical text, letter-spaced lines, and Arabic
and Hebrew in reading order; drawings are passed over.  The values filled into a
form's fields (:mod:`workbench.importers.pdf.forms`) and the words of stamps are
read as well; reviewers' comments come at the end, each with its author, page
and the words it marks, its marker right after them
(:mod:`workbench.importers.pdf.comments`).  Ligature glyphs become their letters
(so "efficient" is found), glyphs a font does not name are left out, and running
headers and footers (kept once, at the end) and page numbers are taken out of
the text so that a sentence running over a page break reads whole.  The title is
the document's own (or its XMP packet's) when it is a real one, else the
largest line of the first page.

A PDF without a text layer (a scan) and a password-protected PDF are refused
with a message that says so: we never run OCR or guess a password.
"""

from __future__ import annotations

import logging
import re
import statistics
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfexceptions import PDFException
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.utils import decode_text

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article
from workbench.importers.limits import (
    MAX_PDF_CHARACTERS,
    MAX_PDF_PAGES,
    WorkBudget,
    check_pdf_streams,
)
from workbench.importers.pdf.comments import (
    Annotations,
    Comment,
    comment_lines,
    read_annotations,
    with_markers,
)
from workbench.importers.pdf.forms import FieldText, field_texts
from workbench.importers.pdf.pages import LOCK, draws, open_document, page_boxes, words_in
from workbench.importers.pdf.strings import keep_unknown_escapes
from workbench.importers.pdf.xmp import xmp_properties
from workbench.text.blocks import BlockSpec

_HEADING_RATIO = 1.15
# pdfminer (annotations, metadata) logs every oddity of a damaged file as a warning;
# what matters reaches the user as the refusal's sentence.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
keep_unknown_escapes()  # "\\ " in an annotation's string is a space, as in every reader


_PAGE_NUMBER = re.compile(r"^(page\s*)?(\d+|[ivxlc]+)(\s*(of|/)\s*\d+)?$", re.I)
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "\u201d", "\u2019", ")")
MARGIN = 0.1  # the top and bottom tenth of a page, where running heads and feet sit
RUNNING_WORDS = 10  # a running head or foot is short; a longer repeated line is text


@dataclass(frozen=True)
class _Box:
    """A text box: its text, font size, page, and where it sits (0 top, 1 bottom)."""

    text: str
    size: float
    page: int
    top: float
    bottom: float

    def in_margin(self) -> bool:
        return self.bottom <= MARGIN or self.top >= 1 - MARGIN


@dataclass
class _Pages:
    """What the pages hold: text boxes, whether anything is drawn, how many pages."""

    boxes: list[_Box] = field(default_factory=list)
    drawn: bool = False
    count: int = 0
    quotes: dict[int, str] = field(default_factory=dict)  # a comment's marked words


def _read_pages(path: Path, comments: list[Comment]) -> _Pages:
    """The pages' text boxes, within the page and time limits (PDFium reads them:
    :mod:`workbench.importers.pdf.pages`); the words each comment marks, and its
    marker put right after them.  A damaged or locked file is told in words by
    :mod:`workbench.importers.failures`."""
    budget = WorkBudget(path.name, MAX_PDF_CHARACTERS, "characters")
    pages = _Pages()
    with LOCK:
        document = open_document(str(path))  # PDFium's failures: told by failures.py
        try:
            if len(document) > MAX_PDF_PAGES:
                raise ImportRefused(f"{path.name} has more than {MAX_PDF_PAGES:,} pages; "
                                    "split it into smaller files.")
            for number, page in enumerate(document, 1):
                first = len(pages.boxes)
                _read_page(page, number, pages, comments)
                page.close()
                pages.count = number
                budget.spend(1 + sum(len(box.text) for box in pages.boxes[first:]))
        finally:
            document.close()
    return pages


def _read_page(page: Any, number: int, pages: _Pages, comments: list[Comment]) -> None:
    height = float(page.get_height()) or 1.0
    first = len(pages.boxes)
    for box in page_boxes(page):
        pages.boxes.append(_Box(box.text(), statistics.median(box.sizes), number,
                                (height - box.y1) / height, (height - box.y0) / height))
    pages.drawn = pages.drawn or draws(page)
    marks = {index: words_in(page, comment.areas) for index, comment in enumerate(comments)
             if comment.page == number and comment.areas}
    pages.quotes.update(marks)
    if marks:
        texts = with_markers([b.text for b in pages.boxes[first:]], marks)
        pages.boxes[first:] = [replace(b, text=t)
                               for b, t in zip(pages.boxes[first:], texts, strict=True)]


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.casefold())


def without_furniture(boxes: list[_Box], pages: int) -> tuple[list[_Box], list[str]]:
    """The boxes less running headers and footers (the same words in the margin of half
    the pages or more) and page numbers, a sentence cut by a page break joined again;
    and each running header and footer once (a marking, a report's name: kept, out of
    the text's way)."""
    seen: dict[str, set[int]] = {}
    for box in boxes:
        if box.in_margin() and len(box.text.split()) <= RUNNING_WORDS:
            seen.setdefault(_furniture_key(box.text), set()).add(box.page)
    running = {key for key, found in seen.items() if pages >= 3 and len(found) >= pages / 2}
    kept: list[_Box] = []
    furniture: dict[str, str] = {}
    for box in boxes:
        key = _furniture_key(box.text)
        if box.in_margin() and key in running and not _PAGE_NUMBER.match(box.text):
            furniture.setdefault(key, box.text)
        elif not (box.in_margin() and (key in running or _PAGE_NUMBER.match(box.text))):
            kept.append(box)
    joined: list[_Box] = []
    for box in kept:
        previous = joined[-1] if joined else None
        if previous is not None and previous.page < box.page and box.text[:1].islower() \
                and not previous.text.endswith(_SENTENCE_END):
            joined[-1] = _Box(f"{previous.text} {box.text}", previous.size, box.page,
                              box.top, box.bottom)
        else:
            joined.append(box)
    return joined, list(furniture.values())


def _no_text(path: Path, pages: _Pages, broken_streams: int) -> ImportRefused:
    """Why a PDF gave no text: damaged, a scan, or empty pages (each told apart)."""
    if broken_streams:
        return ImportRefused(f"{path.name} is damaged: its text could not be decoded.")
    if pages.drawn:
        return ImportRefused(
            f"{path.name} has no text layer (a scanned PDF?); run OCR on it first.")
    return ImportRefused(f"{path.name} has no text to import (its pages are empty).")


_UNREADABLE = (PSException, PDFException, ValueError, TypeError, KeyError, AttributeError)


def _annotations(path: Path) -> tuple[list[FieldText], Annotations]:
    """Filled-in fields, stamps and comments, from one reading of the file's structure
    (forms or annotations that cannot be read leave the text, and each other, as they
    are)."""
    with path.open("rb") as handle:
        try:
            document = PDFDocument(PDFParser(handle))
        except _UNREADABLE:
            return [], Annotations([], [])
        try:
            fields = list(field_texts(document))
        except _UNREADABLE:
            fields = []
        try:
            return fields, read_annotations(document)
        except _UNREADABLE:
            return fields, Annotations([], [])


def _with_shown(boxes: list[_Box], shown: list[FieldText]) -> list[_Box]:
    """The pages' text boxes with each page's filled-in fields and stamps after its
    text."""
    if not shown:
        return boxes
    merged = []
    for number in sorted({b.page for b in boxes} | {f.page for f in shown}):
        merged += [b for b in boxes if b.page == number]
        merged += [_Box(f.text, 0.0, number, f.top, f.bottom) for f in shown
                   if f.page == number]
    return merged


def parse_pdf(path: Path, fallback_title: str) -> Article:
    """A PDF article from its text layer."""
    with path.open("rb") as handle:
        if not handle.read(1024).lstrip()[:5] == b"%PDF-":
            raise ImportRefused(f"{path.name} is not a PDF file (it does not start like one).")
    broken_streams = check_pdf_streams(path.read_bytes(), path.name)
    fields, notes = _annotations(path)
    pages = _read_pages(path, notes.comments)
    boxes, furniture = without_furniture(
        [b for b in _with_shown(pages.boxes, [*fields, *notes.shown]) if b.text], pages.count)
    if not boxes:
        raise _no_text(path, pages, broken_streams)
    body = statistics.median([b.size for b in boxes if b.size] or [0.0])
    specs = [
        BlockSpec("heading" if b.size >= body * _HEADING_RATIO and len(b.text) < 200
                  else "paragraph", b.text)
        for b in boxes
    ]
    if furniture:
        specs += [BlockSpec("heading", "Running heads and feet"),
                  *(BlockSpec("paragraph", text) for text in furniture)]
    if notes.comments:
        specs += [BlockSpec("heading", "Comments in the file"),
                  *(BlockSpec("paragraph", line)
                    for line in comment_lines(notes.comments, pages.quotes))]
    meta = _properties(path)
    if not is_real_title(meta.get("title", "")):
        meta["title"] = _first_page_title(boxes) or fallback_title
    return build_article(specs, "pdf", meta, fallback_title)


_FILE_NAME = re.compile(r"\.(docx?|pdf|tex|indd|rtf|odt|pptx?|qxd)$|^microsoft word - ", re.I)


def is_real_title(title: str) -> bool:
    """Whether a title says something: words, not a file name, a size, a letter or
    letter-spaced debris ("A PL C o. P te")."""
    tokens = re.findall(r"[^\W\d_]+", title)
    words = [t for t in tokens if len(t) >= 2]
    singles = len(tokens) - len(words)
    return (len(words) >= 3 or (len(words) == 2 and sum(map(len, words)) >= 10)) \
        and singles * 3 <= len(tokens) and not _FILE_NAME.search(title.strip())


_MARKER = re.compile(r"\[C\d+\]")  # a comment's marker, never part of a title


def _first_page_title(boxes: list[_Box]) -> str:
    """The largest line of the first page that reads as a title ('' if none does)."""
    first = [b for b in boxes if b.page == boxes[0].page and len(b.text) <= 200
             and is_real_title(b.text)]
    return _MARKER.sub("", max(first, key=lambda b: b.size).text) if first else ""


_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


def _properties(path: Path) -> dict[str, str]:
    """Title, author and creation date from the PDF's document information, else from
    its XMP metadata (:mod:`workbench.importers.pdf.xmp`), when present.

    Optional: a damaged or odd information dictionary leaves them out, nothing more.
    """
    try:
        with path.open("rb") as handle:
            document = PDFDocument(PDFParser(handle))
            infos = document.info
            info = {k: resolve1(v) for k, v in (infos[0] if infos else {}).items()}
            xmp = xmp_properties(document)
    except Exception:  # the text was read; its details are a bonus
        return {}
    meta = {key: decode_text(value).strip() if isinstance(value, bytes) else str(value)
            for key, value in (("title", info.get("Title")), ("author", info.get("Author")))
            if isinstance(value, bytes | str) and value}
    created = info.get("CreationDate")
    found = _PDF_DATE.match(decode_text(created) if isinstance(created, bytes) else "")
    if found and found.group(2) and found.group(3):
        meta["published"] = f"{found.group(1)}-{found.group(2)}-{found.group(3)}"
    meta = {k: v for k, v in meta.items() if v and v.lower() not in ("untitled", "anonymous")}
    return {**xmp, **meta}
