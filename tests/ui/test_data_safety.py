"""The window never loses work: failed saves, other writers, read-only files, errors, backups."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

import ui.app
from tests import corpus
from tests.ui.helpers import answer_question, import_and_wait, select_with_keyboard
from ui.actions import ActionId
from ui.app import Recovery, build_window
from ui.crash_guard import CrashGuard, log_path
from ui.jobs import JobState
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.file import projectfile
from workbench.project.backups import list_backups, take_backup
from workbench.samples import build_demo
from workbench.store import Store
from workbench.tagging import find_quote, tag_passage

QUOTE = "will not allow any vessel to pass without a Russian inspector on board"


def _visible_box(name: str) -> QMessageBox | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == name \
                and widget.isVisible():
            return widget
    return None


@pytest.fixture
def locked(project: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[sqlite3.Connection]:
    """Another program holding the project's write lock."""
    monkeypatch.setattr(projectfile, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(project, isolation_level=None)
    yield other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()


def test_an_edit_that_cannot_be_saved_is_not_on_the_undo_stack(
        qtbot: QtBot, project: Path, locked: sqlite3.Connection) -> None:
    window = MainWindow(ProjectSession(Store.open(project, analyst="Tess Tester")))
    qtbot.addWidget(window)
    window.show()
    pane = window.reader
    select_with_keyboard(qtbot, pane, QUOTE)
    locked.execute("BEGIN IMMEDIATE")
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    assert window.session.store.annotations.where() == []
    assert window.session.undo_stack.count() == 0
    box = _visible_box("failureMessage")
    assert box is not None
    assert "locked by another program" in box.text()
    assert pane.view.textCursor().selectedText() == QUOTE  # the selection is still there
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # no error
    locked.execute("ROLLBACK")
    qtbot.keyClick(pane.view, Qt.Key.Key_3)  # the same keys work once the lock is gone
    assert len(window.session.store.annotations.where()) == 1
    assert window.session.undo_stack.count() == 1
    window.close()
    window.session.close()


def test_a_note_that_cannot_be_saved_stays_typed_in_its_card(
        qtbot: QtBot, locked: sqlite3.Connection, window: MainWindow) -> None:
    pane, store = window.reader, window.session.store
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    (annotation,) = store.annotations.where()
    card = pane.margin.cards[annotation.id]
    qtbot.keyClicks(card.actor_edit, "Russia")
    locked.execute("BEGIN IMMEDIATE")
    qtbot.keyClick(card.actor_edit, Qt.Key.Key_Return)
    assert card.is_editing()
    assert card.actor_edit.text() == "Russia"
    assert window.session.undo_stack.count() == 1
    locked.execute("ROLLBACK")
    qtbot.keyClick(card.actor_edit, Qt.Key.Key_Return)
    assert not card.is_editing()
    assert store.annotations.get(annotation.id).actor_id is not None


def test_changes_saved_by_another_program_appear_without_switching_documents(
        qtbot: QtBot, window: MainWindow, project: Path) -> None:
    pane = window.reader
    assert pane.content is not None
    document = pane.content.document
    other = Store.open(project, analyst="Colleague")
    start, end = find_quote(document.text, QUOTE)[0]
    edit, annotation = tag_passage(other, document=other.documents.resolve(document.id),
                                   start=start, end=end, tag=other.tags.find("Red line"))
    with other.transaction():
        edit.apply(other)
    other.close()
    qtbot.waitUntil(lambda: pane.content is not None and annotation.id in pane.content.spans,
                    timeout=5000)
    assert pane.document is not None
    assert pane.document.id == document.id


def test_a_read_only_project_says_so_and_refuses_edits_with_a_message(
        qtbot: QtBot, project: Path) -> None:
    project.chmod(0o444)
    window = MainWindow(ProjectSession(Store.open(project, analyst="Tess Tester")))
    qtbot.addWidget(window)
    window.show()
    assert "read-only" in window.windowTitle()
    assert window.read_only_badge.isVisible()
    select_with_keyboard(qtbot, window.reader, QUOTE)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_1)
    box = _visible_box("failureMessage")
    assert box is not None
    assert "read-only" in box.text()
    assert window.session.undo_stack.count() == 0
    window.close()
    window.session.close()


def test_redo_keys_are_each_registered_once(window: MainWindow) -> None:
    assert not window.read_only_badge.isVisible()
    keys = [s.toString() for a in window.findChildren(QAction) for s in a.shortcuts()
            if not s.isEmpty()]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    redo = [s.toString() for s in window.redo_action.shortcuts()]
    assert "Ctrl+Y" in redo
    assert "Ctrl+Shift+Z" in redo


def test_a_long_title_and_the_compare_view_never_widen_the_window(
        qtbot: QtBot, window: MainWindow) -> None:
    screen = window.screen().availableGeometry()
    window.resize(screen.width() - 20, screen.height() - 20)
    store = window.session.store
    document = store.documents.resolve(store.documents.ids()[0])
    store.documents.update(document.id, title="A very long title " * 30)
    window.open_document(document.id)
    window.actions_by_id[ActionId.SHOW_COMPARE].trigger()
    for pane in window.compare.panes():
        pane.open_document(document.id)
    qtbot.wait(50)
    assert window.frameGeometry().width() <= screen.width()
    assert window.library.width() >= 200


# -- unexpected errors -------------------------------------------------------------------------

