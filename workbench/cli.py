"""The ``workbench`` command line: the program's composition root.

Every command takes ``-p/--project`` (default: ``$WORKBENCH_PROJECT`` or the
default project in the user's data folder, created and seeded with the sample
article on first use).  Errors are one line on stderr and exit status 1.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from workbench.citations import broken_citations
from workbench.edits import Edit
from workbench.errors import WorkbenchError
from workbench.library import Outcome, import_paths
from workbench.model import Annotation, ReviewStatus
from workbench.paths import default_analyst, default_project_path
from workbench.samples import open_project
from workbench.search import search
from workbench.selection import (
    accepted_exist,
    describe_filter,
    filter_from_names,
    select_passages,
)
from workbench.store import Store
from workbench.tagging import locate_quote, tag_passage

F = TypeVar("F", bound=Callable[..., Any])


class AppContext:
    """What the commands share: which project, opened lazily."""

    def __init__(self) -> None:
        self.project: Path | None = None
        self._store: Store | None = None

    @property
    def path(self) -> Path:
        return self.project or default_project_path()

    def store(self, *, create: bool = False, analyst: str = "") -> Store:
        if self._store is None:
            self._store = open_project(self.project, create=create,
                                       analyst=analyst or default_analyst())
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _set_project(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None:
        ctx.ensure_object(AppContext).project = value


_project_option = click.option(
    "-p", "--project", type=click.Path(path_type=Path, dir_okay=False), default=None,
    expose_value=False, is_eager=True, callback=_set_project,
    help="Project file (.wbproj). Default: $WORKBENCH_PROJECT or the default project.")


def command(name: str | None = None, *,
            group: click.Group | None = None) -> Callable[[F], click.Command]:
    """A subcommand (of ``group``, else of ``workbench``) with the project option, whose
    errors become one line and exit 1."""

    def decorate(func: F) -> click.Command:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                return func(*args, **kwargs)
            except WorkbenchError as exc:
                raise click.ClickException(str(exc)) from exc
            except OSError as exc:  # a read-only folder, a full disk: said, not a crash
                where = f" {exc.filename}" if exc.filename else ""
                raise click.ClickException(
                    f"Cannot write{where}: {exc.strerror or exc}. Nothing else was changed."
                ) from exc
            except sqlite3.IntegrityError as exc:  # the data, not the file, is at fault
                raise click.ClickException(
                    f"The change was refused: it breaks a rule of the project's data ({exc}); "
                    "nothing was saved.") from exc
            except sqlite3.Error as exc:
                raise click.ClickException(f"The project file could not be used: {exc}.") \
                    from exc
            finally:
                click.get_current_context().ensure_object(AppContext).close()

        return (group or cli).command(name)(_project_option(click.pass_obj(wrapper)))

    return decorate


def _one_line(message: str) -> str:
    """An error message on one line (SQLite's own reports span several)."""
    return re.sub(r"\s*\n\s*", " ", message.strip())


class WorkbenchGroup(click.Group):
    """The command group: every error, usage errors included, is one line and status 1."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            result = super().main(*args, **kwargs)
        except click.UsageError as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            say(f"Error: {_one_line(exc.format_message())}{where}", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            say(f"Error: {_one_line(exc.format_message())}", err=True)
            sys.exit(1)
        except click.Abort:
            say("Error: aborted.", err=True)
            sys.exit(1)
        sys.exit(result if isinstance(result, int) else 0)


@click.group(cls=WorkbenchGroup, invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@_project_option
@click.version_option(package_name="annotation-workbench")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Annotation Workbench: tag positions, criticisms and red lines in articles."""
    ctx.ensure_object(AppContext)
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui)


_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def say(text: str, *, err: bool = False, lines: bool = False) -> None:
    """Print one line; control characters from titles, notes or names are shown, not run.

    An escape sequence in an imported title must not reach the terminal as one, and a
    newline in an actor's or analyst's name must not print a line of its own (a forged
    "ok" or verdict): it is shown as ``\\n``, unless ``lines`` says the text is meant
    to span several lines (a briefing's paragraphs).
    """
    shown = _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    if not lines:
        shown = shown.replace("\n", "\\n").replace("\t", "\\t")
    click.echo(shown, err=err)


