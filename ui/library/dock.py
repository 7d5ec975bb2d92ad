"""The library dock: documents with title, source, date and counts per tag; a filter box."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.library.models import DocumentTableModel

MIN_WIDTH = 200


class LibraryDock(QDockWidget):
    """Lists the project's documents; opening one shows it in the reader."""

    documentActivated = Signal(str)
    filesDropped = Signal(list)  # list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.setObjectName("libraryDock")
        self.setAcceptDrops(True)
        self.setMinimumWidth(MIN_WIDTH)  # never crushed (nor saved crushed) by a wide reader
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.filter = QLineEdit(body)
        self.filter.setObjectName("libraryFilter")
        self.filter.setPlaceholderText("Filter documents")
        self.filter.setAccessibleName("Filter documents")
        self.filter.setClearButtonEnabled(True)
        self.table = QTableView(body)
        self.table.setTabKeyNavigation(False)  # one Tab stop: arrows move inside
        self.table.setObjectName("libraryTable")
        self.table.setAccessibleName("Documents")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # No initial sort: sorting would read every row of a large library at start-up.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        self.setWidget(body)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table.setModel(self.proxy)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)

    def set_model(self, model: DocumentTableModel) -> None:
        self.proxy.setSourceModel(model)
        header = self.table.horizontalHeader()
        # Fixed widths: fitting columns to their contents would read every row.
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        widths = [0, 100, 84] + [46] * (model.columnCount() - 3)
        for column in range(1, model.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, widths[column])

    def selected_document(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def select_document(self, document_id: str) -> None:
        model = self.proxy.sourceModel()
        if isinstance(model, DocumentTableModel) and (row := model.row_of(document_id)) >= 0:
            self.table.selectRow(self.proxy.mapFromSource(model.index(row, 0)).row())

    def _activated(self, index: QModelIndex) -> None:
        document_id = index.data(Qt.ItemDataRole.UserRole)
        if document_id:
            self.documentActivated.emit(document_id)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.filesDropped.emit(paths)
            event.acceptProposedAction()
