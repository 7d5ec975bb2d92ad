"""The rest of the window: compare, find, import, library, tags dialog, layout."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.ui.helpers import import_and_wait, select_with_keyboard
from ui.actions import ActionId
from ui.library.models import DocumentTableModel
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.importers import article_from_text
from workbench.library.bringing_in import store_article
from workbench.model import Changes
from workbench.store import Store

SECOND = ("Kyiv Responds on Inspections\n\nKyiv said Turkish and UN inspectors are acceptable, "
          "but Russian inspectors on Ukrainian cargo are not.\n")


def _add_second(window: MainWindow) -> str:
    store = window.session.store
    document = store_article(store, article_from_text(SECOND)).document
    assert document is not None
    window.session.notify(Changes(documents=frozenset({document.id})))
    return document.id


def test_tagging_in_the_compare_view(qtbot: QtBot, window: MainWindow) -> None:
    second = _add_second(window)
    first = window.session.store.documents.ids()[0]
    window.actions_by_id[next(a for a in window.actions_by_id
                              if a.name == "SHOW_COMPARE")].trigger()
    window.compare.left.choose(first)
    window.compare.right.choose(second)
    right = window.compare.right.pane
    assert right.document is not None
    assert right.document.id == second
    select_with_keyboard(qtbot, right, "Russian inspectors on Ukrainian cargo")
    qtbot.keyClick(right.view, Qt.Key.Key_2)
    (annotation,) = window.session.store.annotations.where(document_id=second)
    assert annotation.exact == "Russian inspectors on Ukrainian cargo"
    assert annotation.id in right.margin.cards
    assert window.compare.left.pane.content is not None
    assert window.compare.left.pane.content.spans == {}


def test_linked_scrolling_follows_the_other_pane(qtbot: QtBot, window: MainWindow) -> None:
    store = window.session.store
    long_text = "Long Report\n\n" + "\n\n".join(f"Paragraph {n} of a long report on the talks."
                                               for n in range(400))
    document = store_article(store, article_from_text(long_text)).document
    assert document is not None
    window.session.notify(Changes(documents=frozenset({document.id})))
    window.tabs.setCurrentIndex(1)
    window.compare.left.choose(document.id)
    window.compare.right.choose(document.id)
    left = window.compare.left.pane.view.verticalScrollBar()
    right = window.compare.right.pane.view.verticalScrollBar()
    left.setValue(left.maximum() // 2)
    assert abs(right.value() - right.maximum() // 2) <= 2
    window.compare.linked = False
    left.setValue(0)
    assert right.value() > 0


def test_find_in_document_highlights_every_hit(qtbot: QtBot, window: MainWindow) -> None:
    window.actions_by_id[next(a for a in window.actions_by_id if a.name == "FIND")].trigger()
    bar = window.reader.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.field, "inspect")
    assert len(bar.hits) == 6  # Inspection, inspected, inspector, inspections twice, inspect
    assert bar.count.text() == "1 of 6"
    assert len(window.reader.view.extraSelections()) == 6
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 6"
    assert window.reader.view.textCursor().selectedText().lower().startswith("inspect")
    bar.close_bar()
    assert window.reader.view.extraSelections() == []


def test_find_across_the_project_opens_the_passage_in_context(
    qtbot: QtBot, window: MainWindow
) -> None:
    second = _add_second(window)
    window.find_in_project()
    dock = window.search_dock
    assert dock.isVisible()
    qtbot.keyClicks(dock.field, "acceptable")
    qtbot.keyClick(dock.field, Qt.Key.Key_Return)
    assert dock.results.topLevelItemCount() == 1  # one document, its one hit
    (hit,) = [dock.results.topLevelItem(0).child(n)
              for n in range(dock.results.topLevelItem(0).childCount())]
    dock.results.setCurrentItem(hit)
    qtbot.keyClick(dock.results, Qt.Key.Key_Return)
    assert window.reader.document is not None
    assert window.reader.document.id == second
    assert window.reader.view.textCursor().selectedText() == "acceptable"


def test_importing_a_folder_with_a_bad_file_lists_the_error(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for n in range(3):
        (folder / f"a{n}.txt").write_text(f"Report {n}\n\nThe delegation {n} said yes.\n")
    (folder / "broken.txt").write_bytes(bytes(range(256)) * 8)
    before = window.model.rowCount()
    box = import_and_wait(qtbot, window, [folder])
    assert window.model.rowCount() == before + 3
    assert "3 document(s) imported" in box.text()
    assert "1 could not be imported" in box.text()
    assert "broken.txt is a binary file" in box.informativeText()
    assert not box.isModal()


def test_deleting_a_document_asks_and_can_be_undone(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def yes(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", yes)
    window.actions_by_id[ActionId.DELETE_DOCUMENT].trigger()
    assert "0 annotation(s)" in asked[0]
    assert window.model.rowCount() == 0
    assert window.reader.document is None
    window.undo_action.trigger()
    assert window.model.rowCount() == 1


def test_item_models_pass_the_model_tester(qtmodeltester: object, window: MainWindow) -> None:
    _add_second(window)
    model = DocumentTableModel(window.session.store)
    qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_library_counts_follow_tagging(qtbot: QtBot, window: MainWindow) -> None:
    select_with_keyboard(qtbot, window.reader, "Turkish officials")
    qtbot.keyClick(window.reader.view, Qt.Key.Key_1)
    position = next(i for i, c in enumerate(window.model.columns) if c.header == "Position")
    assert window.model.data(window.model.index(0, position)) == 1


def test_tags_dialog_adds_renames_and_undoes(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.show_tags_dialog()
    dialog = window.tags_dialog
    assert dialog is not None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Offer", True))
    dialog.add_tag()
    offer = window.session.store.tags.find("Offer")
    assert offer.shortcut == "4"
    assert dialog.tags.count() == 4
    assert any(a.objectName() == "tagButton_Offer" for a in window.tag_bar.actions())
    dialog.tags.setCurrentRow(3)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Concession", True))
    dialog.rename_tag()
    assert window.session.store.tags.get(offer.id).name == "Concession"
    dialog.move_tag(-1)
    assert [t.name for t in window.session.store.tags.all()][2] == "Concession"
    window.undo_action.trigger()
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert len(window.session.store.tags.all()) == 3


def test_layout_is_remembered(qtbot: QtBot, window: MainWindow, project: Path) -> None:
    window.resize(790, 590)  # within the offscreen screen (800x600)
    window.review_dock.table.horizontalHeader().resizeSection(1, 411)  # the queue's quotes
    window.close()
    store = Store.open(project)
    again = MainWindow(ProjectSession(store))
    qtbot.addWidget(again)
    assert again.size().width() == 790
    assert again.size().height() == 590
    assert again.review_dock.table.columnWidth(1) == 411
    again.session.close()


def test_actions_have_names_and_the_standard_keys(window: MainWindow) -> None:
    names = {a.objectName() for a in window.actions_by_id.values()}
    assert {"action_find", "action_find_project", "action_import_files"} <= names
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert "Ctrl+Shift+Z" in [s.toString() for s in window.redo_action.shortcuts()]
