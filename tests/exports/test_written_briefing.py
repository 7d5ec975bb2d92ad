"""The written briefing in Word: BLUF, key judgements citing passages, a section's
comment, in order above the evidence, with each citation resolving to its quote; the
paper size, the marking in the footer, compact captions and tag marks; the annotated
copy's header and footer and its comments' own dates."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
from docx.oxml.ns import qn

from tests.workbench.helpers import run_cli
from workbench.store import Store

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
QUOTES = {
    "precondition": "it will not allow any vessel to pass without a Russian inspector on board",
    "keys": "will never hand the keys of its ports to the country that mined them",
    "compromise": "mixed teams would inspect cargo in Turkish waters rather than at sea",
}


def _project(tmp_path: Path) -> tuple[str, dict[str, str]]:
    """The sample article with three passages, all accepted; their ids by name."""
    project = str(tmp_path / "brief.wbproj")
    assert run_cli("-p", project, "init")[0] == 0
    sample = Path(__file__).resolve().parents[2] / "workbench/sample_articles"
    assert run_cli("-p", project, "import", str(next(sample.glob("*.txt"))))[0] == 0
    ids = {}
    for (name, quote), (tag, actor) in zip(QUOTES.items(), (
            ("Red line", "Russia"), ("Red line", "Ukraine"), ("Position", "Turkey")),
            strict=True):
        code, out, err = run_cli("-p", project, "annotate", "Black Sea Grain Talks Stall "
                                 "Over Inspection Regime", "--quote", quote, "--tag", tag,
                                 "--actor", actor, "--analyst", "Ana")
        assert code == 0, err
        ids[name] = out.split()[0]
    return project, ids


def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


def test_written_parts_come_first_in_order_and_citations_resolve(tmp_path: Path) -> None:
    project, ids = _project(tmp_path)
    for args in (["bluf", "Both sides hold **incompatible** red lines."],
                 ["judge", "Moscow will not drop its inspectors.", "--cite",
                  ids["precondition"][:8]],
                 ["judge", "Only Turkey is moving.", "--cite", ids["compromise"], "--cite",
                  ids["keys"]],
                 ["comment", "Red line", "Both lines were *restated* this week."]):
        code, _, err = run_cli("-p", project, "brief", *args)
        assert code == 0, err
    out = tmp_path / "briefing.docx"
    code, _, err = run_cli("-p", project, "export", "briefing", "-o", str(out),
                           "--status", "draft", "--paper", "a4", "--marking", "restricted")
    assert code == 0, err
    text = _paragraphs(out)
    order = ["Bottom line up front", "Both sides hold incompatible red lines.",
             "Key judgements", "1.  Moscow will not drop its inspectors.[1]",
             "2.  Only Turkey is moving.[2][3]", "Evidence cited", "Summary", "Key red lines",
             "Both lines were restated this week."]
    at = [text.index(line) for line in order]
    assert at == sorted(at)
    body = docx.Document(str(out)).element.body
    bold = body.xpath('.//w:r[w:rPr/w:b][w:t="incompatible"]')
    assert bold  # Markdown became Word formatting
    cited = {"cite1": "precondition", "cite2": "compromise", "cite3": "keys"}
    for anchor, name in cited.items():
        (link,) = body.xpath(f'.//w:hyperlink[@w:anchor="{anchor}"]')
        assert link.xpath("string(.)") == f"[{anchor[-1]}]"
        (target,) = body.xpath(f'.//w:p[w:bookmarkStart[@w:name="{anchor}"]]')
        assert QUOTES[name] in target.xpath("string(.)")
        number = anchor[-1]
        (evidence,) = body.xpath(f'.//w:p[w:bookmarkStart[@w:name="evidence{number}"]]')
        assert evidence.xpath("string(.)").endswith(QUOTES[name])  # in the evidence, marked


def test_paper_marking_captions_and_tag_marks(tmp_path: Path) -> None:
    project, _ = _project(tmp_path)
    for paper, width_mm in (("a4", 210), ("letter", 215.9)):
        out = tmp_path / f"{paper}.docx"
        assert run_cli("-p", project, "export", "briefing", "-o", str(out), "--status",
                       "draft", "--paper", paper, "--marking", "restricted")[0] == 0
        document = docx.Document(str(out))
        section = document.sections[0]
        assert abs(section.page_width.mm - width_mm) < 0.5
        assert "RESTRICTED" in section.footer.paragraphs[0].text
        assert "Page" in section.footer.paragraphs[0].text
        assert "RESTRICTED" in section.header.paragraphs[0].text
    text = _paragraphs(tmp_path / "a4.docx")
    assert "RESTRICTED" not in text  # the marking: each page's header and footer only
    assert "Handling: RESTRICTED" in text
    assert "Passages: all draft; all by Ana" in text
    captions = [t for t in text if t.startswith("Black Sea Grain Talks") and "paragraph" in t]
    assert captions
    assert not any("analyst" in c or "Draft" in c for c in captions)  # said once, above
    quotes = [t for t in text if any(q in t for q in QUOTES.values())]
    assert {q.split()[0] for q in quotes} >= {"R", "P"}  # told apart without colour


def test_the_annotated_copy_has_header_footer_and_dated_comments(tmp_path: Path) -> None:
    project, ids = _project(tmp_path)
    out = tmp_path / "annotated.docx"
    assert run_cli("-p", project, "export", "annotated", "-o", str(out), "--status", "draft",
                   "--marking", "restricted")[0] == 0
    section = docx.Document(str(out)).sections[0]
    header = section.header.paragraphs[0].text
    assert header.startswith("RESTRICTED — Black Sea Grain Talks")
    footer = section.footer.paragraphs[0]
    assert "RESTRICTED" in footer.text
    fields = [f.get(qn("w:instr")).strip() for f in footer._p.iter(qn("w:fldSimple"))]
    assert fields == ["PAGE", "NUMPAGES"]
    store = Store.open(Path(project))
    made = {store.annotations.get(i).created_at[:19] for i in ids.values()}
    store.close()
    with zipfile.ZipFile(out) as package:
        comments = package.read("word/comments.xml").decode()
    dates = set(re.findall(r'w:date="([^"]+)"', comments))
    assert {d[:19] for d in dates} == made
