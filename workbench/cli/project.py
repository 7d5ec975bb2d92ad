"""Command-line commands on the project file itself: check, backups, restore, copy.

"""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.base import AppContext, command, say
from workbench.errors import ProjectDamaged, WorkbenchError
from workbench.file.copies import is_sound
from workbench.project.backups import edits_since, latest_sound_backup, list_backups, restore_backup
from workbench.project.integrity import check_project


@command()
def check(app: AppContext) -> None:
    """Check the project file's integrity.

    Exit status 0 when the file is sound (passages that need a look are listed,
    under "needs attention"); 1 when it is damaged, with the backup to restore
    and how many edits that backup lacks.
    """
    try:
        store = app.store()
    except ProjectDamaged as exc:
        raise WorkbenchError(f"{exc}{_backup_advice(app.path)}") from exc
    report = check_project(store)
    for problem in report.damage:
        say(f"damaged: {problem}")
    for problem in report.attention:
        say(f"needs attention: {problem}")
    if report.damage:
        raise WorkbenchError(f"{len(report.damage)} problem(s) found in {app.path}: the file "
                             f"is damaged.{_backup_advice(app.path)}")
    looks = (f"; {len(report.attention)} passage(s) need attention (listed above)"
             if report.attention else "")
    say(f"ok: {app.path} is consistent ({len(store.documents.summaries())} documents, "
        f"{len(store.annotations.where())} annotations){looks}.")


def _backup_advice(project: Path) -> str:
    backup = latest_sound_backup(project)
    if backup is None:
        return " There is no backup of it to restore."
    lost = edits_since(project, backup.taken_at)
    cost = ("it holds every edit made since" if lost == 0 else
            "edits made after it would be lost (they could not be counted)" if lost is None
            else f"restoring it loses the {lost:,} edit(s) made after it")
    return (f" The latest good backup is from {backup.describe()} ({cost}): restore it with "
            f"'workbench -p {project} restore {backup.path}'.")


@command("backups")
def list_backups_command(app: AppContext) -> None:
    """List the project's backups, newest first (taken when the window opens it)."""
    found = list_backups(app.path)
    if not found:
        say(f"No backups of {app.path} yet (the window takes one each time it opens it).")
    for backup in found:
        sound = "" if is_sound(backup.path) else "  DAMAGED"
        say(f"{backup.path}  {backup.describe()}, {backup.contents()}{sound}")


@command("restore")
@click.argument("backup", type=click.Path(path_type=Path, exists=True, dir_okay=False))
def restore_command(app: AppContext, backup: Path) -> None:
    """Put BACKUP in the project's place; the current file is set aside, not deleted."""
    app.close()
    aside = restore_backup(backup, app.path)
    kept = f"; the previous file is kept as {aside}" if aside else ""
    say(f"Restored {app.path} from the backup {backup}{kept}.")


@command("copy")
@click.argument("out", type=click.Path(path_type=Path, dir_okay=False))
def copy_command(app: AppContext, out: Path) -> None:
    """Write one consistent copy of the project to OUT (a new .wbproj file)."""
    store = app.store()
    store.write_copy(out)
    say(f"Wrote {out}: a complete copy of {app.path}.")
