"""Commands that write or read other formats: ``export`` and ``import-w3c``."""

from __future__ import annotations

from pathlib import Path

import click

from exports.kinds import KINDS
from workbench.briefing.citations import broken_citations
from workbench.briefing.selection import (
    accepted_exist,
    filter_from_names,
)
from workbench.cli.base import AppContext, apply_edit, command, say
from workbench.errors import WorkbenchError
from workbench.model import ReviewStatus
from workbench.store import Store


@command("export")
@click.argument("kind", type=click.Choice(list(KINDS)))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path),
              help="The file to write (a folder for brat).")
@click.option("--doc", "docs", multiple=True, help="Only this document (repeatable).")
@click.option("--tag", "tags", multiple=True, help="Only this tag (repeatable).")
@click.option("--actor", "actors", multiple=True, help="Only this actor (repeatable).")
@click.option("--status", "statuses", multiple=True,
              help="Only this review status, e.g. accepted (repeatable).")
@click.option("--analyst", "analysts", multiple=True,
              help="Only passages this analyst tagged (repeatable).")
@click.option("--since", default="", help="Documents dated on or after (YYYY-MM-DD).")
@click.option("--until", default="", help="Documents dated on or before (YYYY-MM-DD).")
@click.option("--group-by", type=click.Choice(["tag", "actor", "document"]), default="tag",
              show_default=True, help="Briefing: tag → actor, actor → tag, or document.")
@click.option("--template", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              default=None, help="Briefing: a .docx whose styles (and header) to use.")
@click.option("--title", default=None, help="Briefing title (default: the project's).")
@click.option("--marking", default=None, help="Handling marking, e.g. INTERNAL.")
@click.option("--prepared-by", default=None, help="Who prepared it (default: the analyst).")
@click.option("--date", "when", default="", help="The briefing's date (default: today).")
@click.option("--no-red-lines-first", is_flag=True, help="Briefing: tags in project order.")
@click.option("--paper", type=click.Choice(["a4", "letter"]), default=None,
              help="Paper size of a Word export (default: the project's, else the locale's).")
@click.option("--allow-broken-citations", is_flag=True,
              help="Briefing: export even when a key judgement cites a deleted or rejected "
                   "passage (the citation is marked broken).")
def export_command(app: AppContext, kind: str, out: Path, docs: tuple[str, ...],
                   tags: tuple[str, ...], actors: tuple[str, ...], statuses: tuple[str, ...],
                   analysts: tuple[str, ...], since: str, until: str, group_by: str,
                   template: Path | None, title: str | None, marking: str | None,
                   prepared_by: str | None, when: str, no_red_lines_first: bool,
                   paper: str | None, allow_broken_citations: bool) -> None:
    """Export passages as a Word briefing, an annotated copy, or data."""
    from exports.request import Choices, build_request, run_request
    from workbench.words import plural

    store = app.store()
    if kind == "briefing" and not allow_broken_citations:
        _refuse_broken_citations(store)
    defaulted = kind == "briefing" and not statuses and accepted_exist(store)
    if defaulted:  # a briefing is made of reviewed evidence
        statuses = (ReviewStatus.ACCEPTED.value,)
    passage_filter = filter_from_names(store, documents=docs, tags=tags, actors=actors,
                                       statuses=statuses, analysts=analysts, since=since,
                                       until=until)
    request = build_request(store, kind, out, passage_filter, Choices(
        title=title, marking=marking, prepared_by=prepared_by, date=when, template=template,
        group_by=group_by, red_lines_first=not no_red_lines_first, paper=paper))
    written, selection = run_request(store, request)
    say(f"Wrote {written}: {plural(len(selection.passages), 'passage')} from "
        f"{plural(len(selection.documents), 'document')}"
        + (" (the accepted ones; choose others with --status)." if defaulted else "."))


def _refuse_broken_citations(store: Store) -> None:
    broken = broken_citations(store)
    if broken:
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        raise WorkbenchError(
            f"{len(broken)} citation(s) of the briefing broken: "
            f"{broken[0].sentence()}{more} Mend the judgements ('workbench brief show'), or "
            "export with --allow-broken-citations to mark them in the briefing.")


@command("import-w3c")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--doc", default=None, metavar="DOC",
              help="Put every annotation on this document, whatever source it names.")
def import_w3c_command(app: AppContext, path: Path, doc: str | None) -> None:
    """Import W3C Web Annotation JSON-LD (ours, or another tool's on the same texts)."""
    from workbench.interop.w3c_import import plan_w3c_import

    store = app.store()
    chosen = store.documents.resolve(doc) if doc else None
    plan = plan_w3c_import(store, path, document=chosen)
    apply_edit(store, plan.edit)
    for reason in plan.reasons:
        say(f"skipped: {reason}", err=True)
    say(plan.summary())


