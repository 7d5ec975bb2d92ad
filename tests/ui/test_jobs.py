"""Every kind of background job, cancelled: the same cancelled state, nothing half-written.

Each job is started as the window starts it; the test holds the job's thread
just before its work begins until Cancel has been pressed (so the work meets
the cancel at its first look, whatever the speed of the machine), then checks
the job ended as :attr:`JobState.CANCELLED` and the project and the disk hold
nothing of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from exports.w3c import write_w3c
from ui.jobs import Job, JobContext, JobState
from ui.main_window import MainWindow
from ui.project.backups_dialog import backup_work
from workbench.briefing.selection import select_passages
from workbench.file.copies import copy_database
from workbench.project.backups import list_backups
from workbench.store import Store

HOLD_S = 20  # the longest a job's thread waits for the test's Cancel


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> list[Job]:
    """Jobs started from now on: each one's thread waits, just before its work, until
    Cancel was pressed.  (Jobs started before, as the window's start-up backup, run
    as they are, however late their thread gets going on a busy machine.)"""
    started: list[Job] = []
    start, context_init = Job.start, JobContext.__init__

    def start_held(job: Job) -> None:
        started.append(job)
        start(job)

    def hold(context: JobContext, job: Job, store: Store | None) -> None:
        waited = threading.Event()
        for _ in range(HOLD_S * 100 if job in started else 0):
            if job.cancel_requested:
                break
            waited.wait(0.01)
        context_init(context, job, store)

    monkeypatch.setattr(Job, "start", start_held)
    monkeypatch.setattr(JobContext, "__init__", hold)
    return started


def _cancel_and_wait(qtbot: QtBot, job: Job | None) -> Job:
    assert job is not None
    job.cancel()
    qtbot.waitUntil(lambda: job.state is not JobState.RUNNING, timeout=HOLD_S * 1000)
    return job


def _counts(path: Path) -> tuple[int, int, int]:
    store = Store.open(path)
    try:
        return (len(store.documents.ids()), len(store.annotations.where()),
                len(store.reviews.all()))
    finally:
        store.close()


def _file_names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_every_kind_of_job_cancelled_ends_the_same_way_and_writes_nothing(
        qtbot: QtBot, demo_window: MainWindow, tmp_path: Path,
        held: list[Job]) -> None:
    window = demo_window
    project = window.session.store.path
    assert project is not None
    qtbot.waitUntil(lambda: window.project_files.backup_job is not None
                    and not window.project_files.backup_job.running, timeout=10_000)
    other = copy_database(project, tmp_path / "other.wbproj")
    exported = write_w3c(select_passages(window.session.store), tmp_path / "all.jsonld")
    articles = tmp_path / "articles"
    articles.mkdir()
    for number in range(3):
        (articles / f"a{number}.txt").write_text(f"Article {number}\n\nWords of article "
                                                 f"{number}, said the minister.\n")
    out = tmp_path / "out"
    out.mkdir()
    before, files_before = _counts(project), _file_names(project.parent)
    backups_before = len(list_backups(project))

    def export() -> Job | None:
        dialog = window.show_export("briefing")
        dialog.output.setText(str(out / "briefing.docx"))
        dialog.start_export()
        return dialog.job

    starts: dict[str, Callable[[], Job | None]] = {
        "merge": lambda: window.team.merge_projects([other]),
        "W3C import": lambda: window.team.import_w3c(exported),
        "agreement": window.team.show_agreement,
        "export": export,
        "backup": lambda: window.jobs.read("Backup", backup_work(project)),
        "matrix": lambda: window.briefing.show_matrix().reading,
        "copy": lambda: window.project_files.save_copy(tmp_path / "copy.wbproj"),
    }
    for kind, start in starts.items():
        job = _cancel_and_wait(qtbot, start())
        assert job.state is JobState.CANCELLED, (kind, job.state, job.message)
        assert job.message.endswith("."), (kind, job.message)  # one sentence, said
        assert _counts(project) == before, kind
    assert window.team.agreement is None  # nothing shown of a stopped agreement
    assert window.export_dialog is not None
    assert "nothing was written" in window.export_dialog.message.text()
    assert not list(out.iterdir())  # no file, no temporary beside it
    assert len(list_backups(project)) == backups_before
    assert _file_names(project.parent) == files_before | {"other.wbproj", "all.jsonld",
                                                          "articles", "out"}
    assert not window.jobs  # each job left the registry when it ended
    assert [j.title for j in held][:2] == ["Merge Projects", "Import W3C Annotations"]


def test_a_cancelled_import_keeps_each_file_whole_or_leaves_it_out(
        qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, held: list[Job]) -> None:
    window = demo_window
    folder = tmp_path / "articles"
    folder.mkdir()
    for number in range(5):
        (folder / f"a{number}.txt").write_text(f"Article {number}\n\nThe minister said "
                                               f"{number} times that talks would go on.\n")
    documents = len(window.session.store.documents.ids())
    import_job = window.import_paths([folder])
    qtbot.waitUntil(lambda: import_job.job is not None)
    job = _cancel_and_wait(qtbot, import_job.job)
    assert job.state is JobState.CANCELLED
    qtbot.waitUntil(lambda: window.last_report is not None)
    assert "(stopped)" in window.last_report.text()
    assert len(window.session.store.documents.ids()) == documents  # stopped before the first


def test_the_queue_index_and_the_checkpoint_stop_with_the_window(
        qtbot: QtBot, demo_window: MainWindow, held: list[Job]) -> None:
    """Closing the window stops every job and waits for each (none is left running)."""
    window = demo_window
    qtbot.waitUntil(lambda: window.project_files.backup_job is not None
                    and not window.project_files.backup_job.running, timeout=10_000)
    window.review.show_queue()
    qtbot.waitUntil(lambda: any(j.title == "Review queue" for j in window.jobs))
    window.session._tidy()  # a pause: the log is copied into the file beside the window
    jobs = list(window.jobs)
    assert sorted(j.title for j in jobs) == ["Checkpoint", "Review queue"]
    window.stop_work()
    assert all(j.cancel_requested for j in jobs)
    assert not window.jobs
    qtbot.waitUntil(lambda: all(j.state is not JobState.RUNNING for j in jobs))
    assert [j.state for j in jobs] == [JobState.CANCELLED] * 2


def test_a_session_outliving_its_window_still_runs_its_checkpoint(
        qtbot: QtBot, project: Path) -> None:
    """The window's registry goes with the window; a session still open after it (as in
    a test, or a project handed on) takes one of its own for its pauses' checkpoints."""
    from ui.session import ProjectSession

    session = ProjectSession(Store.open(project, analyst="Tess Tester"))
    main = MainWindow(session)
    main.close()
    main.deleteLater()
    qtbot.waitUntil(lambda: session.jobs.parent() is session)
    session._tidy()  # a pause
    checkpoint = session._checkpointer
    assert checkpoint is not None
    qtbot.waitUntil(lambda: not checkpoint.running)
    assert checkpoint.state is JobState.DONE
    session.close()
