"""The open project as the window sees it: the store, the undo stack, one change signal.

Every edit goes through :meth:`ProjectSession.apply`, wrapped in one generic
``QUndoCommand``; whatever it changed is re-emitted on :attr:`changed`, and each
view refreshes only what it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.edits import Edit
from workbench.model import Changes
from workbench.store import Store


class EditCommand(QUndoCommand):
    """One core edit on the undo stack: redo applies it, undo reverts it."""

    def __init__(self, session: ProjectSession, edit: Edit) -> None:
        super().__init__(edit.label)
        self._session = session
        self._edit = edit

    def redo(self) -> None:
        with self._session.store.transaction():
            changes = self._edit.apply(self._session.store)
        self._session.changed.emit(changes)

    def undo(self) -> None:
        with self._session.store.transaction():
            changes = self._edit.revert(self._session.store)
        self._session.changed.emit(changes)


class ProjectSession(QObject):
    """Owns the open project's store and undo stack; broadcasts every change."""

    changed = Signal(object)  # Changes

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)

    def apply(self, edit: Edit) -> None:
        """Apply an edit (stored before this returns) and make it undoable."""
        self.undo_stack.push(EditCommand(self, edit))

    def notify(self, changes: Changes) -> None:
        """Broadcast changes made outside the undo stack (imports, for example)."""
        if changes:
            self.changed.emit(changes)

    def close(self) -> None:
        """Close the project file."""
        self.undo_stack.clear()
        self.store.close()
