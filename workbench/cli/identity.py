"""Who you are to the project: ``whoami`` reads and sets the name and role that every
command stamps on its edits, the same ones the window's Preferences show."""

from __future__ import annotations

import click

from workbench.cli.base import AppContext, command, say
from workbench.identity import Identity, identity_path, read_identity, save_identity
from workbench.model import Role


@command("whoami")
@click.option("--name", default=None, help="Your name, as it appears on your edits.")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=None,
              help="analyst (tags, submits) or supervisor (gives verdicts).")
def whoami(_app: AppContext, name: str | None, role: str | None) -> None:
    """Print (or set) your name and role, for the command line and the window alike."""
    identity = read_identity()
    if name is not None or role is not None:
        identity = Identity(name if name is not None else identity.name,
                            Role(role) if role is not None else identity.role)
        save_identity(identity)
        say(f"{read_identity().describe()}  (kept in {identity_path()})")
        return
    say(identity.describe())
