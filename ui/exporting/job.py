"""An export running off the GUI thread, with progress and cancelling."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from exports.briefing import BriefingOptions
from exports.run import run_export
from workbench.errors import WorkbenchError
from workbench.memory import collector_paused, run_in_background
from workbench.model import PassageFilter
from workbench.selection import Selection, select_passages
from workbench.store import Store


@dataclass(frozen=True)
class Chosen:
    """Passages to gather from a project file: the thread selects them itself."""

    project: Path
    passage_filter: PassageFilter


class ExportThread(QThread):
    """Writes one export; reports progress, then ``succeeded`` or ``failed``."""

    progressed = Signal(int, int)
    succeeded = Signal(str)  # the path written
    failed = Signal(str)  # one sentence

    def __init__(self, kind: str, selection: Selection | Chosen, out: Path,
                 options: BriefingOptions | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind, self.selection, self.out, self.options = kind, selection, out, options
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> bool:
        self.progressed.emit(done, total)
        return not self._cancel.is_set()

    def run(self) -> None:
        run_in_background()
        store: Store | None = None
        try:
            selection = self.selection
            if isinstance(selection, Chosen):  # gathered here, on a connection of its own
                store = Store.open(selection.project)
                selection = select_passages(store, selection.passage_filter)
            with collector_paused():  # its collections would stall the window too
                written = run_export(self.kind, selection, self.out, options=self.options,
                                     progress=self._progress)
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"{self.out} could not be written ({exc.strerror or exc}).")
        except Exception as exc:  # a writer's bug must not kill the window
            self.failed.emit(f"The export failed unexpectedly ({exc.__class__.__name__}: {exc}).")
        else:
            self.succeeded.emit(str(written))
        finally:
            if store is not None:
                store.release()
