"""Files to import, good and hostile, built in the test run (nothing downloaded).

Seeds of every format the importers read, and the hostile shapes seen in the
field: zip bombs, entity expansion, huge attributes, PDF stream bombs, pages of
unclosed tags.  The tests and the fuzzer (``tests/fuzzing.py``) share them.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen import canvas

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # how encrypted Word files begin

ARTICLE = [
    "Talks on the grain corridor",
    "Moscow views territorial concessions by Ukraine as non-negotiable, officials said.",
    "Ukraine's leadership has consistently rejected any proposal involving territorial "
    "concessions.",
    "Ankara offered joint inspection teams in Turkish waters as a compromise.",
]


def text_seed() -> bytes:
    return "\n\n".join(ARTICLE).encode("utf-8")


def markdown_seed() -> bytes:
    body = "\n\n".join(f"> {p}" if i == 3 else p for i, p in enumerate(ARTICLE[1:]))
    return f"---\ntitle: {ARTICLE[0]}\n---\n\n# {ARTICLE[0]}\n\n{body}\n\n- one\n- two\n" \
        .encode()


def html_seed() -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE[1:] * 3)
    return (f"<html><head><title>{ARTICLE[0]}</title><script>fetch('http://x')</script>"
            f"</head><body><nav>Home</nav><article><h1>{ARTICLE[0]}</h1>{paragraphs}"
            "<iframe src='http://example.invalid/'></iframe>"
            "<img src='http://example.invalid/a.png'></article></body></html>").encode()


def docx_seed() -> bytes:
    document = docx.Document()
    document.core_properties.title = ARTICLE[0]
    document.add_heading(ARTICLE[0], level=1)
    for paragraph in ARTICLE[1:]:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Demand", "Status"
    table.cell(1, 0).text, table.cell(1, 1).text = "Withdrawal", "Open"
    document.add_paragraph("Nothing about us without us.", style="Quote")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_seed(pages: int = 1) -> bytes:
    out = io.BytesIO()
    drawing = canvas.Canvas(out, pagesize=A4)
    for _ in range(pages):
        drawing.setFont("Helvetica-Bold", 18)
        drawing.drawString(72, 770, ARTICLE[0])
        drawing.setFont("Helvetica", 11)
        for row, paragraph in enumerate(ARTICLE[1:]):
            drawing.drawString(72, 730 - row * 40, paragraph[:90])
        drawing.showPage()
    drawing.save()
    return out.getvalue()


class PdfNote(pdfdoc.Annotation):
    """An annotation of any kind, with the entries reportlab's own classes do not take."""

    permitted = (*pdfdoc.Annotation.permitted, "Name", "IRT", "QuadPoints")

    def __init__(self, kind: str, rect: tuple[float, ...], contents: str, **entries: Any):
        self.kind, self.rect, self.contents, self.entries = kind, rect, contents, entries

    def Dict(self) -> Any:  # reportlab calls it by this name
        return self.AnnotationDict(**self.entries, Rect=self.rect, Contents=self.contents,
                                   Subtype=f"/{self.kind}")


def reviewed_pdf_seed() -> bytes:
    """A page with a drawing, a comment on highlighted words, a reply and a stamp."""
    out = io.BytesIO()
    page = canvas.Canvas(out, pagesize=A4)
    for n in range(40):  # a chart's lines
        page.line(300 + n * 5, 100, 310 + n * 5, 200 + n)
    page.setFont("Helvetica", 12)
    page.drawString(72, 700, "The ministers agreed to open the corridor on Monday.")
    page.drawString(72, 680, "Inspections continue in Turkish waters.")
    x = 72 + page.stringWidth("The ministers ", "Helvetica", 12)
    x1 = x + page.stringWidth("agreed to open", "Helvetica", 12)
    page._addAnnotation(PdfNote("Highlight", (x, 696, x1, 712), "Which ministers? Check.",
                                T=pdfdoc.PDFString("Anna Berg"),
                                QuadPoints=pdfdoc.PDFArray([x, 712, x1, 712, x, 696, x1, 696])),
                        "asked")
    page._addAnnotation(PdfNote("Text", (400, 670, 420, 690), "The joint statement of 3 May.",
                                T=pdfdoc.PDFString("Desk"),
                                IRT=pdfdoc.PDFObjectReference("Annot.asked")))
    page.beginForm("stamp", lowerx=0, lowery=0, upperx=120, uppery=40)
    page.setFont("Helvetica-Bold", 16)
    page.drawString(5, 12, "DRAFT ONLY")
    page.endForm()
    page._addAnnotation(PdfNote("Stamp", (400, 760, 520, 800), "",
                                Name=pdfdoc.PDFName("Draft"), AP=pdfdoc.PDFDictionary(
                                    {"N": pdfdoc.PDFObjectReference("FormXob.stamp")})))
    page.showPage()
    page.save()
    return out.getvalue()


ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def odt_seed() -> bytes:
    body = f"<text:h>{ARTICLE[0]}</text:h>" + "".join(
        f"<text:p>{p}<text:note><text:note-citation>1</text:note-citation><text:note-body>"
        "<text:p>A note.</text:p></text:note-body></text:note></text:p>"
        for p in ARTICLE[1:]) + \
        "<table:table><table:table-row><table:table-cell><text:p>Demand</text:p>" \
        "</table:table-cell></table:table-row></table:table>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", f"<office:document-content {ODT_NS}><office:body>"
                         f"<office:text>{body}</office:text></office:body>"
                         "</office:document-content>")
        package.writestr("meta.xml", f"<office:document-meta {ODT_NS}><office:meta>"
                         f"<dc:title>{ARTICLE[0]}</dc:title></office:meta>"
                         "</office:document-meta>")
    return out.getvalue()


