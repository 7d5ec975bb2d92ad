"""The window's team actions: merge projects, resolve conflicts, agreement, orphans, W3C.

Merging and reading a W3C file run on a thread of their own with progress and
Cancel; what they bring is then shown in every view.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtWidgets import QFileDialog, QMessageBox, QStatusBar, QWidget

from ui.actions import ActionId, does
from ui.job_progress import JobProgress
from ui.jobs import Job, JobContext, Jobs, Work, Written
from ui.reader.pane import ReaderPane
from ui.session import ProjectSession
from ui.team.agreement_dialog import AgreementDialog
from ui.team.conflicts_dialog import ConflictsDialog
from ui.team.merge_dialog import MergeOutcome, MergeSummaryDialog
from ui.team.orphans_dialog import OrphansDialog
from workbench.edits import CompositeEdit, Edit
from workbench.errors import WorkbenchError
from workbench.interop.w3c_import import W3CImport, plan_w3c_import
from workbench.library.bringing_in import live_titles
from workbench.model import Changes
from workbench.team.agreement import AgreementReport, agreement
from workbench.team.conflicts import list_conflicts
from workbench.team.merge import MergeCancelled, merge_project
from workbench.words import plural

if TYPE_CHECKING:
    from collections.abc import Callable


class TeamHost(Protocol):
    """What the team actions need of the window."""

    session: ProjectSession
    jobs: Jobs
    reader: ReaderPane
    last_report: QMessageBox | None

    def open_document(self, document_id: str | None) -> None: ...

    def statusBar(self) -> QStatusBar: ...


def merge_work(paths: list[Path], *, dry_run: bool = False) -> Work:
    """The work of merging these files, one transaction each, on the job's store; a
    cancel rolls back the file being merged and merges no more.  The merges done are
    one undoable step; a dry run changes nothing and only says what merging would."""
    def work(job: JobContext) -> Written:
        outcomes: list[MergeOutcome] = []
        edits: list[Edit] = []
        for number, path in enumerate(paths, 1):
            what = (f"{'Trying' if dry_run else 'Merging'} {path.name} "
                    f"({number} of {len(paths)})…")

            def step(done: int, total: int, what: str = what) -> None:
                job.progress(done, total, what)

            try:
                summary = merge_project(job.store, path, progress=step,
                                        cancelled=job.cancelled, dry_run=dry_run,
                                        record=not dry_run)
            except MergeCancelled:
                if not edits:
                    raise  # nothing merged: the job ends as cancelled
                outcomes.append((path.name, "cancelled: nothing of it was changed"))
                break  # the ones before it stay merged, and undoable
            except WorkbenchError as exc:
                outcomes.append((path.name, str(exc)))
            else:
                outcomes.append((path.name, summary))
                if summary.edit is not None and summary.changed():
                    edits.append(summary.edit)
                    job.deliver(summary.changes())  # committed: shown now, even if stopped
        return Written(outcomes, edit=_one_step(edits))
    return work


def _one_step(edits: list[Edit]) -> Edit | None:
    """The merges of one command as one step on the undo stack."""
    if len(edits) <= 1:
        return edits[0] if edits else None
    return CompositeEdit(f"Merge {plural(len(edits), 'project')}", edits)


def w3c_work(source: Path) -> Work:
    """The work of reading a W3C file and storing what it brings, in one transaction."""
    def work(job: JobContext) -> Written:
        job.progress(0, 0, f"Reading {source.name}…")
        plan = plan_w3c_import(job.store, source, cancelled=job.cancelled)
        job.check()
        job.progress(0, 0, f"Storing {plural(plan.added, 'annotation')}…")
        with job.store.transaction():
            changes = plan.edit.apply(job.store) if plan.edit.records else Changes()
        return Written(plan, changes, plan.edit if plan.edit.records else None)
    return work


class TeamActions:
    """Merge, conflicts, agreement, orphans and W3C import for one main window."""

    def __init__(self, window: TeamHost, parent: QWidget,
                 compare_analysts_of: Callable[[str, str, str, tuple[str, str]], None],
                 ) -> None:
        self.window, self.parent_widget = window, parent
        self.compare_analysts_of = compare_analysts_of
        self.job: Job | None = None
        self.progress: JobProgress | None = None
        self.summary: MergeSummaryDialog | None = None
        self.preview: MergeSummaryDialog | None = None
        self.conflicts: ConflictsDialog | None = None
        self.agreement: AgreementDialog | None = None
        self.orphans: OrphansDialog | None = None

    def _start(self, title: str, work: Work, done: Callable[[Any], None]) -> Job | None:
        window = self.window
        try:
            self.job = window.jobs.write(
                window.session, title, work, done=done,
                failed=lambda why: QMessageBox.warning(self.parent_widget, title, why),
                stopped=lambda why: window.statusBar().showMessage(why, 8000))
        except WorkbenchError as exc:  # a project in memory
            QMessageBox.information(self.parent_widget, title, str(exc))
            return None
        self.progress = JobProgress(self.job, title, self.parent_widget)
        return self.job

    # -- merge and conflicts ----------------------------------------------------------------

    @does(ActionId.MERGE_PROJECTS)
    def choose_and_merge(self) -> Job | None:
        """Choose analysts' project files; see what merging them would change; merge."""
        chosen, _ = QFileDialog.getOpenFileNames(
            self.parent_widget, "Merge Projects", "", "Workbench projects (*.wbproj)")
        return self.preview_merge([Path(p) for p in chosen]) if chosen else None

    def preview_merge(self, paths: list[Path]) -> Job | None:
        """Work out what merging these files would change, changing nothing; the preview
        then offers to merge them."""
        return self._start("Merge Projects", merge_work(paths, dry_run=True),
                           lambda outcomes: self._previewed(paths, outcomes))

    def _previewed(self, paths: list[Path], outcomes: list[MergeOutcome]) -> None:
        self.preview = MergeSummaryDialog(outcomes, 0, self.parent_widget, preview=True)
        self.preview.mergeRequested.connect(lambda: self.merge_projects(paths))
        self.preview.setModal(False)
        self.preview.show()

    def merge_projects(self, paths: list[Path]) -> Job | None:
        """Merge analysts' project files into this project, off the GUI thread: one
        undoable step."""
        if not paths:
            return None
        return self._start("Merge Projects", merge_work(paths), self._merged)

    def _merged(self, outcomes: list[MergeOutcome]) -> None:
        session = self.window.session
        self.summary = MergeSummaryDialog(outcomes, len(list_conflicts(session.store)),
                                          self.parent_widget)
        self.summary.conflictsRequested.connect(self.show_conflicts)
        self.summary.setModal(False)
        self.summary.show()

    @does(ActionId.CONFLICTS)
    def show_conflicts(self) -> ConflictsDialog:
        """The open conflicts (not modal)."""
        if self.conflicts is None or self.conflicts.session is not self.window.session:
            self.conflicts = ConflictsDialog(self.window.session, self.parent_widget)
        self.conflicts.refresh()
        self.conflicts.show()
        self.conflicts.raise_()
        self.conflicts.activateWindow()
        return self.conflicts

    # -- agreement and orphans -----------------------------------------------------------------

    @does(ActionId.AGREEMENT)
    def show_agreement(self) -> Job | None:
        """Agreement between analysts over the whole project, worked out beside the window
        (it reads every passage); the dialog opens when it is ready."""
        window = self.window
        store = window.session.store
        if store.path is None:  # a project in memory: small, at once
            self._agreed(agreement(store))
            return None
        work: Work = lambda job: agreement(job.store, cancelled=job.cancelled)  # noqa: E731
        self.job = window.jobs.read(
            "Agreement Between Analysts", work, project=store.path, done=self._agreed,
            failed=lambda why: QMessageBox.warning(self.parent_widget, "Agreement", why))
        self.progress = JobProgress(self.job, "Agreement Between Analysts", self.parent_widget)
        return self.job

    def _agreed(self, report: AgreementReport) -> None:
        store = self.window.session.store
        self.agreement = AgreementDialog(report, live_titles(store, report.documents),
                                         self.parent_widget)
        self.agreement.compareRequested.connect(self._compare_in_front)
        self.agreement.show()

    def _compare_in_front(self, document_id: str, first: str, second: str, first_passage: str,
                          second_passage: str) -> None:
        """The compare view in front of the agreement report (which steps back: Team ▸
        Agreement shows it again), both passages and their cards in view."""
        self.compare_analysts_of(document_id, first, second, (first_passage, second_passage))
        if self.agreement is not None:
            self.agreement.hide()
        main = self.parent_widget.window()
        main.raise_()
        main.activateWindow()

    @does(ActionId.ORPHANS)
    def show_orphans(self) -> OrphansDialog:
        """Passages waiting to be re-attached (not modal)."""
        window = self.window

        def selection() -> tuple[str, int, int]:
            document = window.reader.document
            start, end = window.reader.view.selection_span()
            return (document.id if document else "", start, end)

        if self.orphans is None or self.orphans.session is not window.session:
            self.orphans = OrphansDialog(window.session, selection, self.parent_widget)
            self.orphans.openRequested.connect(window.open_document)
        self.orphans.refresh()
        self.orphans.show()
        return self.orphans

    # -- W3C -------------------------------------------------------------------------------------

    @does(ActionId.IMPORT_W3C)
    def import_w3c(self, path: Path | None = None) -> Job | None:
        """Read and store a W3C file off the GUI thread; it is then one undoable step."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.parent_widget, "Import W3C annotations", "",
                "W3C Web Annotation (*.jsonld *.json)")
            if not chosen:
                return None
            path = Path(chosen)
        return self._start("Import W3C Annotations", w3c_work(path), self._planned)

    def _planned(self, plan: W3CImport) -> None:
        window = self.window
        box = QMessageBox(QMessageBox.Icon.Information, "Import W3C annotations",
                          plan.summary() + (" You can undo this." if plan.added else ""),
                          QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setObjectName("w3cReport")
        if plan.reasons:
            box.setDetailedText("\n".join(plan.reasons))
        box.setModal(False)
        box.show()
        window.last_report = box
