"""WordprocessingML written as text, for bodies with thousands of paragraphs.

python-docx's ``add_paragraph`` costs about half a millisecond a paragraph on
a long document; a briefing or an annotated copy writes its body as XML text
here, parses it once with python-docx's own parser (so the elements are its
classes) and inserts it before the section properties.  Every string passes
through :func:`exports.word.sanitize.clean`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from lxml.etree import _Element

from exports.word.sanitize import clean, is_rtl

TABLE_POINTS = 9.5
PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'


@dataclass(frozen=True)
class RunStyle:
    """Direct character formatting of a run."""

    bold: bool = False
    italic: bool = False
    color: str = ""  # RRGGBB
    size: float = 0.0  # points; 0: the style's
    shading: str = ""  # RRGGBB background
    style: str = ""  # a character style id
    superscript: bool = False


PLAIN = RunStyle()


def hex_color(color: str) -> str:
    """'#dc2626' or 'dc2626' → 'DC2626' (anything else: mid grey)."""
    value = color.lstrip("#").upper()
    return value if len(value) == 6 and all(c in "0123456789ABCDEF" for c in value) \
        else "888888"


def tint(colors: Sequence[str], strength: float = 0.22) -> str:
    """A light tint (mixed with white) of the mean of ``colors``; overlaps get deeper."""
    parsed = [hex_color(c) for c in colors] or ["888888"]
    mean = [sum(int(c[i:i + 2], 16) for c in parsed) / len(parsed) for i in (0, 2, 4)]
    alpha = min(0.6, strength + 0.12 * (len(parsed) - 1))
    return "".join(f"{round(255 - (255 - v) * alpha):02X}" for v in mean)


def _run_properties(style: RunStyle, rtl: bool) -> str:
    parts = []
    if style.style:
        parts.append(f'<w:rStyle w:val="{style.style}"/>')
    if style.bold:
        parts.append("<w:b/><w:bCs/>")
    if style.italic:
        parts.append("<w:i/><w:iCs/>")
    if style.color:
        parts.append(f'<w:color w:val="{style.color}"/>')
    if style.size:
        half = round(style.size * 2)
        parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    if style.shading:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{style.shading}"/>')
    if style.superscript:
        parts.append('<w:vertAlign w:val="superscript"/>')
    if rtl:
        parts.append("<w:rtl/>")
    return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""


def run(text: str, style: RunStyle = PLAIN, *, rtl: bool = False) -> str:
    """One run; line breaks become ``w:br`` and tabs ``w:tab``."""
    pieces = []
    for n, line in enumerate(clean(text).replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if n:
            pieces.append("<w:br/>")
        for m, chunk in enumerate(line.split("\t")):
            if m:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{_run_properties(style, rtl)}{''.join(pieces)}</w:r>"


@dataclass(frozen=True)
class ParagraphStyle:
    """Paragraph style id and direct paragraph formatting."""

    style: str = ""
    border: str = ""  # RRGGBB of a thick left border
    shading: str = ""  # RRGGBB background
    space_after: int = -1  # points; -1: the style's
    keep_next: bool = False
    align: str = ""  # "center", "right"...


def paragraph(runs: Iterable[str] | str, style: ParagraphStyle = ParagraphStyle(), *,
              rtl: bool = False) -> str:
    """One paragraph holding ``runs`` (run XML, or plain text for one plain run)."""
    if isinstance(runs, str):
        rtl = rtl or is_rtl(runs)
        body = run(runs, rtl=rtl)
    else:
        body = "".join(runs)
    props = []
    if style.style:
        props.append(f'<w:pStyle w:val="{style.style}"/>')
    if style.keep_next:
        props.append("<w:keepNext/>")
    if style.border:
        props.append(f'<w:pBdr><w:left w:val="single" w:sz="24" w:space="8" '
                     f'w:color="{style.border}"/></w:pBdr>')
    if style.shading:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{style.shading}"/>')
    if rtl:
        props.append("<w:bidi/>")
    if style.space_after >= 0:
        props.append(f'<w:spacing w:after="{style.space_after * 20}"/>')
    if style.align:
        props.append(f'<w:jc w:val="{style.align}"/>')
    ppr = f"<w:pPr>{''.join(props)}</w:pPr>" if props else ""
    return f"<w:p>{ppr}{body}</w:p>"


def hyperlink(relationship_id: str, text: str) -> str:
    """A clickable link run (the relationship is the caller's, made with ``relate_to``)."""
    style = RunStyle(color="0563C1")
    inner = run(text, style).replace("<w:rPr>", "<w:rPr><w:u w:val=\"single\"/>", 1)
    return f"<w:hyperlink r:id={quoteattr(relationship_id)}>{inner}</w:hyperlink>"


def bookmark(name: str, number: int, runs: str) -> str:
    """``runs`` inside a bookmark that internal links can point at (``anchor_link``)."""
    return (f'<w:bookmarkStart w:id="{number}" w:name={quoteattr(name)}/>{runs}'
            f'<w:bookmarkEnd w:id="{number}"/>')


def anchor_link(name: str, runs: str) -> str:
    """``runs`` as a link to the bookmark ``name`` in the same document."""
    return f"<w:hyperlink w:anchor={quoteattr(name)}>{runs}</w:hyperlink>"


def table(header: Sequence[str], rows: Iterable[Sequence[str]], *, style_id: str = "",
          widths: Sequence[int] = (), numeric_from: int = 99, bold_last: bool = False) -> str:
    """A table with a repeated bold header row; columns from ``numeric_from`` align right.

    ``widths`` are percentages of the text width, one per column; ``bold_last`` sets
    the last row (a total) like the header.
    """
    grid = "".join(f'<w:gridCol w:w="{w * 90}"/>' for w in widths)
    style_ref = f'<w:tblStyle w:val="{style_id}"/>' if style_id else ""
    props = f"<w:tblPr>{style_ref}<w:tblW w:w='5000' w:type='pct'/>{_TABLE_BORDERS}</w:tblPr>"

    def row(cells: Sequence[str], *, head: bool) -> str:
        trpr = "<w:trPr><w:tblHeader/></w:trPr>" if head and cells is header else ""
        out = []
        for n, cell in enumerate(cells):
            align = "right" if n >= numeric_from else ""
            width = f'<w:tcW w:w="{widths[n] * 50}" w:type="pct"/>' if n < len(widths) else ""
            fill = '<w:shd w:val="clear" w:color="auto" w:fill="E7E9EE"/>' if head else ""
            shade = f"<w:tcPr>{width}{fill}</w:tcPr>" if width or fill else ""
            text = paragraph([run(cell, RunStyle(bold=head, size=TABLE_POINTS))],
                             ParagraphStyle(space_after=0, align=align), rtl=is_rtl(cell))
            out.append(f"<w:tc>{shade}{text}</w:tc>")
        return f"<w:tr>{trpr}{''.join(out)}</w:tr>"

    lines = [list(r) for r in rows]
    body = [row(header, head=True)] + [row(r, head=bold_last and n == len(lines) - 1)
                                       for n, r in enumerate(lines)]
    return f"<w:tbl>{props}<w:tblGrid>{grid}</w:tblGrid>{''.join(body)}</w:tbl>"


_TABLE_BORDERS = "<w:tblBorders>" + "".join(
    f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="A0A4AD"/>'
    for side in ("top", "left", "bottom", "right", "insideH", "insideV")) + "</w:tblBorders>"


PARSE_BATCH = 400  # fragments parsed per call: each call holds the interpreter's lock


def append_body(document: WordDocument, fragments: Iterable[str]) -> list[_Element]:
    """Parse body XML in batches and insert it before the section properties.

    One parse per few hundred paragraphs costs the same as one for all, but lets
    the window's thread run between batches (a parse never lets go of the
    interpreter's lock).  Returns the elements inserted.
    """
    body = document.element.body
    anchor = body.sectPr
    children: list[_Element] = []
    batch: list[str] = []

    def flush() -> None:
        parsed = parse_xml(f"<w:body {nsdecls('w', 'r')}>{''.join(batch)}</w:body>")
        for child in list(parsed):
            if anchor is not None:
                anchor.addprevious(child)
            else:
                body.append(child)
            children.append(child)
        batch.clear()

    for fragment in fragments:
        batch.append(fragment)
        if len(batch) >= PARSE_BATCH:
            flush()
    if batch:
        flush()
    return children


def style_id(document: WordDocument, *names: str) -> str:
    """The id of the first of these styles the document defines ('' when none does)."""
    styles = document.styles
    for name in names:
        try:
            return str(styles[name].style_id)
        except KeyError:
            continue
    return ""
