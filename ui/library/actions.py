"""The window's library actions: import files or a folder (off the GUI thread, with a
report), paste an article from the clipboard, delete a document (undoable)."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from ui.actions import ActionId, does
from ui.jobs import Jobs
from ui.library.dock import LibraryDock
from ui.library.importing import ImportJob, report
from ui.library.versions import ask_how
from ui.reader.pane import ReaderPane
from ui.session import ProjectSession
from workbench.edits import delete_document
from workbench.errors import WorkbenchError
from workbench.importers import SUPPORTED_SUFFIXES, article_from_text
from workbench.library.bringing_in import AsVersion, ImportResult, Outcome, store_article
from workbench.model import Changes


class LibraryHost(Protocol):
    """What the library actions need of the window."""

    session: ProjectSession
    jobs: Jobs
    reader: ReaderPane
    library: LibraryDock
    last_report: QMessageBox | None

    def open_document(self, document_id: str | None) -> None: ...

    def show_details(self, *, intro: str = "") -> object: ...

    def statusBar(self) -> QStatusBar: ...


class LibraryActions:
    """Bringing articles into the project and taking them out, for one main window."""

    def __init__(self, window: LibraryHost, parent: QWidget) -> None:
        self.window, self.parent_widget = window, parent
        self.last_held_import: ImportJob | None = None

    @does(ActionId.IMPORT_FILES)
    def import_files(self) -> None:
        patterns = " ".join(f"*{s}" for s in sorted(SUPPORTED_SUFFIXES))
        files, _ = QFileDialog.getOpenFileNames(self.parent_widget, "Import articles", "",
                                                f"Articles ({patterns});;All files (*)")
        if files:
            self.import_paths([Path(f) for f in files])

    @does(ActionId.IMPORT_FOLDER)
    def import_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.parent_widget, "Import a folder of articles")
        if folder:
            self.import_paths([Path(folder)])

    @does(ActionId.IMPORT_VERSION)
    def import_new_version(self) -> ImportJob | None:
        """Import a file as a new version of the open document (its passages carried over;
        one undoable step)."""
        document = self.window.reader.document
        if document is None:
            return None
        patterns = " ".join(f"*{s}" for s in sorted(SUPPORTED_SUFFIXES))
        chosen, _ = QFileDialog.getOpenFileName(
            self.parent_widget, f"Import a New Version of “{document.title}”", "",
            f"Articles ({patterns});;All files (*)")
        if not chosen:
            return None
        return self.import_paths([Path(chosen)], {Path(chosen): AsVersion(of=document.id)})

    def import_paths(self, paths: list[Path],
                     hows: dict[Path, AsVersion] | None = None) -> ImportJob:
        """Import files and folders off the GUI thread; a report lists failures at the end;
        the first new document opens when the reader shows none.  A file that looks like a
        new version of a document is asked about, then imported as the user says."""
        job = ImportJob(self.window.session, paths, self.parent_widget, hows)

        def finished(results: list[ImportResult]) -> None:
            self.window.last_report = report(self.parent_widget, results, job.cancelled)
            added = [r.document.id for r in results if r.document is not None]
            if added and self.window.reader.content is None:
                self.window.open_document(added[0])
            held = [r for r in results if r.outcome is Outcome.HELD]
            answers = {r.path: ask_how(self.parent_widget, r) for r in held}
            chosen = {path: how for path, how in answers.items() if how is not None}
            if chosen and not job.cancelled:
                self.last_held_import = self.import_paths(list(chosen), chosen)

        job.finished.connect(finished)
        job.start(self.window.jobs)
        return job

    @does(ActionId.PASTE_ARTICLE)
    def paste_article(self) -> None:
        text = QGuiApplication.clipboard().text()
        try:
            article = article_from_text(text)
            result = store_article(self.window.session.store, article, filename="")
            if result.outcome is Outcome.HELD:
                how = ask_how(self.parent_widget, result)
                if how is None:
                    return
                result = store_article(self.window.session.store, article, filename="",
                                       how=how)
        except WorkbenchError as exc:  # nothing to paste, or it could not be saved
            QMessageBox.information(self.parent_widget, "Paste article", str(exc))
            return
        if result.document is not None:
            self.window.session.notify(Changes(documents=frozenset({result.document.id})))
            self.window.open_document(result.document.id)
            self.window.statusBar().showMessage(
                f"Pasted article: {result.message or 'added'}", 5000)
            self.window.show_details(intro="Where is this article from? The briefing's source "
                                           "lines and sources list print these details.")

    @does(ActionId.DELETE_DOCUMENT)
    def delete_document(self) -> None:
        document_id = self.window.library.selected_document() or (
            self.window.reader.document.id if self.window.reader.document else None)
        if document_id is None:
            return
        summary = self.window.session.store.documents.summaries([document_id])[0]
        answer = QMessageBox.question(
            self.parent_widget, "Delete document",
            f"Delete “{summary.title}” and its {summary.annotations} annotation(s) from the "
            "project? You can undo this.")
        if answer == QMessageBox.StandardButton.Yes:
            self.window.session.apply(delete_document(document_id))
