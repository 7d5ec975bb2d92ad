"""The window's review actions: the queue, submitting, preferences, a document's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ui.history_dialog import HistoryDialog
from ui.preferences import PreferencesDialog
from workbench.errors import WorkbenchError
from workbench.review import submit

if TYPE_CHECKING:
    from ui.main_window import MainWindow


class ReviewActions(QObject):
    """What the Review menu and Edit ▸ Preferences do, for the window that owns it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.history_dialog: HistoryDialog | None = None

    def show_queue(self) -> None:
        dock = self.window.review_dock
        dock.show()
        dock.raise_()
        dock.table.setFocus()

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

    def show_preferences(self) -> None:
        session = self.window.session
        dialog = PreferencesDialog(session.store.analyst, session.role, self.window)
        if dialog.exec() == PreferencesDialog.DialogCode.Accepted:
            session.store.analyst, session.role = dialog.chosen()
            self.window.review_dock.set_role(session.role)
            self.window.statusBar().showMessage(
                f"You are {session.store.analyst}, {session.role.value}.", 5000)

    def show_history(self) -> HistoryDialog | None:
        """The open document's history (not modal)."""
        document = self.window.reader.document
        if document is None:
            return None
        self.history_dialog = HistoryDialog(self.window.session, document.id, self.window)
        self.history_dialog.show()
        return self.history_dialog
