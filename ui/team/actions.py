"""The window's team actions: merge projects, resolve conflicts, agreement, orphans, W3C.

Merging and reading a W3C file run on a thread of their own with progress and
Cancel; what they bring is then shown in every view.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFileDialog, QMessageBox

from exports.common import plural
from exports.w3c_import import W3CImport, plan_w3c_import
from ui.team.agreement_dialog import AgreementDialog
from ui.team.conflicts_dialog import ConflictsDialog
from ui.team.jobs import JobProgress, WorkThread
from ui.team.merge_dialog import MergeOutcome, MergeSummaryDialog
from ui.team.orphans_dialog import OrphansDialog
from workbench.agreement import agreement
from workbench.conflicts import list_conflicts
from workbench.errors import WorkbenchError
from workbench.library import live_titles
from workbench.merge import MergeCancelled, MergeSummary, merge_project
from workbench.model import Changes
from workbench.store import Store

if TYPE_CHECKING:
    from collections.abc import Callable

    from ui.main_window import MainWindow


def merge_work(paths: list[Path]) -> Callable[..., object]:
    """The work of merging these files, one transaction each, on the thread's store."""
    def work(store: Store, progress: Callable[[int, int, str], None],
             cancelled: Callable[[], bool]) -> list[MergeOutcome]:
        outcomes: list[MergeOutcome] = []
        for number, path in enumerate(paths, 1):
            what = f"Merging {path.name} ({number} of {len(paths)})…"

            def step(done: int, total: int, what: str = what) -> None:
                progress(done, total, what)

            try:
                outcomes.append((path.name, merge_project(store, path, progress=step,
                                                          cancelled=cancelled)))
            except MergeCancelled as exc:
                outcomes.append((path.name, str(exc)))
                break
            except WorkbenchError as exc:
                outcomes.append((path.name, str(exc)))
        return outcomes
    return work


class TeamActions:
    """Merge, conflicts, agreement, orphans and W3C import for one main window."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.job: JobProgress | None = None
        self.summary: MergeSummaryDialog | None = None
        self.conflicts: ConflictsDialog | None = None
        self.agreement: AgreementDialog | None = None
        self.orphans: OrphansDialog | None = None

    def _start(self, title: str, work: Callable[..., object],
               done: Callable[[object], None]) -> JobProgress | None:
        session = self.window.session
        path = session.store.path
        if path is None:
            QMessageBox.information(self.window, title, "Save the project to a file first.")
            return None
        thread = WorkThread(path, session.store.analyst, session.role.value, work, self.window)
        thread.succeeded.connect(done)
        thread.failed.connect(lambda why: QMessageBox.warning(self.window, title, why))
        self.job = JobProgress(thread, title, self.window)
        self.job.start()
        return self.job

    # -- merge and conflicts ----------------------------------------------------------------

    def merge_projects(self, paths: list[Path] | None = None) -> JobProgress | None:
        """Merge analysts' project files into this project, off the GUI thread."""
        if paths is None:
            chosen, _ = QFileDialog.getOpenFileNames(
                self.window, "Merge Projects", "", "Workbench projects (*.wbproj)")
            paths = [Path(p) for p in chosen]
        if not paths:
            return None
        return self._start("Merge Projects", merge_work(paths), self._merged)

    def _merged(self, outcomes: object) -> None:
        assert isinstance(outcomes, list)
        session = self.window.session
        changes = Changes()
        for _, outcome in outcomes:
            if isinstance(outcome, MergeSummary):
                changes |= outcome.changes()
        session.absorb(changes)
        self.summary = MergeSummaryDialog(outcomes, len(list_conflicts(session.store)),
                                          self.window)
        self.summary.conflictsRequested.connect(self.show_conflicts)
        self.summary.setModal(False)
        self.summary.show()

    def show_conflicts(self) -> ConflictsDialog:
        """The open conflicts (not modal)."""
        if self.conflicts is None or self.conflicts.session is not self.window.session:
            self.conflicts = ConflictsDialog(self.window.session, self.window)
        self.conflicts.refresh()
        self.conflicts.show()
        self.conflicts.raise_()
        self.conflicts.activateWindow()
        return self.conflicts

    # -- agreement and orphans -----------------------------------------------------------------

    def show_agreement(self) -> AgreementDialog:
        """Agreement between analysts over the whole project."""
        store = self.window.session.store
        report = agreement(store)
        self.agreement = AgreementDialog(report, live_titles(store, report.documents),
                                         self.window)
        self.agreement.compareRequested.connect(self.window.review.compare_analysts_of)
        self.agreement.show()
        return self.agreement

    def show_orphans(self) -> OrphansDialog:
        """Passages waiting to be re-attached (not modal)."""
        window = self.window

        def selection() -> tuple[str, int, int]:
            document = window.reader.document
            start, end = window.reader.view.selection_span()
            return (document.id if document else "", start, end)

        if self.orphans is None or self.orphans.session is not window.session:
            self.orphans = OrphansDialog(window.session, selection, window)
            self.orphans.openRequested.connect(window.open_document)
        self.orphans.refresh()
        self.orphans.show()
        return self.orphans

    # -- W3C -------------------------------------------------------------------------------------

    def import_w3c(self, path: Path | None = None) -> JobProgress | None:
        """Read and store a W3C file off the GUI thread; it is then one undoable step."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(
                self.window, "Import W3C annotations", "",
                "W3C Web Annotation (*.jsonld *.json)")
            if not chosen:
                return None
            path = Path(chosen)
        source = path

        def work(store: Store, progress: Callable[[int, int, str], None],
                 _cancelled: Callable[[], bool]) -> tuple[W3CImport, Changes]:
            progress(0, 0, f"Reading {source.name}…")
            plan = plan_w3c_import(store, source)
            progress(0, 0, f"Storing {plural(plan.added, 'annotation')}…")
            with store.transaction():
                changes = plan.edit.apply(store) if plan.edit.records else Changes()
            return plan, changes

        return self._start("Import W3C Annotations", work, self._planned)

    def _planned(self, outcome: object) -> None:
        assert isinstance(outcome, tuple)
        plan, changes = outcome
        assert isinstance(plan, W3CImport)
        window = self.window
        if plan.edit.records:  # stored by the thread: one undoable step here
            window.session.adopt(plan.edit, changes)
        box = QMessageBox(QMessageBox.Icon.Information, "Import W3C annotations",
                          plan.summary() + (" You can undo this." if plan.added else ""),
                          QMessageBox.StandardButton.Ok, window)
        box.setObjectName("w3cReport")
        if plan.reasons:
            box.setDetailedText("\n".join(plan.reasons))
        box.setModal(False)
        box.show()
        window.last_report = box
