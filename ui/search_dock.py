"""Find across the project (FTS over document text, quotes and notes)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLineEdit, QListView, QVBoxLayout, QWidget

from ui.models import SearchResultModel
from workbench.model import SearchHit
from workbench.search import search
from workbench.store import Store


class SearchDock(QDockWidget):
    """A search box and its results; activating a result opens it in context."""

    hitActivated = Signal(object, str)  # SearchHit, the query

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Find in Project", parent)
        self.setObjectName("searchDock")
        self.store: Store | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        self.field = QLineEdit(body)
        self.field.setObjectName("projectSearchField")
        self.field.setPlaceholderText("Search text, quotes and notes (Enter)")
        self.field.setAccessibleName("Search the project")
        self.results = QListView(body)
        self.results.setObjectName("projectSearchResults")
        self.results.setAccessibleName("Search results")
        self.results.setWordWrap(True)
        self.model = SearchResultModel(self)
        self.results.setModel(self.model)
        layout.addWidget(self.field)
        layout.addWidget(self.results)
        self.setWidget(body)
        self.field.returnPressed.connect(self.run)
        self.results.activated.connect(self._activated)
        self.results.clicked.connect(self._activated)

    def run(self) -> list[SearchHit]:
        hits = search(self.store, self.field.text()) if self.store else []
        self.model.set_hits(hits)
        if hits:
            self.results.setCurrentIndex(self.model.index(0))
        return hits

    def _activated(self, index: QModelIndex) -> None:
        hit = index.data(Qt.ItemDataRole.UserRole)
        if hit is not None:
            self.hitActivated.emit(hit, self.field.text())
