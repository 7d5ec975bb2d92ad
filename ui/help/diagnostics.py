"""Help ▸ Save Diagnostics…: one zip a user can send with a problem report.

It holds the version and platform, the window's settings with names and paths
left out (who the user is and which files they work on are theirs), and the
last unexpected errors from the log.  No project data goes in.
"""

from __future__ import annotations

import json
import platform
import zipfile
from pathlib import Path

import PySide6
from PySide6.QtCore import QByteArray, QSettings, qVersion

from ui.crash_guard import log_path
from ui.help.about import dependency_licences
from workbench import __version__

LAST_ERRORS_BYTES = 200_000  # the end of the log: the latest errors
PRIVATE = ("analyst", "name", "recent", "folder", "places", "template", "path")


def settings_without_names() -> dict[str, object]:
    """The window's settings, leaving out names, paths and binary layout blobs."""
    settings = QSettings()
    kept: dict[str, object] = {}
    for key in settings.allKeys():
        value = settings.value(key)
        if any(word in key.lower() for word in PRIVATE):
            kept[key] = "(left out)"
        elif isinstance(value, QByteArray):
            kept[key] = f"({value.size()} bytes of window layout)"
        elif isinstance(value, bytes):
            kept[key] = f"({len(value)} bytes)"
        else:
            kept[key] = value if isinstance(value, str | int | float | bool) else str(value)
    return kept


def save_diagnostics(target: Path) -> Path:
    """Write the diagnostics zip to ``target`` (whole or not at all: written beside it,
    then put in its place)."""
    about = {"workbench": __version__, "python": platform.python_version(),
             "qt": qVersion(), "pyside6": PySide6.__version__,
             "platform": platform.platform(), "machine": platform.machine(),
             "libraries": {n: v for n, v, _licence in dependency_licences()}}
    log = log_path()
    errors = log.read_bytes()[-LAST_ERRORS_BYTES:].decode("utf-8", "replace") \
        if log.exists() else "(no unexpected errors recorded)"
    partial = target.with_name(target.name + ".partial")  # ours alone: made and removed here
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("about.json", json.dumps(about, indent=2))
            archive.writestr("settings.json", json.dumps(settings_without_names(), indent=2,
                                                          default=str))
            archive.writestr("last-errors.log", errors)
        partial.replace(target)
    except OSError:
        partial.unlink(missing_ok=True)  # a failed write leaves nothing beside the target
        raise
    return target
