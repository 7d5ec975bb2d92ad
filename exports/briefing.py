"""The Word briefing: title page, summary, passages by tag and actor, sources.

:func:`write_briefing` turns a :class:`~workbench.briefing.selection.Selection` into a
.docx file.  Styles come from the user's template when one is given (its
header and footer too, if it has them), else from python-docx's default
template.  The body is written as WordprocessingML text (see
:mod:`exports.word.wordml`) and streamed into the package (:mod:`exports.word.streamed_body`):
2,000 passages take a fraction of a second, 100,000 a bounded amount of memory.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from exports.charts import timeline_chart
from exports.common import Progress, replacing, report
from exports.word.pages import Paper, header_and_footer, set_paper
from exports.word.sanitize import clean, is_rtl
from exports.word.streamed_body import save_with_body
from exports.word.wordml import (
    PAGE_BREAK,
    ParagraphStyle,
    RunStyle,
    bookmark,
    hex_color,
    hyperlink,
    paragraph,
    run,
    style_id,
    table,
    tint,
)
from exports.written import Styles, evidence_name, section_comment, written_front
from workbench.briefing.matrix import StanceMatrix, is_red_line, stance_matrix
from workbench.briefing.selection import Passage, Selection
from workbench.briefing.written import BriefDraft
from workbench.errors import WorkbenchError
from workbench.model import NO_ACTOR, Tag
from workbench.review.workflow import status_label
from workbench.words import long_date, plural

GroupBy = Literal["tag", "actor", "document"]
GROUPINGS: dict[str, str] = {"tag": "Tag, then actor", "actor": "Actor, then tag",
                             "document": "Document, then tag"}
CAPTION_GREY = "5B6170"
NO_ACTOR_HEADING = "No actor named"


class TemplateError(WorkbenchError):
    """The chosen template cannot be used (named in the message)."""


@dataclass(frozen=True)
class BriefingOptions:
    """What the title page says and how the passages are grouped."""

    title: str = "Briefing"
    date: str = ""  # ISO date; empty: today
    prepared_by: str = ""
    marking: str = "INTERNAL"
    group_by: GroupBy = "tag"
    red_lines_first: bool = True
    template: Path | None = None
    scope: str = ""  # one sentence saying which filters made the selection
    paper: Paper = "a4"
    draft: BriefDraft | None = None  # the written parts, placed above the evidence
    actor_order: tuple[str, ...] = ()  # actor ids the user put first, in order


def tag_marks(tags: list[Tag]) -> dict[str, str]:
    """A short mark per tag (its initial, or more letters where two would clash), so
    that tags are told apart in print without colour."""
    marks: dict[str, str] = {}
    for tag in tags:
        name = "".join(ch for ch in tag.name.upper() if ch.isalnum()) or "T"
        mark = next((name[:n] for n in range(1, len(name) + 1)
                     if name[:n] not in marks.values()), name + str(len(marks)))
        marks[tag.id] = mark
    return marks


def write_briefing(selection: Selection, path: Path, options: BriefingOptions,
                   progress: Progress | None = None) -> Path:
    """Write the briefing to ``path`` (replaced only when complete); returns ``path``."""
    document = _open_template(options.template)
    writer = _BriefingWriter(document, selection, options, progress)
    if options.template is None:
        set_paper(document, options.paper)
    header_and_footer(document, options.marking, options.title)
    _properties(document, selection, options)
    with replacing(path, protected=[options.template] if options.template else []) \
            as temporary:
        save_with_body(document, writer.body(), temporary)  # the body never held whole
    return path


def _open_template(template: Path | None) -> WordDocument:
    """The template's package with its body emptied (sections, header, footer kept)."""
    if template is None:
        return docx.Document()
    if template.suffix.lower() != ".docx":
        raise TemplateError(f"{template.name}: choose a .docx file as the template "
                            "(save a .dotx template as a .docx document first).")
    try:
        document = docx.Document(str(template))
    except Exception as exc:  # python-docx raises many kinds for a foreign file
        raise TemplateError(f"{template.name} is not a Word document that can be read "
                            f"({exc.__class__.__name__}).") from exc
    body = document.element.body
    for child in list(body):
        if child is not body.sectPr:
            body.remove(child)
    return document


