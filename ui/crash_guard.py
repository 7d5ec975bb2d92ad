"""An unhandled exception never costs the analyst's work or the window.

Installed as ``sys.excepthook`` (PySide6 reports exceptions raised in slots and
event handlers there, from any thread): each one is appended with its traceback
to a log in the user's data folder and shown in a dialog that gives the log's
path.  Every edit is already saved when it is shown, so the window goes on.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_path
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.paths import APP_NAME

MAX_LOG_BYTES = 2 * 1024 * 1024

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def log_path() -> Path:
    """Where unexpected errors are written down."""
    return user_log_path(APP_NAME, appauthor=False) / "errors.log"


def write_log(text: str) -> Path:
    """Append one entry to the log (started afresh past 2 MB); returns its path."""
    path = log_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size > MAX_LOG_BYTES:
        path.replace(path.with_suffix(".old.log"))
    with path.open("a", encoding="utf-8") as log:
        log.write(f"--- {datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC\n{text}\n")
    return path


class CrashGuard(QObject):
    """Logs unhandled exceptions and shows them; the GUI part always runs on the GUI thread."""

    _report = Signal(str, str)  # summary, log path (queued to the GUI thread)

    def __init__(self, parent_widget: Callable[[], QWidget | None]) -> None:
        super().__init__()
        self._parent_widget = parent_widget
        self._previous: ExceptHook | None = None
        self.box: QMessageBox | None = None
        self.count = 0
        self._report.connect(self._show)

    def install(self) -> None:
        """Become ``sys.excepthook`` (and the hook of Python threads)."""
        self._previous = sys.excepthook
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(
            args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook = self._previous
        threading.excepthook = threading.__excepthook__

    def handle(self, kind: type[BaseException], error: BaseException,
               trace: TracebackType | None) -> None:
        """Log the exception and ask the GUI thread to show it; never raise."""
        details = "".join(traceback.format_exception(kind, error, trace))
        try:
            path = str(write_log(details))
        except OSError as exc:
            path = f"(the log could not be written: {exc.strerror})"
        sys.stderr.write(details)
        self._report.emit(f"{kind.__name__}: {error}"[:300], path)

    def _show(self, summary: str, path: str) -> None:
        self.count += 1
        text = ("Something went wrong, but your work is saved and you can go on.\n\n"
                f"{summary}\n\nThe details were written to {path}.")
        if self.box is not None and self.box.isVisible():
            self.box.setText(text + f"\n\n({self.count} errors so far.)")
            return
        self.box = QMessageBox(QMessageBox.Icon.Warning, "Unexpected error", text,
                               QMessageBox.StandardButton.Ok, self._parent_widget())
        self.box.setObjectName("crashGuardMessage")
        self.box.setModal(False)
        self.box.show()
