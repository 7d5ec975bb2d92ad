"""Hostile text in every format: control characters, right-to-left, emoji, a 1 MB line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from exports.annotated import write_annotated_copy
from exports.brat import write_brat
from exports.briefing import BriefingOptions, write_briefing
from exports.tabular import write_csv, write_jsonl
from exports.w3c import write_w3c
from exports.word.sanitize import clean, is_rtl
from tests.exports.test_annotated_copy import comment_ranges
from workbench.briefing.selection import Selection, select_passages
from workbench.importers.article import Article
from workbench.library.bringing_in import store_article
from workbench.model import Document
from workbench.store import Store
from workbench.tagging import describe_passage, find_quote, tag_passage
from workbench.text.blocks import BlockRange

ARABIC = "قال الوفد إن التفتيش خط أحمر لا يمكن تجاوزه"
HOSTILE = (f"Bell\x07 and escape\x1b[31m codes\x0c end.\n\n{ARABIC}.\n\n"
           "Emoji 🇺🇦 and 🌾 and 𝔐 stay whole.\n\n" + "long " * 210_000)


def _document(store: Store, text: str) -> Document:
    """Store ``text`` with one block per paragraph, as an importer would."""
    blocks, at = [], 0
    for n, part in enumerate(text.split("\n\n")):
        blocks.append(BlockRange(n, "paragraph", at, at + len(part)))
        at += len(part) + 2
    article = Article(title="Hostile\x01 title ⚠", text=text, blocks=blocks, format="text")
    document = store_article(store, article).document
    assert document is not None
    return document


@pytest.fixture
def hostile() -> Iterator[tuple[Store, Selection]]:
    store = Store.memory(analyst="Ana\x0bLyst")
    document = _document(store, HOSTILE)
    for quote, note in (("escape\x1b[31m codes", "note with \x00 NUL"),
                        (ARABIC, "ملاحظة"), ("🇺🇦 and 🌾 and 𝔐", "🌾"),
                        ("long " * 200_000, "one huge line")):
        start, end = find_quote(document.text, quote)[0] if "\x1b" not in quote else \
            (document.text.index(quote), document.text.index(quote) + len(quote))
        edit, annotation = tag_passage(store, document=document, start=start, end=end,
                                       tag=store.tags.all()[2])
        edit.apply(store)
        described = describe_passage(store, annotation.id, actor_name="Actor\x02 ⚑",
                                     note=note)
        assert described is not None
        described.apply(store)
    yield store, select_passages(store)
    store.close()


def test_sanitiser_drops_only_what_xml_forbids() -> None:
    assert clean("a\x00b\x07c\x1bd\ud800e\ufffef") == "abcdef"
    assert clean("tab\tline\nreturn\r🌾 ") == "tab\tline\nreturn\r🌾 "
    assert clean(ARABIC) == ARABIC
    assert is_rtl(ARABIC)
    assert not is_rtl("English first, " + ARABIC)


def test_every_format_writes_hostile_text(hostile: tuple[Store, Selection],
                                          tmp_path: Path) -> None:
    _, selection = hostile
    briefing = write_briefing(selection, tmp_path / "b.docx",
                              BriefingOptions(title="Title\x03 ⚠", prepared_by="X\x1f"))
    annotated = write_annotated_copy(selection, tmp_path / "a.docx")
    for path in (briefing, annotated):
        word = docx.Document(str(path))  # opens: the XML is well-formed
        text = "\n".join(p.text for p in word.paragraphs)
        assert "\x07" not in text
        assert "\x1b" not in text
        assert "🇺🇦 and 🌾 and 𝔐" in text
        assert ARABIC in text
        bidi = [p for p in word.paragraphs if p.text.startswith(ARABIC[:10])
                or p.text.partition("  ")[2].startswith(ARABIC[:10])]  # after a tag mark
        assert bidi
        assert all(p._p.find(f"{qn('w:pPr')}/{qn('w:bidi')}") is not None for p in bidi)
    for writer, name in ((write_csv, "a.csv"), (write_jsonl, "a.jsonl"), (write_w3c, "a.json")):
        assert writer(selection, tmp_path / name).stat().st_size > 1_000_000
    rows = [json.loads(x) for x in (tmp_path / "a.jsonl").read_text("utf-8").splitlines()]
    assert {r["note"] for r in rows} >= {"note with \x00 NUL", "🌾"}  # data keeps the text
    folder = write_brat(selection, tmp_path / "brat")
    assert (folder / "annotation.conf").exists()
    assert len(list(folder.glob("*.ann"))) == 1


def test_comments_cover_emoji_and_long_passages_exactly(
        hostile: tuple[Store, Selection], tmp_path: Path) -> None:
    store, selection = hostile
    annotated = write_annotated_copy(selection, tmp_path / "a.docx")
    covered = sorted(comment_ranges(annotated).values())
    assert covered == sorted(clean(a.exact) for a in store.annotations.where())


def test_a_passage_across_paragraphs_keeps_one_comment(tmp_path: Path) -> None:
    store = Store.memory(analyst="A")
    document = _document(store, "First paragraph ends here.\n\nSecond one starts here.")
    start, end = find_quote(document.text, "ends here.\n\nSecond one")[0]
    tag_passage(store, document=document, start=start, end=end, tag=store.tags.all()[0])[0] \
        .apply(store)
    out = write_annotated_copy(select_passages(store), tmp_path / "a.docx")
    assert list(comment_ranges(out).values()) == ["ends here.\n\nSecond one"]