def emit_json(value: Any) -> None:
    """Print JSON, control characters escaped."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    click.echo(_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text))


def emit_json_items(items: Iterable[Any]) -> None:
    """Print a JSON array item by item (the same text as :func:`emit_json` of the list)."""
    first = True
    for item in items:
        text = json.dumps(item, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        click.echo(("[\n  " if first else ",\n  ") + _CONTROLS.sub(
            lambda m: f"\\u{ord(m.group()):04x}", text), nl=False)
        first = False
    click.echo("[]" if first else "\n]")


@command()
def gui(app: AppContext) -> None:
    """Open the window (the default when no command is given)."""
    from ui.app import main as run_window  # the window is imported only when it is wanted

    project = app.project
    app.close()
    code = run_window(project)
    if code:  # the reason was shown in the window and written to stderr already
        sys.exit(code)


@command()
def init(app: AppContext) -> None:
    """Create an empty project file."""
    if app.path.exists():
        raise WorkbenchError(f"{app.path} already exists.")
    store = app.store(create=True)
    say(f"Created project {app.path} with tags: "
               + ", ".join(t.name for t in store.tags.all()))


def _finite(value: float) -> float:
    if not math.isfinite(value):
        raise click.BadParameter(f"{value} is not a size in megabytes.")
    return value


@command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--max-size", type=click.FloatRange(min=0, min_open=True, max=10_000),
              default=50.0, show_default=True, callback=lambda _c, _p, v: _finite(v),
              help="Refuse files larger than this many megabytes.")
def import_files(app: AppContext, paths: tuple[Path, ...], max_size: float) -> None:
    """Import articles (files or folders): one line per document."""
    store = app.store(create=True)
    failed = 0
    for result in import_paths(store, paths, max_bytes=int(max_size * 1024 * 1024)):
        if result.outcome is Outcome.FAILED:
            failed += 1
            say(f"failed  {result.message}", err=True)
        elif result.document is not None:
            doc = result.document
            if result.outcome is Outcome.ADDED:
                say(f"added   {doc.id[:8]}  {doc.title}")
            elif result.outcome is Outcome.NEW_VERSION:
                say(f"version {doc.id[:8]}  {doc.title}  ({result.message})")
            else:
                say(f"exists  {doc.id[:8]}  {doc.title}  (already in the project)")
    if failed:
        raise WorkbenchError(f"{failed} file(s) could not be imported (see above).")


@command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def docs(app: AppContext, as_json: bool) -> None:
    """List the project's documents."""
    summaries = app.store().documents.summaries()
    if as_json:
        emit_json([
            {k: v for k, v in asdict(d).items() if k not in ("imported_at", "replaced")}
            for d in summaries])
        return
    for d in summaries:
        when = f"  {d.published}" if d.published else ""
        source = f"  [{d.source}]" if d.source else ""
        say(f"{d.id[:8]}  {d.title}{source}{when}  "
                   f"({d.chars:,} chars, {d.annotations} annotations)")


@command()
@click.argument("doc")
@click.option("--quote", required=True, help="The exact passage to tag.")
@click.option("--tag", "tag_name", required=True, help="Tag name (or its shortcut key).")
@click.option("--actor", default="", help="Whose passage it is (created if new).")
@click.option("--note", default="", help="A note on the passage.")
@click.option("--analyst", default="", help="Who tagged it (default: $WORKBENCH_ANALYST).")
@click.option("--occurrence", type=int, default=None,
              help="Which occurrence (1-based) when the quote occurs more than once.")
def annotate(app: AppContext, doc: str, quote: str, tag_name: str, actor: str, note: str,
             analyst: str, occurrence: int | None) -> None:
    """Tag a passage of DOC (id, id prefix or title) given by its exact quote."""
    store = app.store(analyst=analyst)
    document = store.documents.resolve(doc)
    tag = store.tags.find(tag_name)
    start, end = locate_quote(document, quote, occurrence)
    edit, annotation = tag_passage(store, document=document, start=start, end=end, tag=tag,
                                   actor_name=actor, note=note, analyst=analyst)
    apply_edit(store, edit)
    say(f"{annotation.id}  {tag.name}  {start}-{end}  in '{document.title}'")


def apply_edit(store: Store, edit: Edit) -> None:
    """Apply one edit in one transaction (the command line's undo-less path)."""
    with store.transaction():
        edit.apply(store)


def annotation_json(store: Store, annotations: Iterable[Annotation]) -> list[dict[str, Any]]:
    """Annotations as the documented JSON objects (tag and actor by name)."""
    return list(iter_annotation_json(store, annotations))


def iter_annotation_json(store: Store,
                         annotations: Iterable[Annotation]) -> Iterator[dict[str, Any]]:
    """The documented JSON objects, one at a time (tag and actor by name)."""
    tags = {t.id: t.name for t in store.tags.all(include_deleted=True)}
    actors = {a.id: a.name for a in store.actors.all(include_deleted=True)}
    for a in annotations:
        yield {"id": a.id, "document_id": a.document_id, "start": a.start, "end": a.end,
               "quote": a.exact, "prefix": a.prefix, "suffix": a.suffix,
               "tag": tags.get(a.tag_id), "actor": actors.get(a.actor_id) if a.actor_id
               else None, "note": a.note, "analyst": a.analyst, "status": a.status,
               "anchor_status": a.anchor_status, "created_at": a.created_at,
               "updated_at": a.updated_at}


