"""The annotated copy: one native Word comment per passage, anchored on exactly its text."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn

from exports.annotated import write_annotated_copy
from workbench.briefing.selection import select_passages
from workbench.model import PassageFilter
from workbench.store import Store


def comment_ranges(path: Path) -> dict[int, str]:
    """The text each comment's range covers, by comment id (ranges may overlap)."""
    body = docx.Document(str(path)).element.body
    open_ranges: dict[int, list[str]] = {}
    done: dict[int, str] = {}
    for element in body.iter(qn("w:commentRangeStart"), qn("w:commentRangeEnd"), qn("w:t"),
                             qn("w:br"), qn("w:p")):
        if element.tag == qn("w:commentRangeStart"):
            open_ranges[int(element.get(qn("w:id")))] = []
        elif element.tag == qn("w:commentRangeEnd"):
            key = int(element.get(qn("w:id")))
            done[key] = "".join(open_ranges.pop(key))
        else:
            pieces = {qn("w:t"): element.text or "", qn("w:br"): "\n",
                      qn("w:p"): "\n\n"}  # a passage going on into the next paragraph
            piece = pieces[element.tag]
            for parts in open_ranges.values():
                parts.append(piece)
    return done


def test_one_comment_per_passage_with_author_and_text(demo: Store, tmp_path: Path) -> None:
    out = write_annotated_copy(select_passages(demo), tmp_path / "a.docx")
    comments = list(docx.Document(str(out)).comments)
    annotations = demo.annotations.where()
    assert len(comments) == len(annotations)
    tags = {t.id: t.name for t in demo.tags.all()}
    actors = {a.id: a.name for a in demo.actors.all()}
    for comment in comments:
        assert comment.author == "M. Keller"
        assert comment.initials == "MK"
    texts = sorted(c.text for c in comments)
    threads = {r.annotation_id: f"{r.reviewer} ({r.verdict}): {r.comment}"
               for r in demo.reviews.all()}
    expected = sorted(
        "\n".join([f"{tags[a.tag_id]} — {actors[a.actor_id or '']}", *([a.note] if a.note else []),
                   f"Analyst: M. Keller · {a.status}", *([threads[a.id]] if a.id in threads
                                                         else [])]) for a in annotations)
    assert texts == expected
    assert "J. Supervisor (accepted): Central to the brief." in "\n".join(texts)


def test_each_comment_covers_exactly_its_passage_even_when_they_overlap(
        demo: Store, tmp_path: Path) -> None:
    out = write_annotated_copy(select_passages(demo), tmp_path / "a.docx")
    covered = sorted(comment_ranges(out).values())
    assert covered == sorted(a.exact for a in demo.annotations.where())
    overlapping = [a for a in demo.annotations.where() if "Russian inspector on board" in a.exact]
    assert len(overlapping) == 2  # the demo's two overlapping passages keep a comment each


def test_passages_are_shaded_and_the_whole_text_is_there(demo: Store, tmp_path: Path) -> None:
    selection = select_passages(demo, PassageFilter(documents=frozenset(
        demo.documents.ids()[:1])))
    out = write_annotated_copy(selection, tmp_path / "a.docx")
    word = docx.Document(str(out))
    text = "\n".join(p.text for p in word.paragraphs)
    document = selection.documents[0]
    for line in document.text.split("\n\n")[1:]:
        assert line in text
    shaded = [r for p in word.paragraphs for r in p.runs
              if r._r.find(f"{qn('w:rPr')}/{qn('w:shd')}") is not None and r.text.strip()]
    assert {r.text for r in shaded} >= {"will not allow any vessel to pass "}
    fills = {r._r.find(f"{qn('w:rPr')}/{qn('w:shd')}").get(qn("w:fill")) for r in shaded}
    assert len(fills) >= 4  # three tags and the deeper mix where two passages overlap


def test_a_chosen_document_without_passages_is_still_written(
        demo: Store, tmp_path: Path) -> None:
    nobody = demo.tags.find("Position")
    turkey_statement = demo.documents.ids()[1]
    selection = select_passages(demo, PassageFilter(documents=frozenset({turkey_statement}),
                                                    tags=frozenset({nobody.id})))
    assert selection.passages == []
    out = write_annotated_copy(selection, tmp_path / "a.docx")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Turkey will not accept armed escorts" in text
    assert "0 passages." in text


def test_a_list_item_with_its_own_label_gets_no_second_bullet() -> None:
    from exports.annotated import block_kind
    for labelled in ("4. Open the ports.", "4.a) Inspect every ship.", "(ii) In port.",
                     "b) Report weekly.", "\u2022 A bullet from Word."):
        assert block_kind("list_item", labelled) == "labelled_item", labelled
    for bare in ("Open the ports.", "Inspectors wait.", "2026 was the year."):
        assert block_kind("list_item", bare) == "list_item", bare
    assert block_kind("paragraph", "4. Not a list item.") == "paragraph"



def test_a_document_with_one_passage_says_so_in_the_singular(demo: Store,
                                                              tmp_path: Path) -> None:
    passage = select_passages(demo).passages[0].annotation
    one = select_passages(demo, PassageFilter(text=passage.exact,
                                              documents=frozenset({passage.document_id})))
    assert len(one.passages) == 1
    out = write_annotated_copy(one, tmp_path / "one.docx")
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "1 passage." in text
    assert "1 passages" not in text
