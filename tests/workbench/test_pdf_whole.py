"""PDF text read whole: form XObjects and filled-in form fields, sideways text,
ligatures, unnamed glyphs, spaces written as escapes, right-to-left lines, running
heads and feet (kept once, at the end), sentences over a page break, and a real title,
authors and date (also from XMP)."""

from __future__ import annotations

import io
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from workbench.importers import read_article
from workbench.importers.pdf.lines import clean_pdf_text
from workbench.importers.pdf.pdffile import is_real_title

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _pdf(tmp_path: Path, name: str, draw: object, *, title: str = "") -> Path:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    if title:
        drawing.setTitle(title)
    draw(drawing)  # type: ignore[operator]
    drawing.save()
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def test_forms_and_sideways_text_are_read(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.beginForm("box")
        c.drawString(72, 600, "Text inside a form is part of the page.")
        c.endForm()
        c.drawString(72, 700, "Ordinary text on the page.")
        c.doForm("box")
        c.saveState()
        c.translate(500, 300)
        c.rotate(90)
        c.drawString(0, 0, "Rotated sidebar text reads whole.")
        c.restoreState()

    text = read_article(_pdf(tmp_path, "forms.pdf", draw,
                             title="Ministry Review of the Corridor")).text
    for line in ("Ordinary text on the page.", "Text inside a form is part of the page.",
                 "Rotated sidebar text reads whole."):
        assert line in text


def test_running_heads_feet_and_page_numbers_go_and_sentences_join(tmp_path: Path) -> None:
    body = [["The delegation met in Istanbul on Friday.", "It said the corridor would"],
            ["reopen once inspections were agreed.", "Turkey offered mixed teams."],
            ["Kyiv asked for more time.", "Moscow did not answer."]]

    def draw(c: canvas.Canvas) -> None:
        for number, lines in enumerate(body, 1):
            c.setFont("Helvetica", 9)
            c.drawString(72, 800, "Ministry Review - Black Sea Corridor")
            c.drawString(280, 30, f"Page {number} of 3")
            c.setFont("Helvetica", 11)
            for row, line in enumerate(lines):
                c.drawString(72, 700 - row * 300, line)
            c.showPage()

    article = read_article(_pdf(tmp_path, "review.pdf", draw, title="27mm"))
    # The running head is kept once, after the text; the page numbers go.
    assert article.text.count("Ministry Review - Black Sea Corridor") == 1
    assert article.text.endswith("Running heads and feet\n\nMinistry Review - Black Sea "
                                 "Corridor")
    assert "Page 2 of 3" not in article.text
    assert "It said the corridor would reopen once inspections were agreed." in article.text
    assert article.title == "The delegation met in Istanbul on Friday."  # not "27mm"


def test_ligatures_become_letters_and_unnamed_glyphs_go() -> None:
    assert clean_pdf_text("An e\ufb03cient (cid:12)\ufb01nal o\ufb00er") == \
        "An efficient final offer"
    assert not is_real_title("27mm")
    assert not is_real_title("Microsoft Word - draft7.docx")
    assert is_real_title("Ministry Review of the Corridor")
    assert is_real_title("Kyiv rejects")
    assert not is_real_title("srN \u2022ki")
    assert not is_real_title("A PL C o. P te L t d. 9 N o r th")


def test_a_stream_with_bytes_after_its_end_is_measured_not_looped_on() -> None:
    """A compressed stream longer than a read, with a byte after its end: the size is
    known at once (it used to loop for ever)."""
    import zlib

    from workbench.importers.limits import _inflated_size

    assert _inflated_size(zlib.compress(b"x" * 3_000_000) + b"\n", "t.pdf") == 3_000_000


@pytest.mark.skipif(not FONT.exists(), reason="needs a TrueType font with ligature glyphs")
def test_a_ligature_drawn_in_a_pdf_is_found_as_letters(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))

    def draw(c: canvas.Canvas) -> None:
        c.setFont("DejaVu", 12)
        c.drawString(72, 700, "The o\ufb00er was e\ufb03cient and \ufb01nal.")

    text = read_article(_pdf(tmp_path, "ligatures.pdf", draw)).text
    assert "The offer was efficient and final." in text