@command("annotations")
@click.option("--doc", default=None, help="Only this document (id, prefix or title).")
@click.option("--tag", "tag_name", default=None, help="Only this tag.")
@click.option("--actor", "actor_name", default=None, help="Only this actor.")
@click.option("--status", default=None, help="Only this review status.")
@click.option("--analyst", default=None, help="Only this analyst's annotations.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def list_annotations(app: AppContext, doc: str | None, tag_name: str | None,
                actor_name: str | None, status: str | None, analyst: str | None,
                as_json: bool) -> None:
    """List annotations, filtered."""
    store = app.store()
    document_id = store.documents.resolve(doc).id if doc else None
    tag_id = store.tags.find(tag_name).id if tag_name else None
    actor_id = None
    if actor_name:
        actor = store.actors.find(actor_name)
        if actor is None:
            raise WorkbenchError(f"No actor named '{actor_name}'.")
        actor_id = actor.id
    rows = iter_annotation_json(store, store.annotations.iter_where(
        document_id=document_id, tag_id=tag_id, actor_id=actor_id, status=status,
        analyst=analyst))
    if as_json:
        emit_json_items(rows)  # streamed: any number of passages in bounded memory
        return
    for row in rows:
        actor_text = f" ({row['actor']})" if row["actor"] else ""
        status = ReviewStatus(row["status"]).label
        say(f"{row['id'][:8]}  {row['tag']}{actor_text}  \"{row['quote']}\"  [{status}]")


@command("search")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def search_command(app: AppContext, text: str, as_json: bool) -> None:
    """Search document text and annotation quotes and notes."""
    hits = search(app.store(), text)
    if as_json:
        emit_json([asdict(h) for h in hits])
        return
    if not hits:
        say(f"No matches for '{text}'.")
    shown: set[str] = set()
    for hit in hits:
        if hit.kind == "annotation":
            say(f"passage   {(hit.annotation_id or '')[:8]}  {hit.document_title}: "
                f"{hit.snippet}")
            continue
        if hit.document_id not in shown:
            shown.add(hit.document_id)
            count = f"{hit.count} hit(s)" if hit.count else "in its title"
            say(f"document  {hit.document_id[:8]}  {hit.document_title} — {count}")
        if hit.start >= 0:
            say(f"            {hit.start:>7}  {hit.snippet}")


_KIND_NAMES = ["briefing", "annotated", "csv", "jsonl", "w3c", "brat"]


@command("export")
@click.argument("kind", type=click.Choice(_KIND_NAMES))
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
    from dataclasses import replace

    from exports.briefing import GroupBy
    from exports.common import plural
    from exports.pages import Paper
    from exports.run import default_briefing_options, run_export
    from workbench.brief import read_draft

    store = app.store()
    if kind == "briefing" and not allow_broken_citations:
        _refuse_broken_citations(store)
    defaulted = kind == "briefing" and not statuses and accepted_exist(store)
    if defaulted:  # a briefing is made of reviewed evidence
        statuses = (ReviewStatus.ACCEPTED.value,)
    passage_filter = filter_from_names(store, documents=docs, tags=tags, actors=actors,
                                       statuses=statuses, analysts=analysts, since=since,
                                       until=until)
    selection = select_passages(store, passage_filter)
    defaults = default_briefing_options(store.project_name(), store.settings(), store.analyst,
                                        read_draft(store))
    options = replace(
        defaults, title=title or defaults.title, marking=marking or defaults.marking,
        prepared_by=prepared_by or defaults.prepared_by, date=when, template=template,
        group_by=cast(GroupBy, group_by), red_lines_first=not no_red_lines_first,
        scope=describe_filter(store, passage_filter),
        paper=cast(Paper, paper or defaults.paper))
    written = run_export(kind, selection, out, options=options)
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
    from exports.w3c_import import plan_w3c_import

    store = app.store()
    chosen = store.documents.resolve(doc) if doc else None
    plan = plan_w3c_import(store, path, document=chosen)
    apply_edit(store, plan.edit)
    for reason in plan.reasons:
        say(f"skipped: {reason}", err=True)
    say(plan.summary())


# The commands on passages and documents live in their own module and register here.
from workbench import cli_brief, cli_passages, cli_project, cli_team  # noqa: E402, F401


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command line; unexpected failures are one line too."""
    try:
        cli.main(args=argv, prog_name="workbench")
    except Exception as exc:  # last resort: never a traceback for the user
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        say(f"Error: unexpected failure: {exc}", err=True)
        sys.exit(1)
