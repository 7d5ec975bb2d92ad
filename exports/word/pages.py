"""The page of a Word export: paper size and margins, the handling marking and the
title in the header, the marking and "Page N of M" in the footer."""

from __future__ import annotations

import contextlib
import locale
import os
from typing import Literal

from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from exports.word.sanitize import clean

Paper = Literal["a4", "letter"]
PAPERS: dict[str, tuple[float, float]] = {"a4": (210.0, 297.0), "letter": (215.9, 279.4)}
MARGIN_MM = 22.0
MARKING_RED = "B91C1C"
# Where US Letter is the usual paper (everywhere else, A4).
LETTER_TERRITORIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "SV",
                      "DO", "PR", "BZ", "NI"}


def default_paper() -> Paper:
    """Letter where the system's locale says a Letter country, else A4."""
    names = [os.environ.get(v, "") for v in ("LC_PAPER", "LC_ALL", "LANG")]
    with contextlib.suppress(ValueError):  # an unparseable locale name
        names.append(locale.getlocale()[0] or "")
    for name in names:
        territory = name.split(".")[0].partition("_")[2][:2].upper()
        if territory:
            return "letter" if territory in LETTER_TERRITORIES else "a4"
    return "a4"


def set_paper(document: WordDocument, paper: Paper) -> None:
    """Every section on this paper, portrait, with even margins."""
    width, height = PAPERS[paper]
    for section in document.sections:
        section.page_width, section.page_height = Mm(width), Mm(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))


def header_and_footer(document: WordDocument, marking: str, title: str) -> None:
    """The marking and title in the header; the marking and "Page N of M" in the footer
    (a template's own header or footer is kept)."""
    marking = marking.upper().strip()
    for section in document.sections:
        header, footer = section.header, section.footer
        if header.is_linked_to_previous or not any(p.text.strip() for p in header.paragraphs):
            header.is_linked_to_previous = False
            head = header.paragraphs[0]
            head.text = ""
            head.alignment = 1  # centre
            _small(head.add_run(clean(" — ".join(x for x in (marking, title) if x))), bold=True)
        if footer.is_linked_to_previous or not any(p.text.strip() for p in footer.paragraphs):
            footer.is_linked_to_previous = False
            foot = footer.paragraphs[0]
            foot.text = ""
            foot.alignment = 1
            if marking:
                _small(foot.add_run(clean(marking) + "    "), bold=True)
            _field_text(foot, "Page ", "PAGE", " of ", "NUMPAGES")


def _small(run: Run, *, bold: bool = False) -> None:
    run.bold = bold
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor.from_string(MARKING_RED)


def _field_text(paragraph: Paragraph, *parts: str) -> None:
    """Plain text and fields in turn: "Page ", PAGE, " of ", NUMPAGES."""
    for n, part in enumerate(parts):
        if n % 2 == 0:
            paragraph._p.append(parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:sz w:val="16"/></w:rPr>'
                f'<w:t xml:space="preserve">{part}</w:t></w:r>'))
        else:
            paragraph._p.append(parse_xml(
                f'<w:fldSimple {nsdecls("w")} w:instr=" {part} "><w:r><w:rPr>'
                '<w:sz w:val="16"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'))
