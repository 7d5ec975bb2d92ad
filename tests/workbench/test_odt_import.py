"""OpenDocument text (.odt) read whole and in order: headings, numbered lists as they
are shown, tables, text boxes, tracked changes accepted, notes and comments behind
their markers, and the file's own title, author and date."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from workbench.errors import ImportRefused
from workbench.importers import SUPPORTED_SUFFIXES, read_article

NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')
STYLES = ('<text:list-style style:name="L1">'
          '<text:list-level-style-number text:level="1" style:num-format="1" '
          'style:num-suffix="."/>'
          '<text:list-level-style-number text:level="2" style:num-format="a" '
          'style:num-suffix=")" text:display-levels="2"/></text:list-style>'
          '<text:list-style style:name="B1"><text:list-level-style-bullet text:level="1" '
          'text:bullet-char="-"/></text:list-style>')
BODY = (
    '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
    '<text:p>never </text:p></text:deletion></text:changed-region></text:tracked-changes>'
    '<text:h text:outline-level="1">Corridor Terms</text:h>'
    '<text:p>Kyiv <text:change text:change-id="c1"/>firmly<text:s text:c="2"/>rejected '
    '<text:span>the</text:span> terms.<text:note text:note-class="footnote">'
    '<text:note-citation>1</text:note-citation><text:note-body><text:p>Two officials.'
    '</text:p></text:note-body></text:note><office:annotation><dc:creator>Desk</dc:creator>'
    '<text:p>Check the date.</text:p></office:annotation></text:p>'
    '<text:list xml:id="first" text:style-name="L1"><text:list-item><text:p>Open the ports.'
    '</text:p><text:list><text:list-item><text:p>Inspect every ship.</text:p>'
    '</text:list-item></text:list></text:list-item></text:list>'
    '<text:p>Meanwhile, <draw:frame><draw:text-box><text:p>Boxed: the ministry spoke.'
    '</text:p></draw:text-box></draw:frame>the talks went on.</text:p>'
    '<text:list text:continue-list="first" text:style-name="L1"><text:list-item><text:p>'
    'Release the crews.</text:p></text:list-item></text:list>'
    '<text:list text:style-name="B1"><text:list-item><text:p>A bullet.</text:p>'
    '</text:list-item></text:list>'
    '<table:table><table:table-row><table:table-cell><text:p>Demand</text:p>'
    '</table:table-cell><table:table-cell><text:p>Status</text:p></table:table-cell>'
    '</table:table-row></table:table>')


def _odt(tmp_path: Path, body: str = BODY, mimetype: bytes = b"") -> Path:
    path = tmp_path / "terms.odt"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("mimetype", mimetype or
                         b"application/vnd.oasis.opendocument.text")
        package.writestr("content.xml", f'<office:document-content {NS}>'
                         f"<office:automatic-styles>{STYLES}</office:automatic-styles>"
                         f"<office:body><office:text>{body}</office:text></office:body>"
                         "</office:document-content>")
        package.writestr("meta.xml", f'<office:document-meta {NS}><office:meta>'
                         "<dc:title>Corridor Terms, Week 11</dc:title>"
                         "<dc:creator>Jane Smith</dc:creator>"
                         "<meta:creation-date>2026-03-14T10:32:00</meta:creation-date>"
                         "</office:meta></office:document-meta>")
    return path


def test_an_odt_is_read_whole_in_order(tmp_path: Path) -> None:
    article = read_article(_odt(tmp_path))
    assert ".odt" in SUPPORTED_SUFFIXES
    assert article.text.split("\n\n") == [
        "Corridor Terms", "Kyiv firmly rejected the terms.[1][C1]", "1. Open the ports.",
        "1.a) Inspect every ship.", "Meanwhile, the talks went on.",
        "Boxed: the ministry spoke.", "2. Release the crews.", "\u2022 A bullet.",
        "Demand | Status", "Footnotes", "[1] Two officials.", "Comments in the file",
        "[C1] Desk: Check the date."]
    assert article.title == "Corridor Terms, Week 11"
    assert article.meta == {"author": "Jane Smith", "published": "2026-03-14"}


def test_a_zip_that_is_not_an_odt_is_refused(tmp_path: Path) -> None:
    path = _odt(tmp_path, mimetype=b"application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(ImportRefused, match=r"is not an OpenDocument text"):
        read_article(path)
