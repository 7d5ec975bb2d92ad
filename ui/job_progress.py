"""A job's progress in a dialog with Cancel (not modal: the window stays readable)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from ui.jobs import Job


class JobProgress(QObject):
    """Shows one job's progress; Cancel asks it to stop; closes when it ends."""

    def __init__(self, job: Job, title: str, parent: QWidget, *,
                 modality: Qt.WindowModality = Qt.WindowModality.WindowModal) -> None:
        super().__init__(parent)
        self.job = job
        self.dialog = QProgressDialog(f"{title}…", "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setObjectName("jobProgress")
        self.dialog.setWindowModality(modality)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(job.cancel)
        job.progressed.connect(self._progressed)
        job.ended.connect(lambda _: self.dialog.close())

    def _progressed(self, done: int, total: int, what: str) -> None:
        self.dialog.setMaximum(max(total, 0))
        self.dialog.setValue(min(done, total) if total else 0)
        if what:
            self.dialog.setLabelText(what)
