"""The command line's frame: the ``workbench`` group, the project option, the one-line
errors, and the helpers every command uses (printing, JSON, applying an edit).

Commands live in the modules beside this one, one per group of commands; each
imports this module, never the package, so that nothing imports itself in a loop.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from workbench.edits import Edit
from workbench.errors import WorkbenchError
from workbench.identity import read_identity
from workbench.model import Annotation
from workbench.paths import default_project_path
from workbench.samples import open_project
from workbench.store import Store

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
        """The project, opened once, stamping the user's name (``analyst``, when a
        command names someone else) and role (``workbench whoami``) on its edits."""
        if self._store is None:
            identity = read_identity()
            self._store = open_project(self.project, create=create,
                                       analyst=analyst or identity.name)
            self._store.role = identity.role.value
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
        ctx.invoke(cli.commands["gui"])


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


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the command line; unexpected failures are one line too."""
    try:
        cli.main(args=argv, prog_name="workbench")
    except Exception as exc:  # last resort: never a traceback for the user
        if os.environ.get("WORKBENCH_DEBUG"):
            raise
        say(f"Error: unexpected failure: {exc}", err=True)
        sys.exit(1)
