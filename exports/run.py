"""Every export by its name: what the command line and the export dialog call."""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

from exports.annotated import write_annotated_copy
from exports.briefing import BriefingOptions, write_briefing
from exports.common import Progress, check_target
from exports.kinds import KINDS, ExportKind
from exports.word.pages import PAPERS, default_paper
from workbench.briefing.selection import Selection
from workbench.briefing.written import BriefDraft

__all__ = ["KINDS", "ExportKind", "default_briefing_options", "run_export", "writer_of"]


def writer_of(kind: ExportKind) -> Callable[..., Path]:
    """The function that writes ``kind`` (its module loaded now)."""
    module, function = kind.writer.split(":")
    writer: Callable[..., Path] = getattr(import_module(f"exports.{module}"), function)
    return writer


def run_export(kind: str, selection: Selection, out: Path, *,
               options: BriefingOptions | None = None,
               progress: Progress | None = None) -> Path:
    """Write ``selection`` as ``kind`` to ``out``; returns the path written.

    A file name given without an extension gets the kind's (``briefing`` → ``briefing.docx``).
    """
    if KINDS[kind].suffix and not out.suffix:
        out = out.with_suffix(KINDS[kind].suffix)
    if KINDS[kind].suffix:  # refuse before doing the work, not after
        template = options.template if options and kind == "briefing" else None
        check_target(out, protected=[template] if template else [])
    if kind == "briefing":
        return write_briefing(selection, out, options or BriefingOptions(), progress)
    if kind == "annotated" and options is not None:
        return write_annotated_copy(selection, out, progress, marking=options.marking,
                                    paper=options.paper)
    return writer_of(KINDS[kind])(selection, out, progress=progress)


def default_briefing_options(project_name: str, settings: dict[str, Any],
                             analyst: str, draft: BriefDraft | None = None) -> BriefingOptions:
    """The title page's defaults: the written title, what the project last used, else
    sensible ones; the paper the project last used, else the system locale's."""
    paper = settings.get("paper")
    return BriefingOptions(
        title=(draft.title if draft and draft.title else "") or str(
            settings.get("briefing_title")
            or f"{project_name[:1].upper()}{project_name[1:]} briefing"),
        prepared_by=str(settings.get("prepared_by") or analyst),
        marking=str(settings.get("marking") or "INTERNAL"),
        paper=paper if paper in PAPERS else default_paper(),
        draft=draft, actor_order=tuple(settings.get("actor_order") or ()))