@pytest.mark.qt_no_exception_capture
def test_an_unexpected_error_is_logged_shown_and_the_window_goes_on(
        qtbot: QtBot, window: MainWindow) -> None:
    guard = CrashGuard(lambda: window)
    guard.install()
    try:
        def broken() -> None:
            raise RuntimeError("a bug in a slot")

        QTimer.singleShot(0, broken)
        qtbot.waitUntil(lambda: guard.box is not None and guard.box.isVisible(), timeout=3000)
    finally:
        guard.uninstall()
    assert guard.box is not None
    assert str(log_path()) in guard.box.text()
    assert "RuntimeError: a bug in a slot" in log_path().read_text(encoding="utf-8")
    pane = window.reader
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_3)  # still usable
    assert len(window.session.store.annotations.where()) == 1


# -- start-up, copies and backups ----------------------------------------------------------------

def test_a_damaged_project_at_start_offers_its_latest_backup(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "desk.wbproj"
    build_demo(path).close()
    take_backup(path)
    corpus.damage_pages(path)
    offered: list[str] = []

    def choose(message: str, backup: object, _path: Path) -> Recovery:
        offered.append(message)
        assert backup is not None
        return Recovery.RESTORE

    monkeypatch.setattr(ui.app, "ask_recovery", choose)
    window = build_window(path)
    assert window is not None
    qtbot.addWidget(window)
    assert "damaged" in offered[0]
    assert len(window.session.store.annotations.where()) == 6
    assert [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    window.close()
    window.session.close()


def test_a_refused_project_at_start_can_be_left_without_a_window(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "notes.wbproj"
    path.write_text("my notes", encoding="utf-8")
    monkeypatch.setattr(ui.app, "ask_recovery", lambda _message, _backup, _path: Recovery.QUIT)
    assert build_window(path) is None
    assert path.read_text(encoding="utf-8") == "my notes"


def test_opening_takes_a_backup_and_save_a_copy_writes_a_complete_file(
        qtbot: QtBot, window: MainWindow, project: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    job = window.project_files.backup_job
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    assert len(list_backups(project)) == 1
    pane = window.reader
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    copy = tmp_path / "for-the-supervisor.wbproj"
    job = window.project_files.save_copy(copy)  # a job: a large project takes a while
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=10_000)
    assert job.state is JobState.DONE
    assert len(Store.open(copy).annotations.where()) == 1
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warnings.append(text))
    again = window.project_files.save_copy(copy)  # never over an existing file
    assert again is not None
    qtbot.waitUntil(lambda: not again.running, timeout=10_000)
    assert again.state is JobState.FAILED
    assert "already exists" in warnings[0]


def test_restore_from_backup_puts_the_backup_back_and_keeps_the_current_file(
        qtbot: QtBot, window: MainWindow, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    job = window.project_files.backup_job
    assert job is not None
    qtbot.waitUntil(lambda: not job.running, timeout=5000)
    pane = window.reader
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_3)  # made after the backup
    from ui.project import backups_dialog

    def accept(dialog: backups_dialog.RestoreDialog) -> int:
        dialog.chosen = list_backups(project)[0]
        return int(backups_dialog.RestoreDialog.DialogCode.Accepted.value)

    monkeypatch.setattr(backups_dialog.RestoreDialog, "exec", accept)
    window.actions_by_id[ActionId.RESTORE_BACKUP].trigger()
    assert window.session.store.annotations.where() == []
    kept = [p for p in project.parent.iterdir()
            if ".before-restore-" in p.name and p.suffix == ".wbproj"]
    assert len(Store.open(kept[0]).annotations.where()) == 1



def test_a_damaged_word_file_does_not_stop_a_folder_import(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from tests import corpus

    folder = tmp_path / "inbox"
    folder.mkdir()
    seed = corpus.docx_seed()
    broken = corpus.document_xml(seed).replace(b"</w:body>", b"</w:bodx>")  # tag mismatch
    corpus.write(folder, "a-broken.docx", corpus.rewrite_zip(seed, {"word/document.xml": broken}))
    corpus.write(folder, "b-statement.txt", corpus.text_seed())
    corpus.write(folder, "c-notes.md", corpus.markdown_seed())
    before = window.model.rowCount()
    # (the notes hold the statement's article: asked about, kept as a document of its own)
    answer_question("Import as Separate Document")
    box = import_and_wait(qtbot, window, [folder])
    assert "1 document(s) imported" in box.text()
    assert "1 could not be imported" in box.text()
    assert "1 that look like new versions" in box.text()
    assert "a-broken.docx is damaged" in box.informativeText()
    held = window.library_actions.last_held_import
    assert held is not None
    qtbot.waitUntil(lambda: held.job is not None and not held.job.running, timeout=10_000)
    assert window.model.rowCount() == before + 2


def test_the_project_file_alone_catches_up_soon_after_an_edit(
        qtbot: QtBot, window: MainWindow, project: Path, tmp_path: Path) -> None:
    pane = window.reader
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    (annotation,) = window.session.store.annotations.where()

    def file_alone_has_it() -> bool:
        alone = tmp_path / "alone.wbproj"
        alone.write_bytes(project.read_bytes())  # what a mail or a sync would take
        with sqlite3.connect(alone) as conn:
            found = conn.execute("SELECT count(*) FROM annotations WHERE id = ?",
                                 [annotation.id]).fetchone()[0]
        alone.unlink()
        return bool(found)

    assert not file_alone_has_it()  # committed to the log, not yet copied into the file
    qtbot.waitUntil(file_alone_has_it, timeout=5000)