def eml_seed() -> bytes:
    from email.message import EmailMessage
    message = EmailMessage()
    message["From"] = "Desk <desk@ministry.example>"
    message["Subject"] = ARTICLE[0]
    message["Date"] = "Fri, 14 Mar 2026 10:32:00 +0000"
    message.set_content("\n\n".join(ARTICLE[1:]))
    message.add_alternative(html_seed().decode(), subtype="html")
    message.add_attachment(b"%PDF-1.4\n", maintype="application", subtype="pdf",
                           filename="a.pdf")
    return bytes(message)


def mhtml_seed() -> bytes:
    return (b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/a\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; "
            b"boundary=\"B\"\r\n\r\n--B\r\nContent-Type: text/html\r\n\r\n"
            + html_seed() + b"\r\n--B--\r\n")


def doc_seed() -> bytes | None:
    """The Word seed saved as Word 97-2003 by LibreOffice (None when it is absent)."""
    import shutil
    import subprocess
    import tempfile
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "seed.docx"
        source.write_bytes(docx_seed())
        subprocess.run([office, "--headless", f"-env:UserInstallation=file://{folder}/user",
                        "--convert-to", "doc", "--outdir", folder, str(source)],
                       capture_output=True, timeout=180, check=False)
        converted = Path(folder) / "seed.doc"
        return converted.read_bytes() if converted.exists() else None


SEEDS = {".txt": text_seed, ".md": markdown_seed, ".html": html_seed, ".docx": docx_seed,
         ".pdf": pdf_seed, ".odt": odt_seed, ".eml": eml_seed, ".mhtml": mhtml_seed}


# -- hostile Word files ------------------------------------------------------------------------

