"""A revised article in the window: asked about, imported as a new version, undone."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import answer_question, import_and_wait, select_with_keyboard
from ui.main_window import MainWindow

QUOTE = "mixed teams would inspect cargo in Turkish waters"


def test_a_revised_article_is_asked_about_then_imported_as_a_version_and_undone(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    pane, store = window.reader, window.session.store
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    qtbot.keyClick(pane.view.focusWidget() or pane.view, Qt.Key.Key_Escape)
    old = pane.document
    assert old is not None
    (passage,) = store.annotations.where(document_id=old.id)
    revised = old.text.replace("Workbench Sample Desk", "The Desk").replace(
        "Negotiators from", "Senior negotiators from")
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    answer_question("Import as New Version")
    report = import_and_wait(qtbot, window, [path])
    assert "look like new versions of documents" in report.text()
    held = window.library_actions.last_held_import
    assert held is not None
    qtbot.waitUntil(lambda: held.job is not None and not held.job.running, timeout=10_000)
    assert [r.outcome.value for r in held.results] == ["new version"], held.results
    (new,) = store.documents.select("version_of IS NOT NULL")
    assert new.version_of == old.id
    assert store.annotations.get(passage.id).document_id == new.id
    assert window.session.undo_stack.undoText() == f"Import new version of '{old.title}'"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.documents.select("version_of IS NOT NULL") == []
    assert store.annotations.get(passage.id).document_id == old.id
