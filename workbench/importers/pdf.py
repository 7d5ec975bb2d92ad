"""PDF: the text layer, one block per text box, headings by font size.

Text drawn inside form XObjects, rotated or vertical text, the values filled
into a form's fields (:mod:`workbench.importers.pdf_forms`) and the words of
stamps are read as well; reviewers' comments come at the end, each with its
author, page and the words it marks (:mod:`workbench.importers.pdf_comments`);
Arabic and Hebrew lines are put in reading order; letter-spaced lines are read
as words (:mod:`workbench.importers.pdf_lines`); drawings are skipped unread
(:mod:`workbench.importers.pdf_drawing`).  Ligature glyphs become their
letters (so "efficient" is found), glyphs a font does not name (pdfminer's
``(cid:N)``) are left out, and running headers and footers (kept once, at the
end) and page numbers are taken out of the text so that a sentence running over
a page break reads whole.  The title is the document's own (or its XMP
packet's) when it is a real one, else the largest line of the first page.
A file gives the same text at every reading (:mod:`workbench.importers.pdf_stable`).

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

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTChar, LTFigure, LTImage, LTTextContainer, LTTextLine
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfexceptions import PDFException
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.utils import decode_text

from workbench.errors import ImportRefused
from workbench.importers.article import Article, build_article
from workbench.importers.limits import MAX_PDF_PAGES, Deadline, check_pdf_streams
from workbench.importers.pdf_comments import (
    Annotations,
    Comment,
    comment_lines,
    marked_words,
    read_annotations,
    with_markers,
)
from workbench.importers.pdf_drawing import (
    painted_since_start,
    read_without_drawing,
    start_watching,
)
from workbench.importers.pdf_forms import FieldText, field_texts
from workbench.importers.pdf_lines import clean_pdf_text, line_text
from workbench.importers.pdf_stable import order_ties_by_position
from workbench.importers.pdf_strings import keep_unknown_escapes
from workbench.importers.pdf_xmp import xmp_properties
from workbench.text import BlockSpec

_HEADING_RATIO = 1.15
# pdfminer logs every oddity of a damaged file as a warning; what matters reaches
# the user as the refusal's sentence.
logging.getLogger("pdfminer").setLevel(logging.ERROR)
keep_unknown_escapes()  # "\\ " in a string is a space, as in every other reader
read_without_drawing()  # a map's 300,000 path operators are not read one by one
order_ties_by_position()  # one file, one text: no memory address decides an order


def _box_size(box: LTTextContainer[Any]) -> float:
    sizes = [ch.size for line in box if isinstance(line, LTTextLine)
             for ch in line if isinstance(ch, LTChar)]
    return statistics.median(sizes) if sizes else 0.0


_PAGE_NUMBER = re.compile(r"^(page\s*)?(\d+|[ivxlc]+)(\s*(of|/)\s*\d+)?$", re.I)
_SENTENCE_END = (".", "!", "?", ":", ";", '"', "\u201d", "\u2019", ")")
MARGIN = 0.1  # the top and bottom tenth of a page, where running heads and feet sit
RUNNING_WORDS = 10  # a running head or foot is short; a longer repeated line is text


def _box_text(box: LTTextContainer[Any]) -> str:
    """A text box's lines joined into one paragraph, hyphenated breaks mended."""
    text = ""
    lines = [line_text(line) for line in box if isinstance(line, LTTextLine)] or \
        box.get_text().splitlines()
    for line in lines:
        line = clean_pdf_text(line)
        if not line:
            continue
        if text.endswith("-") and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


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


def _collect(container: Any, number: int, height: float, pages: _Pages) -> None:
    """Text boxes of a page, and of the forms (figures) drawn on it, in order."""
    for element in container:
        if isinstance(element, LTTextContainer):
            top, bottom = (height - element.y1) / height, (height - element.y0) / height
            pages.boxes.append(_Box(_box_text(element), _box_size(element), number,
                                    top, bottom))
        elif isinstance(element, LTFigure):
            _collect(element, number, height, pages)
        elif not isinstance(element, LTChar) or isinstance(element, LTImage):
            pages.drawn = True


def _read_pages(path: Path, comments: list[Comment]) -> _Pages:
    """The pages' text boxes, within the page and time limits.

    Text drawn sideways comes out of a plain layout as one letter a line; such a page
    is laid out again reading vertical lines (not every page: that reading would
    take the first letters of aligned lines for a vertical word).  pdfminer's own
    failures (damaged, encrypted, unsupported) are told in words by
    :mod:`workbench.importers.failures`.  The words each comment marks are read off
    its page's layout, and its marker put right after them.
    """
    deadline = Deadline(path.name, path.stat().st_size)
    pages = _Pages()
    start_watching()
    plain = LAParams(all_texts=True)  # forms' text too
    for number, page in enumerate(extract_pages(str(path), laparams=plain), 1):
        if number > MAX_PDF_PAGES:
            raise ImportRefused(f"{path.name} has more than {MAX_PDF_PAGES:,} pages; "
                                "split it into smaller files.")
        if _letter_salad(page):
            sideways = LAParams(all_texts=True, detect_vertical=True)
            page = next(iter(extract_pages(str(path), page_numbers=[number - 1],
                                           laparams=sideways)), page)
        first = len(pages.boxes)
        _collect(page, number, float(page.height) or 1.0, pages)
        marks = {index: marked_words(page, comment.areas)
                 for index, comment in enumerate(comments)
                 if comment.page == number and comment.areas}
        pages.quotes.update(marks)
        if marks:
            texts = with_markers([b.text for b in pages.boxes[first:]], marks)
            pages.boxes[first:] = [replace(b, text=t)
                                   for b, t in zip(pages.boxes[first:], texts, strict=True)]
        pages.count = number
        deadline.check()
    pages.drawn = pages.drawn or painted_since_start()
    return pages


def _letter_salad(page: Any) -> bool:
    """Whether most of a page's lines are single letters (text drawn sideways)."""
    lines = [line.get_text().strip() for line in _lines(page)]
    single = sum(len(line) == 1 for line in lines if line)
    return single >= 8 and single * 2 >= len([line for line in lines if line])


def _lines(container: Any) -> Any:
    for element in container:
        if isinstance(element, LTTextLine):
            yield element
        elif isinstance(element, LTTextContainer | LTFigure):
            yield from _lines(element)


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
    """Filled-in fields, stamps and comments (forms or annotations that cannot be read
    leave the text, and each other, as they are)."""
    try:
        fields = list(field_texts(path))
    except _UNREADABLE:
        fields = []
    try:
        return fields, read_annotations(path)
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


def _first_page_title(boxes: list[_Box]) -> str:
    """The largest line of the first page that reads as a title ('' if none does)."""
    first = [b for b in boxes if b.page == boxes[0].page and len(b.text) <= 200
             and is_real_title(b.text)]
    return max(first, key=lambda b: b.size).text if first else ""


_PDF_DATE = re.compile(r"^D?:?(\d{4})(\d{2})?(\d{2})?")


def _properties(path: Path) -> dict[str, str]:
    """Title, author and creation date from the PDF's document information, else from
    its XMP metadata (:mod:`workbench.importers.pdf_xmp`), when present.

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
