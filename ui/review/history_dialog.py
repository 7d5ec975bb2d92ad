"""A document's history in the window: every edit and verdict, by whom, in which role, when."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from ui.session import ProjectSession
from workbench.review.history_words import in_words, person, what_happened, when
from workbench.store.history import HistoryEntry

HEADERS = ("When", "Who", "What happened")


def _cells(entry: HistoryEntry) -> tuple[str, ...]:
    return when(entry), person(entry), what_happened(entry)


class HistoryModel(QAbstractTableModel):
    """The entries, newest last, as rows of text."""

    def __init__(self, entries: list[HistoryEntry], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows = [_cells(e) for e in entries]

    def rowCount(self, parent: QModelIndex | object = QModelIndex()) -> int:  # noqa: B008
        return 0 if isinstance(parent, QModelIndex) and parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | object = QModelIndex()) -> int:  # noqa: B008
        return 0 if isinstance(parent, QModelIndex) and parent.isValid() else len(HEADERS)

    def data(self, index: QModelIndex | object, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if isinstance(index, QModelIndex) and index.isValid() and \
                role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


class HistoryDialog(QDialog):
    """The open document's history (not modal; read-only)."""

    def __init__(self, session: ProjectSession, document_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyDialog")
        title = session.store.documents.get(document_id).title
        self.setWindowTitle(f"History — {title}")
        entries = in_words(session.store.document_history(document_id))
        self.model = HistoryModel(entries, self)
        table = QTableView(self)
        table.setTabKeyNavigation(False)  # one Tab stop: arrows move inside
        table.setObjectName("historyTable")
        table.setAccessibleName("History of the document")
        table.setModel(self.model)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        table.scrollToBottom()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"{len(entries)} change(s) to “{title}” and its passages, "
                                "oldest first.", self))
        layout.addWidget(table)
        self.resize(980, 460)
