"""The Word briefing, opened with python-docx and checked against the store."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from exports.briefing import BriefingOptions, TemplateError, write_briefing
from exports.common import ExportCancelled
from workbench.briefing.selection import select_passages
from workbench.model import PassageFilter
from workbench.store import Store

OPTIONS = BriefingOptions(title="Black Sea grain talks", date="2026-03-20",
                          prepared_by="M. Keller", marking="Internal", scope="Everything.")


def _walk(path: Path) -> list[dict[str, str]]:
    """Each quotation with the headings above it and the paragraphs after it."""
    paragraphs = docx.Document(str(path)).paragraphs
    found, h1, h2 = [], "", ""
    for n, p in enumerate(paragraphs):
        style = p.style.name if p.style is not None else ""
        if style == "Heading 1":
            h1, h2 = p.text, ""
        elif style == "Heading 2":
            h2 = p.text
        elif style == "Quote":
            after = [q.text for q in paragraphs[n + 1:n + 3]]
            note = after[1].removeprefix("Note: ") if after[1].startswith("Note: ") else ""
            mark, _, quote = p.text.partition("  ")  # the tag's mark, then the quote
            found.append({"h1": h1, "h2": h2, "quote": quote, "mark": mark,
                          "caption": after[0], "note": note})
    return found


def _headings(path: Path, level: int = 1) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs
            if p.style is not None and p.style.name == f"Heading {level}"]


def test_title_page_carries_the_fields_given(demo: Store, tmp_path: Path) -> None:
    out = write_briefing(select_passages(demo), tmp_path / "b.docx", OPTIONS)
    word = docx.Document(str(out))
    text = [p.text for p in word.paragraphs[:12]]
    # The marking once at the top and once at the bottom of each page, nowhere else.
    assert "INTERNAL" not in text
    assert word.sections[0].header.paragraphs[0].text.startswith("INTERNAL")
    assert word.sections[0].footer.paragraphs[0].text.startswith("INTERNAL")
    assert "Black Sea grain talks" in text
    assert "6 passages from 2 documents" in text
    assert "Date: 20 March 2026" in text
    assert "Prepared by: M. Keller" in text
    assert "Handling: INTERNAL" in text


def test_summary_table_counts_match_the_store(demo: Store, tmp_path: Path) -> None:
    out = write_briefing(select_passages(demo), tmp_path / "b.docx", OPTIONS)
    counts_table = docx.Document(str(out)).tables[0]
    header = [c.text.rsplit(" (", 1)[0] for c in counts_table.rows[0].cells]  # less the mark
    tags = {t.id: t.name for t in demo.tags.all()}
    actors = {a.id: a.name for a in demo.actors.all()} | {"": "(no actor named)"}
    expected = Counter((actors[a.actor_id or ""], tags[a.tag_id]) for a in demo.annotations.where())
    seen = 0
    for row in counts_table.rows[1:-1]:
        cells = [c.text for c in row.cells]
        for tag, value in zip(header[1:-1], cells[1:-1], strict=True):
            count = int(value.split(" · ")[0] or 0)  # "3 · 14 Mar 2026": count, newest date
            assert count == expected[(cells[0], tag)]
            seen += count
        assert int(cells[-1]) == sum(v for (actor, _), v in expected.items() if actor == cells[0])
    assert seen == len(demo.annotations.where())
    assert [c.text for c in counts_table.rows[-1].cells][-1] == str(len(demo.annotations.where()))
    documents_table = docx.Document(str(out)).tables[1]
    rows = [[c.text for c in r.cells] for r in documents_table.rows[1:]]
    assert [(r[0], int(r[3])) for r in rows] == [
        (d.title, d.annotations) for d in demo.documents.summaries()]


def test_sections_come_red_lines_first_then_the_project_order(
        demo: Store, tmp_path: Path) -> None:
    out = write_briefing(select_passages(demo), tmp_path / "b.docx", OPTIONS)
    assert _headings(out) == ["Summary", "Key red lines", "Position", "Criticism", "Sources"]
    plain = write_briefing(select_passages(demo), tmp_path / "p.docx",
                           BriefingOptions(red_lines_first=False))
    assert _headings(plain) == ["Summary", "Position", "Criticism", "Red line", "Sources"]


def test_each_passage_once_under_its_tag_and_actor_with_source_and_note(
        demo: Store, tmp_path: Path) -> None:
    out = write_briefing(select_passages(demo), tmp_path / "b.docx", OPTIONS)
    found = _walk(out)
    tags = {t.id: t.name for t in demo.tags.all()}
    actors = {a.id: a.name for a in demo.actors.all()}
    assert sorted(f["quote"] for f in found) == sorted(a.exact for a in demo.annotations.where())
    for annotation in demo.annotations.where():
        entry = next(f for f in found if f["quote"] == annotation.exact)
        tag = tags[annotation.tag_id]
        assert entry["h1"] == ("Key red lines" if tag == "Red line" else tag)
        assert entry["h2"] == actors[annotation.actor_id or ""]
        document = next(d for d in demo.documents.summaries() if d.id == annotation.document_id)
        assert entry["caption"].startswith(document.title)
        assert "paragraph " in entry["caption"]
        analysts = {a.analyst for a in demo.annotations.where()}
        # (said once on the title page when every passage shares it)
        assert (f"analyst {annotation.analyst}" in entry["caption"]) == (len(analysts) > 1)
        assert annotation.status in entry["caption"]
        assert entry["note"] == annotation.note


def test_filters_keep_nothing_outside_them(demo: Store, tmp_path: Path) -> None:
    accepted = select_passages(demo, PassageFilter(statuses=frozenset({"accepted"})))
    out = write_briefing(accepted, tmp_path / "a.docx", OPTIONS)
    assert [f["quote"] for f in _walk(out)] == [a.exact for a in demo.annotations.where(
        status="accepted")]
    # Every passage accepted: said once on the title page, not in each caption.
    assert "accepted" not in _walk(out)[0]["caption"].casefold()
    assert any(p.text.startswith("Passages: all accepted")
               for p in docx.Document(str(out)).paragraphs)
    turkey = demo.actors.find("Turkey")
    assert turkey is not None
    position = demo.tags.find("Position")
    only = select_passages(demo, PassageFilter(actors=frozenset({turkey.id}),
                                               tags=frozenset({position.id})))
    found = _walk(write_briefing(only, tmp_path / "t.docx", OPTIONS))
    assert [(f["h1"], f["h2"]) for f in found] == [("Position", "Turkey")]
    later = select_passages(demo, PassageFilter(since="2026-03-15"))
    titles = [p.document.title for p in later.passages]
    assert titles == ["Ankara Statement on the Inspection Talks"]
    assert later.passages[0].document.published == ""  # undated: its import date counts
    none = select_passages(demo, PassageFilter(until="2000-01-01"))
    assert none.passages == []


def test_grouping_by_actor_and_by_document(demo: Store, tmp_path: Path) -> None:
    selection = select_passages(demo)
    by_actor = write_briefing(selection, tmp_path / "a.docx",
                              BriefingOptions(group_by="actor"))
    assert _headings(by_actor) == ["Summary", "Russia", "Turkey", "Ukraine", "Sources"]
    by_document = write_briefing(selection, tmp_path / "d.docx",
                                 BriefingOptions(group_by="document"))
    assert _headings(by_document)[1:-1] == [d.title for d in demo.documents.summaries()]
    assert len(_walk(by_document)) == len(demo.annotations.where())


def test_annex_links_and_document_properties(demo: Store, tmp_path: Path) -> None:
    out = write_briefing(select_passages(demo), tmp_path / "b.docx", OPTIONS)
    word = docx.Document(str(out))
    links = [r.target_ref for r in word.part.rels.values() if r.reltype == RT.HYPERLINK]
    assert links == ["https://news.example.org/grain-talks"]
    props = word.core_properties
    assert props.title == "Black Sea grain talks"
    assert props.author == "M. Keller"
    assert props.subject == "Briefing: 6 passages from 2 documents"
    assert "Red line" in props.keywords
    assert props.created is not None
    assert word.sections[0].header.paragraphs[0].text.startswith("INTERNAL")
    footer_xml = word.sections[0].footer._element.xml
    assert "PAGE" in footer_xml
    assert "NUMPAGES" in footer_xml


def test_a_users_template_supplies_styles_and_header(demo: Store, tmp_path: Path) -> None:
    template = docx.Document()
    template.styles["Heading 1"].font.size = docx.shared.Pt(21)
    template.sections[0].header.paragraphs[0].text = "MINISTRY OF EXAMPLES"
    template.add_paragraph("This body text must not survive.")
    template.save(str(tmp_path / "house.docx"))
    out = write_briefing(select_passages(demo), tmp_path / "b.docx",
                         BriefingOptions(template=tmp_path / "house.docx"))
    word = docx.Document(str(out))
    assert word.styles["Heading 1"].font.size == docx.shared.Pt(21)
    assert word.sections[0].header.paragraphs[0].text == "MINISTRY OF EXAMPLES"
    assert all("must not survive" not in p.text for p in word.paragraphs)


def test_a_template_that_is_not_word_is_refused(demo: Store, tmp_path: Path) -> None:
    (tmp_path / "fake.docx").write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="not a Word document"):
        write_briefing(select_passages(demo), tmp_path / "b.docx",
                       BriefingOptions(template=tmp_path / "fake.docx"))
    with pytest.raises(TemplateError, match=r"\.docx"):
        write_briefing(select_passages(demo), tmp_path / "b.docx",
                       BriefingOptions(template=tmp_path / "house.dotx"))
    assert not (tmp_path / "b.docx").exists()


def test_cancelling_leaves_the_previous_file(demo: Store, tmp_path: Path) -> None:
    out = tmp_path / "b.docx"
    out.write_bytes(b"previous")
    many = select_passages(demo)
    many = type(many)(passages=many.passages * 100, documents=many.documents, tags=many.tags,
                      actors=many.actors, counts=many.counts)
    with pytest.raises(ExportCancelled):
        write_briefing(many, out, OPTIONS, progress=lambda done, total: False)
    assert out.read_bytes() == b"previous"
    assert list(tmp_path.glob("*.part")) == []


def test_charts_draw_from_two_threads_at_once_without_pyplot(tmp_path: Path) -> None:
    """Each chart has a figure of its own (matplotlib's object API): the window's thread
    and an export's may draw at the same time, and pyplot's shared state is never used."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from concurrent.futures import ThreadPoolExecutor\n"
        "from pathlib import Path\n"
        "from exports.charts import matrix_chart, timeline_chart\n"
        "from workbench.briefing.matrix import stance_matrix\n"
        "from workbench.samples import build_demo\n"
        "from workbench.briefing.selection import select_passages\n"
        "store = build_demo(Path(sys.argv[1]))\n"
        "s = select_passages(store)\n"
        "m = stance_matrix(s.passages, s.tags)\n"
        "jobs = [timeline_chart, matrix_chart] * 8\n"
        "with ThreadPoolExecutor(4) as pool:\n"
        "    out = list(pool.map(lambda f: f(m), jobs))\n"
        "assert all(o.startswith(b'\\x89PNG') for o in out)\n"
        "assert 'matplotlib.pyplot' not in sys.modules\n"
        "print(len(out))\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "d.wbproj")],
                          capture_output=True, text=True, check=False, timeout=300,
                          cwd=Path(__file__).resolve().parents[2])
    assert (done.returncode, done.stdout.strip()) == (0, "16"), done.stderr
