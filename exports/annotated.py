"""The annotated copy: each document in full, passages shaded, a Word comment on each.

Every passage is shaded in its tag's colour (overlaps in the mix of theirs,
deeper) and carries a native Word comment (tag, actor, note, analyst and
status) anchored on exactly its text; overlapping passages each keep their
own comment.  The text is cut into runs at every passage boundary, so each
comment starts and ends on a run boundary, as Word requires.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.text.run import Run

from exports.common import Progress, replacing, report
from exports.word.pages import Paper, header_and_footer, set_paper
from exports.word.sanitize import clean, is_rtl
from exports.word.wordml import (
    PAGE_BREAK,
    ParagraphStyle,
    RunStyle,
    append_body,
    paragraph,
    run,
    style_id,
    tint,
)
from workbench.briefing.selection import Passage, Selection
from workbench.model import Block, Document
from workbench.review.workflow import status_label, thread_entry
from workbench.text.intervals import IntervalIndex, Span
from workbench.words import long_date, plural

BLOCK_STYLES = {"heading": ("Heading 2",), "quote": ("Quote",),
                "list_item": ("List Bullet", "List Paragraph"),
                "labelled_item": ("List Paragraph",)}
# A list item whose text carries its own label (a Word file's "4.a)", "(ii)", "•"):
# indented as a list, without a second bullet.
LABELLED = re.compile(r"^(•|\(?[0-9]{1,3}(\.[0-9a-z]{1,3})*[.)]|\(?[a-z]{1,4}[.)]|"
                      r"\([ivxlc]{1,6}\)|[A-Z][.)])\s", re.I)


def block_kind(kind: str, text: str) -> str:
    """The kind a block is written as: a list item with its own label is "labelled"."""
    return "labelled_item" if kind == "list_item" and LABELLED.match(text) else kind


def write_annotated_copy(selection: Selection, path: Path,
                         progress: Progress | None = None, *, marking: str = "",
                         title: str = "", paper: Paper = "a4") -> Path:
    """Write every document of ``selection`` with its passages to ``path``; returns it.

    Every page carries the handling marking and the title in its header, the marking
    and "Page N of M" in its footer."""
    document = docx.Document()
    set_paper(document, paper)
    header_and_footer(document, marking, title or "; ".join(
        d.title for d in selection.documents[:2]) + ("…" if len(selection.documents) > 2 else ""))
    total = len(selection.passages)
    done = 0
    for number, item in enumerate(selection.documents):
        passages = selection.passages_of(item.id)
        if number:
            append_body(document, [PAGE_BREAK])
        append_body(document, _heading(document, item, selection, passages))
        blocks = _body_blocks(item, selection.blocks.get(item.id, []), passages)
        writer = _DocumentWriter(document, item, blocks, passages)
        writer.write()
        for passage in passages:
            writer.comment(passage)
            done += 1
            if done % 100 == 0:
                report(progress, done, total)
    props = document.core_properties
    titles = "; ".join(d.title for d in selection.documents)
    props.title = clean(f"Annotated: {titles}")[:255]
    props.subject = clean(f"{plural(total, 'passage')} with comments")[:255]
    with replacing(path) as temporary:
        document.save(str(temporary))
    return path


def _heading(document: WordDocument, item: Document, selection: Selection,
             passages: list[Passage]) -> Iterator[str]:
    """The document's title, where it comes from, and a legend of the tags used."""
    yield paragraph(item.title, ParagraphStyle(style_id(document, "Heading 1"), keep_next=True))
    where = ", ".join(x for x in (item.source, item.author, long_date(item.published), item.url)
                      if x)
    if where:
        yield paragraph([run(where, RunStyle(color="5B6170", size=9))])
    used = {p.tag.id for p in passages}
    legend = [run(f"{plural(len(passages), 'passage')}.  ", RunStyle(size=9))]
    for tag in selection.tags:
        if tag.id in used:
            legend.append(run(f" {tag.name} ", RunStyle(size=9, shading=tint([tag.color]))))
            legend.append(run("  ", RunStyle(size=9)))
    yield paragraph(legend, ParagraphStyle(space_after=12))


