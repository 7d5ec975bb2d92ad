"""E-mail messages (.eml) imported as articles: the subject as title, the sender and
date, the HTML body (else the plain text), attachments named; a file that is no
message is refused in a sentence; a web page saved as one file (.mhtml) is the page."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path

import pytest

from workbench.errors import ImportRefused
from workbench.importers import SUPPORTED_SUFFIXES, read_article

BODY = ("The minister said on Friday that inspections by Russia were out of the question, "
        "and that the corridor would stay open to every ship that had been inspected.")


def _message(tmp_path: Path, *, html: str = "", plain: str = "",
             attach: bool = False, charset: str = "utf-8") -> Path:
    message = EmailMessage()
    message["From"] = "Jane Smith <jane.smith@harbourwire.example>"
    message["To"] = "Desk <desk@ministry.example>"
    message["Subject"] = "Kyiv rejects inspection terms"
    message["Date"] = "Fri, 14 Mar 2026 10:32:00 +0000"
    message.set_content(plain or "(see the HTML)", charset=charset)
    if html:
        message.add_alternative(html, subtype="html")
    if attach:
        message.add_attachment(b"%PDF-1.4\n" + b"0" * 2048, maintype="application",
                               subtype="pdf", filename="communique.pdf")
    path = tmp_path / "message.eml"
    path.write_bytes(bytes(message))
    return path


def test_an_email_with_html_text_and_an_attachment(tmp_path: Path) -> None:
    html = f"<html><body><p>{BODY}</p><p>Talks resume in April, officials said.</p>" \
           "</body></html>"
    article = read_article(_message(tmp_path, html=html, plain="Plain version.",
                                    attach=True))
    assert ".eml" in SUPPORTED_SUFFIXES
    assert article.title == "Kyiv rejects inspection terms"
    assert article.meta["author"] == "Jane Smith"
    assert article.meta["published"] == "2026-03-14"
    assert article.text.startswith(BODY)  # the HTML body, preferred to the plain text
    assert "Plain version." not in article.text
    assert article.text.endswith("Attachments\n\ncommunique.pdf, 2 KB")


def test_a_plain_text_email_in_latin_1(tmp_path: Path) -> None:
    plain = "Le ministre a déclaré vendredi que les inspections étaient exclues.\n\n" \
            "Les pourparlers reprennent en avril."
    article = read_article(_message(tmp_path, plain=plain, charset="latin-1"))
    assert "déclaré vendredi" in article.text
    assert "Les pourparlers reprennent en avril." in article.text


def test_a_file_that_is_no_message_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "junk.eml"
    path.write_bytes(b"\x00\x01 no headers here at all \xff\xfe")
    with pytest.raises(ImportRefused, match=r"junk\.eml is not an e-mail message"):
        read_article(path)


def test_a_web_page_saved_as_one_file(tmp_path: Path) -> None:
    """Chrome's "Save as: single file" (MHTML): the page, read as a web page, and the
    address it came from; its images are not text."""
    html = (f"<html><head><title>Ports reopen | Harbour Wire</title></head><body><article>"
            f"<h1>Ports reopen</h1><p>{BODY}</p><p>Talks resume in April, officials said."
            "</p></article></body></html>")
    quoted = html.replace("=", "=3D")
    archive = (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://news.example/ports\r\n"
        "Subject: Ports reopen | Harbour Wire\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/related; type="text/html"; boundary="----B"\r\n\r\n'
        "------B\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        f"Content-Location: https://news.example/ports\r\n\r\n{quoted}\r\n"
        "------B\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
        "Content-Location: https://news.example/logo.png\r\n\r\niVBORw0KGgo=\r\n------B--\r\n")
    path = tmp_path / "ports.mhtml"
    path.write_bytes(archive.encode())
    article = read_article(path)
    assert {".mht", ".mhtml"} <= SUPPORTED_SUFFIXES
    assert article.title == "Ports reopen"
    assert BODY in article.text
    assert "Talks resume in April, officials said." in article.text
    assert article.meta["url"] == "https://news.example/ports"
