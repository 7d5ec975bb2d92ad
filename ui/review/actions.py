"""The window's review actions: the queue, submitting, preferences, a document's history."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QStatusBar, QTabWidget, QWidget

from ui.actions import ActionId, does
from ui.compare import CompareView
from ui.preferences import PreferencesDialog
from ui.reader.pane import ReaderPane
from ui.review.dock import ReviewDock
from ui.review.history_dialog import HistoryDialog
from ui.session import ProjectSession
from workbench.errors import WorkbenchError
from workbench.review.workflow import submit


class ReviewHost(Protocol):
    """What the review actions need of the window."""

    session: ProjectSession
    reader: ReaderPane
    compare: CompareView
    tabs: QTabWidget
    review_dock: ReviewDock

    def update_status(self) -> None: ...

    def statusBar(self) -> QStatusBar: ...


class ReviewActions(QObject):
    """What the Review menu and Edit ▸ Preferences do, for the window that owns it."""

    def __init__(self, window: ReviewHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.window, self.parent_widget = window, parent
        self.history_dialog: HistoryDialog | None = None

    @does(ActionId.REVIEW_QUEUE)
    def show_queue(self) -> None:
        dock = self.window.review_dock
        dock.show()
        dock.raise_()
        dock.table.setFocus()

    @does(ActionId.SUBMIT_DOCUMENT)
    def submit_document(self) -> None:
        """Submit the open document's passages that can be (drafts, and ones sent back)."""
        window, session = self.window, self.window.session
        content = window.reader.content
        if content is None:
            return
        try:
            edit = submit(session.store, list(content.spans), person=session.store.analyst,
                          role=session.role)
        except WorkbenchError as exc:
            window.statusBar().showMessage(str(exc), 8000)
            return
        if session.apply(edit):
            window.statusBar().showMessage(f"{edit.label} for review. Ctrl+Z undoes it.", 8000)

    @does(ActionId.PREFERENCES)
    def show_preferences(self) -> None:
        session = self.window.session
        dialog = PreferencesDialog(session.store.analyst, session.role, self.parent_widget)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            session.store.analyst, session.role = dialog.chosen()
            self.window.review_dock.set_role(session.role)
            self.window.update_status()  # it names who is working, in which role

    @does(ActionId.COMPARE_ANALYSTS)
    def compare_analysts(self) -> bool:
        """The open document in both compare panes, the first two analysts' passages apart."""
        window = self.window
        document = window.reader.document
        if document is None:
            return False
        names = window.session.store.queue.analysts(document_id=document.id)
        if len(names) < 2:
            window.statusBar().showMessage("Only one analyst tagged this document.", 6000)
            return False
        self.compare_analysts_of(document.id, names[0], names[1])
        return True

    def compare_analysts_of(self, document_id: str, first: str, second: str,
                            passages: tuple[str, str] = ("", "")) -> None:
        """A document in both compare panes: ``first``'s passages left, ``second``'s right
        (and, given, each side's passage selected, in view)."""
        window = self.window
        window.tabs.setCurrentWidget(window.compare)
        sides = (window.compare.left, window.compare.right)
        for side, name, passage in zip(sides, (first, second), passages, strict=True):
            if side.pane.document is not None and side.pane.document.id == document_id:
                side.pane.show_analyst(name)  # already there: only the passages change
            else:
                side.pane.analyst_only = name
                side.choose(document_id)
            if passage:
                side.pane.go_to_annotation(passage)

    @does(ActionId.DOCUMENT_HISTORY)
    def show_history(self) -> HistoryDialog | None:
        """The open document's history (not modal)."""
        document = self.window.reader.document
        if document is None:
            return None
        self.history_dialog = HistoryDialog(self.window.session, document.id, self.parent_widget)
        self.history_dialog.show()
        return self.history_dialog
