"""A PDF's comments and stamps: what reviewers added to the pages in their viewer.

Sticky notes, comments on highlighted, underlined or struck-out words, notes on
shapes and drawings, attached files and replies are annotations beside the
page's own text; pdfminer does not read them.  Each comment is read with its
author, its page and the words it marks (the page's characters under its
highlight), and put at the end of the text behind a marker that also stands
right after the words it marks, as Word's do.
A stamp ("Approved", "Draft", a picture with words) is drawn on the page: its
words are read from its appearance and stand on the page where it sits.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTFigure, LTTextContainer
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdftypes import PDFObjRef, PDFStream, resolve1

from workbench.importers.pdf.forms import AnnotatedPage, FieldText, annotated_pages, plain_text

Area = tuple[float, float, float, float]
_MARKS = {"Highlight", "Underline", "StrikeOut", "Squiggly"}
_NOT_COMMENTS = {"Popup", "Widget", "Link", "FreeText"}  # FreeText is read as page text
QUOTE_CHARS = 160


@dataclass(frozen=True)
class Comment:
    """One comment: its page, author, words, the areas it marks (in the page's layout
    coordinates), and which comment it replies to (by the PDF's object number)."""

    page: int
    author: str
    text: str
    areas: tuple[Area, ...]
    top: float
    number: int | None = None
    reply_to: int | None = None


@dataclass
class Annotations:
    """What a PDF's annotations add: words shown on pages, and comments."""

    shown: list[FieldText]
    comments: list[Comment]


def _areas(annotation: dict[str, Any]) -> tuple[Area, ...]:
    """The rectangles a highlight covers, in the page's units."""
    quads = resolve1(annotation.get("QuadPoints")) or []
    if not isinstance(quads, list) or len(quads) % 8:
        return ()
    found = []
    for start in range(0, len(quads), 8):
        xs = [float(resolve1(quads[i])) for i in range(start, start + 8, 2)]
        ys = [float(resolve1(quads[i])) for i in range(start + 1, start + 8, 2)]
        found.append((min(xs), min(ys), max(xs), max(ys)))
    return tuple(found)


def _stamp_words(annotation: dict[str, Any]) -> str:
    """The words a stamp's appearance draws ('' if it draws none, or cannot be drawn:
    a stamp is an extra, never a reason to lose the page's text)."""
    try:
        return _drawn_words(annotation)
    except Exception:  # any failure of pdfminer's interpreter on a damaged appearance
        return ""


def _drawn_words(annotation: dict[str, Any]) -> str:
    appearance = resolve1(annotation.get("AP"))
    normal = resolve1(appearance.get("N")) if isinstance(appearance, dict) else None
    if not isinstance(normal, PDFStream):
        return ""
    manager = PDFResourceManager()
    device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
    box = resolve1(normal.get("BBox")) or [0, 0, 1000, 1000]
    page = SimpleNamespace(mediabox=[float(resolve1(v)) for v in box], pageid=0)
    device.begin_page(page, (1, 0, 0, 1, 0, 0))  # type: ignore[arg-type]
    PDFPageInterpreter(manager, device).render_contents(
        resolve1(normal.get("Resources")) or {}, [appearance.get("N")])
    device.end_page(page)  # type: ignore[arg-type]
    return " ".join(_texts(device.get_result()))


def _texts(container: Any) -> Iterator[str]:
    """The words of a laid-out appearance, its forms' included."""
    for element in container:
        if isinstance(element, LTTextContainer):
            yield " ".join(element.get_text().split())
        elif isinstance(element, LTFigure):
            yield from _texts(element)


def _comment(page: AnnotatedPage, reference: Any, annotation: dict[str, Any]) -> Comment | None:
    kind = getattr(resolve1(annotation.get("Subtype")), "name", "")
    text = plain_text(annotation.get("Contents"))
    if kind in _NOT_COMMENTS or not text:
        return None
    if kind == "FileAttachment":
        text = f"Attached file: {text}"
    placed = page.placed(text, annotation)
    parent = annotation.get("IRT")
    return Comment(page.number, plain_text(annotation.get("T")), text,
                   _areas(annotation) if kind in _MARKS else (),
                   placed.top if placed else 0.0,
                   reference.objid if isinstance(reference, PDFObjRef) else None,
                   parent.objid if isinstance(parent, PDFObjRef) else None)


def read_annotations(document: PDFDocument) -> Annotations:
    """Every page's stamps (as shown words) and comments, top to bottom."""
    found = Annotations([], [])
    for page in annotated_pages(document):
        for reference, annotation in page.annotations:
            if getattr(resolve1(annotation.get("Subtype")), "name", "") == "Stamp":
                shown = page.placed(_stamp_words(annotation), annotation)
                if shown:
                    found.shown.append(shown)
            comment = _comment(page, reference, annotation)
            if comment:
                found.comments.append(comment)
    found.comments.sort(key=lambda c: (c.page, c.top))
    return found


def _shortened(quote: str) -> str:
    return quote if len(quote) <= QUOTE_CHARS else quote[:QUOTE_CHARS].rsplit(" ", 1)[0] + "…"


def with_markers(texts: list[str], marks: dict[int, str]) -> list[str]:
    """The page's box texts with each comment's marker ("[C2]") right after the words it
    marks, in the first box that holds them (``marks``: comment index to words)."""
    texts = list(texts)
    for index, words in sorted(marks.items()):
        whole = re.compile(rf"(?<!\w){re.escape(words)}(?!\w)") if words else None
        for n, text in enumerate(texts):
            found = whole.search(text) if whole else None
            if found:
                texts[n] = f"{text[:found.end()]}[C{index + 1}]{text[found.end():]}"
                break
    return texts


def comment_lines(comments: list[Comment], quotes: dict[int, str]) -> list[str]:
    """Each comment as the text shows it: a marker, who, where, on which words, what;
    a reply names the comment it answers."""
    markers = {c.number: f"C{n}" for n, c in enumerate(comments, 1) if c.number is not None}
    lines = []
    for n, comment in enumerate(comments, 1):
        where = [comment.author] if comment.author else []
        where.append(f"page {comment.page}")
        if comment.reply_to in markers:
            where.append(f"replying to {markers[comment.reply_to]}")
        quote = _shortened(quotes.get(n - 1, ""))
        on = f", on \u201c{quote}\u201d" if quote else ""
        lines.append(f"[C{n}] {', '.join(where)}{on}: {comment.text}")
    return lines
