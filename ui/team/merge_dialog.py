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
    """A table of what each merged project brought (or, as a preview, would bring);
    failures in words."""

    conflictsRequested = Signal()
    mergeRequested = Signal()

    def __init__(self, outcomes: list[MergeOutcome], open_conflicts: int,
                 parent: QWidget | None = None, *, preview: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("mergePreview" if preview else "mergeSummary")
        self.setWindowTitle("Merge Projects — Preview" if preview else "Merge Projects")
        layout = QVBoxLayout(self)
        merged = [s for _, s in outcomes if isinstance(s, MergeSummary)]
        heading = _preview_heading(outcomes, merged) if preview else \
            self._heading(outcomes, merged, open_conflicts)
        self.heading = QLabel(heading, self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setTabKeyNavigation(False)  # one Tab stop: arrows move inside
        self.table.setAccessibleName("What each project brought")
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
        layout.addWidget(self._buttons(preview, open_conflicts,
                                       any(s.changed() for s in merged)))
        self.resize(720, 420)

    def _buttons(self, preview: bool, open_conflicts: int, changes: bool) -> QDialogButtonBox:
        if preview:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
            self.merge = QPushButton("&Merge", self)
            self.merge.setEnabled(changes)
            self.merge.setDefault(changes)
            buttons.addButton(self.merge, QDialogButtonBox.ButtonRole.AcceptRole)
            self.merge.clicked.connect(self.mergeRequested)
            buttons.accepted.connect(self.accept)
        else:
            buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
            self.resolve = QPushButton("&Resolve Conflicts…", self)
            self.resolve.setEnabled(open_conflicts > 0)
            buttons.addButton(self.resolve, QDialogButtonBox.ButtonRole.ActionRole)
            self.resolve.clicked.connect(self.conflictsRequested)
            self.resolve.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

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


def _preview_heading(outcomes: list[MergeOutcome], merged: list[MergeSummary]) -> str:
    """What merging would do, before anything is changed."""
    if not any(s.changed() for s in merged):
        text = "Merging would change nothing: this project has everything these files hold"
    else:
        rows = sum(sum(s.added.values()) + sum(s.updated.values()) for s in merged)
        conflicts = sum(sum(s.conflicts.values()) for s in merged)
        text = f"Merging would add or update {rows:,} row(s)"
        if conflicts:
            text += f" and leave {conflicts:,} conflict(s) for you to resolve"
    failed = len(outcomes) - len(merged)
    if failed:
        text += f"; {failed} file(s) cannot be merged (see below)"
    return text + ". Nothing has been changed yet; a merge can be undone (Ctrl+Z)."