class _DocumentWriter:
    """Writes one document's blocks as runs cut at passage boundaries, then its comments."""

    def __init__(self, document: WordDocument, item: Document, blocks: list[Block],
                 passages: list[Passage]) -> None:
        self.document = document
        self.item = item
        self.blocks = blocks
        # An orphan's text was not found on this version: it has no place to mark.
        self.passages = [p for p in passages if p.annotation.anchor_status != "orphan"]
        self.starts: list[int] = []  # code-point start of each segment run, in order
        self.ends: list[int] = []
        self.runs: list[Run] = []
        self.styles: dict[str, str] = {}
        self.index = IntervalIndex([Span(p.annotation.start, p.annotation.end, p.annotation.id,
                                         p.tag.color) for p in self.passages])

    def write(self) -> None:
        text = self.item.text
        cuts = sorted({b for p in self.passages for b in (p.annotation.start, p.annotation.end)})
        fragments = []
        for block in self.blocks:
            inner = cuts[bisect_right(cuts, block.start):bisect_left(cuts, block.end)]
            points = [block.start, *inner, block.end]
            runs = []
            for a, b in pairwise(points):
                if a < b:
                    runs.append(run(text[a:b], RunStyle(shading=self._shade(a, b))))
                    self.starts.append(a)
                    self.ends.append(b)
            kind = block_kind(block.kind, text[block.start:block.end])
            fragments.append(paragraph(runs, ParagraphStyle(self._style(kind)),
                                       rtl=is_rtl(text[block.start:block.end])))
        elements = append_body(self.document, fragments)
        self.runs = [Run(r, None) for p in elements for r in p.iter(qn("w:r"))]  # type: ignore[arg-type]

    def _style(self, kind: str) -> str:
        """The paragraph style id for a block kind (looked up once per kind)."""
        if kind not in self.styles:
            self.styles[kind] = style_id(self.document, *BLOCK_STYLES.get(kind, ()))
        return self.styles[kind]

    def _shade(self, a: int, b: int) -> str:
        covering = [span.tag for span in self.index.overlapping(a, b)]  # tag: its colour
        return tint(covering) if covering else ""

    def comment(self, passage: Passage) -> None:
        """Anchor a comment on the runs that hold exactly the passage."""
        if not self.runs:
            return
        a = passage.annotation
        first = max(0, bisect_right(self.starts, a.start) - 1)
        if self.ends[first] <= a.start and first + 1 < len(self.runs):
            first += 1  # the passage starts between two blocks
        last = max(first, bisect_left(self.starts, a.end) - 1)
        status = status_label(a.status)
        comment = self.document.add_comment(
            [self.runs[first], self.runs[last]],
            text=clean(f"{passage.tag.name} — {passage.actor_name or 'no actor named'}"),
            author=clean(a.analyst or "Analyst"), initials=_initials(a.analyst))
        # Dated when the passage was made, not when the copy was exported.
        comment._comment_elm.set(qn("w:date"), _word_date(a.created_at))
        if a.note:
            comment.add_paragraph(clean(a.note))
        comment.add_paragraph(clean(f"Analyst: {a.analyst or 'unknown'} · {status}"))
        for review in passage.reviews:  # the review thread, oldest first
            comment.add_paragraph(clean(thread_entry(review)))


def _body_blocks(item: Document, blocks: list[Block], passages: list[Passage]) -> list[Block]:
    """The blocks to write: all, less a first heading that repeats the title untagged."""
    if not blocks:
        return [Block(item.id, 0, "paragraph", 0, len(item.text))]
    first = blocks[0]
    repeats = first.kind == "heading" and \
        item.text[first.start:first.end].strip() == item.title.strip()
    touched = any(p.annotation.start < first.end for p in passages)
    return blocks[1:] if repeats and not touched and len(blocks) > 1 else blocks


def _word_date(iso: str) -> str:
    """An ISO time as Word dates a comment: 2026-03-14T09:30:00Z."""
    return iso[:19] + "Z" if len(iso) >= 19 else f"{iso[:10]}T00:00:00Z"


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.split() if part)[:4].upper()