def rewrite_zip(data: bytes, change: dict[str, bytes | None]) -> bytes:
    """The same package with some parts replaced (or removed, for ``None``)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in change:
                replacement = change[info.filename]
                if replacement is not None:
                    target.writestr(info.filename, replacement)
            else:
                target.writestr(info, source.read(info))
    return out.getvalue()


def document_xml(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("word/document.xml")


def docx_with_grid_span(value: str) -> bytes:
    seed = docx_seed()
    xml = document_xml(seed).replace(b"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{value}"/>'
                                      .encode(), 1)
    return rewrite_zip(seed, {"word/document.xml": xml})


def docx_with_created(value: str) -> bytes:
    seed = docx_seed()
    with zipfile.ZipFile(io.BytesIO(seed)) as package:
        core = package.read("docProps/core.xml").decode("utf-8")
    start = core.find("<dcterms:created")
    end = core.find("</dcterms:created>") + len("</dcterms:created>")
    if start == -1:
        core = core.replace("</cp:coreProperties>", "<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                            f"{value}</dcterms:created></cp:coreProperties>")
    else:
        core = core[:start] + ("<dcterms:created xsi:type=\"dcterms:W3CDTF\">"
                               f"{value}</dcterms:created>") + core[end:]
    return rewrite_zip(seed, {"docProps/core.xml": core.encode("utf-8")})


def docx_zip_bomb(inflated: int = 1024 * 1024 * 1024) -> bytes:
    """A Word file whose media part inflates to ``inflated`` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx_seed())) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with target.open("word/media/bomb.bin", "w", force_zip64=True) as bomb:
            chunk = bytes(16 * 1024 * 1024)
            for _ in range(inflated // len(chunk)):
                bomb.write(chunk)
    return out.getvalue()


def docx_with_entities() -> bytes:
    """Billion laughs, and an external entity naming a file on the disk."""
    seed = docx_seed()
    xml = document_xml(seed).decode("utf-8")
    laughs = '<!ENTITY l0 "lol">' + "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    doctype = (f'<!DOCTYPE w:document [{laughs}<!ENTITY secret SYSTEM "file:///etc/passwd">]>')
    head, _, rest = xml.partition("?>")
    body = rest.replace("Nothing about us without us.", "&l9; &secret;")
    return rewrite_zip(seed, {"word/document.xml": f"{head}?>{doctype}{body}".encode()})


def docx_many_paragraphs(count: int) -> bytes:
    seed = docx_seed()
    xml = document_xml(seed).decode("utf-8")
    paragraphs = "".join(f"<w:p><w:r><w:t>Paragraph {i}.</w:t></w:r></w:p>" for i in range(count))
    xml = xml.replace("<w:sectPr", paragraphs + "<w:sectPr", 1)
    return rewrite_zip(seed, {"word/document.xml": xml.encode("utf-8")})


def docx_deeply_nested(depth: int = 100_000) -> bytes:
    seed = docx_seed()
    xml = document_xml(seed).decode("utf-8")
    nest = "<w:sdt><w:sdtContent>" * depth + "</w:sdtContent></w:sdt>" * depth
    return rewrite_zip(seed, {"word/document.xml": xml.replace("<w:sectPr", nest + "<w:sectPr",
                                                               1).encode("utf-8")})


# -- hostile PDFs ------------------------------------------------------------------------------

def raw_pdf(content: bytes, *, flate: bool = True, pages: int = 1) -> bytes:
    """A minimal hand-built PDF whose pages share one content stream."""
    stream = zlib.compress(content, 9) if flate else content
    kids = " ".join(f"{4 + i} 0 R" for i in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode(),
        b"<< /Length %d%s >>\nstream\n" % (len(stream), b" /Filter /FlateDecode" if flate
                                           else b"") + stream + b"\nendstream",
        *[b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R "
          b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + pages)] * pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, xref))
    return out.getvalue()


def pdf_text_content(text: str = "Moscow views concessions as non-negotiable.") -> bytes:
    return f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")


