"""A PDF's comments and stamps are read: a comment with its author, page and the words
it highlights, a reply with the comment it answers, a stamp's words where it stands;
a damaged annotation is passed over, the text kept."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas

from workbench.importers import read_article


class _Note(pdfdoc.Annotation):
    """An annotation of any kind, with the entries reportlab's own classes do not take."""

    permitted = (*pdfdoc.Annotation.permitted, "Name", "IRT", "QuadPoints")

    def __init__(self, kind: str, rect: tuple[float, ...], contents: str, **entries: Any):
        self.kind, self.rect, self.contents, self.entries = kind, rect, contents, entries

    def Dict(self) -> Any:  # reportlab calls it by this name
        return self.AnnotationDict(**self.entries, Rect=self.rect, Contents=self.contents,
                                   Subtype=f"/{self.kind}")


def _reviewed_pdf(tmp_path: Path) -> Path:
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    page.setFont("Helvetica", 12)
    page.drawString(72, 700, "The ministers agreed to open the corridor on Monday.")
    page.drawString(72, 680, "Inspections continue in Turkish waters.")
    x = 72 + page.stringWidth("The ministers ", "Helvetica", 12)
    x1 = x + page.stringWidth("agreed to open", "Helvetica", 12)
    page._addAnnotation(_Note("Highlight", (x, 696, x1, 712), "Which ministers? Check.",
                              T=pdfdoc.PDFString("Anna Berg"),
                              QuadPoints=pdfdoc.PDFArray([x, 712, x1, 712, x, 696, x1, 696])),
                        "asked")
    page._addAnnotation(_Note("Text", (400, 670, 420, 690), "The joint statement of 3 May.",
                              T=pdfdoc.PDFString("Desk"),
                              IRT=pdfdoc.PDFObjectReference("Annot.asked")))
    page.beginForm("stamp", lowerx=0, lowery=0, upperx=120, uppery=40)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(5, 12, "DRAFT ONLY")
    page.endForm()
    page._addAnnotation(_Note("Stamp", (400, 760, 520, 800), "", Name=pdfdoc.PDFName("Draft"),
                              AP=pdfdoc.PDFDictionary(
                                  {"N": pdfdoc.PDFObjectReference("FormXob.stamp")})))
    page.showPage()
    page.save()
    path = tmp_path / "reviewed.pdf"
    path.write_bytes(out.getvalue())
    return path


def test_comments_come_with_author_page_marked_words_and_replies(tmp_path: Path) -> None:
    text = read_article(_reviewed_pdf(tmp_path)).text
    assert text.split("\n\n")[:3] == [
        "The ministers agreed to open the corridor on Monday.",
        "Inspections continue in Turkish waters.", "DRAFT ONLY"]  # the stamp's words
    assert text.split("\n\n")[3:] == [
        "Comments in the file",
        "[C1] Anna Berg, page 1, on \u201cagreed to open\u201d: Which ministers? Check.",
        "[C2] Desk, page 1, replying to C1: The joint statement of 3 May."]


def test_a_damaged_annotation_is_passed_over(tmp_path: Path) -> None:
    path = _reviewed_pdf(tmp_path)
    data = path.read_bytes()
    broken = data.replace(b"/T (Desk)", b"/T Desk B", 1)  # a dictionary that will not parse
    assert broken != data
    path.write_bytes(broken)
    text = read_article(path).text
    assert "The ministers agreed to open the corridor on Monday." in text
    assert "[C1] Anna Berg, page 1, on \u201cagreed to open\u201d: Which ministers? Check." \
        in text
    assert "joint statement" not in text
