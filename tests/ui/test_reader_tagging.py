"""Tagging in the reader from the keyboard, the margin, undo and redo, offsets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from ui.main_window import MainWindow
from workbench.importers import article_from_text
from workbench.library.bringing_in import store_article
from workbench.model import Changes

QUOTE = "will not allow any vessel to pass without a Russian inspector on board"


def test_press_3_tags_a_red_line_then_actor_and_note_from_the_keyboard(
    qtbot: QtBot, window: MainWindow
) -> None:
    store, pane = window.session.store, window.reader
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    (annotation,) = store.annotations.where()
    assert store.tags.get(annotation.tag_id).name == "Red line"
    assert annotation.exact == QUOTE
    assert annotation.analyst == "Tess Tester"
    card = pane.margin.cards[annotation.id]
    assert card.isVisible()
    assert "Red line" in card.heading.text()
    assert card.is_editing()
    qtbot.keyClicks(card.actor_edit, "Russia")
    qtbot.keyClick(card.actor_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(card.note_edit, "Inspection is the precondition")
    qtbot.keyClick(card.note_edit, Qt.Key.Key_Return)
    described = store.annotations.get(annotation.id)
    assert described.note == "Inspection is the precondition"
    actor = store.actors.get(described.actor_id or "")
    assert actor.name == "Russia"
    assert not card.is_editing()
    assert "Russia" in card.heading.text()
    # Undo the description, then the tagging; redo both.
    qtbot.keyClick(pane.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.annotations.get(annotation.id).note == ""
    window.undo_action.trigger()
    assert store.annotations.where() == []
    assert annotation.id not in pane.margin.cards
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert store.annotations.get(annotation.id).note == "Inspection is the precondition"
    assert annotation.id in pane.margin.cards


def test_escape_leaves_the_card_keeping_what_was_typed(qtbot: QtBot, window: MainWindow) -> None:
    pane, store = window.reader, window.session.store
    select_with_keyboard(qtbot, pane, "Turkish officials")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    (annotation,) = store.annotations.where()
    card = pane.margin.cards[annotation.id]
    qtbot.keyClicks(card.actor_edit, "Turkey")
    qtbot.keyClick(card.actor_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(card.note_edit, "Offered mixed teams")
    qtbot.keyClick(card.note_edit, Qt.Key.Key_Escape)
    kept = store.annotations.get(annotation.id)
    assert store.actors.get(kept.actor_id or "").name == "Turkey"
    assert kept.note == "Offered mixed teams"
    assert not card.is_editing()
    # The next keys go to the reader, not to the library's filter box.
    assert pane.view.hasFocus()
    qtbot.keyClicks(window.focusWidget(), "xy")
    assert window.library.filter.text() == ""
    # Esc on an untouched card changes nothing.
    rev = store.annotations.get(annotation.id).rev
    qtbot.keyClick(pane.view, Qt.Key.Key_F2)
    qtbot.keyClick(card.actor_edit, Qt.Key.Key_Escape)
    assert store.annotations.get(annotation.id).rev == rev


def test_selection_is_snapped_to_whole_words(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.reader
    select_with_keyboard(qtbot, pane, "oser than at any ti")  # inside "closer" and "time"
    qtbot.keyClick(pane.view, Qt.Key.Key_2)
    (annotation,) = window.session.store.annotations.where()
    assert annotation.exact == "closer than at any time"


def test_delete_key_removes_the_current_annotation_and_undo_restores_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.reader
    select_with_keyboard(qtbot, pane, "Turkish officials")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    pane.describe(pane.view.current or "", "", "")
    qtbot.keyClick(pane.view, Qt.Key.Key_Delete)
    assert window.session.store.annotations.where() == []
    window.undo_action.trigger()
    assert len(window.session.store.annotations.where()) == 1


def test_clicking_a_highlight_selects_its_card_and_a_card_selects_the_passage(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.reader
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    pane.describe(pane.view.current or "", "Russia", "")
    (annotation,) = window.session.store.annotations.where()
    pane.view.setTextCursor(QTextCursor(pane.view.document()))  # caret elsewhere
    pane.view.current = None
    pane.margin.select(None)
    cursor = QTextCursor(pane.view.document())
    cursor.setPosition(pane.content.utf16.to_utf16(annotation.start + 5))  # type: ignore[union-attr]
    point = pane.view.cursorRect(cursor).center()
    qtbot.mouseClick(pane.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert pane.view.current == annotation.id
    assert pane.margin.selected == annotation.id
    pane.view.setTextCursor(QTextCursor(pane.view.document()))
    card = pane.margin.cards[annotation.id]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert pane.view.textCursor().selectedText() == QUOTE


def test_offsets_stay_right_after_emoji_and_astral_characters(
    qtbot: QtBot, window: MainWindow
) -> None:
    store = window.session.store
    text = ("Emoji Report\n\n🇺🇦🙂 Officials 𝔘𝔨𝔯 said 😀😀 that Kyiv will never cede land, "
            "the statement 🙂 added.")
    document = store_article(store, article_from_text(text)).document
    assert document is not None
    window.session.notify(Changes(documents=frozenset({document.id})))
    window.open_document(document.id)
    quote = "Kyiv will never cede land, the statement 🙂 added"
    select_with_keyboard(qtbot, window.reader, quote)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_1)
    (annotation,) = store.annotations.where(document_id=document.id)
    assert annotation.exact == quote
    assert document.text[annotation.start:annotation.end] == quote


def test_pressing_another_key_on_a_tagged_passage_changes_its_tag(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane, store = window.reader, window.session.store
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    pane.describe(pane.view.current or "", "Russia", "")
    (annotation,) = store.annotations.where()
    pane.go_to_annotation(annotation.id)  # passage selected, annotation current
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    (retagged,) = store.annotations.where()
    assert retagged.id == annotation.id
    assert retagged.tag_id == store.tags.find("Red line").id
    window.undo_action.trigger()
    assert store.annotations.where()[0].tag_id == store.tags.find("Position").id


def test_f2_reopens_the_card_to_change_actor_and_note(qtbot: QtBot, window: MainWindow) -> None:
    pane, store = window.reader, window.session.store
    select_with_keyboard(qtbot, pane, "Turkish officials")
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    pane.describe(pane.view.current or "", "Turkey", "first")
    (annotation,) = store.annotations.where()
    qtbot.keyClick(pane.view, Qt.Key.Key_F2)
    card = pane.margin.cards[annotation.id]
    assert card.is_editing()
    assert card.actor_edit.text() == "Turkey"
    card.note_edit.setText("second thoughts")
    qtbot.keyClick(card.note_edit, Qt.Key.Key_Return)
    assert store.annotations.get(annotation.id).note == "second thoughts"


def test_a_pause_copies_the_log_into_the_file_beside_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    """After a pause the tag is in the project file itself (not only in its log), written
    by a thread beside the window."""
    import shutil
    import sqlite3

    session = window.session
    session._idle.setInterval(30)  # the pause, shortened
    select_with_keyboard(qtbot, window.reader, QUOTE)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_3)
    (annotation,) = session.store.annotations.where()
    qtbot.waitUntil(lambda: session._checkpointer is not None
                    and not session._checkpointer.running, timeout=5000)
    assert session.store.path is not None
    alone = tmp_path / "file-alone.sqlite"  # the file without its log
    shutil.copyfile(session.store.path, alone)
    with sqlite3.connect(alone) as conn:
        assert conn.execute("SELECT exact FROM annotations WHERE id = ?",
                            [annotation.id]).fetchone() == (QUOTE,)
