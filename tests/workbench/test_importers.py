"""Every importer on files the tests make themselves, and every kind of bad input."""

from __future__ import annotations

import codecs
import datetime
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfgen import canvas

from workbench.errors import ImportRefused
from workbench.importers import Article, article_from_text, read_article

PARAGRAPH = ("Der Außenminister erklärte, dass die Grenzfrage “nicht verhandelbar” sei – "
             "und fügte hinzu, die Gespräche würden in Genf fortgesetzt.")


def _blocks(article: Article) -> list[tuple[str, str]]:
    return [(b.kind, article.text[b.start:b.end]) for b in article.blocks]


# -- plain text and its encodings -------------------------------------------------------

ARTICLE = f"Talks in Geneva\n\n{PARAGRAPH}\n\nA second paragraph follows here.\n"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE),
     ("utf-16-be", codecs.BOM_UTF16_BE), ("cp1252", b"")],
)
def test_plain_text_in_common_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bom + ARTICLE.encode(encoding))
    article = read_article(path)
    assert article.title == "Talks in Geneva"
    assert _blocks(article) == [("heading", "Talks in Geneva"), ("paragraph", PARAGRAPH),
                                ("paragraph", "A second paragraph follows here.")]


def test_plain_text_in_latin1(tmp_path: Path) -> None:
    text = ("Die Gespräche in Genf endeten ohne Einigung über die Grenzfrage. "
            "Beide Seiten äußerten sich enttäuscht über das Ergebnis der Verhandlungen.")
    path = tmp_path / "latin.txt"
    path.write_bytes(f"Über Genf\n\n{text}\n".encode("latin-1"))
    assert _blocks(read_article(path)) == [("heading", "Über Genf"), ("paragraph", text)]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_line_ends_become_lf(tmp_path: Path, newline: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.replace("\n", newline).encode("utf-8"))
    article = read_article(path)
    assert "\r" not in article.text
    assert article.text == read_article_from(tmp_path, ARTICLE).text


def read_article_from(folder: Path, text: str) -> Article:
    path = folder / "reference.txt"
    path.write_text(text, encoding="utf-8")
    return read_article(path)


def test_hard_wrapped_paragraphs_are_joined(tmp_path: Path) -> None:
    wrapped = ("Ceasefire Talks\n\n"
               "The delegations met on Tuesday in a lakeside hotel outside the city\n"
               "and agreed, after nine hours, to meet again before the end of the\n"
               "month.\n\n"
               "No joint statement was issued afterwards, and neither side briefed\n"
               "the press.\n\n- first point\n- second point\n")
    article = read_article_from(tmp_path, wrapped)
    assert _blocks(article)[1:] == [
        ("paragraph", "The delegations met on Tuesday in a lakeside hotel outside the city "
                      "and agreed, after nine hours, to meet again before the end of the "
                      "month."),
        ("paragraph", "No joint statement was issued afterwards, and neither side briefed "
                      "the press."),
        ("list_item", "- first point"), ("list_item", "- second point")]


def test_header_fields_become_metadata_but_stay_in_the_text(tmp_path: Path) -> None:
    text = ("Grain Talks Stall\n\nSource: Example Wire\nBy Jane Roe\nPublished: 14 March 2026\n"
            "https://example.org/grain\n\nThe talks stalled. See https://un.org for more.\n")
    article = read_article_from(tmp_path, text)
    assert article.meta == {"source": "Example Wire", "author": "Jane Roe",
                            "published": "2026-03-14", "url": "https://example.org/grain"}
    assert "Source: Example Wire" in article.text


def test_pasted_text_becomes_an_article() -> None:
    article = article_from_text("Breaking: talks collapse\n\nNo deal was reached tonight.")
    assert article.format == "pasted"
    assert article.title == "Breaking: talks collapse"


# -- Markdown -------------------------------------------------------------------------------

