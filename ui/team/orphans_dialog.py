"""Passages whose text could not be found on their article's current version.

Select one, select its new text in the reader, and re-attach it (undoable).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.session import ProjectSession
from ui.team.tables import fill, report_table
from workbench.library.new_versions import orphans, reattach
from workbench.model import Annotation, Changes

COLUMNS = ("Document", "Quote (as it was)", "Analyst")


class OrphansDialog(QDialog):
    """Every orphan; re-attach the selected one to the reader's selection."""

    openRequested = Signal(str)  # document id

    def __init__(self, session: ProjectSession, selection: Callable[[], tuple[str, int, int]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("orphansDialog")
        self.setWindowTitle("Orphans")
        self.session = session
        self.selection = selection  # the reader's (document id, start, end)
        self.found: list[Annotation] = []
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = report_table(self, COLUMNS, "orphansTable", single=True)
        self.table.cellDoubleClicked.connect(lambda row, _c: self._open(row))
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        row = QHBoxLayout()
        self.attach = QPushButton("&Re-attach to the Reader's Selection", self)
        self.attach.clicked.connect(self.reattach_selected)
        row.addWidget(self.attach)
        row.addStretch(1)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        row.addWidget(close)
        layout.addLayout(row)
        session.changed.connect(self._on_changes)
        self.resize(760, 420)
        self.refresh()

    def refresh(self) -> None:
        store = self.session.store
        self.found = orphans(store)
        titles = dict(store.documents.titles())
        fill(self.table, [(titles.get(p.document_id, "?"), p.exact, p.analyst)
                          for p in self.found])
        self.heading.setText(
            f"{len(self.found)} passage(s) whose words are not in their article's current "
            "version. Double-click one to open its article, select the words it should "
            "mark, then re-attach it." if self.found else "No orphans.")
        self.attach.setEnabled(bool(self.found))
        if self.found:
            self.table.selectRow(0)

    def _open(self, row: int) -> None:
        self.openRequested.emit(self.found[row].document_id)

    def reattach_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return False
        passage = self.found[rows[0].row()]
        document_id, start, end = self.selection()
        if document_id != passage.document_id or start >= end:
            self.message.setText("Open the passage's article in the reader and select the "
                                 "words it should mark first.")
            return False
        self.message.clear()
        return self.session.apply(reattach(self.session.store, passage.id, start, end))

    def _on_changes(self, _changes: Changes) -> None:
        if self.isVisible():
            self.refresh()
