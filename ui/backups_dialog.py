"""Backups in the window: one taken in the background on opening, and restoring one.

Taking a backup reads the whole file, so it runs on its own thread with its own
connection; the window hears only whether it worked.  Restoring lists the
project's backups, newest first, and puts the chosen one in place after asking.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
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

from workbench.backups import Backup, is_sound, list_backups, take_backup
from workbench.errors import WorkbenchError


class BackupJob(QObject):
    """Takes one backup of a project file off the GUI thread.

    A plain daemon thread, not a QThread: quitting while it runs must never abort
    the program (the copy is written under a temporary name and only renamed
    into place once complete and checked, so a cut-short copy is never a backup).
    """

    failed = Signal(str)  # why the project could not be backed up (it is damaged)
    taken = Signal(object)  # Backup | None (None: the newest backup is already current)

    def __init__(self, project: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self._thread = threading.Thread(target=self.run, name="backup", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wait(self) -> None:
        """Wait until the backup is done."""
        if self._thread.is_alive():
            self._thread.join()

    def is_done(self) -> bool:
        return not self._thread.is_alive()

    def run(self) -> None:
        try:
            self.taken.emit(take_backup(self.project))
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:  # a full disk or an unwritable data folder: say so, go on
            self.failed.emit(f"No backup could be written ({exc.strerror}).")


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
