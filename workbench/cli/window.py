"""The ``gui`` command: the window, imported only when it is wanted."""

from __future__ import annotations

import sys

from workbench.cli.base import AppContext, command


@command()
def gui(app: AppContext) -> None:
    """Open the window (the default when no command is given)."""
    from ui.app import main as run_window  # the window is imported only when it is wanted

    project = app.project
    app.close()
    code = run_window(project)
    if code:  # the reason was shown in the window and written to stderr already
        sys.exit(code)


