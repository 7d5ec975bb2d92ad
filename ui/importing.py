"""Importing files off the GUI thread, with progress, cancel, and a list of failures.

The worker thread reads, parses and stores each file on its own connection
to the project file (one transaction per file); the window is told what
changed after each file.
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
from workbench.store import Store


class ImportThread(QThread):
    """Reads, parses and stores files one by one; stops between files when interrupted.

    With a project file it stores on a connection of its own, so that a long
    parse or a new version's re-anchoring never holds up the window; an
    in-memory project is stored by the window (``store`` is then None).
    """

    imported = Signal(object, object)  # Path, ImportResult | Article | str (the refusal)

    def __init__(self, paths: list[Path], project: Path | None, analyst: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.paths, self.project, self.analyst = paths, project, analyst

    def run(self) -> None:
        store = Store.open(self.project, analyst=self.analyst) if self.project else None
        try:
            for path in self.paths:
                if self.isInterruptionRequested():
                    return
                self.imported.emit(path, self._one(store, path))
        finally:
            if store is not None:
                store.release()  # the window's connection checkpoints

    @staticmethod
    def _one(store: Store | None, path: Path) -> object:
        try:
            article = read_article(path)
        except ImportRefused as exc:
            return str(exc)
        except Exception as exc:  # never let one file end the whole import
            return f"{path.name} could not be read ({exc})."
        return article if store is None else store_parsed(store, path, article)


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
        self.parser = ImportThread(self.files, session.store.path, session.store.analyst, self)
        self.parser.imported.connect(self._store)
        self.parser.finished.connect(self._done)
        self.progress.canceled.connect(self.parser.requestInterruption)

    def start(self) -> None:
        if not self.files:
            self._done()
            return
        self.parser.start()

    def _store(self, path: Path, outcome: object) -> None:
        if isinstance(outcome, str):
            result = ImportResult(path, Outcome.FAILED, message=outcome)
        elif isinstance(outcome, ImportResult):
            result = outcome  # stored by the thread: shown below
        else:  # an in-memory project: stored here
            result = store_parsed(self.session.store, path, outcome)  # type: ignore[arg-type]
        if result.document is not None:  # (and the version it replaces, if any)
            changes = Changes(documents=frozenset(
                i for i in (result.document.id, result.document.version_of) if i))
            if result.document.version_of:  # its passages moved to the new version
                changes |= Changes(annotations=frozenset(
                    key for _s, _e, key, _t in self.session.store.annotations.spans(
                        result.document.id)))
            self.session.absorb(changes)
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
