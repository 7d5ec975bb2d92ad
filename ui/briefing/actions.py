"""The window's briefing actions: the writer dock, citing a passage, the stance matrix,
and two passages side by side from it."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QStatusBar, QTabWidget

from ui.actions import ActionId, does
from ui.briefing.matrix_dialog import MatrixDialog
from ui.briefing.writer import BriefingDock
from ui.compare import CompareView
from ui.jobs import Jobs
from ui.reader.pane import ReaderPane
from ui.review.dock import ReviewDock
from ui.session import ProjectSession


class BriefingHost(Protocol):
    """What the briefing actions need of the window."""

    session: ProjectSession
    jobs: Jobs
    reader: ReaderPane
    compare: CompareView
    tabs: QTabWidget
    review_dock: ReviewDock

    def open_passage(self, annotation_id: str) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class BriefingActions:
    """Writing the briefing and looking across the project, for one main window."""

    def __init__(self, window: BriefingHost, parent: QMainWindow) -> None:
        self.window, self.parent_widget = window, parent
        self.dock = BriefingDock(window.session, parent)
        parent.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()
        self.dock.current_passage = self.current_passage
        self.dock.passageActivated.connect(window.open_passage)
        self.dock.citeRefused.connect(lambda why: window.statusBar().showMessage(why, 8000))
        self.matrix: MatrixDialog | None = None

    def install(self, session: ProjectSession) -> None:
        """Another project was opened in the window."""
        if self.dock.session is not session:
            self.dock.set_session(session)
        if self.matrix is not None:
            self.matrix.close()
            self.matrix = None

    def current_passage(self) -> str | None:
        """The passage the user is on: the review queue's when it has focus, else the
        reader's."""
        window = self.window
        queue = window.review_dock
        if queue.isVisible() and queue.isAncestorOf(self.parent_widget.focusWidget()):
            chosen = queue.selected_ids()
            if chosen:
                return chosen[0]
        return window.reader.view.current

    @does(ActionId.BRIEFING_WRITER)
    def show_writer(self) -> BriefingDock:
        self.dock.show()
        self.dock.raise_()
        self.dock.bluf.editor.setFocus()
        return self.dock

    @does(ActionId.CITE_PASSAGE)
    def cite(self) -> bool:
        """Cite the current passage in the selected judgement (the writer opens)."""
        passage = self.current_passage()  # before the writer takes the focus
        self.dock.show()
        self.dock.raise_()
        self.dock.current_passage = lambda: passage
        try:
            return self.dock.cite_current()
        finally:
            self.dock.current_passage = self.current_passage

    @does(ActionId.STANCE_MATRIX)
    def show_matrix(self) -> MatrixDialog:
        """The actor-stance matrix of the project (not modal)."""
        if self.matrix is None:
            self.matrix = MatrixDialog(self.window.session, self.window.jobs,
                                       self.parent_widget)
            self.matrix.passageActivated.connect(self.window.open_passage)
            self.matrix.compareRequested.connect(self.compare_passages)
        else:
            self.matrix.reload()
        self.matrix.show()
        self.matrix.raise_()
        return self.matrix

    def compare_passages(self, left: str, right: str) -> None:
        """Two passages side by side in the compare view, each selected in its pane."""
        window = self.window
        window.tabs.setCurrentWidget(window.compare)
        store = window.session.store
        for side, passage_id in ((window.compare.left, left), (window.compare.right, right)):
            side.pane.analyst_only = None
            side.choose(store.annotations.get(passage_id).document_id)
            side.pane.go_to_annotation(passage_id)