def pdf_stream_bomb(inflated: int = 1024 * 1024 * 1024) -> bytes:
    """A PDF whose content stream inflates to ``inflated`` bytes (of spaces)."""
    packer = zlib.compressobj(9)
    chunk = b" " * (16 * 1024 * 1024)
    packed = b"".join(packer.compress(chunk) for _ in range(inflated // len(chunk)))
    packed += packer.compress(pdf_text_content()) + packer.flush()
    page = raw_pdf(b"", flate=False)
    marker = b"<< /Length 0 >>\nstream\n\nendstream"
    return page.replace(marker, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
                        + packed + b"\nendstream")


# -- hostile text ------------------------------------------------------------------------------

def html_unclosed_paragraphs(count: int = 300_000) -> bytes:
    return ("<html><body>" + "<p>word " * count).encode("utf-8")


def markdown_one_letter_lines(size: int = 4 * 1024 * 1024) -> bytes:
    return b"a\n" * (size // 2)


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def damage_pages(path: Path) -> None:
    """Overwrite the cells of every page after the first two (whatever the layout).

    A page's cells are written from its end, so that is where the damage goes.
    """
    data = bytearray(path.read_bytes())
    page = 4096
    for start in range(2 * page, len(data) - page, page):
        data[start + page - 300:start + page] = bytes(range(256)) + bytes(44)
    path.write_bytes(bytes(data))


# -- hostile mail, packages and markup (the issue-20 trials) -----------------------------------

def _mail(head: str, body: str) -> bytes:
    return (f"From: Desk <desk@ministry.example>\nSubject: {ARTICLE[0]}\n{head}\n\n{body}\n"
            ).encode()


def eml_html_flood(count: int = 300_000) -> bytes:
    """An e-mail whose HTML body is ``count`` unclosed paragraphs."""
    return _mail("Content-Type: text/html; charset=utf-8",
                 "<html><body>" + "<p>word " * count)


def mhtml_html_flood(count: int = 300_000) -> bytes:
    """A saved web page of ``count`` unclosed paragraphs."""
    return mhtml_seed().replace(html_seed(), html_unclosed_paragraphs(count))


def eml_folded_header(size: int = 40 * 1024 * 1024) -> bytes:
    """An e-mail whose subject is folded over ``size`` bytes of continuation lines."""
    return _mail("X-Fold: start\n" + " fold\n" * (size // 6) + "Content-Type: text/plain",
                 ARTICLE[1])


def eml_many_attachments(count: int = 100_000) -> bytes:
    """An e-mail with ``count`` tiny attachments."""
    parts = "".join(f"--B\nContent-Type: application/octet-stream\nContent-Disposition: "
                    f"attachment; filename=f{n}.bin\n\nQQ==\n" for n in range(count))
    return _mail("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=B",
                 f"--B\nContent-Type: text/plain\n\n{ARTICLE[1]}\n{parts}--B--")


def eml_utf7_lone_surrogate() -> bytes:
    """An e-mail in UTF-7 whose text decodes to half a surrogate pair."""
    return _mail('Content-Type: text/plain; charset="utf-7"',
                 f"{ARTICLE[1]} +2D0- {ARTICLE[2]}")


def package_lying_sizes(seed: bytes, inflated: int = 300 * 1024 * 1024,
                        declared: int = 20_000) -> bytes:
    """An office package with a part that declares ``declared`` bytes and inflates to
    ``inflated`` (the sizes in both of the zip's headers are rewritten)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        with target.open("media/filler.bin", "w") as filler:
            chunk = bytes(1024 * 1024)
            for _ in range(inflated // len(chunk)):
                filler.write(chunk)
    data = bytearray(out.getvalue())
    name = b"media/filler.bin"
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                data[at + size_at:at + size_at + 4] = declared.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    return bytes(data)


def markdown_bracket_flood(count: int = 100_000) -> bytes:
    return b"# Brackets\n\n" + b"[" * count + b"\n"


def html_attribute_flood(count: int = 50_000) -> bytes:
    attributes = " ".join(f"a{n}=x" for n in range(count))
    return f"<html><body><p {attributes}>{ARTICLE[1]}</p></body></html>".encode()


# Small hostile seeds for the fuzzer: each trips a limit and is quick to mutate.
def hostile_seeds() -> dict[str, tuple[str, bytes]]:
    """name: (suffix, bytes)."""
    return {
        "eml-html-flood": (".eml", eml_html_flood(40_000)),
        "mhtml-html-flood": (".mhtml", mhtml_html_flood(40_000)),
        "eml-folded-header": (".eml", eml_folded_header(2 * 1024 * 1024)),
        "eml-attachments": (".eml", eml_many_attachments(6_000)),
        "eml-utf7": (".eml", eml_utf7_lone_surrogate()),
        "docx-lying-zip": (".docx", package_lying_sizes(docx_seed(), 8 * 1024 * 1024)),
        "odt-lying-zip": (".odt", package_lying_sizes(odt_seed(), 8 * 1024 * 1024)),
        "md-brackets": (".md", markdown_bracket_flood(5_000)),
        "html-attributes": (".html", html_attribute_flood(5_000)),
    }


def odt_encrypted() -> bytes:
    """An OpenDocument text saved with a password: its manifest names the encryption and
    its content is ciphertext."""
    return _with_manifest(rewrite_zip(odt_seed(), {"content.xml": bytes(range(256)) * 8}))


def _with_manifest(data: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("META-INF/manifest.xml", (
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
            'manifest:1.0"><manifest:file-entry manifest:full-path="content.xml">'
            '<manifest:encryption-data manifest:checksum-type="SHA1/1K"/>'
            "</manifest:file-entry></manifest:manifest>"))
    return out.getvalue()


def doc_piece_table_flood(seed: bytes) -> bytes:
    """A Word 97-2003 file whose every piece claims 2 G characters: the piece table is
    rewritten in place (same size) in its table stream."""
    import struct
    import tempfile

    import olefile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "seed.doc"
        path.write_bytes(seed)
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            word = ole.openstream("WordDocument").read()
            name = "1Table" if struct.unpack_from("<H", word, 0x0A)[0] & 0x0200 else "0Table"
            table = bytearray(ole.openstream(name).read())
            at, _ = struct.unpack_from("<II", word, 0x01A2)
            while table[at] == 0x01:  # formatting before the piece table
                at += 3 + struct.unpack_from("<h", table, at + 1)[0]
            count = (struct.unpack_from("<I", table, at + 1)[0] - 4) // 12
            for n in range(1, count + 1):
                struct.pack_into("<I", table, at + 5 + 4 * n, 0x7FFFFFFF)
            ole.write_stream(name, bytes(table))
        return path.read_bytes()


def sample_project(path: Path, analyst: str) -> Path:
    """A closed project at ``path`` holding the sample article (everything in the file)."""
    from workbench.samples import seed_sample
    from workbench.store import Store

    store = Store.open(path, create=True, analyst=analyst)
    seed_sample(store)
    store.close()
    return path
