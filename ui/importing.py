"""Importing files off the GUI thread, with progress, cancel, and a list of failures.

The worker thread only reads and parses files (the slow part); each parsed
article is stored on the GUI thread, which owns the database connection.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ui.session import ProjectSession
from workbench.errors import ImportRefused
from workbench.importers import read_article
from workbench.library import ImportResult, Outcome, expand_paths, store_parsed
from workbench.model import Changes


class ParseThread(QThread):
    """Reads and parses files one by one; stops between files when interrupted."""

    parsed = Signal(object, object)  # Path, Article | str (the refusal)

    def __init__(self, paths: list[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths = paths

    def run(self) -> None:
        for path in self.paths:
            if self.isInterruptionRequested():
                return
            try:
                self.parsed.emit(path, read_article(path))
            except ImportRefused as exc:
                self.parsed.emit(path, str(exc))
            except Exception as exc:  # never let one file end the whole import
                self.parsed.emit(path, f"{path.name} could not be read ({exc}).")


class ImportJob(QObject):
    """One import of files and folders into the session's project."""

    finished = Signal(list)  # list[ImportResult]

    def __init__(self, session: ProjectSession, paths: list[Path], parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.files = list(expand_paths(paths))
        self.results: list[ImportResult] = []
        self.progress = QProgressDialog("Importing…", "Cancel", 0, len(self.files), parent)
        self.progress.setWindowTitle("Import")
        self.progress.setWindowModality(Qt.WindowModality.NonModal)  # reading goes on
        self.progress.setMinimumDuration(300)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.parser = ParseThread(self.files, self)
        self.parser.parsed.connect(self._store)
        self.parser.finished.connect(self._done)
        self.progress.canceled.connect(self.parser.requestInterruption)

    def start(self) -> None:
        if not self.files:
            self._done()
            return
        self.parser.start()

    def _store(self, path: Path, parsed: object) -> None:
        if isinstance(parsed, str):
            result = ImportResult(path, Outcome.FAILED, message=parsed)
        else:
            result = store_parsed(self.session.store, path, parsed)  # type: ignore[arg-type]
            if result.document is not None:  # (and the version it replaces, if any)
                ids = {result.document.id, result.document.version_of} - {None}
                self.session.notify(Changes(documents=frozenset(i for i in ids if i)))
        self.results = [*self.results, result]
        self.progress.setValue(len(self.results))
        self.progress.setLabelText(f"Importing {path.name}…")

    def _done(self) -> None:
        self.progress.close()
        self.finished.emit(self.results)


def report(parent: QWidget, results: list[ImportResult], cancelled: bool = False) -> QMessageBox:
    """A non-blocking summary: how many were added, and each failure with its reason."""
    added = sum(r.outcome is Outcome.ADDED for r in results)
    known = sum(r.outcome is Outcome.DUPLICATE for r in results)
    versions = [r for r in results if r.outcome is Outcome.NEW_VERSION]
    failed = [r for r in results if r.outcome is Outcome.FAILED]
    text = f"{added} document(s) imported"
    if versions:
        text += f", {len(versions)} new version(s) of documents in the project"
    if known:
        text += f", {known} already in the project"
    if failed:
        text += f", {len(failed)} could not be imported"
    if cancelled:
        text += " (stopped)"
    box = QMessageBox(QMessageBox.Icon.Warning if failed else QMessageBox.Icon.Information,
                      "Import", text + ".", QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("importReport")
    if failed or versions:
        box.setInformativeText("\n".join(f"{r.path.name}: {r.message}" if r in versions
                                          else r.message for r in [*versions, *failed][:20]))
        box.setDetailedText("\n".join(f"{r.path}: {r.message}" for r in failed))
    box.setModal(False)
    box.show()
    return box
