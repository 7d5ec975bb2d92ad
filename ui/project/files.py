"""The project file as the window handles it: new, open, recent, copies, backups, restore.

A refused file (damaged, foreign, locked) never replaces the open project; a
restore closes the project first and keeps the replaced file beside it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QStatusBar, QWidget

from ui import settings
from ui.actions import ActionId, does
from ui.job_progress import JobProgress
from ui.jobs import Job, JobContext, Jobs
from ui.project.backups_dialog import RestoreDialog, backup_work
from ui.session import ProjectSession
from workbench.errors import WorkbenchError
from workbench.project.backups import restore_backup
from workbench.store import Store


class ProjectHost(Protocol):
    """What the project-file actions need of the window."""

    session: ProjectSession
    jobs: Jobs

    def install(self, session: ProjectSession) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class ProjectFiles(QObject):
    """Opens, copies, backs up and restores the window's project file."""

    def __init__(self, window: ProjectHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window, self.parent_widget = window, parent
        self.backup_job: Job | None = None
        self.copy_job: Job | None = None
        self.copy_progress: JobProgress | None = None
        self.recent_menu = QMenu("Open &Recent", parent)
        self.last_report: QMessageBox | None = None

    @property
    def store(self) -> Store:
        return self.window.session.store

    # -- opening -----------------------------------------------------------------------------

    @does(ActionId.NEW_PROJECT)
    def new_project(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self.parent_widget, "New project", "",
                                              "Projects (*.wbproj)")
        if path:
            self.switch_project(Path(path if path.endswith(".wbproj") else path + ".wbproj"),
                                create=True)

    @does(ActionId.OPEN_PROJECT)
    def open_project(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.parent_widget, "Open project", "",
                                              "Projects (*.wbproj)")
        if path:
            self.switch_project(Path(path))

    def switch_project(self, path: Path, *, create: bool = False) -> None:
        """Close the current project and show another; a refused file changes nothing."""
        try:
            store = Store.open(path, create=create, analyst=self.store.analyst)
        except WorkbenchError as exc:
            QMessageBox.warning(self.parent_widget, "Open project", str(exc))
            return
        old = self.window.session
        self.window.jobs.stop_all()  # the old project's jobs end with it
        self.window.install(ProjectSession(store, self.parent_widget))
        old.close()

    def opened(self, store: Store) -> None:
        """A project was shown: remember it, and back it up in the background."""
        if store.path is not None:
            settings.remember_recent(str(store.path))
        self.fill_recent()
        if store.path is None or store.read_only:
            return
        self.backup_job = self.window.jobs.read("Backup", backup_work(store.path),
                                                failed=self._backup_failed)

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in settings.RECENT_PROJECTS.get():
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.switch_project(Path(p)))

    def wait(self) -> None:
        """Let a backup in progress finish (never cut one short)."""
        if self.backup_job is not None:
            self.backup_job.wait()

    # -- copies and backups ------------------------------------------------------------------

    def _backup_failed(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "Backup", message,
                          QMessageBox.StandardButton.Ok, self.parent_widget)
        box.setObjectName("backupProblem")
        restore = box.addButton("Restore from Backup…", QMessageBox.ButtonRole.ActionRole)
        restore.clicked.connect(self.restore_from_backup)
        box.setModal(False)
        box.show()
        self.last_report = box

    @does(ActionId.SAVE_COPY)
    def save_copy(self, path: Path | None = None) -> Job | None:
        """Write one consistent, complete copy of the project to a new file, as a job
        (a large project takes a while to copy; the window goes on)."""
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self.parent_widget, "Save a copy of the project", "", "Projects (*.wbproj)",
                options=QFileDialog.Option.DontConfirmOverwrite)
            if not chosen:
                return None
            path = Path(chosen if chosen.endswith(".wbproj") else chosen + ".wbproj")
        target = path

        def copy(job: JobContext) -> Path:
            return job.store.write_copy(target, cancelled=job.cancelled)

        def saved(written: Path) -> None:
            self.window.statusBar().showMessage(f"Saved a complete copy as {written}", 8000)

        def refused(why: str) -> None:
            QMessageBox.warning(self.parent_widget, "Save a copy", why)

        if self.store.path is None:  # a project in memory: copied through its connection
            try:
                saved(self.store.write_copy(target))
            except WorkbenchError as exc:
                refused(str(exc))
            return None
        self.copy_job = self.window.jobs.read("Save a copy", copy, project=self.store.path,
                                              done=saved, failed=refused)
        self.copy_progress = JobProgress(self.copy_job, "Save a Copy", self.parent_widget)
        return self.copy_job

    @does(ActionId.RESTORE_BACKUP)
    def restore_from_backup(self) -> None:
        """Choose a backup and put it in the project's place (the old file is kept)."""
        path, analyst = self.store.path, self.store.analyst
        if path is None:
            return
        dialog = RestoreDialog(path, self.parent_widget)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        self.wait()
        self.window.jobs.stop_all()
        self.window.session.close()
        aside, restored = None, False
        try:
            aside = restore_backup(dialog.chosen.path, path)
            restored = True
        except WorkbenchError as exc:
            QMessageBox.warning(self.parent_widget, "Restore from Backup", str(exc))
        try:
            store = Store.open(path, analyst=analyst)
        except WorkbenchError as exc:
            QMessageBox.critical(self.parent_widget, "Restore from Backup", str(exc))
            return
        self.window.install(ProjectSession(store, self.parent_widget))
        if restored:
            kept = f"; the previous file is kept as {aside}" if aside else ""
            self.window.statusBar().showMessage(
                f"Restored the backup of {dialog.chosen.describe()}{kept}.")