def test_spaces_written_as_backslash_space_are_spaces(tmp_path: Path) -> None:
    """A drawing program writes ``(1.\\ Strip\\ the\\ cable) Tj``: the words stay apart."""
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4, pageCompression=0)
    drawing.setFont("Helvetica", 11)
    drawing.drawString(72, 700, "1.  Strip  the  cable  before  inserting  it.")
    drawing.save()
    raw = out.getvalue()
    assert raw.count(b"  ") >= 6
    path = tmp_path / "escaped.pdf"  # the same length: every offset still right
    path.write_bytes(raw.replace(b"(1.  Strip  the  cable  before  inserting  it.)",
                                 b"(1.\\ Strip\\ the\\ cable\\ before\\ inserting\\ it.)"))
    assert b"Strip\\ the" in path.read_bytes()
    assert "1. Strip the cable before inserting it." in read_article(path).text


def test_letter_spaced_lines_read_as_words(tmp_path: Path) -> None:
    """An OCR layer or a spaced-out heading: glyphs stand apart, words further apart."""
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, 750, "An ordinary line of text, set as usual.")
        spaced = c.beginText(72, 700)
        spaced.setFont("Helvetica", 11)
        spaced.setCharSpace(3)
        spaced.textLine("China Ocean Shipping Company")
        c.drawText(spaced)

    text = read_article(_pdf(tmp_path, "spaced.pdf", draw)).text
    assert "China Ocean Shipping Company" in text
    assert "An ordinary line of text, set as usual." in text


XMP = b"""<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2026-03-14T10:32:00Z">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Grain Corridor Options</rdf:li></rdf:Alt>
</dc:title><dc:creator><rdf:Seq><rdf:li>Jane Smith</rdf:li><rdf:li>Ali Demir</rdf:li>
</rdf:Seq></dc:creator><dc:publisher><rdf:Bag><rdf:li>Harbour Institute</rdf:li>
</rdf:Bag></dc:publisher></rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"""


def _with_xmp(pdf: bytes) -> bytes:
    """The PDF with an XMP packet added by an incremental update, as editors add one."""
    at = pdf.index(b"/Type /Catalog")
    opening = list(re.finditer(rb"(\d+) 0 obj\s*<<", pdf[:at]))[-1]
    catalog = re.compile(rb"(\d+) 0 obj\s*<<(.*?)>>\s*endobj", re.S).match(pdf, opening.start())
    size = int(re.findall(rb"/Size (\d+)", pdf)[-1])
    previous = int(re.findall(rb"startxref\s+(\d+)", pdf)[-1])
    assert catalog is not None
    number = int(catalog.group(1))
    body = (f"\n{size} 0 obj\n<< /Type /Metadata /Subtype /XML /Length {len(XMP)} >>\nstream\n"
            .encode() + XMP + b"\nendstream\nendobj\n")
    offsets = {size: len(pdf) + 1}
    body += f"{number} 0 obj\n<<".encode() + catalog.group(2) + \
        f" /Metadata {size} 0 R >>\nendobj\n".encode()
    offsets[number] = len(pdf) + body.index(f"{number} 0 obj".encode())
    xref_at = len(pdf) + len(body)
    table = b"xref\n" + b"".join(f"{n} 1\n{offset:010d} 00000 n \n".encode()
                                 for n, offset in sorted(offsets.items()))
    trailer = (f"trailer\n<< /Size {size + 1} /Root {number} 0 R /Prev {previous} >>\n"
               f"startxref\n{xref_at}\n%%EOF\n").encode()
    return pdf + body + table + trailer


def test_the_title_authors_date_and_publisher_of_the_xmp_packet(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, 700, "The options for the corridor, as the desk sees them.")

    path = _pdf(tmp_path, "xmp.pdf", draw)
    path.write_bytes(_with_xmp(path.read_bytes()))
    article = read_article(path)
    assert article.title == "Grain Corridor Options"
    assert article.meta["author"] == "Jane Smith; Ali Demir"
    assert article.meta["published"] == "2026-03-14"
    assert article.meta["source"] == "Harbour Institute"


