"""Work beside the window: one helper for every long job, and one registry of them.

Every piece of work that can take longer than a keystroke (importing,
exporting, merging, a W3C import, agreement, the stance matrix, the review
queue's index, backups, the log checkpoint) runs through :class:`Jobs`, in
one of two variants, as Anki's ``CollectionOp`` and ``QueryOp`` do:

- :meth:`Jobs.write` opens the project on a connection of the job's own, as
  the analyst and in the role of the window, and hands its :class:`Written`
  changes to the session when it is done (one undoable step if it carries an
  edit);
- :meth:`Jobs.read` opens it read-only (``query_only``: the work cannot write)
  or not at all, and hands back a value.

Both behave alike: progress as ``(done, total, what)``, Cancel honoured at the
work's next step (a :class:`~workbench.errors.Cancelled` raised there, or
asked for before it began, ends it as :attr:`JobState.CANCELLED` with nothing
half-written), every failure one sentence (:attr:`JobState.FAILED`), and on
closing the window every job is asked to stop and waited for.  The threads
are plain daemon threads, not ``QThread``: quitting while one runs never
aborts the program.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, Signal

from workbench.errors import Cancelled, WorkbenchError
from workbench.memory import collector_paused, run_in_background
from workbench.model import Changes
from workbench.store import Store

if TYPE_CHECKING:
    from workbench.edits import Edit
    from workbench.model import Role


class Session(Protocol):
    """What a writing job needs of the window's session: its project and who works on
    it, and the two ways to take in what the job wrote."""

    store: Store
    role: Role

    def adopt(self, edit: Edit, changes: Changes) -> None: ...

    def absorb(self, changes: Changes) -> None: ...


class JobState(Enum):
    """Where a job is: waiting to start, running, or ended one of three ways."""

    WAITING = "waiting"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Written:
    """What a writing job did: its value for the window, the changes it committed, and
    the edit that undoes them (None: not undoable, as a merge)."""

    value: Any = None
    changes: Changes = field(default_factory=Changes)
    edit: Edit | None = None


class JobContext:
    """What the work sees on its thread: its own store, progress, and Cancel."""

    def __init__(self, job: Job, store: Store | None) -> None:
        self._job, self._store = job, store

    @property
    def store(self) -> Store:
        """The job's own connection to the project (never the window's)."""
        if self._store is None:
            raise RuntimeError(f"{self._job.title} was started without a project")
        return self._store

    def progress(self, done: int, total: int, what: str = "") -> None:
        """Report how far the work is (shown by the progress dialog, if any)."""
        self._job.progressed.emit(done, total, what)

    def cancelled(self) -> bool:
        """Whether the user asked the work to stop."""
        return self._job.cancel_requested

    def check(self) -> None:
        """Stop here (raise :class:`Cancelled`) if the user asked."""
        if self._job.cancel_requested:
            raise Cancelled(f"{self._job.title} was stopped.")

    def deliver(self, item: object) -> None:
        """Hand one finished part to the window now (a file imported, say); a writing
        job's :class:`~workbench.model.Changes`, delivered once committed, reach the
        session at once, so that what a cancelled job had finished is shown."""
        self._job.delivered.emit(item)


Work = Callable[[JobContext], Any]


@dataclass(frozen=True)
class ProjectAccess:
    """How a job opens the project: the file, who works on it, and whether it writes."""

    path: Path
    analyst: str = ""
    role: str = ""
    writes: bool = False

    def open(self) -> Store:
        store = Store.open(self.path, analyst=self.analyst)
        if self.writes:
            store.role = self.role
        else:
            store.forbid_writes()  # a reading job cannot write
        return store


class Job(QObject):
    """One piece of work on a thread of its own; it ends once, in one of three states."""

    progressed = Signal(int, int, str)
    delivered = Signal(object)
    ended = Signal(object)  # this job, once its state is final
    _finished = Signal(object, object, str)  # from the thread: state, value, message

    def __init__(self, title: str, work: Work, project: ProjectAccess | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.title, self.work, self.project = title, work, project
        self.state = JobState.WAITING
        self.value: Any = None
        self.message = ""
        self._cancel = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"job: {title}", daemon=True)
        self._finished.connect(self._end)

    @property
    def cancel_requested(self) -> bool:
        return self._cancel.is_set()

    @property
    def running(self) -> bool:
        return self.state in (JobState.WAITING, JobState.RUNNING)

    def start(self) -> None:
        self.state = JobState.RUNNING
        self._thread.start()

    def cancel(self) -> None:
        """Ask the work to stop at its next step (it ends as cancelled)."""
        self._cancel.set()

    def wait(self) -> None:
        """Block until the thread is done (closing the window)."""
        if self._thread.is_alive():
            self._thread.join()

    def _run(self) -> None:
        run_in_background()
        state, value, message = JobState.DONE, None, ""
        store: Store | None = None
        try:
            if self._cancel.is_set():
                raise Cancelled(f"{self.title} was stopped before it began.")
            store = self.project.open() if self.project else None
            with collector_paused():  # its collections would stall the window too
                value = self.work(JobContext(self, store))
        except Cancelled as exc:
            state, message = JobState.CANCELLED, str(exc)
        except WorkbenchError as exc:
            state, message = JobState.FAILED, str(exc)
        except OSError as exc:
            state, message = JobState.FAILED, (f"{self.title} failed: "
                                               f"{exc.strerror or exc}.")
        except Exception as exc:  # a bug must not kill the window, nor pass in silence
            state, message = JobState.FAILED, (f"{self.title} failed unexpectedly "
                                               f"({exc.__class__.__name__}: {exc}).")
        finally:
            if store is not None:
                store.release()  # the window's connection checkpoints; this one closes
        with contextlib.suppress(RuntimeError):  # the window is gone: nobody waits for it
            self._finished.emit(state, value, message)

    def _end(self, state: JobState, value: object, message: str) -> None:
        self.state, self.value, self.message = state, value, message
        self.ended.emit(self)


@dataclass(frozen=True)
class Ends:
    """What the window does when a job ends, for each way it can end."""

    done: Callable[[Any], object] | None = None
    failed: Callable[[str], object] | None = None
    stopped: Callable[[str], object] | None = None

    def call(self, job: Job) -> None:
        if job.state is JobState.DONE and self.done is not None:
            self.done(job.value)
        elif job.state is JobState.FAILED and self.failed is not None:
            self.failed(job.message)
        elif job.state is JobState.CANCELLED and self.stopped is not None:
            self.stopped(job.message)


class Jobs(QObject):
    """The window's running jobs: started here, listed here, stopped here on closing."""

    changed = Signal()  # a job started or ended

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: list[Job] = []

    def __len__(self) -> int:
        return len(self._running)

    def __iter__(self) -> Iterator[Job]:
        return iter(list(self._running))

    def read(self, title: str, work: Work, *, project: Path | None = None,
             done: Callable[[Any], object] | None = None,
             failed: Callable[[str], object] | None = None,
             stopped: Callable[[str], object] | None = None,
             delivered: Callable[[Any], object] | None = None) -> Job:
        """Run work that changes nothing; ``done(value)`` on the GUI thread after
        (``delivered(item)`` for each part it hands over before that)."""
        access = ProjectAccess(project) if project is not None else None
        job = Job(title, work, access, self)
        if delivered is not None:  # before it starts: no part can come unheard
            job.delivered.connect(delivered)
        return self._start(job, Ends(done, failed, stopped))

    def write(self, session: Session, title: str, work: Work, *,
              done: Callable[[Any], object] | None = None,
              failed: Callable[[str], object] | None = None,
              stopped: Callable[[str], object] | None = None,
              delivered: Callable[[Any], object] | None = None) -> Job:
        """Run work that writes the session's project file on a connection of its own;
        its :class:`Written` changes reach the session (undoably, with an edit), then
        ``done(value)`` (``delivered(item)`` for each part it hands over before that)."""
        store = session.store
        if store.path is None:
            raise WorkbenchError("Save the project to a file first.")
        access = ProjectAccess(store.path, store.analyst, session.role.value, writes=True)
        job = Job(title, work, access, self)
        job.delivered.connect(lambda item: session.absorb(item)
                              if isinstance(item, Changes) else None)
        if delivered is not None:  # before it starts: no part can come unheard
            job.delivered.connect(delivered)

        def written(outcome: Any) -> None:
            if isinstance(outcome, Written):
                if outcome.edit is not None:
                    session.adopt(outcome.edit, outcome.changes)
                elif outcome.changes:
                    session.absorb(outcome.changes)
                outcome = outcome.value
            if done is not None:
                done(outcome)
        return self._start(job, Ends(written, failed, stopped))

    def _start(self, job: Job, ends: Ends) -> Job:
        def ended(_: object) -> None:
            if job not in self._running:
                return  # stopped with the project: its outcome is no longer wanted
            self._running.remove(job)
            ends.call(job)
            self.changed.emit()
            job.deleteLater()
        job.ended.connect(ended)
        self._running.append(job)
        job.start()
        self.changed.emit()
        return job

    def stop_all(self) -> None:
        """Ask every job to stop and wait for each (closing the window or the project).

        A writing job stops at its next step and rolls back what it had not
        committed; its outcome is then not shown (the window is going)."""
        jobs, self._running = self._running, []
        for job in jobs:
            job.cancel()
        for job in jobs:
            job.wait()
        if jobs:
            self.changed.emit()
