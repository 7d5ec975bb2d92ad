"""One export, asked for: built the same way by the command line and the export dialog.

:func:`build_request` takes the user's choices (each optional: what is left
out takes the project's default, as the title page's last values or the
written briefing's title) and returns an :class:`ExportRequest`;
:func:`run_request` gathers its passages on whatever connection it is given and
writes the file.  The dialog runs it on a job's own connection, the command
line on its only one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import cast

from exports.briefing import BriefingOptions, GroupBy
from exports.common import Progress
from exports.kinds import KINDS
from exports.run import default_briefing_options, run_export
from exports.word.pages import Paper
from workbench.briefing.selection import Selection, describe_filter, select_passages
from workbench.briefing.written import read_draft
from workbench.model import PassageFilter
from workbench.store import Store


@dataclass(frozen=True)
class ExportRequest:
    """What to write (``kind``), where (``out``, with the kind's extension), which
    passages (``passage_filter``) and how (``options``: the title page and grouping)."""

    kind: str
    out: Path
    passage_filter: PassageFilter
    options: BriefingOptions


@dataclass(frozen=True)
class Choices:
    """What the user chose for the title page and layout; None (or empty): the default."""

    title: str | None = None
    marking: str | None = None
    prepared_by: str | None = None
    date: str = ""
    template: Path | None = None
    group_by: str = "tag"
    red_lines_first: bool = True
    paper: str | None = None


def build_request(store: Store, kind: str, out: Path, passage_filter: PassageFilter,
                  choices: Choices = Choices()) -> ExportRequest:
    """The request for ``kind`` to ``out``: the project's defaults under the user's
    choices, the written briefing as it is now, and the filter told in a sentence."""
    if kind not in KINDS:
        raise ValueError(f"unknown export kind {kind!r}")
    if KINDS[kind].suffix and not out.suffix:
        out = out.with_suffix(KINDS[kind].suffix)
    defaults = default_briefing_options(store.project_name(), store.settings(), store.analyst,
                                        read_draft(store))
    options = replace(
        defaults, title=choices.title or defaults.title,
        marking=choices.marking or defaults.marking,
        prepared_by=choices.prepared_by or defaults.prepared_by, date=choices.date,
        template=choices.template, group_by=cast(GroupBy, choices.group_by),
        red_lines_first=choices.red_lines_first,
        scope=describe_filter(store, passage_filter),
        paper=cast(Paper, choices.paper or defaults.paper))
    return ExportRequest(kind, out, passage_filter, options)


def run_request(store: Store, request: ExportRequest, *,
                progress: Progress | None = None) -> tuple[Path, Selection]:
    """Gather the request's passages from ``store`` and write them; the path written
    and what it held."""
    selection = select_passages(store, request.passage_filter)
    written = run_export(request.kind, selection, request.out, options=request.options,
                         progress=progress)
    return written, selection