def test_a_filled_form_keeps_its_values(tmp_path: Path) -> None:
    """What was typed in a field and chosen in a drop-down, a list box's items: the page's
    reader sees them; a check box gives no words."""
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        c.drawString(72, 760, "Federal agency name:")
        form = c.acroForm
        form.textfield(name="agency", value="Fish and Wildlife Service", x=220, y=750,
                       width=250, height=20)
        form.choice(name="state", value="Geneva", options=["Bern", "Geneva", "Zurich"],
                    x=220, y=700, width=120, height=20)
        form.listbox(name="ports", options=["Odesa", "Chornomorsk", "Pivdennyi"],
                     value="Odesa", x=220, y=600, width=120, height=60)
        form.checkbox(name="agree", x=220, y=560, checked=True)

    text = read_article(_pdf(tmp_path, "form.pdf", draw)).text
    assert "Federal agency name:" in text
    assert "Fish and Wildlife Service" in text
    assert "Geneva" in text
    assert "Bern" not in text  # a drop-down shows its choice only
    assert "Odesa Chornomorsk Pivdennyi" in text  # a list box shows its items
    assert text.index("Fish and Wildlife") < text.index("Geneva") < text.index("Odesa")


def _visual(logical: str) -> str:
    """A right-to-left line as a PDF draws it: glyphs left to right, numbers as read."""
    return re.sub(r"[A-Za-z0-9]+", lambda n: n.group()[::-1], logical[::-1])


@pytest.mark.skipif(not FONT.exists(), reason="needs a TrueType font with Arabic glyphs")
def test_right_to_left_text_reads_in_reading_order(tmp_path: Path) -> None:
    """Glyphs drawn left to right as they stand on the page read in the order they are
    read: Arabic and Hebrew from the right, numbers and Latin words as they read.  A
    line that is mostly right-to-left is read from the right whole, its label too."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("DejaVu", str(FONT)))
    arabic = "\u0645\u0631\u062d\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645"
    hebrew = "\u05e9\u05dc\u05d5\u05dd \u05e2\u05d5\u05dc\u05dd"

    def draw(c: canvas.Canvas) -> None:
        c.setFont("DejaVu", 12)
        c.drawString(72, 700, _visual(f"{arabic} 2026"))
        c.drawString(72, 650, _visual(f"{hebrew} 42 UN"))
        c.drawString(72, 600, "Arabic: " + _visual(arabic))

    text = read_article(_pdf(tmp_path, "arabic.pdf", draw)).text
    assert text.split("\n\n") == [f"{arabic} 2026", f"{hebrew} 42 UN", f"{arabic} :Arabic"]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler's pdftotext absent")
def test_the_text_covers_what_pdftotext_reads(tmp_path: Path) -> None:
    def draw(c: canvas.Canvas) -> None:
        c.setFont("Helvetica", 11)
        for page in range(3):
            for row in range(30):
                c.drawString(72, 780 - row * 24, f"Line {row} of page {page}: the talks on "
                             "the corridor resumed with new proposals.")
            c.showPage()

    path = _pdf(tmp_path, "long.pdf", draw)
    text = read_article(path).text
    assert "Line 0 of page 2:" in text  # a long first line on every page is text, kept
    ours = set(re.findall(r"\w+", text.casefold()))
    theirs = re.findall(r"\w+", subprocess.run(["pdftotext", str(path), "-"], check=True,
                                               capture_output=True, text=True).stdout.casefold())
    assert sum(t in ours for t in theirs) / len(theirs) >= 0.98


def test_labels_among_drawings_are_read_where_they_stand(tmp_path: Path) -> None:
    """A map: a thousand stroked lines, labels placed between them by a transform; the
    drawing is passed over, the labels read in order."""
    def draw(c: canvas.Canvas) -> None:
        rng = random.Random(7)
        for n in range(1000):
            c.setStrokeColorRGB(rng.random(), 0, 0)
            c.line(rng.uniform(0, 500), rng.uniform(0, 800), rng.uniform(0, 500),
                   rng.uniform(0, 800))
            if n in (200, 600):
                c.saveState()
                c.translate(72, 700 if n == 200 else 400)
                c.setFont("Helvetica", 12)
                c.drawString(0, 0, "Northern corridor 12 40 m" if n == 200
                             else "Southern depot (closed)")
                c.restoreState()

    article = read_article(_pdf(tmp_path, "map.pdf", draw))
    assert [article.text[b.start:b.end] for b in article.blocks] == [
        "Northern corridor 12 40 m", "Southern depot (closed)"]
