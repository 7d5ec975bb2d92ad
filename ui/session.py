"""The open project as the window sees it: the store, the undo stack, one change signal.

Every edit goes through :meth:`ProjectSession.apply`, wrapped in one generic
``QUndoCommand``; whatever it changed is re-emitted on :attr:`changed`, and each
view refreshes only what it shows.

An edit is stored *before* its command goes on the undo stack, and undo and redo
run the edit before the stack moves: an edit that could not be saved (the file
is locked by another writer, read-only, the disk is full) never appears on the
stack, and :attr:`failed` says why.  Changes committed by another process are
noticed through ``PRAGMA data_version`` and broadcast like our own.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ui.jobs import Job, JobContext, Jobs
from workbench.briefing.citations import broken_notice, citing
from workbench.edits import Edit
from workbench.errors import WorkbenchError
from workbench.file.projectfile import checkpoint_beside
from workbench.model import Changes, Role
from workbench.store import Store

# How often the window looks for changes saved by another program, and how long
# after the last edit the write-ahead log is copied into the project file.
WATCH_INTERVAL_MS = 1000
CHECKPOINT_IDLE_MS = 2000
ABSORB_CHUNK = 1000  # passages a view refreshes in one turn of the event loop
# Rows are stamped just before their commit: look back this far for ones whose
# commit landed after our last look.
OUTSIDE_COMMIT_MARGIN_S = 30


def _stamp_ago(seconds: float) -> str:
    moment = datetime.now(UTC) - timedelta(seconds=seconds)
    return moment.isoformat(timespec="milliseconds").replace("+00:00", "Z")


class EditCommand(QUndoCommand):
    """One core edit on the undo stack: redo applies it, undo reverts it.

    The session normally runs the edit itself first (so that a failure keeps the
    stack as it was) and then moves the stack with :attr:`stored` set: the
    command then only broadcasts.  Moved any other way (an undo view, say), the
    command runs the edit itself.
    """

    def __init__(self, session: ProjectSession, edit: Edit, changes: Changes) -> None:
        super().__init__(edit.label)
        self._session = session
        self.edit = edit
        self.stored: Changes | None = changes

    def _step(self, *, revert: bool) -> None:
        changes, self.stored = self.stored, None
        if changes is None:
            changes = self._session.run(self.edit, revert=revert)
        if changes is not None:
            self._session.broadcast(changes)

    def redo(self) -> None:
        self._step(revert=False)

    def undo(self) -> None:
        self._step(revert=True)


class ProjectSession(QObject):
    """Owns the open project's store and undo stack; broadcasts every change."""

    changed = Signal(object)  # Changes
    failed = Signal(str)  # why an edit, undo or redo could not be saved
    noticed = Signal(str)  # what an edit did beyond itself (a citation it broke)

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._role = Role.ANALYST  # the window sets it from the preferences
        self.closed = False
        self.undo_stack = QUndoStack(self)
        self._seen_version = store.data_version()
        self._since = _stamp_ago(OUTSIDE_COMMIT_MARGIN_S)
        self._watch = QTimer(self)
        self._watch.setInterval(WATCH_INTERVAL_MS)
        self._watch.timeout.connect(self.pick_up_outside_changes)
        self._watch.start()
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(CHECKPOINT_IDLE_MS)
        self._idle.timeout.connect(self._tidy)
        self.jobs = Jobs(self)  # the window hands its own registry over (use_jobs)
        self._checkpointer: Job | None = None
        # SQLite would otherwise copy the write-ahead log into the file inside whichever
        # edit crosses its threshold (tens of milliseconds, on a keystroke); the window
        # does it when the user pauses, and on closing.  Every commit is durable either way.
        store.defer_checkpoints()

    def _tidy(self) -> None:
        """When the user pauses: merge some search-index segments, then copy the log into
        the file on a thread beside the window (writing and syncing a large log takes
        a tenth of a second or more; the window must not stand still meanwhile)."""
        if self.closed or self.store.read_only or self.store.path is None:
            return
        with contextlib.suppress(WorkbenchError):  # locked by another writer: next pause
            self.store.tidy_search_index()
        if self._checkpointer is None or not self._checkpointer.running:
            path = self.store.path

            def checkpoint(job: JobContext) -> bool:
                job.check()  # (one SQLite call: stopped before it begins, or not at all)
                return checkpoint_beside(path)
            self._checkpointer = self.jobs.read("Checkpoint", checkpoint)

    def use_jobs(self, jobs: Jobs) -> None:
        """Run this session's background work in the window's registry of jobs (and in
        one of its own again if the window goes before the session does)."""
        self.jobs = jobs
        jobs.destroyed.connect(self._own_jobs)

    def _own_jobs(self) -> None:
        self.jobs = Jobs(self)

    @property
    def role(self) -> Role:
        """The role edits are made in (recorded with each one in the project's history)."""
        return self._role

    @role.setter
    def role(self, role: Role) -> None:
        self._role = role
        self.store.role = role.value

    def run(self, edit: Edit, *, revert: bool) -> Changes | None:
        """Apply or revert an edit in one transaction; None (and :attr:`failed`) if it failed."""
        try:
            with self.store.transaction():
                changes = edit.revert(self.store) if revert else edit.apply(self.store)
        except WorkbenchError as exc:
            self.failed.emit(str(exc))
            return None
        self._idle.start()
        return changes

    def apply(self, edit: Edit) -> bool:
        """Store an edit and make it undoable; False (stack untouched) if it failed."""
        changes = self.run(edit, revert=False)
        if changes is None:
            return False
        self.undo_stack.push(EditCommand(self, edit, changes))
        if changes.annotations and (notice := broken_notice(citing(
                self.store, changes.annotations))):
            self.noticed.emit(f"{notice} Undo (Ctrl+Z) restores it.")
        return True

    def adopt(self, edit: Edit, changes: Changes) -> None:
        """Put on the undo stack an edit already stored by another connection (a long
        import done on a thread of its own) and show what it changed."""
        self.absorb(Changes())
        self._idle.start()
        self.undo_stack.push(EditCommand(self, edit, changes))

    def absorb(self, changes: Changes) -> None:
        """Show what this window's own work stored on another connection (a merge, an
        import on a thread): broadcast once, not picked up again as another program's."""
        with contextlib.suppress(sqlite3.Error):  # gone or being replaced: seen next time
            self._seen_version = self.store.data_version()
        self._since = _stamp_ago(OUTSIDE_COMMIT_MARGIN_S)
        self._idle.start()
        self.broadcast(changes)

    def broadcast(self, changes: Changes) -> None:
        """Tell every view what changed; thousands of passages go a chunk per turn of
        the event loop, so that the window answers between them."""
        passages = sorted(changes.annotations)
        if len(passages) <= ABSORB_CHUNK:
            if changes:
                self.changed.emit(changes)
            return
        self.changed.emit(replace(changes, annotations=frozenset(passages[:ABSORB_CHUNK])))
        rest = Changes(annotations=frozenset(passages[ABSORB_CHUNK:]))
        QTimer.singleShot(0, lambda: None if self.closed else self.broadcast(rest))

    def undo(self) -> bool:
        """Revert the last edit; on failure the stack stays as it was."""
        return self._step(self.undo_stack.index() - 1, revert=True)

    def redo(self) -> bool:
        """Apply the next edit again; on failure the stack stays as it was."""
        return self._step(self.undo_stack.index(), revert=False)

    def _step(self, index: int, *, revert: bool) -> bool:
        command = self.undo_stack.command(index)
        if not isinstance(command, EditCommand):
            return False
        changes = self.run(command.edit, revert=revert)
        if changes is None:
            return False
        command.stored = changes
        if revert:
            self.undo_stack.undo()
        else:
            self.undo_stack.redo()
        return True

    def notify(self, changes: Changes) -> None:
        """Broadcast changes made outside the undo stack (imports, for example)."""
        self._idle.start()
        if changes:
            self.changed.emit(changes)

    def pick_up_outside_changes(self) -> bool:
        """Broadcast what another process committed to the file since the last look.

        ``data_version`` changes only with other connections' commits, never ours.
        """
        try:
            version = self.store.data_version()
        except sqlite3.Error:  # the file went away or is being replaced: try next time
            return False
        if version == self._seen_version:
            return False
        self._seen_version = version
        changes = self.store.changes_since(self._since)
        self._since = _stamp_ago(OUTSIDE_COMMIT_MARGIN_S)
        if changes:
            self.changed.emit(changes)
        return True

    def close(self) -> None:
        """Close the project file (its log copied into it first)."""
        self.closed = True
        self._watch.stop()
        self._idle.stop()
        if self._checkpointer is not None:
            self._checkpointer.wait()
        self.undo_stack.clear()
        self.store.close()
