"""Word 97-2003 files (.doc) read for their text: the main text in order, tracked
deletions left out, headings and quotes by their style, tables row by row, notes,
comments and text boxes after it, fields as their result; a .doc named .docx is read
as what it is; damage is told in words.  The files are saved as .doc by LibreOffice
(skipped where it is absent)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import olefile
import pytest

from tests.workbench.test_word_whole import NUMBERING, _word_file, demands_file
from workbench.errors import ImportRefused
from workbench.importers import SUPPORTED_SUFFIXES, read_article
from workbench.importers.word.docfile import _visible

OFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _as_doc(tmp_path: Path, source: Path) -> Path:
    assert OFFICE is not None
    subprocess.run([OFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/user",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, timeout=180, check=True)
    converted = tmp_path / f"{source.stem}.doc"
    assert converted.exists()
    return converted


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice saves the .doc files")
def test_a_word_97_file_is_read_whole(tmp_path: Path) -> None:
    path = _as_doc(tmp_path, _word_file(tmp_path))
    article = read_article(path)
    text = article.text
    assert ".doc" in SUPPORTED_SUFFIXES
    assert article.title == "Kyiv Rejects Inspection Terms"
    order = ["Kyiv Rejects Inspection Terms",
             "The minister said inspections by Russia were out of the question.",
             "Kyiv firmly rejected the terms.",  # the tracked deletion ("never") left out
             "Talks resume in April.", "Footnotes", "According to two officials.",
             "Check this date.", "See the April communiqué.", "Boxed quote from the ministry."]
    assert [text.index(part) for part in order] == sorted(text.index(p) for p in order)
    assert "never" not in text
    renamed = tmp_path / "sent-as.docx"  # a .doc someone named .docx
    renamed.write_bytes(path.read_bytes())
    assert read_article(renamed).text == text


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice saves the .doc files")
def test_the_company_the_file_names_is_its_source(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """LibreOffice does not write Word's Company property into a .doc; the property
    set olefile reads is given one here."""
    path = _as_doc(tmp_path, _word_file(tmp_path))
    read = olefile.OleFileIO.get_metadata

    def with_company(ole: olefile.OleFileIO) -> olefile.OleMetadata:
        meta = read(ole)
        meta.company = "Ministry of Foreign Affairs".encode("cp1252")
        return meta

    monkeypatch.setattr(olefile.OleFileIO, "get_metadata", with_company)
    assert read_article(path).meta["source"] == "Ministry of Foreign Affairs"


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice saves the .doc files")
def test_list_items_carry_the_numbers_word_shows(tmp_path: Path) -> None:
    """Numbered demands saved as .doc: the list table's levels ("%1.", "%1.%2)" and
    "(%3)") number them as Word does, and as LibreOffice shows the same file; a deeper
    level starts again under each item above it; bullets show as bullets.  (LibreOffice
    saves a start override as a list of its own, so the override is left out here.)"""
    numbering = re.sub(r"<w:lvlOverride.*?</w:lvlOverride>", "", NUMBERING)
    path = _as_doc(tmp_path, demands_file(tmp_path, numbering))
    expected = ["The demands:", "1. Open the ports.", "1.a) Inspect every ship.",
                "(i) At sea.", "(ii) In port.", "1.b) Report weekly.", "2. Release the crews.",
                "2.a) Within a week."]
    assert read_article(path).text.split("\n\n") == expected
    shown = subprocess.run([OFFICE or "", "--headless",
                            f"-env:UserInstallation=file://{tmp_path}/user", "--cat", str(path)],
                           capture_output=True, timeout=180, check=True, text=True).stdout
    shown = shown.lstrip("\ufeff")  # LibreOffice writes a byte-order mark first
    assert [" ".join(line.split()) for line in shown.splitlines() if line.strip()] == expected
    document = docx.Document()
    for text in ("One.", "Two."):
        document.add_paragraph(text, style="List Bullet")
    document.add_paragraph("Closing.", style="List Number")
    document.save(str(tmp_path / "bullets.docx"))
    assert read_article(_as_doc(tmp_path, tmp_path / "bullets.docx")).text.split("\n\n") \
        == ["\u2022 One.", "\u2022 Two.", "1. Closing."]


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice saves the .doc files")
def test_headings_quotes_and_table_rows_come_from_the_styles(tmp_path: Path) -> None:
    from tests.corpus import docx_seed
    source = tmp_path / "seed.docx"
    source.write_bytes(docx_seed())
    article = read_article(_as_doc(tmp_path, source))
    blocks = [(b.kind, article.text[b.start:b.end]) for b in article.blocks]
    assert blocks[0] == ("heading", "Talks on the grain corridor")
    assert ("table_row", "Demand | Status") in blocks
    assert ("table_row", "Withdrawal | Open") in blocks
    assert ("quote", "Nothing about us without us.") in blocks
    assert [kind for kind, text in blocks if text.startswith("Moscow views")] == ["paragraph"]


@pytest.mark.skipif(OFFICE is None, reason="LibreOffice saves the .doc files")
def test_a_row_ends_at_its_row_mark_not_at_an_empty_cell(tmp_path: Path) -> None:
    """A row's end mark looks like a cell's; the paragraph formatting tells them apart,
    so an empty cell inside a row does not cut the row in two."""
    document = docx.Document()
    grid = document.add_table(rows=3, cols=3)
    for row, cells in zip(grid.rows, [("Demand", "", "Status"), ("Withdrawal", "", "Open"),
                                      ("", "Talks", "")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("After the table.")
    document.save(str(tmp_path / "grid.docx"))
    article = read_article(_as_doc(tmp_path, tmp_path / "grid.docx"))
    assert [(b.kind, article.text[b.start:b.end]) for b in article.blocks] == [
        ("table_row", "Demand | Status"), ("table_row", "Withdrawal | Open"),
        ("table_row", "Talks"), ("paragraph", "After the table.")]


def test_fields_show_their_result_and_cells_their_row() -> None:
    assert _visible('See \x13 HYPERLINK "https://x.example" \x14the report\x15 now.') == \
        "See the report now."
    assert _visible("Demand\x07Status\x07\x07") == "Demand\x07Status\x07\x07"
    assert _visible("Non\x1ebreaking and opt\x1fional\x0bline") == \
        "Non-breaking and optional\nline"


def test_a_file_that_is_not_a_word_97_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "fake.doc"
    path.write_bytes(b"This is not a compound file at all, only text.")
    with pytest.raises(ImportRefused, match=r"fake\.doc is damaged or not a Word 97-2003 file"):
        read_article(path)
