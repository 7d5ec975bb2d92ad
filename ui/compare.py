"""Two documents side by side, each with its own margin; scrolling can be linked."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSplitter, QVBoxLayout, QWidget

from ui.reader.pane import ReaderPane
from ui.session import ProjectSession
from workbench.library.bringing_in import live_titles
from workbench.model import Changes


class ComparePane(QWidget):
    """A document chooser above a reader pane."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._titles: list[tuple[str, str]] | None = None
        self.chooser = QComboBox(self)
        self.chooser.setAccessibleName("Document to compare")
        # Sized for a readable title, not the longest one: the window never grows past the screen.
        self.chooser.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.chooser.setMinimumContentsLength(24)
        self.pane = ReaderPane(session, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chooser)
        layout.addWidget(self.pane, 1)
        self.chooser.currentIndexChanged.connect(
            lambda _: self.pane.open_document(self.chooser.currentData()))
        self.fill()

    def fill(self) -> None:
        """List the project's documents (only when the set of documents changed)."""
        titles = self.session.store.documents.titles()
        if titles == self._titles:
            return
        self._titles = titles
        chosen = self.chooser.currentData()
        self.chooser.blockSignals(True)
        self.chooser.clear()
        self.chooser.addItem("— choose a document —", None)
        for document_id, title in titles:
            self.chooser.addItem(title, document_id)
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(chosen)))
        self.chooser.blockSignals(False)

    def titles(self) -> list[tuple[str, str]]:
        """(id, title) of the documents the chooser lists."""
        return list(self._titles or [])

    def choose(self, document_id: str) -> None:
        self.chooser.setCurrentIndex(max(0, self.chooser.findData(document_id)))


class CompareView(QSplitter):
    """Left and right compare panes."""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("compareView")
        self.session = session
        self.left = ComparePane(session, self)
        self.right = ComparePane(session, self)
        self.linked = True
        self._syncing = False
        for source, target in ((self.left, self.right), (self.right, self.left)):
            bar = source.pane.view.verticalScrollBar()
            bar.valueChanged.connect(lambda _v, s=source, t=target: self._follow(s, t))
        session.changed.connect(self._on_changes)

    def panes(self) -> list[ReaderPane]:
        return [self.left.pane, self.right.pane]

    def _follow(self, source: ComparePane, target: ComparePane) -> None:
        """Keep the other pane at the same fraction of its document."""
        if not self.linked or self._syncing:
            return
        bar, other = source.pane.view.verticalScrollBar(), target.pane.view.verticalScrollBar()
        if bar.maximum() <= 0:
            return
        self._syncing = True
        other.setValue(round(bar.value() / bar.maximum() * other.maximum()))
        self._syncing = False

    def _on_changes(self, changes: Changes) -> None:
        if changes.documents and self._titles_changed(changes.documents):
            self.left.fill()
            self.right.fill()

    def _titles_changed(self, document_ids: frozenset[str]) -> bool:
        """Whether documents came, went or were renamed (a passage's edit changes none)."""
        listed = dict(self.left.titles())
        return live_titles(self.session.store, document_ids) != \
            {d: listed[d] for d in document_ids if d in listed}
