"""Where the default project lives, and who the analyst is by default."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from platformdirs import user_data_path

APP_NAME = "annotation-workbench"
PROJECT_ENV = "WORKBENCH_PROJECT"
ANALYST_ENV = "WORKBENCH_ANALYST"


def default_project_path() -> Path:
    """``$WORKBENCH_PROJECT``, else ``default.wbproj`` in the user's data folder."""
    override = os.environ.get(PROJECT_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_path(APP_NAME, appauthor=False) / "default.wbproj"


def default_analyst() -> str:
    """``$WORKBENCH_ANALYST``, else the login name."""
    name = os.environ.get(ANALYST_ENV, "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "analyst"
