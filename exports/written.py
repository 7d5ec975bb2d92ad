"""The briefing's written parts in Word: the bottom line, the key judgements with their
citations numbered to the quotes, and the comment that opens a section.

Text is Markdown (what the window's editor writes): paragraphs, **bold**,
*italics* and lists become Word paragraphs and runs.  Each cited passage gets one
number, in order of first citation; the number beside a judgement links to the
passage in "Evidence cited", which links on to its place among the evidence.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from exports.common import quoted
from exports.word.wordml import (
    ParagraphStyle,
    RunStyle,
    anchor_link,
    bookmark,
    paragraph,
    run,
)
from workbench.briefing.selection import Passage
from workbench.briefing.written import BriefDraft
from workbench.words import long_date

_markdown = MarkdownIt("commonmark")
CITE_BLUE = "1F4E9A"


@dataclass(frozen=True)
class Styles:
    """Paragraph style ids the written parts use."""

    h1: str
    h2: str
    bullet: str
    number: str


BROKEN_RED = "B42318"  # a broken citation, in the judgement and in the evidence cited


def cite_name(number: int) -> str:
    return f"cite{number}"


def evidence_name(number: int) -> str:
    return f"evidence{number}"


def markdown_paragraphs(text: str, styles: Styles, *, lead: Sequence[str] = (),
                        tail: Sequence[str] = (), italic: bool = False) -> list[str]:
    """Markdown as Word paragraphs; ``lead`` runs open the first, ``tail`` runs end the
    last (all in italics with ``italic``)."""
    found: list[tuple[str, list[str]]] = []  # (paragraph style, runs)
    lists: list[str] = []
    for token in _markdown.parse(text):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            lists.append(styles.bullet if token.type == "bullet_list_open" else styles.number)
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "inline":
            found.append((lists[-1] if lists else "",
                          _inline_runs(token.children or [], italic)))
        elif token.type in ("fence", "code_block", "html_block"):
            found.append(("", [run(token.content.strip(), RunStyle(italic=italic))]))
    if not found:
        found = [("", [])]
    found[0] = (found[0][0], [*lead, *found[0][1]])
    found[-1] = (found[-1][0], [*found[-1][1], *tail])
    return [paragraph(runs, ParagraphStyle(style, space_after=6)) for style, runs in found]


def _inline_runs(children: list[Token], base_italic: bool) -> list[str]:
    runs, bold, italic = [], False, base_italic
    for child in children:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = base_italic
        elif child.type in ("softbreak", "hardbreak"):
            runs.append(run("\n" if child.type == "hardbreak" else " "))
        elif child.content:
            runs.append(run(child.content, RunStyle(bold=bold, italic=italic)))
    return runs


def written_front(draft: BriefDraft, passages: dict[str, Passage],
                  styles: Styles) -> Iterator[str]:
    """The bottom line, the key judgements and the evidence they cite."""
    if draft.bluf.strip():
        yield paragraph("Bottom line up front", ParagraphStyle(styles.h1, keep_next=True))
        yield from markdown_paragraphs(draft.bluf, styles)
    if not draft.judgements:
        return
    numbers = draft.citations()
    yield paragraph("Key judgements", ParagraphStyle(styles.h1, keep_next=True))
    for n, judgement in enumerate(draft.judgements, 1):
        marks = [anchor_link(cite_name(numbers[c]), run(
            f"[{numbers[c]}]", RunStyle(superscript=True,
                                         color=BROKEN_RED if c in draft.broken else CITE_BLUE)))
            for c in judgement.cited]
        yield from markdown_paragraphs(judgement.text, styles,
                                       lead=[run(f"{n}.  ", RunStyle(bold=True))], tail=marks)
    if numbers:
        yield paragraph("Evidence cited", ParagraphStyle(styles.h2, keep_next=True))
        for passage_id, number in numbers.items():
            yield _cited(number, passages.get(passage_id), draft.broken.get(passage_id))


def _cited(number: int, passage: Passage | None, broken: str | None = None) -> str:
    """One cited passage: its number (the judgements' link target), quote and source; a
    passage deleted or rejected since it was cited is marked as a broken citation."""
    mark = bookmark(cite_name(number), 10_000 + number, run(f"[{number}] ", RunStyle(bold=True)))
    if broken is not None:
        return paragraph([mark, run(f"Broken citation: the passage cited here {broken}.",
                                    RunStyle(bold=True, color=BROKEN_RED))],
                         ParagraphStyle(space_after=4))
    if passage is None:
        return paragraph([mark, run("(a passage not in this briefing's selection)",
                                    RunStyle(italic=True))], ParagraphStyle(space_after=4))
    d = passage.document
    source = ", ".join(x for x in (d.source, long_date(d.published)) if x)
    quote = anchor_link(evidence_name(number), run(quoted(passage.annotation.exact)))
    return paragraph([mark, quote, run(f" — {d.title}" + (f", {source}" if source else ""),
                                       RunStyle(color="5B6170", size=9))],
                     ParagraphStyle(space_after=4))


def section_comment(text: str, styles: Styles) -> list[str]:
    """The comment that opens a section, set apart in italics."""
    return markdown_paragraphs(text, styles, italic=True) if text.strip() else []
