"""Backups in the window: one taken in the background on opening, and restoring one.

Taking a backup reads the whole file, so it runs as a job (:mod:`ui.jobs`);
the window hears only whether it worked.  Restoring lists the
project's backups, newest first, and puts the chosen one in place after asking.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ui.jobs import JobContext, Work
from workbench.errors import WorkbenchError
from workbench.file.copies import is_sound
from workbench.project.backups import Backup, list_backups, take_backup


def backup_work(project: Path) -> Work:
    """Taking one backup of a project file as a job's work.

    The copy is written under a temporary name and only renamed into place once
    complete and checked, so a cut-short copy (cancelled, or the program quit)
    is never a backup.  Its outcome: the :class:`Backup`, or None when the newest
    backup already holds the project's last change.
    """
    def work(job: JobContext) -> Backup | None:
        try:
            return take_backup(project, cancelled=job.cancelled)
        except OSError as exc:  # a full disk or an unwritable data folder: say so, go on
            raise WorkbenchError(f"No backup could be written ({exc.strerror}).") from exc
    return work


class RestoreDialog(QDialog):
    """Choose one of the project's backups to put in its place."""

    def __init__(self, project: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from Backup")
        self.project = project
        self.chosen: Backup | None = None
        self.list = QListWidget(self)
        self.list.setObjectName("backupList")
        self.list.setAccessibleName("Backups, newest first")
        for backup in list_backups(project):
            sound = is_sound(backup.path)
            item = QListWidgetItem(f"{backup.describe()} — "
                                   + (backup.contents() if sound else "damaged"))
            item.setData(Qt.ItemDataRole.UserRole, backup)
            if not sound:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(item)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton("&Restore",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self._confirm)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _: self._confirm())
        layout = QVBoxLayout(self)
        count = self.list.count()
        layout.addWidget(QLabel(
            f"{count} backup(s) of {project.name}, newest first. The current file is kept "
            "beside it, not deleted." if count else
            f"There is no backup of {project.name} yet: one is taken each time the window "
            "opens it.", self))
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.list.setCurrentRow(0)
        self.restore_button.setEnabled(count > 0)

    def _confirm(self) -> None:
        item = self.list.currentItem()
        if item is None or not item.flags() & Qt.ItemFlag.ItemIsEnabled:
            return
        backup: Backup = item.data(Qt.ItemDataRole.UserRole)
        answer = QMessageBox.question(
            self, "Restore from Backup",
            f"Replace {self.project.name} with the backup of {backup.describe()}? Changes "
            "made since then will not be in the project; the current file is kept beside "
            "it.")
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = backup
            self.accept()
