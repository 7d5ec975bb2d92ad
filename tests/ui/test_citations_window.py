"""In the window: deleting a cited passage says so, and a briefing export asks first."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from ui.main_window import MainWindow
from workbench.briefing.written import add_judgement


def _cite_a_passage_tagged_by_keys(qtbot: QtBot, window: MainWindow) -> str:
    pane = window.reader
    select_with_keyboard(qtbot, pane, "Turkish officials")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    pane.describe(pane.view.current or "", "", "")
    store = window.session.store
    (passage,) = store.annotations.where()
    edit, _ = add_judgement(store, "Ankara brokers.", [passage.id])
    window.session.apply(edit)
    return passage.id


def test_deleting_a_cited_passage_says_so_and_undo_restores_it(
        qtbot: QtBot, window: MainWindow) -> None:
    _cite_a_passage_tagged_by_keys(qtbot, window)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Delete)
    message = window.statusBar().currentMessage()
    assert message.startswith("Key judgement 1 cites it: the citation now shows as broken")
    assert message.endswith("Undo (Ctrl+Z) restores it.")
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert len(window.session.store.annotations.where()) == 1


def _answer_broken_citations(button: str, seen: list[str]) -> None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == "brokenCitations" \
                and widget.isVisible():
            seen.append(widget.informativeText())
            chosen = next(b for b in widget.buttons() if b.text().replace("&", "") == button)
            chosen.click()
            return
    QTimer.singleShot(50, lambda: _answer_broken_citations(button, seen))


def test_a_briefing_with_a_broken_citation_is_exported_only_when_the_user_says_so(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    passage = _cite_a_passage_tagged_by_keys(qtbot, window)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Delete)
    select_with_keyboard(qtbot, window.reader, "mixed teams")  # evidence to export
    qtbot.keyClick(window.reader.view, Qt.Key.Key_2)
    window.reader.describe(window.reader.view.current or "", "", "")
    dialog = window.show_export("briefing")
    dialog.filters.statuses.check_all(True)
    dialog.output.setText(str(tmp_path / "brief.docx"))
    seen: list[str] = []
    QTimer.singleShot(50, lambda: _answer_broken_citations("Cancel", seen))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert seen
    assert "Key judgement 1 cites a passage that was deleted" in seen[0]
    assert dialog.job is None
    assert not (tmp_path / "brief.docx").exists()
    QTimer.singleShot(50, lambda: _answer_broken_citations("Export Anyway", seen))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.job is None and dialog.last_written is not None,
                    timeout=20_000)
    texts = [p.text for p in docx.Document(str(tmp_path / "brief.docx")).paragraphs]
    assert "[1] Broken citation: the passage cited here was deleted." in texts
    assert window.session.store.annotations.get(passage).deleted_at is not None
    dialog.close()
