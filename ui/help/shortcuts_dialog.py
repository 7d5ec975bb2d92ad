"""Help ▸ Keyboard Shortcuts: every key the window knows, searchable.

Built from the declared actions (:class:`ui.actions.ActionId`) and the keys of
the panes (:mod:`ui.help.keys`), so the sheet never drifts from what the keys
really do.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.actions import ActionId
from ui.help.keys import PANE_KEYS

COLUMNS = ("Where", "Keys", "What it does")


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(where, keys, what) for every action with a key, then every pane's keys."""
    rows = []
    for action_id in ActionId:
        spec = action_id.spec
        keys = [QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText)
                for k in (spec.shortcut, *spec.more_shortcuts) if k]
        keys = [k for k in keys if k]
        if keys:
            name = spec.text.replace("&", "").rstrip("…")
            rows.append(("Menus", " or ".join(keys), f"{name}: {spec.tip}" if spec.tip
                         else name))
    return rows + list(PANE_KEYS)


class ShortcutsDialog(QDialog):
    """A filterable table of the keys."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.search = QLineEdit(self)
        self.search.setObjectName("shortcutsSearch")
        self.search.setPlaceholderText("Search: a key, or what it does")
        self.search.setClearButtonEnabled(True)
        label = QLabel("&Find:", self)
        label.setBuddy(self.search)
        self.search.setAccessibleName("Find a shortcut")
        self.rows = shortcut_rows()
        self.table = QTableWidget(len(self.rows), len(COLUMNS), self)
        self.table.setObjectName("shortcutsTable")
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table: no trap
        for row, cells in enumerate(self.rows):
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.search.textChanged.connect(self.filter)
        self.resize(860, 620)

    def filter(self, text: str) -> int:
        """Show the rows that mention ``text`` (any case); how many are shown."""
        wanted = text.strip().casefold()
        shown = 0
        for row, cells in enumerate(self.rows):
            keep = not wanted or any(wanted in c.casefold() for c in cells)
            self.table.setRowHidden(row, not keep)
            shown += keep
        return shown
