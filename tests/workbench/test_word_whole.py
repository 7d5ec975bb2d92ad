"""Word files read whole: content controls, tracked changes (accepted), nested tables,
text boxes (once), footnotes, endnotes and comments behind their markers, list items
with the numbers Word shows, Strict Open XML files, and a title from the body."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from tests.corpus import document_xml, rewrite_zip
from workbench.importers import read_article

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
PREFIXES = {
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}


def _p(inner: str, style: str = "") -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


BODY = "".join([
    _p(_r("Kyiv Rejects Inspection Terms"), "Heading1"),
    # A content control around a whole paragraph, and one in mid-sentence.
    f'<w:sdt><w:sdtPr><w:alias w:val="Lead"/></w:sdtPr><w:sdtContent>'
    f'{_p(_r("The lead paragraph sits in a content control."))}</w:sdtContent></w:sdt>',
    _p(_r("The minister said ") + '<w:sdt><w:sdtContent>' + _r("inspections by Russia")
       + "</w:sdtContent></w:sdt>" + _r(" were out of the question.")),
    # A tracked insertion kept, a tracked deletion left out.
    _p(_r("Kyiv ") + '<w:ins w:id="1" w:author="Ed"><w:r><w:t xml:space="preserve">firmly '
       '</w:t></w:r></w:ins><w:del w:id="2" w:author="Ed"><w:r><w:delText>never </w:delText>'
       "</w:r></w:del>" + _r("rejected the terms.")),
    # A nested table.
    "<w:tbl><w:tr><w:tc>" + _p(_r("Outer cell")) + "<w:tbl><w:tr><w:tc>"
    + _p(_r("Inner cell text")) + "</w:tc></w:tr></w:tbl>" + _p("") + "</w:tc></w:tr></w:tbl>",
    # A text box, stored twice (the drawing and its VML fallback): read once.
    _p(_r("Around the box.") + '<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
       '<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
       + _p(_r("Boxed quote from the ministry.")) + '</w:txbxContent></wps:txbx></wps:wsp>'
       '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback>'
       '<w:pict><v:shape><v:textbox><w:txbxContent>'
       + _p(_r("Boxed quote from the ministry.")) + '</w:txbxContent></v:textbox></v:shape>'
       "</w:pict></mc:Fallback></mc:AlternateContent></w:r>"),
    # Notes and a comment, by reference.
    _p(_r("Talks resume in April.") + '<w:r><w:footnoteReference w:id="1"/></w:r>'
       + _r(" Grain waits.") + '<w:r><w:endnoteReference w:id="1"/></w:r>'
       + '<w:r><w:commentReference w:id="0"/></w:r>'),
])

FOOTNOTES = (f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1">'
             + _p(_r("----")) + '</w:footnote><w:footnote w:id="1">'
             + _p(_r("According to two officials.")) + "</w:footnote></w:footnotes>")
ENDNOTES = (f'<w:endnotes {W}><w:endnote w:id="1">' + _p(_r("See the April communiqué."))
            + "</w:endnote></w:endnotes>")
COMMENTS = (f'<w:comments {W}><w:comment w:id="0" w:author="Desk">'
            + _p(_r("Check this date.")) + "</w:comment></w:comments>")


def _word_file(tmp_path: Path) -> Path:
    seed = io.BytesIO()
    docx.Document().save(seed)
    data = seed.getvalue()
    xml = document_xml(data).decode("utf-8")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
    xml = xml[:start] + BODY + xml[end:]
    declared = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in PREFIXES.items()
                        if f"xmlns:{prefix}=" not in xml)
    xml = xml.replace("<w:document ", f"<w:document {declared} ", 1)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        types = package.read("[Content_Types].xml").decode()
        rels = package.read("word/_rels/document.xml.rels").decode()
        app = package.read("docProps/app.xml").decode()
    app = app.replace("<Company/>", "<Company>Ministry of Foreign Affairs</Company>")
    base = "application/vnd.openxmlformats-officedocument.wordprocessingml"
    for name in ("footnotes", "endnotes", "comments"):
        types = types.replace("</Types>", f'<Override PartName="/word/{name}.xml" '
                                          f'ContentType="{base}.{name}+xml"/></Types>')
        rels = rels.replace("</Relationships>", f'<Relationship Id="rWb{name}" Type="http://'
                            'schemas.openxmlformats.org/officeDocument/2006/relationships/'
                            f'{name}" Target="{name}.xml"/></Relationships>')
    data = rewrite_zip(data, {"word/document.xml": xml.encode(), "[Content_Types].xml":
                              types.encode(), "word/_rels/document.xml.rels": rels.encode(),
                              "docProps/app.xml": app.encode()})
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as package:  # the three new parts
        for name, part in (("footnotes", FOOTNOTES), ("endnotes", ENDNOTES),
                           ("comments", COMMENTS)):
            package.writestr(f"word/{name}.xml", part)
    data = out.getvalue()
    path = tmp_path / "ministry.docx"
    path.write_bytes(data)
    return path


def test_everything_a_reader_sees_is_imported_once_in_order(tmp_path: Path) -> None:
    article = read_article(_word_file(tmp_path))
    text = article.text
    order = ["Kyiv Rejects Inspection Terms",
             "The lead paragraph sits in a content control.",
             "The minister said inspections by Russia were out of the question.",
             "Kyiv firmly rejected the terms.",
             "Outer cell", "Inner cell text",
             "Around the box.", "Boxed quote from the ministry.",
             "Talks resume in April.[1] Grain waits.[E1][C0]",
             "Footnotes", "[1] According to two officials.",
             "Endnotes", "[E1] See the April communiqué.",
             "Comments in the file", "[C0] Desk: Check this date."]
    at = [text.index(line) for line in order]
    assert at == sorted(at)
    assert "never" not in text  # the tracked deletion
    assert text.count("Boxed quote from the ministry.") == 1
    assert "----" not in text  # the separator note
    assert article.title == "Kyiv Rejects Inspection Terms"
    assert article.meta["source"] == "Ministry of Foreign Affairs"  # the file's Company


def _numbered(paragraph: str, level: int, num_id: int = 7) -> str:
    return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
            f"</w:numPr></w:pPr>{_r(paragraph)}</w:p>")


NUMBERING = (f'<w:numbering {W}><w:abstractNum w:abstractNumId="3">'
             '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
             '<w:lvlText w:val="%1."/></w:lvl>'
             '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>'
             '<w:lvlText w:val="%1.%2)"/></w:lvl>'
             '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/>'
             '<w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum>'
             '<w:num w:numId="7"><w:abstractNumId w:val="3"/>'
             '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="4"/></w:lvlOverride></w:num>'
             "</w:numbering>")


DEMANDS = ["The demands:", "4. Open the ports.", "4.a) Inspect every ship.", "(i) At sea.",
           "(ii) In port.", "4.b) Report weekly.", "5. Release the crews.",
           "5.a) Within a week."]


def demands_file(tmp_path: Path, numbering: str = NUMBERING) -> Path:
    """A numbered list of demands: 4, 4.a), 4.b) with (i) and (ii) under it, then 5
    (1, 1.a)… without the override that starts the list at 4)."""
    seed = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("Seed.", style="List Number")  # the package gets its numbering
    document.save(seed)
    xml = document_xml(seed.getvalue()).decode("utf-8")
    start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
    body = "".join([_p(_r("The demands:")), _numbered("Open the ports.", 0),
                    _numbered("Inspect every ship.", 1), _numbered("At sea.", 2),
                    _numbered("In port.", 2), _numbered("Report weekly.", 1),
                    _numbered("Release the crews.", 0), _numbered("Within a week.", 1)])
    data = rewrite_zip(seed.getvalue(), {
        "word/document.xml": (xml[:start] + body + xml[end:]).encode(),
        "word/numbering.xml": numbering.encode()})
    path = tmp_path / "demands.docx"
    path.write_bytes(data)
    return path


def test_list_items_carry_the_numbers_word_shows(tmp_path: Path) -> None:
    """Paragraphs 4, 4.a), 4.b) with (i) and (ii) under it, then 5: as Word numbers them
    (the list starts at 4 by an override; a deeper level starts again under each item)."""
    assert read_article(demands_file(tmp_path)).text.split("\n\n") == DEMANDS


def test_overrides_of_one_list_count_on_together_and_a_restart_starts_afresh() -> None:
    """A .doc's list overrides: two overrides of one list share its counters; one that
    restarts level 1 at 4 starts it there at its first item, then counts on."""
    from workbench.importers.word.numbering import Level, Numbering
    levels = {0: Level("decimal", "%1.", 1), 1: Level("lowerLetter", "%1.%2)", 1)}
    numbering = Numbering(lists={"1": levels, "2": levels,
                                 "3": {0: Level("decimal", "%1.", 4), 1: levels[1]}},
                          continues={"1": "list 9", "2": "list 9", "3": "list 9"},
                          restarts={"3": {0}})
    labels = [numbering.next_label(n, level) for n, level in
              [("1", 0), ("1", 1), ("2", 0), ("2", 1), ("3", 0), ("1", 0), ("1", 1)]]
    assert labels == ["1.", "1.a)", "2.", "2.a)", "4.", "5.", "5.a)"]


def test_numbers_in_words_formats() -> None:
    from workbench.importers.word.numbering import count_as
    assert [count_as("lowerLetter", n) for n in (1, 26, 27)] == ["a", "z", "aa"]
    assert [count_as("upperRoman", n) for n in (4, 9, 14, 1999)] == ["IV", "IX", "XIV",
                                                                    "MCMXCIX"]
    assert count_as("decimalZero", 7) == "07"
    assert count_as("decimal", 12) == "12"


def test_a_strict_open_xml_file_is_read_not_called_damaged(tmp_path: Path) -> None:
    """Word's "Strict Open XML Document": the same parts under purl.oclc.org names."""
    seed = io.BytesIO()
    document = docx.Document()
    document.add_heading("Strict Corridor Note", level=1)
    document.add_paragraph("Saved in the strict format, read all the same.")
    document.save(seed)
    twins = [(b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
              b"http://purl.oclc.org/ooxml/wordprocessingml/main"),
             (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
              b"http://purl.oclc.org/ooxml/officeDocument/relationships")]
    with zipfile.ZipFile(seed) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    for name, part in parts.items():
        if name.endswith((".xml", ".rels")):
            for transitional, strict in twins:
                part = part.replace(transitional, strict)
            parts[name] = part
    assert b"purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" in \
        parts["_rels/.rels"]
    path = tmp_path / "strict.docx"
    path.write_bytes(rewrite_zip(seed.getvalue(), parts))  # type: ignore[arg-type]
    article = read_article(path)
    assert article.text == "Strict Corridor Note\n\nSaved in the strict format, read all the same."


def test_the_title_is_the_bodys_never_the_notes_heading(tmp_path: Path) -> None:
    """A file with no title of its own, whose only heading is the one its comments get."""
    path = _word_file(tmp_path)
    data = path.read_bytes()
    xml = document_xml(data).decode("utf-8").replace('<w:pStyle w:val="Heading1"/>', "")
    path.write_bytes(rewrite_zip(data, {"word/document.xml": xml.encode()}))
    article = read_article(path)
    assert article.title == "Kyiv Rejects Inspection Terms"
    assert "Comments in the file" in article.text
