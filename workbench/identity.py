"""Who is working, and in which role: one identity for the window and the command line.

Kept in ``identity.json`` in the user's configuration folder, so that the name
and role chosen in the window's Preferences are the ones ``workbench`` commands
stamp, and ``workbench whoami --name … --role …`` sets what the window shows.
Until one is saved, the name is ``$WORKBENCH_ANALYST`` or the login name, and
the role ``$WORKBENCH_ROLE`` or analyst.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_config_path

from workbench.errors import WorkbenchError
from workbench.model import Role
from workbench.paths import APP_NAME, default_analyst

ROLE_ENV = "WORKBENCH_ROLE"


@dataclass(frozen=True)
class Identity:
    """A person's name as it appears on their edits, and the role they work in."""

    name: str
    role: Role

    def describe(self) -> str:
        return f"{self.name} ({self.role.value})"


def identity_path() -> Path:
    """Where the identity is kept (the user's configuration folder)."""
    return user_config_path(APP_NAME, appauthor=False) / "identity.json"


def _role(value: object) -> Role | None:
    return Role(value) if value in {r.value for r in Role} else None


def read_identity() -> Identity:
    """The saved identity; what is not saved (or cannot be read) takes its default."""
    saved: dict[str, object] = {}
    try:
        loaded = json.loads(identity_path().read_text(encoding="utf-8"))
        saved = loaded if isinstance(loaded, dict) else {}
    except (OSError, ValueError):
        pass
    name = saved.get("name")
    role = _role(saved.get("role")) or _role(os.environ.get(ROLE_ENV, "")) or Role.ANALYST
    return Identity(name.strip() if isinstance(name, str) and name.strip()
                    else default_analyst(), role)


def has_saved_name() -> bool:
    """Whether a name was ever chosen (the window asks for one on its first start)."""
    try:
        loaded = json.loads(identity_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(loaded, dict) and bool(str(loaded.get("name", "")).strip())


def save_identity(identity: Identity) -> None:
    """Keep this identity for the window and the command line (written whole or not
    at all)."""
    name = " ".join(identity.name.split())
    if not name:
        raise WorkbenchError("A name is needed: it is recorded on every edit you make.")
    path = identity_path()
    partial = path.with_name(f".{path.name}.{secrets.token_hex(6)}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps({"name": name, "role": identity.role.value}),
                           encoding="utf-8")
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise WorkbenchError(f"Your name and role could not be saved in {path} "
                             f"({exc.strerror or exc}).") from exc
