"""The conflicts merges left: the fields both sides changed, who changed them, and from
what; keep one side, choose field by field, or (a passage) keep both.

Each resolution is one undoable edit.  Keys: O keeps ours, T theirs, B both.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.session import ProjectSession
from ui.team.tables import fill, report_table
from workbench.model import Changes
from workbench.store import Store
from workbench.team.conflicts import (
    Conflict,
    Keep,
    ResolveConflict,
    describe_version,
    group_name,
    list_conflicts,
    side_in_words,
    value_in_words,
)

COLUMNS = ("What", "Before", "Ours", "Theirs", "From")


def _base_text(store: Store, conflict: Conflict) -> str:
    """What the clashing fields said before either side changed them."""
    if conflict.base is None:
        return "(not kept)"
    return "\n".join(f"{group_name(g)}: {value_in_words(store, g, conflict.base)}"
                     for g in conflict.groups())


def _what(store: Store, conflict: Conflict) -> str:
    ours = describe_version(store, conflict.kind, conflict.ours)
    if conflict.kind == "annotations":
        actor = f", {ours['actor']}" if ours.get("actor") else ""
        return f"Passage “{ours.get('quote', '')}” ({ours.get('tag', '')}{actor})"
    return f"{conflict.kind[:-1].capitalize()} {ours.get('name', ours.get('title', ''))}"


class ConflictsDialog(QDialog):
    """Every open conflict in a table; buttons and keys resolve the selected one."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictsDialog")
        self.setWindowTitle("Merge Conflicts")
        self.session = session
        self.conflicts: list[Conflict] = []
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.table = report_table(self, COLUMNS, "conflictsTable", single=True)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.buttons: dict[Keep, QPushButton] = {}
        for keep, text, key in ((Keep.OURS, "Keep &Ours (O)", "O"),
                                (Keep.THEIRS, "Keep &Theirs (T)", "T"),
                                (Keep.BOTH, "Keep &Both (B)", "B")):
            button = QPushButton(text, self)
            button.clicked.connect(lambda _=False, k=keep: self.resolve(k))
            self.buttons[keep] = button
            row.addWidget(button)
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda k=keep: self.resolve(k))
        row.addStretch(1)
        self.apply_fields = QPushButton("&Apply Field Choices", self)
        self.apply_fields.clicked.connect(self.resolve_fields)
        row.addWidget(self.apply_fields)
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        row.addWidget(close)
        box = QGroupBox("Choose field by field", self)
        self.fields = QFormLayout(box)
        self.choices: dict[str, QComboBox] = {}
        layout.addWidget(box)
        layout.addLayout(row)
        self.table.itemSelectionChanged.connect(self._enable)
        self.table.itemSelectionChanged.connect(self._show_fields)
        session.changed.connect(self._on_changes)
        self.resize(1000, 560)
        self.refresh()

    def refresh(self) -> None:
        """Read the open conflicts again."""
        store = self.session.store
        self.conflicts = list_conflicts(store)
        rows = [(_what(store, c), _base_text(store, c),
                 side_in_words(store, c, theirs=False).replace(": ", ":\n", 1),
                 side_in_words(store, c, theirs=True).replace(": ", ":\n", 1), c.source)
                for c in self.conflicts]
        fill(self.table, rows)
        for column, width in enumerate((260, 150, 210, 210)):
            self.table.setColumnWidth(column, width)
        self.table.resizeRowsToContents()
        self.heading.setText(
            f"{len(self.conflicts)} conflict(s): both this project and the merged one changed "
            "the same field since they last agreed (their other edits are merged already). "
            "Nothing was lost: choose what stays."
            if self.conflicts else "No conflicts left.")
        if self.conflicts:
            self.table.selectRow(0)
        self._enable()

    def _show_fields(self) -> None:
        """One choice per clashing field of the selected conflict."""
        while self.fields.rowCount():
            self.fields.removeRow(0)
        self.choices = {}
        conflict = self.current()
        if conflict is None:
            return
        store = self.session.store
        for group in conflict.groups():
            name = group_name(group)
            combo = QComboBox(self)
            combo.setAccessibleName(f"Keep which {name}")
            for keep, who, values in ((Keep.OURS, conflict.ours_who or "this project",
                                       conflict.ours),
                                      (Keep.THEIRS, conflict.theirs_who or conflict.source,
                                       conflict.theirs)):
                combo.addItem(f"{who}: {value_in_words(store, group, values)}", keep)
            self.choices[name] = combo
            self.fields.addRow(f"{name.capitalize()}:", combo)

    def resolve_fields(self) -> bool:
        """Resolve the selected conflict with the side chosen for each field."""
        conflict = self.current()
        if conflict is None:
            return False
        choices = {name: Keep(combo.currentData()) for name, combo in self.choices.items()}
        return self.session.apply(ResolveConflict(conflict.id, Keep.OURS, choices=choices,
                                                  label="Resolve conflict (field by field)"))

    def _enable(self) -> None:
        current = self.current()
        self.apply_fields.setEnabled(current is not None)
        for keep, button in self.buttons.items():
            button.setEnabled(current is not None and (
                keep is not Keep.BOTH or current.kind == "annotations"))

    def current(self) -> Conflict | None:
        rows = self.table.selectionModel().selectedRows()
        return self.conflicts[rows[0].row()] if rows else None

    def resolve(self, keep: Keep) -> bool:
        """Resolve the selected conflict (one undoable edit)."""
        conflict = self.current()
        if conflict is None or (keep is Keep.BOTH and conflict.kind != "annotations"):
            return False
        return self.session.apply(ResolveConflict(conflict.id, keep))

    def _on_changes(self, _changes: Changes) -> None:
        if self.isVisible():
            self.refresh()
