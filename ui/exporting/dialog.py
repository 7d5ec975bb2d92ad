"""File ▸ Export…: choose the kind, the passages (with a live count) and the options.

The dialog is not modal.  Its choices become an export request (built as the
command line builds it, :mod:`exports.request`); a job (:mod:`ui.jobs`) gathers
the passages on its own connection and writes the file, with a progress bar
and Cancel.  The last choices are remembered: in QSettings for the
user's habits, in the project for the briefing's title, marking and author.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exports.briefing import GROUPINGS, BriefingOptions
from exports.common import check_target
from exports.request import Choices, ExportRequest, build_request
from exports.run import KINDS, default_briefing_options, run_export
from ui import settings
from ui.exporting.filters import FilterPanel
from ui.jobs import Job, JobContext, Jobs, Work
from ui.session import ProjectSession
from workbench.briefing.citations import BrokenCitation, broken_citations
from workbench.briefing.selection import accepted_exist, select_passages
from workbench.briefing.written import read_draft
from workbench.errors import WorkbenchError
from workbench.model import ReviewStatus
from workbench.words import plural

MARKINGS = ["INTERNAL", "RESTRICTED", "CONFIDENTIAL", "OFFICIAL", "PUBLIC"]


def _buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A label whose mnemonic focuses ``buddy`` (a form row holding a layout has none)."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


class BriefingPanel(QGroupBox):
    """The briefing's title page and layout."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Briefing", parent)
        self.title_edit = QLineEdit(self)
        self.date = QDateEdit(QDate.currentDate(), self)
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.prepared_by = QLineEdit(self)
        self.marking = QComboBox(self)
        self.marking.setEditable(True)
        self.marking.addItems(MARKINGS)
        self.group_by = QComboBox(self)
        for key, label in GROUPINGS.items():
            self.group_by.addItem(label, key)
        self.red_lines_first = QCheckBox("“Key red lines” first", self)
        self.paper = QComboBox(self)
        self.paper.addItem("A4", "a4")
        self.paper.addItem("US Letter", "letter")
        self.loaded = BriefingOptions()  # what the panel does not show (the written parts)
        self.template = QLineEdit(self)
        self.template.setPlaceholderText("Built-in template")
        self.template.setReadOnly(True)
        choose, builtin = QPushButton("Choose…", self), QPushButton("Built-in", self)
        choose.clicked.connect(self._choose_template)
        builtin.clicked.connect(self.template.clear)
        row = QHBoxLayout()
        row.addWidget(self.template, 1)
        row.addWidget(choose)
        row.addWidget(builtin)
        form = QFormLayout(self)
        for label, widget in (("&Title", self.title_edit), ("&Date", self.date),
                              ("&Prepared by", self.prepared_by), ("&Marking", self.marking),
                              ("&Paper", self.paper), ("&Group by", self.group_by)):
            widget.setAccessibleName(label.replace("&", ""))
            form.addRow(label, widget)
        form.addRow("", self.red_lines_first)
        form.addRow(_buddy_label("Te&mplate", self.template, self), row)

    def _choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Word template", self.template.text(),
                                              "Word documents (*.docx)")
        if path:
            self.template.setText(path)

    def load(self, options: BriefingOptions) -> None:
        self.loaded = options
        self.title_edit.setText(options.title)
        self.paper.setCurrentIndex(max(0, self.paper.findData(options.paper)))
        self.prepared_by.setText(options.prepared_by)
        self.marking.setCurrentText(options.marking)
        self.group_by.setCurrentIndex(max(0, self.group_by.findData(
            settings.EXPORT_GROUP_BY.get())))
        self.red_lines_first.setChecked(settings.EXPORT_RED_LINES_FIRST.get())
        self.template.setText(settings.EXPORT_TEMPLATE.get())

    def choices(self) -> Choices:
        """What the panel shows, as the export request's builder takes it."""
        template = self.template.text()
        return Choices(
            title=self.title_edit.text().strip() or "Briefing",
            paper=str(self.paper.currentData()),
            date=self.date.date().toString("yyyy-MM-dd"),
            prepared_by=self.prepared_by.text().strip(),
            marking=self.marking.currentText().strip() or "INTERNAL",
            group_by=str(self.group_by.currentData()),
            red_lines_first=self.red_lines_first.isChecked(),
            template=Path(template) if template else None)


