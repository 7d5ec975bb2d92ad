"""What a merge did, per project merged and kind of row, and the way to its conflicts."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.team.merge import KINDS, MergeSummary

MergeOutcome = tuple[str, MergeSummary | str]  # the file's name; its summary, or why not
COLUMNS = ("Project", "Rows", "Added", "Updated", "Unchanged", "Conflicts")


class MergeSummaryDialog(QDialog):
    """A table of what each merged project brought; failures in words."""

    conflictsRequested = Signal()

    def __init__(self, outcomes: list[MergeOutcome], open_conflicts: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mergeSummary")
        self.setWindowTitle("Merge Projects")
        layout = QVBoxLayout(self)
        merged = [s for _, s in outcomes if isinstance(s, MergeSummary)]
        self.heading = QLabel(self._heading(outcomes, merged, open_conflicts), self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for name, outcome in outcomes:
            self._add(name, outcome)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.left_out = QPlainTextEdit(self)
        self.left_out.setObjectName("mergeLeftOut")
        self.left_out.setReadOnly(True)
        self.left_out.setAccessibleName("Rows left out")
        self.left_out.setPlainText("\n".join(
            f"{name}: {line}" for name, outcome in outcomes
            if isinstance(outcome, MergeSummary) for line in outcome.skipped))
        self.left_out.setVisible(bool(self.left_out.toPlainText()))
        layout.addWidget(self.left_out)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.resolve = QPushButton("&Resolve Conflicts…", self)
        self.resolve.setEnabled(open_conflicts > 0)
        buttons.addButton(self.resolve, QDialogButtonBox.ButtonRole.ActionRole)
        self.resolve.clicked.connect(self.conflictsRequested)
        self.resolve.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(720, 420)

    @staticmethod
    def _heading(outcomes: list[MergeOutcome], merged: list[MergeSummary],
                 open_conflicts: int) -> str:
        failed = len(outcomes) - len(merged)
        text = f"{len(merged)} project(s) merged"
        if failed:
            text += f", {failed} not merged (nothing of them was changed)"
        moved = sum(s.reanchored for s in merged)
        if moved:
            text += (f". {moved} passage(s) were on another version of an article and were "
                     f"re-anchored; {sum(s.orphaned for s in merged)} could not be placed "
                     "(see Review ▸ Orphans)")
        if open_conflicts:
            text += f". {open_conflicts} conflict(s) wait for you: both sides changed them"
        if any(s.skipped for s in merged):
            text += (". Some rows of the sources were not valid (wrong types, offsets outside "
                     "their text, unknown statuses) and were left out, as listed below")
        return text + "."

    def _add(self, name: str, outcome: MergeSummary | str) -> None:
        if isinstance(outcome, str):
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.table.setItem(row, 0, QTableWidgetItem(name))
            self.table.setItem(row, 1, QTableWidgetItem(f"not merged: {outcome}"))
            self.table.setSpan(row, 1, 1, len(COLUMNS) - 1)
            return
        for kind in KINDS:
            row = self.table.rowCount()
            self.table.insertRow(row)
            counts = (outcome.added[kind], outcome.updated[kind], outcome.unchanged[kind],
                      outcome.conflicts[kind])
            values = [name if kind == KINDS[0] else "", kind.capitalize(),
                      *(f"{n:,}" for n in counts)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column >= 2:  # counts line up on the right
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
