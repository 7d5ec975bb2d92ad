"""The review queue's table: ordered passage ids plus rows fetched a page at a time."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QBrush, QColor

from ui.jobs import Job, JobContext, Jobs
from workbench.model import Changes, PassageFilter, ReviewStatus
from workbench.review.queue import QueueIndex
from workbench.store import Store
from workbench.store.queue import QueueRow

_PAGE = 200
STATUS_COLORS = {"draft": "#6b7280", "submitted": "#2563eb", "accepted": "#15803d",
                 "rejected": "#b91c1c", "changes_requested": "#b45309"}


@dataclass(frozen=True)
class QueueColumn:
    """A column: its header, the sort key in :data:`workbench.store.queue.SORTS`, its text."""

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
    QueueColumn("Note", "note", lambda r: " ".join(r.note.split())),
]


class ReviewQueueModel(QAbstractTableModel):
    """Passages the filter keeps, one per row, in the chosen order."""

    def __init__(self, store: Store, jobs: Jobs, parent: QObject | None = None,
                 *, is_open: Callable[[], bool] = lambda: True) -> None:
        super().__init__(parent)
        self.store, self.jobs = store, jobs
        self._is_open = is_open  # whether the project is still open (for deferred work)
        self._indexing: Job | None = None
        self._generation = 0
        self._missed: set[str] = set()
        self.passage_filter = PassageFilter()
        self.sort_key, self.descending = "document", False
        self.ids: list[str] = []
        self.index_: QueueIndex | None = None  # filter columns in memory, built when needed
        self._row_of: dict[str, int] = {}
        self._rows: dict[str, QueueRow] = {}

    def set_filter(self, passage_filter: PassageFilter) -> None:
        """Show what ``passage_filter`` keeps (one query for the ids)."""
        self.passage_filter = passage_filter
        self.reload()

    def set_ids(self, ids: list[str]) -> None:
        """Show exactly these passages (an empty queue, say, until it is first shown)."""
        self.beginResetModel()
        self.ids = ids
        self._row_of = dict(zip(ids, range(len(ids)), strict=True))
        self._rows.clear()
        self.endResetModel()

    def reload(self) -> None:
        """Look the ids up again: in memory in document order, else one query.

        The in-memory index is built right after the first screen is painted, so
        opening the queue costs one query and later filters a pass over lists.
        """
        if self.index_ is not None and self.sort_key == "document" and not self.descending:
            self.set_ids(self.index_.ids(self.passage_filter))
            return
        self.set_ids(self.store.queue.ids(self.passage_filter, sort=self.sort_key,
                               descending=self.descending))
        if self.index_ is None and self._indexing is None:
            self._build_index()

    def _build_index(self) -> None:
        """Read the index's rows as a job; the window goes on meanwhile."""
        if self.store.path is None:  # a project in memory: small, at once
            self.index_ = QueueIndex(self.store)
            return
        self._missed = set()
        path, store, generation = self.store.path, self.store, self._generation
        def read(job: JobContext) -> list[tuple[object, ...]]:
            rows = job.store.queue.index_rows()
            job.check()  # forgotten meanwhile: not wanted
            return rows
        self._indexing = self.jobs.read(
            "Review queue", read, project=path,
            done=lambda rows: self._take_index((generation, store, rows)))

    def _take_index(self, result: tuple[int, Store, list[tuple[object, ...]]]) -> None:
        generation, store, rows = result
        if generation != self._generation or store is not self.store or not self._is_open():
            return  # another project, or forgotten, by now
        self._indexing = None
        self.index_ = QueueIndex(store, rows)
        self.index_.refresh(sorted(self._missed))  # what changed while it was read

    def status_counts(self) -> dict[str, int]:
        """How many of the listed passages are in each status."""
        if self.index_ is not None:
            return self.index_.status_counts(self.ids)
        return self.store.queue.status_counts(self.passage_filter)

    def forget(self) -> None:
        """Drop the in-memory index (another project, or changes missed while hidden)."""
        self.index_ = None
        if self._indexing is not None:
            self._indexing.cancel()
            self._indexing = None
        self._generation += 1  # an index being read now is out of date when it comes

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.sort_key = COLUMNS[column].sort
            self.descending = order == Qt.SortOrder.DescendingOrder
        else:  # no column: document order
            self.sort_key, self.descending = "document", False
        self.reload()

    def row_data(self, row: int) -> QueueRow | None:
        key = self.ids[row]
        if key not in self._rows:
            self._rows.update(self.store.queue.rows([i for i in self.ids[row:row + _PAGE]
                                                      if i not in self._rows]))
        return self._rows.get(key)

    def id_at(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def unknown(self, annotation_ids: frozenset[str]) -> frozenset[str]:
        """Which of these passages the table does not hold (by key: no set of them all)."""
        return frozenset(i for i in annotation_ids if i not in self._row_of)

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
        if self.index_ is not None:
            self.index_.refresh(sorted(touched))
        elif self._indexing:
            self._missed |= touched
        known = touched & self._row_of.keys()
        arrived = bool(touched - known) and bool(
            self.store.queue.ids(self.passage_filter, only=sorted(touched - known)))
        gone = any(a.deleted_at for a in self.store.annotations.by_ids(sorted(known)))
        if arrived or gone:
            self.reload()
            return
        for key in known:
            self._rows.pop(key, None)
            row = self._row_of[key]
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
