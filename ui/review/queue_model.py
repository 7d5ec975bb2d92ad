"""The review queue's table: ordered passage ids plus rows fetched a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from workbench.model import Changes, PassageFilter, ReviewStatus
from workbench.queue import QueueRow, queue_ids, queue_rows
from workbench.store import Store

_PAGE = 200
STATUS_COLORS = {"draft": "#6b7280", "submitted": "#2563eb", "accepted": "#15803d",
                 "rejected": "#b91c1c", "changes_requested": "#b45309"}


@dataclass(frozen=True)
class QueueColumn:
    """A column: its header, the sort key in :data:`workbench.queue.SORTS`, its text."""

    header: str
    sort: str
    text: Callable[[QueueRow], str]


COLUMNS = [
    QueueColumn("Document", "document", lambda r: r.document_title),
    QueueColumn("Passage", "quote", lambda r: " ".join(r.quote.split())),
    QueueColumn("Tag", "tag", lambda r: r.tag),
    QueueColumn("Actor", "actor", lambda r: r.actor),
    QueueColumn("Analyst", "analyst", lambda r: r.analyst),
    QueueColumn("Status", "status", lambda r: ReviewStatus(r.status).label),
    QueueColumn("Last comment", "date", lambda r: r.last_comment),
    QueueColumn("Changed", "date", lambda r: r.updated_at[:16].replace("T", " ")),
]


class ReviewQueueModel(QAbstractTableModel):
    """Passages the filter keeps, one per row, in the chosen order."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.passage_filter = PassageFilter()
        self.sort_key, self.descending = "document", False
        self.ids: list[str] = []
        self._row_of: dict[str, int] = {}
        self._rows: dict[str, QueueRow] = {}

    def set_filter(self, passage_filter: PassageFilter) -> None:
        """Show what ``passage_filter`` keeps (one query for the ids)."""
        self.passage_filter = passage_filter
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.ids = queue_ids(self.store, self.passage_filter, sort=self.sort_key,
                             descending=self.descending)
        self._row_of = {key: row for row, key in enumerate(self.ids)}
        self._rows.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_key = COLUMNS[column].sort
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def row_data(self, row: int) -> QueueRow | None:
        key = self.ids[row]
        if key not in self._rows:
            self._rows.update(queue_rows(self.store, [i for i in self.ids[row:row + _PAGE]
                                                      if i not in self._rows]))
        return self._rows.get(key)

    def id_at(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def known_ids(self) -> set[str]:
        """The passages in the table."""
        return set(self._row_of)

    def row_of(self, annotation_id: str) -> int:
        return self._row_of.get(annotation_id, -1)

    def rowCount(self, parent: QModelIndex | object = QModelIndex()) -> int:  # noqa: B008
        return 0 if isinstance(parent, QModelIndex) and parent.isValid() else len(self.ids)

    def columnCount(self, parent: QModelIndex | object = QModelIndex()) -> int:  # noqa: B008
        return 0 if isinstance(parent, QModelIndex) and parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | object, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not isinstance(index, QModelIndex) or not index.isValid() \
                or not 0 <= index.row() < len(self.ids):
            return None
        found = self.row_data(index.row())
        if found is None:
            return None
        column = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(found)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"“{found.quote}”\n{found.last_comment}".strip()
        if role == Qt.ItemDataRole.UserRole:
            return found.id
        if role == Qt.ItemDataRole.DecorationRole and column.sort == "tag":
            return QColor(found.tag_color)
        if role == Qt.ItemDataRole.ForegroundRole and column.sort == "status":
            return QBrush(QColor(STATUS_COLORS.get(found.status, "#6b7280")))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return COLUMNS[section].header
        return None

    def on_changes(self, changes: Changes) -> None:
        """Repaint the rows a change touched; look the ids up again if passages came or went.

        A passage whose status moves out of the filter stays until the filter changes,
        so that a reviewer's place in the list holds.
        """
        if changes.tags or changes.actors:  # names and colours in any row
            self._rows.clear()
            if self.ids:
                self.dataChanged.emit(self.index(0, 0),
                                      self.index(len(self.ids) - 1, len(COLUMNS) - 1))
        touched = set(changes.annotations)
        known = touched & self._row_of.keys()
        arrived = bool(touched - known) and bool(
            queue_ids(self.store, self.passage_filter, only=sorted(touched - known)))
        gone = any(a.deleted_at for a in self.store.annotations_by_id(sorted(known)))
        if arrived or gone:
            self.reload()
            return
        for key in known:
            self._rows.pop(key, None)
            row = self._row_of[key]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
