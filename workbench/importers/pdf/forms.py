"""What a PDF form's reader sees filled in: the values of its fields, page by page.

A field's value is drawn by the viewer (from the field, or from an appearance
stream pdfminer does not read), not in the page's own text.  Text fields give
what was typed, a drop-down its choice, a list box its items (as it shows
them), a free-text note its words; check boxes and buttons give nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.utils import decode_text

COMBO = 1 << 17  # a choice field's flag: a drop-down, showing only its value
MAX_FIELDS = 5000  # a page with more widgets than this is not a form to read


@dataclass(frozen=True)
class FieldText:
    """A field's text on a page, and where it sits (0 top, 1 bottom)."""

    page: int
    text: str
    top: float
    bottom: float


def _inherited(annotation: dict[str, Any], key: str) -> Any:
    """A field's entry, from the widget or the fields above it."""
    node: Any = annotation
    for _ in range(32):  # a loop of parents ends here
        if not isinstance(node, dict):
            return None
        if key in node:
            return resolve1(node[key])
        node = resolve1(node.get("Parent"))
    return None


def plain_text(value: Any) -> str:
    """A PDF string (or a reference to one) as text, spaces collapsed ('' if none)."""
    value = resolve1(value)
    if isinstance(value, bytes):
        return " ".join(decode_text(value).split())
    if isinstance(value, str):
        return " ".join(value.split())
    return ""


def _shown(annotation: dict[str, Any]) -> str:
    """The words a viewer shows for one annotation."""
    if getattr(resolve1(annotation.get("Subtype")), "name", "") == "FreeText":
        return plain_text(annotation.get("Contents"))
    kind = getattr(_inherited(annotation, "FT"), "name", "")
    value = _inherited(annotation, "V")
    values = [plain_text(v) for v in value] if isinstance(value, list) else [plain_text(value)]
    if kind == "Tx":
        return " ".join(v for v in values if v)
    if kind == "Ch":
        if int(_inherited(annotation, "Ff") or 0) & COMBO:
            return " ".join(v for v in values if v)
        options = resolve1(_inherited(annotation, "Opt")) or []
        shown = [plain_text(resolve1(o[-1]) if isinstance(resolve1(o), list) else resolve1(o))
                 for o in options]
        return " ".join(o for o in shown if o)
    return ""


@dataclass(frozen=True)
class AnnotatedPage:
    """A page's annotations (their dictionaries and references), with what places them."""

    number: int
    page: PDFPage
    annotations: list[tuple[Any, dict[str, Any]]]

    def placed(self, text: str, annotation: dict[str, Any]) -> FieldText | None:
        """The text where the annotation sits on the page (None without a place)."""
        rect = resolve1(annotation.get("Rect")) or []
        if not text or not isinstance(rect, list) or len(rect) != 4:
            return None
        _, y0, _, y1 = (float(v) for v in self.page.mediabox)
        height = (y1 - y0) or 1.0
        low, high = sorted((float(resolve1(rect[1])), float(resolve1(rect[3]))))
        return FieldText(self.number, text, (y1 - high) / height, (y1 - low) / height)


def _resolved(references: list[Any]) -> Iterator[tuple[Any, Any]]:
    """Each annotation with its reference; one that cannot be parsed is passed over."""
    for reference in references:
        try:
            yield reference, resolve1(reference)
        except PSException:
            continue


def annotated_pages(document: PDFDocument) -> Iterator[AnnotatedPage]:
    """Each page that has annotations (at most :data:`MAX_FIELDS` of them)."""
    for number, page in enumerate(PDFPage.create_pages(document), 1):
        references = resolve1(page.annots) or []
        if not isinstance(references, list) or len(references) > MAX_FIELDS:
            continue
        found = [(reference, a) for reference, a in _resolved(references)
                 if isinstance(a, dict)]
        if found:
            yield AnnotatedPage(number, page, found)


def field_texts(document: PDFDocument) -> Iterator[FieldText]:
    """Every field's shown text, page by page, top to bottom."""
    for page in annotated_pages(document):
        found = [page.placed(_shown(a), a) for _, a in page.annotations]
        yield from sorted((f for f in found if f), key=lambda field: field.top)