class ExportDialog(QDialog):
    """Choose what to export and where; the export runs off the GUI thread."""

    def __init__(self, session: ProjectSession, jobs: Jobs,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export")
        self.session, self.jobs = session, jobs
        self.job: Job | None = None
        self.last_written: Path | None = None
        self.confirmed_output = ""  # a file the save dialog already asked to replace
        self.opener: Callable[[Path], object] = \
            lambda path: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        self.kind = QComboBox(self)
        self.kind.setAccessibleName("Kind of export")
        for kind in KINDS.values():
            self.kind.addItem(kind.label, kind.name)
        self.filters = FilterPanel(self)
        self.briefing = BriefingPanel(self)
        self.count = QLabel(self)
        self.count.setObjectName("passageCount")
        self.output = QLineEdit(self)
        self.output.setAccessibleName("Output file")
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._choose_output)
        self.open_when_done = QCheckBox("Open the file when done", self)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("&Export",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self._close_or_cancel)
        self._layout(browse)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.filters.changed.connect(self.update_count)

    def _layout(self, browse: QPushButton) -> None:
        top = QFormLayout()
        top.addRow("&Export as", self.kind)
        out = QHBoxLayout()
        out.addWidget(self.output, 1)
        out.addWidget(browse)
        middle = QHBoxLayout()
        middle.addWidget(self.filters, 3)
        middle.addWidget(self.briefing, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.count)
        save = QFormLayout()
        save.addRow(_buddy_label("&Save to", self.output, self), out)
        save.addRow("", self.open_when_done)
        layout.addLayout(save)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    # -- opening -------------------------------------------------------------------------

    def prepare(self, kind: str, current_document: str | None = None) -> None:
        """Show the dialog for ``kind``; an annotated copy starts on the open document."""
        store = self.session.store
        only = {current_document} if kind == "annotated" and current_document else None
        self.filters.load(store, only)
        self.briefing.load(default_briefing_options(store.project_name(), store.settings(),
                                                    store.analyst, read_draft(store)))
        self.open_when_done.setChecked(settings.EXPORT_OPEN_WHEN_DONE.get())
        self.kind.setCurrentIndex(self.kind.findData(kind))
        self._kind_changed()
        if kind == "briefing" and accepted_exist(store):  # reviewed evidence by default
            self.filters.statuses.set_checked({ReviewStatus.ACCEPTED.value})
        self.message.clear()
        self.update_count()

    def _kind_changed(self) -> None:
        kind = KINDS[self.kind.currentData()]
        self.briefing.setVisible(kind.name in ("briefing", "annotated"))
        for part in (self.briefing.group_by, self.briefing.red_lines_first):
            part.setEnabled(kind.name == "briefing")  # the annotated copy takes the page only
        folder = Path(settings.EXPORT_FOLDER.get() or Path.home())
        stem = {"briefing": "briefing", "annotated": "annotated-copy"}.get(kind.name, "passages")
        self.output.setText(str(folder / f"{stem}{kind.suffix or '-brat'}"))
        self.export_button.setText(f"&Export {kind.label.split(' (')[0].split(',')[0]}")

    def update_count(self) -> None:
        """The live count: how many passages (from how many documents) will be included."""
        if self.filters.excludes_everything():
            passages = documents = 0
        else:
            passages, documents = self.session.store.annotations.count(
                self.filters.passage_filter())
        self.count.setText(f"<b>{plural(passages, 'passage')}</b> from "
                           f"{plural(documents, 'document')} will be included.")
        self.export_button.setEnabled(passages > 0 or self.kind.currentData() == "annotated")

    def _choose_output(self) -> None:
        kind = KINDS[self.kind.currentData()]
        if not kind.suffix:
            path = QFileDialog.getExistingDirectory(self, "Folder for the brat files",
                                                    self.output.text())
        else:
            # The save dialog itself asks before replacing an existing file.
            path, _ = QFileDialog.getSaveFileName(self, "Export to", self.output.text(),
                                                  f"{kind.label} (*{kind.suffix})")
            self.confirmed_output = path or self.confirmed_output
        if path:
            self.output.setText(path)

    # -- running -------------------------------------------------------------------------

    def start_export(self) -> None:
        """Build the request, then gather the passages and write the file as a job."""
        if self.job is not None or not self.output.text().strip():
            return
        store = self.session.store
        request = build_request(store, str(self.kind.currentData()),
                                Path(self.output.text().strip()).expanduser(),
                                self.filters.passage_filter(), self.briefing.choices())
        if request.kind == "briefing" and not self._may_cite(broken_citations(store)):
            return
        self._remember(request.options)
        if not self._may_write(request.out, KINDS[request.kind].suffix != ""):
            return
        self.job = self.jobs.read(f"Export {request.out.name}", self._work(request),
                                  project=store.path, done=self._succeeded,
                                  failed=self._failed, stopped=self._stopped)
        self.job.progressed.connect(self._progressed)
        self.job.ended.connect(self._finished)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.export_button.setEnabled(False)
        self.close_button.setText("Cancel")
        self.message.setText(f"Writing {request.out.name}…")

    def _work(self, request: ExportRequest) -> Work:
        """The export as a job's work: on its own connection to a project file (a project
        in memory is gathered here, now, and only written there)."""
        store = self.session.store
        chosen = None if store.path is not None else select_passages(
            store, request.passage_filter)

        def work(job: JobContext) -> Path:
            def progress(done: int, total: int) -> bool:
                job.progress(done, total)
                return not job.cancelled()
            selection = chosen if chosen is not None else select_passages(
                job.store, request.passage_filter)
            job.check()  # before the file is begun
            return run_export(request.kind, selection, request.out, options=request.options,
                              progress=progress)
        return work

    def _may_cite(self, broken: list[BrokenCitation]) -> bool:
        """Ask before a briefing whose judgements cite deleted or rejected passages."""
        if not broken:
            return True
        box = QMessageBox(QMessageBox.Icon.Warning, "Broken citations",
                          f"{len(broken)} citation(s) in the key judgements no longer stand.",
                          QMessageBox.StandardButton.Cancel, self)
        box.setObjectName("brokenCitations")
        box.setInformativeText("\n".join(c.sentence() for c in broken[:8])
                               + ("\n…" if len(broken) > 8 else "")
                               + "\n\nThe briefing marks them as broken citations.")
        go = box.addButton("Export Anyway", QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is go

    def _may_write(self, out: Path, is_file: bool) -> bool:
        """Refuse a target that is unsafe; ask before replacing a file typed in by hand."""
        try:
            if is_file:
                check_target(out, protected=[p for p in (self.session.store.path,) if p])
        except WorkbenchError as exc:
            self._failed(str(exc))
            return False
        if is_file and out.exists() and str(out) != self.confirmed_output:
            answer = QMessageBox.question(
                self, "Replace file", f"{out.name} already exists in {out.parent}. Replace it?")
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return True

    def _remember(self, options: BriefingOptions) -> None:
        settings.EXPORT_FOLDER.set(str(Path(self.output.text()).expanduser().parent))
        settings.EXPORT_OPEN_WHEN_DONE.set(self.open_when_done.isChecked())
        settings.EXPORT_GROUP_BY.set(options.group_by)
        settings.EXPORT_RED_LINES_FIRST.set(options.red_lines_first)
        settings.EXPORT_TEMPLATE.set(str(options.template or ""))
        if self.session.store.read_only:
            return
        # The title page's defaults for next time: a locked file only means not remembering.
        with contextlib.suppress(WorkbenchError):
            self.session.store.update_settings(briefing_title=options.title,
                                               prepared_by=options.prepared_by,
                                               marking=options.marking, paper=options.paper)

    def _progressed(self, done: int, total: int, _what: str = "") -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _succeeded(self, path: Path) -> None:
        self.last_written = path
        self.message.setText(f"Wrote <b>{path}</b>.")
        if self.open_when_done.isChecked():
            self.opener(Path(path))

    def _failed(self, message: str) -> None:
        self.message.setText(f"<span style='color:#b91c1c'>{message}</span>")

    def _stopped(self, _message: str) -> None:
        self.message.setText("Stopped: nothing was written.")

    def _finished(self, _job: object = None) -> None:
        self.job = None
        self.progress.hide()
        self.close_button.setText("Close")
        self.update_count()

    def _close_or_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            return
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        super().closeEvent(event)