def test_markdown_structure_without_markup(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: Front matter title\nauthor: A. Writer\ndate: 2026-01-02\n---\n"
        "# Main heading\n\nSome *emphasis* and a [link](https://x.org) and `code`.\n\n"
        "- first item\n- second item\n\n> A quoted line.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        encoding="utf-8")
    article = read_article(path)
    assert article.title == "Front matter title"
    assert article.meta == {"author": "A. Writer", "published": "2026-01-02"}
    assert _blocks(article) == [
        ("heading", "Main heading"), ("paragraph", "Some emphasis and a link and code."),
        ("list_item", "first item"), ("list_item", "second item"),
        ("quote", "A quoted line."), ("table_row", "a | b"), ("table_row", "1 | 2")]


# -- HTML ---------------------------------------------------------------------------------------

HOSTILE_HTML = """<!doctype html><html><head><title>Page title | Example News</title>
<meta name="author" content="Jane Roe"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2026-03-04T10:00:00Z">
<link rel="canonical" href="https://example.org/geneva-talks">
<script>document.write('<p>injected</p>'); fetch('https://evil.example/x')</script>
<style>body { background: url(https://evil.example/bg.png) }</style></head>
<body><nav><a href="/">Home</a> | <a href="/world">World news menu</a></nav>
<article><h1>Ministers Meet in Geneva</h1>
<p>The foreign ministers met on Tuesday to discuss the ceasefire proposal that has been
circulating since spring.<img src="https://evil.example/track.gif"></p>
<h2>Positions</h2><p onclick="steal()">Ukraine said it would not accept any deal that
freezes the front line in place.</p>
<ul><li>Prisoner exchanges first</li><li>Grain exports second</li></ul>
<iframe src="https://evil.example/frame"></iframe></article>
<footer>Copyright Example News. All rights reserved. Privacy policy.</footer></body></html>"""


def test_html_article_is_extracted_with_metadata_and_nothing_hostile(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    article = read_article(path)
    assert article.title == "Ministers Meet in Geneva"
    assert article.meta["author"] == "Jane Roe"
    assert article.meta["published"] == "2026-03-04"
    assert article.meta["url"] == "https://example.org/geneva-talks"
    kinds = _blocks(article)
    assert ("heading", "Positions") in kinds
    assert ("list_item", "Grain exports second") in kinds
    assert "ceasefire proposal that has been circulating since spring." in article.text
    for unwanted in ("injected", "evil.example", "World news menu", "background", "steal"):
        assert unwanted not in article.text


def test_html_without_text_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body></body></html>")
    with pytest.raises(ImportRefused, match="no text found in this HTML page"):
        read_article(path)


def test_html_without_an_article_keeps_all_its_text(tmp_path: Path) -> None:
    """A page the extractor finds no article in (preformatted notes holding a mangled
    link, an unknown tag to the extractor): not refused, read whole."""
    path = tmp_path / "notes.html"
    lines = [f"Line {n}: the corridor notes, as typed at the desk on Friday." for n in range(12)]
    path.write_text("<html><head><title>Desk notes</title></head><body><h1>Desk notes</h1>"
                    "<pre>" + "\n".join(lines) + '\nTess <http: desk.example="">\n</pre>'
                    "</body></html>", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Desk notes"
    assert all(line in article.text for line in lines)


def test_a_page_the_extractor_finds_no_article_in_keeps_its_paragraphs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where trafilatura finds no article even when told to favour recall (a page of
    preformatted symbols does it), every visible paragraph is kept, none refused."""
    from workbench.importers import html
    monkeypatch.setattr(html, "_extract", lambda page, recall: None)
    path = tmp_path / "listing.html"
    path.write_text("<html><head><title>Desk listing</title></head><body><h1>Listing</h1>"
                    "<p>First entry: the corridor reopened.</p><p>Second entry: talks resume."
                    "</p><script>x()</script></body></html>", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Listing"
    assert "First entry: the corridor reopened." in article.text
    assert "Second entry: talks resume." in article.text
    assert "x()" not in article.text


# -- Word ---------------------------------------------------------------------------------------

def test_docx_paragraphs_headings_and_tables_in_order(tmp_path: Path) -> None:
    document = docx.Document()
    document.core_properties.title = "Ministry statement"
    document.core_properties.author = "Press Office"
    document.core_properties.created = datetime.datetime(2026, 2, 3, 9, 0)
    document.add_heading("Statement on the talks", level=1)
    document.add_paragraph("We reject any freeze of the front line.")
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("Demand", "Status"), ("Withdrawal", "Open")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("Talks continue next week.", style="List Bullet")
    document.add_paragraph("Nothing about us without us.", style="Quote")
    path = tmp_path / "statement.docx"
    document.save(str(path))
    article = read_article(path)
    assert article.title == "Ministry statement"
    assert article.meta == {"author": "Press Office", "published": "2026-02-03"}
    assert _blocks(article) == [
        ("heading", "Statement on the talks"),
        ("paragraph", "We reject any freeze of the front line."),
        ("table_row", "Demand | Status"), ("table_row", "Withdrawal | Open"),
        ("list_item", "\u2022 Talks continue next week."),  # the bullet Word shows
        ("quote", "Nothing about us without us.")]


def test_a_file_named_docx_that_is_not_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip" * 20)
    with pytest.raises(ImportRefused, match=r"fake.docx is damaged .* or not a Word file"):
        read_article(path)


# -- PDF ------------------------------------------------------------------------------------------

def _pdf(path: Path, *, encrypt: str | None = None, text: bool = True) -> Path:
    pdf = canvas.Canvas(str(path), pagesize=A4,
                        encrypt=StandardEncryption(encrypt) if encrypt else None)
    if text:
        pdf.setFont("Helvetica-Bold", 20)
        pdf.drawString(72, 760, "Joint Statement on Grain")
        pdf.setFont("Helvetica", 11)
        pdf.drawString(72, 720, "The ministers agreed that inspections will be carried")
        pdf.drawString(72, 706, "out jointly in Turkish waters from next month.")
        pdf.drawString(72, 660, "A review of the arrangement is planned for June.")
    else:
        pdf.rect(72, 500, 300, 200, fill=1)  # a "scan": pictures, no text layer
    pdf.showPage()
    pdf.save()
    return path


def test_pdf_text_layer_with_heading_by_font_size(tmp_path: Path) -> None:
    article = read_article(_pdf(tmp_path / "statement.pdf"))
    assert article.title == "Joint Statement on Grain"
    assert _blocks(article) == [
        ("heading", "Joint Statement on Grain"),
        ("paragraph", "The ministers agreed that inspections will be carried out jointly "
                      "in Turkish waters from next month."),
        ("paragraph", "A review of the arrangement is planned for June.")]


def test_scanned_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="no text layer"):
        read_article(_pdf(tmp_path / "scan.pdf", text=False))


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ImportRefused, match="encrypted"):
        read_article(_pdf(tmp_path / "secret.pdf", encrypt="s3cret"))


# -- bad input of every kind ------------------------------------------------------------------

def test_binary_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ImportRefused, match="binary"):
        read_article(path)


@pytest.mark.parametrize("content", [b"", b"   \n\n \t \n"])
def test_empty_files_are_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=r"empty|no text"):
        read_article(path)


def test_files_over_the_size_limit_are_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 30_000)
    with pytest.raises(ImportRefused, match=r"too large \(146\.5 KB|too large"):
        read_article(path, max_bytes=100_000)


def test_unsupported_file_types_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(ImportRefused, match="unsupported file type"):
        read_article(path)


def test_broken_utf16_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + b"a\x00b")  # odd number of bytes
    with pytest.raises(ImportRefused, match="broken utf-16"):
        read_article(path)


def test_pdf_document_information_becomes_details(tmp_path: Path) -> None:
    path = tmp_path / "terms.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setTitle("Kremlin restates its terms")
    pdf.setAuthor("A. Reporter")
    pdf.drawString(72, 720, "Moscow views territorial concessions as non-negotiable.")
    pdf.save()
    article = read_article(path)
    assert article.title == "Kremlin restates its terms"
    assert article.meta["author"] == "A. Reporter"
    assert len(article.meta["published"]) == 10
