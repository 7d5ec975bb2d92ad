"""Importing files off the GUI thread, with progress, cancel, and a list of failures.

A job (``ui.jobs``) reads, parses and stores each file on its own connection
to the project file (one transaction per file); the window is told what
changed after each file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.announce import announce
from ui.job_progress import JobProgress
from ui.jobs import Job, JobContext, Jobs, JobState, Work
from ui.session import ProjectSession
from workbench.errors import ImportRefused
from workbench.importers import Article, read_article
from workbench.library.bringing_in import (
    AsVersion,
    ImportResult,
    Outcome,
    expand_paths,
    store_parsed,
)
from workbench.model import Changes


def _read(path: Path) -> Article | str:
    """The article in a file, or why it cannot be read (one sentence)."""
    try:
        return read_article(path)
    except ImportRefused as exc:
        return str(exc)
    except Exception as exc:  # never let one file end the whole import
        return f"{path.name} could not be read ({exc})."


def import_work(paths: list[Path], *, stores: bool,
                hows: dict[Path, AsVersion] | None = None) -> Work:
    """Read, parse and (``stores``: on the job's own connection, one transaction per
    file) store each file, handing each outcome to the window as it is done; a
    cancel stops between two files (each file is in whole or not at all).  ``hows``:
    files to store as a new version of a document, or as documents of their own."""
    def work(job: JobContext) -> None:
        for number, path in enumerate(paths):
            job.check()
            job.progress(number, len(paths), f"Importing {path.name}…")
            read = _read(path)
            outcome: object = read
            if stores and not isinstance(read, str):
                outcome = store_parsed(job.store, path, read, record=True,
                                       how=(hows or {}).get(path, AsVersion()))
            job.deliver((path, outcome))
    return work


class ImportJob(QObject):
    """One import of files and folders into the session's project, with its progress."""

    finished = Signal(list)  # list[ImportResult]

    def __init__(self, session: ProjectSession, paths: list[Path], parent: QWidget,
                 hows: dict[Path, AsVersion] | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.files = list(expand_paths(paths))
        self.hows = dict(hows or {})
        self.results: list[ImportResult] = []
        self.job: Job | None = None
        self.progress: JobProgress | None = None
        self.parent_widget = parent

    @property
    def cancelled(self) -> bool:
        return self.job is not None and self.job.state is JobState.CANCELLED

    def start(self, jobs: Jobs) -> None:
        if not self.files:
            self._done()
            return
        session, title = self.session, "Import"
        if session.store.path is None:  # a project in memory: read there, stored here
            self.job = jobs.read(title, import_work(self.files, stores=False),
                                 done=self._done, failed=self._failed, stopped=self._done,
                                 delivered=self._store)
        else:
            self.job = jobs.write(session, title,
                                  import_work(self.files, stores=True, hows=self.hows),
                                  done=self._done, failed=self._failed, stopped=self._done,
                                  delivered=self._store)
        self.progress = JobProgress(self.job, title, self.parent_widget,
                                    modality=Qt.WindowModality.NonModal)  # reading goes on

    def _store(self, item: object) -> None:
        if not isinstance(item, tuple):
            return  # (changes: the session has them)
        path, outcome = item
        if isinstance(outcome, str):
            result = ImportResult(path, Outcome.FAILED, message=outcome)
        elif isinstance(outcome, ImportResult):
            result = outcome  # stored by the job: shown below
        else:  # an in-memory project: stored here
            result = store_parsed(self.session.store, path, outcome, record=True,
                                  how=self.hows.get(path, AsVersion()))
        if result.document is not None:  # (and the version it replaces, if any)
            changes = Changes(documents=frozenset(
                i for i in (result.document.id, result.document.version_of) if i))
            if result.document.version_of:  # its passages moved to the new version
                changes |= Changes(annotations=frozenset(
                    key for _s, _e, key, _t in self.session.store.annotations.spans(
                        result.document.id)))
            if result.edit is not None:  # a new version: undone in one step
                self.session.adopt(result.edit, changes)
            else:
                self.session.absorb(changes)
        self.results = [*self.results, result]

    def _failed(self, message: str) -> None:
        self.results = [*self.results, ImportResult(Path(""), Outcome.FAILED, message=message)]
        self._done()

    def _done(self, _: object = None) -> None:
        self.finished.emit(self.results)  # (the progress dialog closes with the job)


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
    held = sum(r.outcome is Outcome.HELD for r in results)
    if held:
        text += f", {held} that look like new versions of documents (you are asked next)"
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
    announce(parent, text + ".")
    return box
