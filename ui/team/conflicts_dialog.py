"""The conflicts merges left: ours beside theirs; keep one, or (a passage) both.

Each resolution is one undoable edit.  Keys: O keeps ours, T theirs, B both.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
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
from workbench.model import Changes
from workbench.team.conflicts import (
    Conflict,
    Keep,
    ResolveConflict,
    describe_version,
    list_conflicts,
)

COLUMNS = ("What", "Ours (this project)", "Theirs", "From")


def _differences(ours: dict[str, object], theirs: dict[str, object]) -> tuple[str, str]:
    """The fields the two versions disagree on, one per line, for each side."""
    keys = [k for k in ours if ours[k] != theirs.get(k) and k not in ("start", "end")]
    if (ours.get("start"), ours.get("end")) != (theirs.get("start"), theirs.get("end")):
        keys.append("span")

    def side(values: dict[str, object]) -> str:
        shown = {**values, "span": f"characters {values.get('start')} to {values.get('end')}"}
        return "\n".join(f"{k}: {shown.get(k) if shown.get(k) not in ('', None) else '—'}"
                         for k in keys)
    return side(ours), side(theirs)


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
        close = QPushButton("Close", self)
        close.clicked.connect(self.close)
        row.addWidget(close)
        layout.addLayout(row)
        self.table.itemSelectionChanged.connect(self._enable)
        session.changed.connect(self._on_changes)
        self.resize(900, 480)
        self.refresh()

    def refresh(self) -> None:
        """Read the open conflicts again."""
        store = self.session.store
        self.conflicts = list_conflicts(store)
        rows = []
        for conflict in self.conflicts:
            ours = describe_version(store, conflict.kind, conflict.ours)
            theirs = describe_version(store, conflict.kind, conflict.theirs)
            what = (f"Passage “{ours.get('quote', '')}” ({ours.get('tag', '')}"
                    f"{', ' + str(ours['actor']) if ours.get('actor') else ''})"
                    if conflict.kind == "annotations" else
                    f"{conflict.kind[:-1].capitalize()} {ours.get('name', ours.get('title', ''))}")
            rows.append((what, *_differences(ours, theirs), conflict.source))
        fill(self.table, rows)
        for column, width in enumerate((300, 220, 220)):
            self.table.setColumnWidth(column, width)
        self.table.resizeRowsToContents()
        self.heading.setText(
            f"{len(self.conflicts)} conflict(s): both this project and the merged one changed "
            "these since they last agreed. Nothing was lost: choose what stays."
            if self.conflicts else "No conflicts left.")
        if self.conflicts:
            self.table.selectRow(0)
        self._enable()

    def _enable(self) -> None:
        current = self.current()
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
