"""Find across the project: passages whose quote or note matches, then every hit in
each matching document, in its context, with the document's count of hits.

Word forms count (a search for "concession" finds "concessions"); ``concess*``
finds words beginning so, and "quoted words" a phrase.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.model import SearchHit
from workbench.store import Store
from workbench.store.search import search
from workbench.words import plural

LEAD = 40  # characters of context kept before a hit, so a narrow dock still shows it


def centred(snippet: str) -> str:
    """The snippet with at most ``LEAD`` characters before its first hit ([…])."""
    at = snippet.find("[")
    if at <= LEAD + 1:
        return snippet
    return "…" + snippet[at - LEAD:].lstrip()


def sentence_of(store: Store, hit: SearchHit) -> str:
    """The whole sentence around a hit in a document's text (for its tooltip)."""
    if hit.kind != "document" or hit.start < 0:
        return ""
    first, text = store.documents.text_around(hit.document_id, hit.start, hit.end, margin=600)
    start, end = hit.start - first, hit.end - first
    opening = max(text.rfind(mark, 0, start) for mark in (". ", "? ", "! ", "\n"))
    closings = [i for i in (text.find(mark, end) for mark in (". ", "? ", "! ", "\n"))
                if i >= 0]
    closing = min(closings) + 1 if closings else len(text)
    sentence = text[opening + 1 if opening >= 0 else 0:closing].strip()
    return " ".join(sentence.split())


class SearchDock(QDockWidget):
    """A search box and its results as a tree; activating a hit opens it in context."""

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
        self.field.setPlaceholderText('Words, concess* or "a phrase" (Enter)')
        self.field.setAccessibleName("Search the project")
        self.summary = QLabel(body)
        self.summary.setObjectName("projectSearchSummary")
        self.results = QTreeWidget(body)
        self.results.setObjectName("projectSearchResults")
        self.results.setAccessibleName("Search results")
        self.results.setHeaderHidden(True)
        self.results.setWordWrap(True)
        self.results.setUniformRowHeights(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.field)
        layout.addWidget(self.summary)
        layout.addWidget(self.results)
        self.setWidget(body)
        self.field.returnPressed.connect(self.run)
        self.results.itemActivated.connect(self._activated)
        self.results.itemClicked.connect(self._activated)

    def run(self) -> list[SearchHit]:
        """Search for what the field says and show every hit."""
        hits = search(self.store, self.field.text()) if self.store else []
        self.results.clear()
        passages = [h for h in hits if h.kind == "annotation"]
        documents: dict[str, list[SearchHit]] = {}
        for hit in hits:
            if hit.kind == "document":
                documents.setdefault(hit.document_id, []).append(hit)
        if passages:
            group = QTreeWidgetItem(self.results, [f"Passages ({len(passages)})"])
            for hit in passages:
                self._leaf(group, f"{hit.snippet} — {hit.document_title}", hit)
        for found in documents.values():
            count = found[0].count
            group = QTreeWidgetItem(self.results, [  # the count first: a long title elides
                f"{plural(count, 'hit') if count else 'in the title'} — "
                f"{found[0].document_title}"])
            group.setData(0, Qt.ItemDataRole.UserRole, found[0])
            for hit in found:
                self._leaf(group, hit.snippet, hit)
        self.results.expandAll()
        total = sum(f[0].count for f in documents.values())
        self.summary.setText(
            f"{plural(total, 'hit')} in {plural(len(documents), 'document')}, "
            f"{plural(len(passages), 'passage')}" if hits else "No matches.")
        first = self.results.topLevelItem(0)
        leaf = first.child(0) if first is not None and first.childCount() else None
        if leaf is not None:
            self.results.setCurrentItem(leaf)
        return hits

    def _leaf(self, parent: QTreeWidgetItem, text: str, hit: SearchHit) -> None:
        item = QTreeWidgetItem(parent, [centred(text)])
        item.setData(0, Qt.ItemDataRole.UserRole, hit)
        sentence = sentence_of(self.store, hit) if self.store is not None else ""
        item.setToolTip(0, sentence or text)

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        hit = item.data(0, Qt.ItemDataRole.UserRole)
        if isinstance(hit, SearchHit):
            self.hitActivated.emit(hit, self.field.text())