class _BriefingWriter:
    """Builds the body's XML fragments in reading order."""

    def __init__(self, document: WordDocument, selection: Selection,
                 options: BriefingOptions, progress: Progress | None) -> None:
        self.document = document
        self.selection = selection
        self.options = options
        self.progress = progress
        self.written = 0
        self.styles = {
            "title": style_id(document, "Title"),
            "subtitle": style_id(document, "Subtitle"),
            "h1": style_id(document, "Heading 1"),
            "h2": style_id(document, "Heading 2"),
            "quote": style_id(document, "Quote", "Intense Quote", "Block Text"),
            "table": style_id(document, "Table Grid"),
            "list": style_id(document, "List Number", "List Paragraph"),
            "bullet": style_id(document, "List Bullet", "List Paragraph"),
        }
        self.written_styles = Styles(self.styles["h1"], self.styles["h2"],
                                     self.styles["bullet"], self.styles["list"])
        self.tag_order = self._tag_order()
        self.marks = tag_marks(self.tag_order)
        self.matrix: StanceMatrix = stance_matrix(selection.passages, self.tag_order,
                                                  options.actor_order)
        self.actor_rank = {a: n for n, (a, _) in enumerate(self.matrix.actors)}
        self.draft = options.draft or BriefDraft()
        self.cited = self.draft.citations()
        # A caption names the analyst and the status only where the passages differ in them.
        self.mixed_analysts = len({p.annotation.analyst for p in selection.passages}) > 1
        self.mixed_status = len({p.annotation.status for p in selection.passages}) > 1

    def body(self) -> Iterator[str]:
        yield from self.title_page()
        if not self.draft.is_empty():
            by_id = {p.annotation.id: p for p in self.selection.passages if p.annotation.id
                     in self.cited}
            yield from written_front(self.draft, by_id, self.written_styles)
            yield PAGE_BREAK
        yield from self.summary()
        for heading, key, groups in self.sections():
            yield paragraph(heading, ParagraphStyle(self.styles["h1"], keep_next=True))
            yield from section_comment(self.draft.comments.get(key, ""), self.written_styles)
            for subheading, passages in groups:
                yield paragraph(subheading, ParagraphStyle(self.styles["h2"], keep_next=True))
                for passage in passages:
                    yield from self.passage(passage)
        yield from self.annex()

    # -- title page and summary --------------------------------------------------------

    def title_page(self) -> Iterator[str]:
        o, s = self.options, self.selection
        when = long_date(o.date or date.today().isoformat())
        # The marking is in every page's header and footer (once at the top, once at the
        # bottom, as handling rules want), and in the Handling line: not repeated here.
        yield paragraph("", ParagraphStyle(space_after=120))
        yield paragraph(o.title, ParagraphStyle(self.styles["title"]))
        yield paragraph(f"{plural(len(s.passages), 'passage')} from "
                        f"{plural(len(s.documents), 'document')}",
                        ParagraphStyle(self.styles["subtitle"]))
        for label, value in (("Date", when), ("Prepared by", o.prepared_by or "—"),
                             ("Handling", o.marking.upper()), ("Scope", o.scope),
                             ("Passages", self._uniform())):
            if value:
                yield paragraph([run(f"{label}: ", RunStyle(bold=True)), run(value)],
                                ParagraphStyle(space_after=4))
        yield PAGE_BREAK

    def _uniform(self) -> str:
        """What every passage shares and the captions therefore leave out."""
        passages = self.selection.passages
        if not passages:
            return ""
        said = []
        if not self.mixed_status:
            said.append(f"all {status_label(passages[0].annotation.status).lower()}")
        if not self.mixed_analysts:
            said.append(f"all by {passages[0].annotation.analyst or 'an unnamed analyst'}")
        return "; ".join(said)

    def summary(self) -> Iterator[str]:
        m = self.matrix
        yield paragraph("Summary", ParagraphStyle(self.styles["h1"], keep_next=True))
        yield paragraph("Who holds which stance", ParagraphStyle(self.styles["h2"],
                                                                 keep_next=True))
        yield paragraph([run("Each cell: passages, and the newest article date among them. "
                             "Marks beside the quotes below: ", RunStyle(size=9)),
                         *(run(f"{self.marks[t.id]} = {t.name}   ", RunStyle(size=9, bold=True))
                           for t in m.tags)], ParagraphStyle(space_after=4))
        rows = []
        for actor_id, name in m.actors:
            cells = [m.cell(actor_id, t.id) for t in m.tags]
            rows.append([name, *(f"{c.count} · {long_date(c.newest, short=True)}" if c else ""
                                 for c in cells), str(sum(c.count for c in cells if c))])
        totals = [sum(c.count for (_, t), c in m.cells.items() if t == tag.id) for tag in m.tags]
        rows.append(["Total", *map(str, totals), str(sum(totals))])
        share = 66 // max(len(m.tags), 1)  # room for "12 · 14 Mar 2026" on one line
        yield table(["Actor", *[f"{t.name} ({self.marks[t.id]})" for t in m.tags], "Total"],
                    rows, style_id=self.styles["table"], numeric_from=1, bold_last=True,
                    # "Total" needs a tenth of the width, bold, on A4 and Letter alike
                    widths=[90 - share * len(m.tags)] + [share] * len(m.tags) + [10])
        if m.timeline:
            yield paragraph("Red lines over time", ParagraphStyle(self.styles["h2"],
                                                                  keep_next=True))
            yield self._picture(timeline_chart(m), "Red lines by actor over time")
            if m.undated:
                yield paragraph(f"{plural(m.undated, 'red line')} from undated articles "
                                "not shown.", ParagraphStyle(space_after=4))
        yield paragraph("", ParagraphStyle(space_after=6))
        yield paragraph("Documents covered", ParagraphStyle(self.styles["h2"], keep_next=True))
        counts: dict[str, int] = {}
        for passage in self.selection.passages:
            counts[passage.document.id] = counts.get(passage.document.id, 0) + 1
        yield table(["Title", "Source", "Date", "Passages"],
                    ([d.title, d.source, long_date(d.published), str(counts.get(d.id, 0))]
                     for d in self.selection.documents), style_id=self.styles["table"],
                    numeric_from=3,
                    widths=[43, 24, 18, 15])
        yield PAGE_BREAK

    # -- sections ----------------------------------------------------------------------

    def _tag_order(self) -> list[Tag]:
        tags = list(self.selection.tags)
        if self.options.red_lines_first:
            tags.sort(key=lambda t: not is_red_line(t))  # stable: the rest keep their order
        return tags

    def sections(self) -> Iterator[tuple[str, str, list[tuple[str, list[Passage]]]]]:
        """(heading, section key, [(subheading, passages)]) in the briefing's order."""
        passages = self.selection.passages
        tag_rank = {t.id: n for n, t in enumerate(self.tag_order)}
        by_tag = sorted(passages, key=lambda p: tag_rank.get(p.tag.id, len(tag_rank)))
        if self.options.group_by == "tag":
            for tag in self.tag_order:
                mine = [p for p in by_tag if p.tag.id == tag.id]
                if mine:
                    title = "Key red lines" if is_red_line(tag) and \
                        self.options.red_lines_first else tag.name
                    yield title, f"tag:{tag.id}", self._split(mine, self._actor_of)
        elif self.options.group_by == "actor":
            for actor_id, name in self.matrix.actors:
                mine = [p for p in by_tag if (p.actor.id if p.actor else NO_ACTOR) == actor_id]
                yield name, f"actor:{actor_id}", self._split(mine, lambda p: p.tag.name)
        else:
            for document in self.selection.documents:
                mine = [p for p in by_tag if p.document.id == document.id]
                yield document.title, f"document:{document.id}", \
                    self._split(mine, lambda p: p.tag.name)

    def _actor_of(self, passage: Passage) -> str:
        return passage.actor_name or NO_ACTOR_HEADING

    def _split(self, passages: list[Passage],
               key: Callable[[Passage], str]) -> list[tuple[str, list[Passage]]]:
        """Group passages by ``key``, groups in the matrix's actor order (most red lines
        first), then in first-seen order."""
        passages = sorted(passages, key=lambda p: self.actor_rank.get(
            p.actor.id if p.actor else NO_ACTOR, len(self.actor_rank)))
        groups: dict[str, list[Passage]] = {}
        for passage in passages:
            groups.setdefault(key(passage), []).append(passage)
        return list(groups.items())

    def passage(self, passage: Passage) -> Iterator[str]:
        """The quotation in the tag's colour, its source line, the note, analyst and status."""
        self.written += 1
        if self.written % 200 == 0:
            report(self.progress, self.written, len(self.selection.passages))
        color = hex_color(passage.tag.color)
        d, a = passage.document, passage.annotation
        mark = run(f"{self.marks.get(passage.tag.id, '?')}  ", RunStyle(bold=True, size=9))
        number = self.cited.get(a.id)
        if number is not None:  # cited by a judgement: its number, and the link's target
            mark = bookmark(evidence_name(number), 20_000 + number,
                            run(f"[{number}] ", RunStyle(bold=True))) + mark
        rtl = is_rtl(a.exact)
        yield paragraph([mark, run(a.exact, rtl=rtl)], ParagraphStyle(
            self.styles["quote"], border=color, shading=tint([color], 0.10), space_after=2,
            keep_next=True), rtl=rtl)
        source = ", ".join(x for x in (d.source, long_date(d.published)) if x)
        grey = RunStyle(color=CAPTION_GREY, size=9)
        yield paragraph([
            run(f"{d.title}", RunStyle(color=CAPTION_GREY, size=9, bold=True)),
            run(f" — {source}, " if source else " — ", grey),
            run(f"paragraph {passage.paragraph}", grey),
            run(f"\n{self._caption(passage)}", grey),
        ], ParagraphStyle(space_after=4 if a.note else 14, keep_next=bool(a.note)))
        if a.note:
            yield paragraph([run("Note: ", RunStyle(bold=True, size=10)),
                             run(a.note, RunStyle(size=10))], ParagraphStyle(space_after=14))

    def _caption(self, passage: Passage) -> str:
        """Tag and actor; the analyst and status only where the passages differ in them."""
        a = passage.annotation
        parts = [passage.tag.name, passage.actor_name or NO_ACTOR_HEADING.lower()]
        if self.mixed_analysts:
            parts.append(f"analyst {a.analyst or 'unknown'}")
        if self.mixed_status:
            review = passage.reviews[-1].reviewer if passage.reviews else ""
            parts.append(status_label(a.status) + (f" by {review}" if review else ""))
        return " · ".join(parts)

    def _picture(self, png: bytes, description: str) -> str:
        """A picture in a paragraph of its own, as wide as the text."""
        section = self.document.sections[-1]
        width = int(section.page_width or 0) - int(section.left_margin or 0) \
            - int(section.right_margin or 0)
        inline = self.document.part.new_pic_inline(io.BytesIO(png), width, None)
        inline.docPr.set("descr", clean(description))
        return paragraph([f"<w:r><w:drawing>{inline.xml}</w:drawing></w:r>"],
                         ParagraphStyle(space_after=6))

    # -- annex -------------------------------------------------------------------------

    def annex(self) -> Iterator[str]:
        yield paragraph("Sources", ParagraphStyle(self.styles["h1"], keep_next=True))
        part = self.document.part
        for n, d in enumerate(self.selection.documents, 1):
            details = ", ".join(x for x in (d.source, d.author, long_date(d.published)) if x)
            runs = [run(f"{n}. "), run(d.title, RunStyle(bold=True))]
            runs.append(run(f". {details}." if details else "."))
            if d.url.startswith(("http://", "https://")):
                relationship = part.relate_to(clean(d.url), RT.HYPERLINK, is_external=True)
                runs += [run(" "), hyperlink(relationship, d.url)]
            elif d.filename:
                runs.append(run(f" Imported from {d.filename}.", RunStyle(color=CAPTION_GREY)))
            yield paragraph(runs, ParagraphStyle(space_after=6))


def _properties(document: WordDocument, selection: Selection, options: BriefingOptions) -> None:
    props = document.core_properties
    props.title = clean(options.title)[:255]
    props.author = clean(options.prepared_by)[:255]
    props.last_modified_by = clean(options.prepared_by)[:255]
    props.subject = clean(f"Briefing: {plural(len(selection.passages), 'passage')} from "
                          f"{plural(len(selection.documents), 'document')}")[:255]
    names = [t.name for t in selection.tags] + sorted({p.actor_name for p in selection.passages
                                                        if p.actor_name})
    props.keywords = clean(", ".join(names))[:255]
    props.category = clean(options.marking.upper())[:255]
    props.comments = clean(options.scope)[:255]
    now = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    props.created = now
    props.modified = now
    props.revision = 1
