"""Item models over the store: row ids plus a lazily filled cache, columns as data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt

from workbench.library.bringing_in import live_titles
from workbench.model import Changes, DocumentSummary
from workbench.store import Store

_Index = QModelIndex | Any  # Qt passes QModelIndex or QPersistentModelIndex
_PAGE = 200


@dataclass(frozen=True)
class Column:
    """A column of the library table: its header and how to read a row's value."""

    header: str
    value: Callable[[DocumentSummary, dict[str, int]], object]
    tag_id: str | None = None


def _count_of(tag_id: str) -> Callable[[DocumentSummary, dict[str, int]], object]:
    def value(_summary: DocumentSummary, counts: dict[str, int]) -> object:
        return counts.get(tag_id, 0)
    return value


class DocumentTableModel(QAbstractTableModel):
    """The library: one row per live document; title, source, date, count per tag."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.ids: list[str] = store.documents.ids()
        self._rows: dict[str, tuple[DocumentSummary, dict[str, int]]] = {}
        self.columns = self._columns()
        # Counts the window already keeps for a document (the reader's), if any:
        # a tag then changes a row without asking the file again.
        self.live_counts: Callable[[str], dict[str, int] | None] = lambda _id: None

    def _columns(self) -> list[Column]:
        columns = [
            Column("Title", lambda d, _c: f"{d.title} (earlier version)" if d.replaced
                   else d.title),
            Column("Source", lambda d, _c: d.source),
            Column("Date", lambda d, _c: d.published),
        ]
        for tag in self.store.tags.all():
            columns.append(Column(tag.name, _count_of(tag.id), tag.id))
        return columns

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def row_data(self, row: int) -> tuple[DocumentSummary, dict[str, int]] | None:
        """The cached summary of a row, fetched a page at a time when first asked."""
        key = self.ids[row]
        if key not in self._rows:
            page = [i for i in self.ids[row:row + _PAGE] if i not in self._rows]
            counts = self.store.annotations.tag_counts(page)
            for summary in self.store.documents.summaries(page):
                self._rows[summary.id] = (summary, counts.get(summary.id, {}))
        return self._rows.get(key)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.ids):
            return None
        found = self.row_data(index.row())
        if found is None:
            return None
        summary, counts = found
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return column.value(summary, counts)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{summary.title}\n{summary.chars:,} characters, {summary.annotations} " \
                   "annotations"
        if role == Qt.ItemDataRole.UserRole:
            return summary.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column.tag_id:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            # Count columns are narrow: the tag's first letters, the full name as tooltip.
            return column.header[:3] if column.tag_id else column.header
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"Annotations tagged {column.header}" if column.tag_id else column.header
        return None

    def on_changes(self, changes: Changes) -> None:
        """Insert, remove or refresh the rows the change touched."""
        if changes.tags:
            self.beginResetModel()
            self.columns = self._columns()
            self._rows.clear()
            self.ids = self.store.documents.ids()
            self.endResetModel()
            return
        if not changes.documents:
            return
        known = set(self.ids)
        if changes.documents <= known and \
                len(live_titles(self.store, changes.documents)) == len(changes.documents):
            self._refresh_rows(changes.documents)  # the same documents: counts or details
            return
        current = self.store.documents.ids()
        live = set(current)
        for row in reversed(range(len(self.ids))):
            if self.ids[row] not in live:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._rows.pop(self.ids.pop(row), None)
                self.endRemoveRows()
        known = set(self.ids)
        for position, key in enumerate(current):
            if key not in known:
                self.beginInsertRows(QModelIndex(), position, position)
                self.ids.insert(position, key)
                self.endInsertRows()
        for key in changes.documents & known:
            self._rows.pop(key, None)
            row = self.ids.index(key)
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _refresh_rows(self, document_ids: frozenset[str]) -> None:
        """Refresh rows in place; a row already shown repaints only the cells that differ
        (a tag changes one count: one cell, not the row's every column and role)."""
        for key in document_ids:
            cached, counts = self._rows.pop(key, None), self.live_counts(key)
            columns: range | list[int] = range(len(self.columns))
            if cached is not None and counts is not None:  # the counts by delta
                d = self.store.documents.details(key)
                self._rows[key] = fresh = (replace(
                    cached[0], title=d["title"], source=d["source"], author=d["author"],
                    published=d["published"], url=d["url"],
                    annotations=sum(counts.values())), counts)
                # (the total is only in the tooltip, read when it is shown)
                columns = [n for n, c in enumerate(self.columns)
                           if c.value(*fresh) != c.value(*cached)]
            if columns:
                row = self.ids.index(key)
                self.dataChanged.emit(self.index(row, min(columns)),
                                      self.index(row, max(columns)))

    def row_of(self, document_id: str) -> int:
        return self.ids.index(document_id) if document_id in self.ids else -1
