"""Long team work (a merge, a W3C import's reading) on a thread of its own, with progress.

The thread opens the project file on its own connection (SQLite connections
belong to one thread); the window's connection sees its commit when it is done.
Cancel asks the work to stop at its next step; a stopped merge changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.errors import WorkbenchError
from workbench.memory import collector_paused, run_in_background
from workbench.store import Store

# (the thread's own store, report progress (done, total, what), cancelled?) -> result
Work = Callable[[Store, Callable[[int, int, str], None], Callable[[], bool]], object]


class WorkThread(QThread):
    """Runs one piece of work on its own connection to the project file."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, analyst: str, role: str, work: Work,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path, self.analyst, self.role, self.work = path, analyst, role, work

    def run(self) -> None:
        run_in_background()
        try:
            store = Store.open(self.path, analyst=self.analyst)
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
            return
        store.role = self.role
        try:
            with collector_paused():  # its collections would stall the window too
                result = self.work(store, self.progressed.emit, self.isInterruptionRequested)
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # never let the thread die without a word
            self.failed.emit(f"The work stopped on an unexpected error ({exc}).")
        else:
            self.succeeded.emit(result)
        finally:
            store.release()  # the window's connection checkpoints; this one only closes


class JobProgress(QObject):
    """A work thread and its progress dialog (not modal: the window stays readable)."""

    def __init__(self, thread: WorkThread, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.worker = thread
        self.dialog = QProgressDialog(f"{title}…", "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setObjectName("jobProgress")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(thread.requestInterruption)
        thread.progressed.connect(self._progressed)
        thread.finished.connect(self.dialog.close)

    def _progressed(self, done: int, total: int, what: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, total))
        if what:
            self.dialog.setLabelText(what)

    def start(self) -> None:
        self.worker.start()
