"""Commands on the project's documents: ``init``, ``import``, ``docs``."""

from __future__ import annotations

import math
from dataclasses import asdict
from pathlib import Path

import click

from workbench.cli.base import AppContext, command, emit_json, say
from workbench.errors import WorkbenchError
from workbench.library.bringing_in import AsVersion, ImportResult, Outcome, import_paths


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
@click.option("--analyst", default="", help="Who imports them (default: you).")
@click.option("--version-of", "version_of", default=None, metavar="DOC",
              help="The file is a new version of this document: its passages are carried "
                   "over onto the new text (one file only).")
@click.option("--separate", is_flag=True,
              help="Import files that look like new versions of documents as documents of "
                   "their own.")
def import_files(app: AppContext, paths: tuple[Path, ...], max_size: float,
                 analyst: str, version_of: str | None, separate: bool) -> None:
    """Import articles (files or folders): one line per document."""
    store = app.store(create=True, analyst=analyst)
    how = AsVersion(separate=separate)
    if version_of is not None:
        if len(paths) != 1 or paths[0].is_dir():
            raise click.UsageError("--version-of takes one file.")
        how = AsVersion(of=store.documents.resolve(version_of).id)
    failed = held = 0
    for result in import_paths(store, paths, max_bytes=int(max_size * 1024 * 1024), how=how):
        failed += result.outcome is Outcome.FAILED
        held += result.outcome is Outcome.HELD
        _say_result(result)
    if held:
        say(f"{held} file(s) held back: import each again with --version-of DOC to keep it as "
            "a new version (its passages carried over), or with --separate.", err=True)
    if failed or held:
        raise WorkbenchError(f"{failed + held} file(s) were not imported (see above).")


def _say_result(result: ImportResult) -> None:
    """One line per file: added, version, exists, held or failed."""
    if result.outcome is Outcome.FAILED:
        say(f"failed  {result.message}", err=True)
    elif result.outcome is Outcome.HELD and result.candidate is not None:
        say(f"held    {result.path.name}: {result.message} "
            f"[{result.candidate.id[:8]}]", err=True)
    elif result.document is not None:
        doc = result.document
        if result.outcome is Outcome.ADDED:
            say(f"added   {doc.id[:8]}  {doc.title}")
        elif result.outcome is Outcome.NEW_VERSION:
            say(f"version {doc.id[:8]}  {doc.title}  ({result.message})")
        else:
            say(f"exists  {doc.id[:8]}  {doc.title}  (already in the project)")


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


