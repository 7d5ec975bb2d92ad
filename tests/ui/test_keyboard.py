"""The window by keyboard alone: what a key does, and what it never does behind the user."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from ui.actions import ActionId
from ui.main_window import MainWindow
from workbench.store import Store

FIRST = "will not allow any vessel to pass"
SECOND = "called on the European Union to fund naval escorts"  # the article's last words


def _wait_for_actor_field(qtbot: QtBot, window: MainWindow) -> None:
    """The new card's actor field takes the keyboard (once the card is laid out)."""
    def there() -> bool:
        focused = window.focusWidget()
        return focused is not None and focused.accessibleName() == "Actor"
    qtbot.waitUntil(there, timeout=3000)


def test_esc_never_saves_an_actor_nobody_typed(qtbot: QtBot, window: MainWindow) -> None:
    pane, store = window.reader, window.session.store
    window.resize(900, 420)  # the first card scrolls away, and its card is used again
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    select_with_keyboard(qtbot, pane, FIRST)
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    _wait_for_actor_field(qtbot, window)
    qtbot.keyClicks(window.focusWidget(), "Sweden")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    (first,) = store.annotations.where()
    assert first.actor_id is not None
    # Another passage: 1, then straight Esc. Its card must not keep Sweden from before.
    select_with_keyboard(qtbot, pane, SECOND)
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    _wait_for_actor_field(qtbot, window)
    editor = window.focusWidget()
    assert editor is not None
    assert editor.accessibleName() == "Actor"
    assert editor.text() == ""  # type: ignore[attr-defined]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    second = next(a for a in store.annotations.where() if a.id != first.id)
    assert second.actor_id is None
    assert second.note == ""
    assert pane.view.hasFocus()  # back in the text
    # What is typed is kept on Esc (undoable), as before.
    qtbot.keyClick(pane.view, Qt.Key.Key_F2)
    _wait_for_actor_field(qtbot, window)
    qtbot.keyClicks(window.focusWidget(), "Turkey")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Escape)
    assert store.actors.get(store.annotations.get(second.id).actor_id or "").name == "Turkey"


def test_a_tag_key_with_nothing_selected_says_why(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.reader
    cursor = pane.view.textCursor()
    cursor.clearSelection()
    pane.view.setTextCursor(cursor)
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    assert window.session.store.annotations.where() == []
    assert window.statusBar().currentMessage().startswith("Select the words to tag first")
    assert "press 1 for Position" in window.statusBar().currentMessage()


def test_tab_leaves_every_table_it_enters(qtbot: QtBot, demo_window: MainWindow) -> None:
    """A table is one Tab stop (arrows move inside): Tab never walks its cells."""
    from PySide6.QtWidgets import QAbstractItemView

    window = demo_window
    window.review.show_queue()
    window.actions_by_id[ActionId.STANCE_MATRIX].trigger()
    views = [v for v in window.findChildren(QAbstractItemView) if v.isVisibleTo(window)]
    assert window.library.table in views
    assert window.review_dock.table in views
    assert not [v.objectName() for v in views if v.tabKeyNavigation()]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table = window.library.table
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()  # left at once


def test_f6_moves_from_pane_to_pane_and_cards_take_the_keyboard(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    window.review.show_queue()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    pane = window.reader
    pane.view.setFocus()
    qtbot.waitUntil(pane.view.hasFocus)
    assert pane.content is not None
    pane.go_to_annotation(min(pane.content.spans, key=lambda k: pane.content.spans[k].start))
    qtbot.waitUntil(lambda: bool(pane.margin.cards))  # laid out with the paint
    qtbot.keyClick(pane.view, Qt.Key.Key_F6)  # reader → margin: a card
    card = window.focusWidget()
    assert card is not None
    assert card.objectName() == "annotationCard"
    first = pane.view.current
    assert first == card.annotation_id  # type: ignore[attr-defined]
    qtbot.keyClick(card, Qt.Key.Key_Down)  # the next passage's card
    qtbot.waitUntil(lambda: window.focusWidget() is not card)
    assert pane.view.current != first
    assert window.focusWidget().objectName() == "annotationCard"
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)  # margin → the review queue
    assert window.focusWidget() is window.review_dock.table
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6)  # (the other docks are closed)
    assert window.focusWidget() is window.library.table
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert window.focusWidget() is window.review_dock.table


def test_esc_closes_a_dock_and_gives_the_keyboard_back_to_the_reader(
        qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    dock = window.review_dock
    assert dock.isVisible()
    qtbot.waitUntil(dock.table.hasFocus)
    qtbot.keyClick(dock.table, Qt.Key.Key_Escape)
    assert not dock.isVisible()
    qtbot.waitUntil(window.reader.view.hasFocus)


def test_compare_opens_on_the_open_document_and_the_one_before(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    store = window.session.store
    first, second = store.documents.ids()[:2]
    window.open_document(first)
    window.open_document(second)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.compare
    left, right = window.compare.left.pane.document, window.compare.right.pane.document
    assert left is not None
    assert right is not None
    assert (left.id, right.id) == (second, first)


def test_the_briefing_writer_fits_its_buttons_and_its_list_keys_work_on_x11(
        qtbot: QtBot, window: MainWindow) -> None:
    from PySide6.QtWidgets import QPushButton

    window.resize(1024, 700)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    dock = window.briefing.dock
    assert dock.isVisible()
    qtbot.wait(20)
    viewport = dock.widget().viewport()  # type: ignore[attr-defined]
    for button in dock.findChildren(QPushButton):
        if not button.isVisibleTo(dock):
            continue
        corner = button.mapTo(viewport, button.rect().topRight())
        assert corner.x() <= viewport.width(), f"{button.text()} is out of view"
    # X sends Shift+8 as '*' (Key_Asterisk): the bullet list still comes.
    editor = dock.bluf.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    qtbot.keyClicks(editor, "Two things")
    qtbot.keyClick(editor, Qt.Key.Key_Asterisk,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().currentList() is not None


def test_the_window_reopens_where_the_user_left_off(qtbot: QtBot, tmp_path: Path) -> None:
    from tests.ui.helpers import window_on
    from workbench.samples import build_demo

    path = tmp_path / "places.wbproj"
    store = build_demo(path)
    second = store.documents.ids()[1]
    windows = window_on(qtbot, store)
    window = next(windows)
    window.open_document(second)
    text = window.reader.content.text  # type: ignore[union-attr]
    start = text.index(text.split()[3])
    window.reader.view.select_span(start, start + 10)
    first = store.documents.ids()[0]
    window.compare.left.choose(first)
    window.compare.right.choose(second)
    next(windows, None)  # closed: the place is kept
    again = next(window_on(qtbot, Store.open(path, analyst="Tess Tester")))
    document = again.reader.document
    assert document is not None
    assert document.id == second  # not the first document
    qtbot.waitUntil(lambda: again.reader.view.textCursor().hasSelection())
    cursor = again.reader.view.textCursor()
    utf16 = again.reader.content.utf16  # type: ignore[union-attr]
    assert (utf16.from_utf16(cursor.selectionStart()),
            utf16.from_utf16(cursor.selectionEnd())) == (start, start + 10)
    pair = (again.compare.left.pane.document, again.compare.right.pane.document)
    assert [d.id if d else None for d in pair] == [first, second]  # the compare pair too
    again.close()


def test_a_search_hit_shows_in_a_narrow_dock_and_its_sentence_in_the_tooltip(
        qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_F,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dock = window.search_dock
    qtbot.waitUntil(dock.field.hasFocus)
    qtbot.keyClicks(dock.field, "unescorted")  # late in a long sentence
    qtbot.keyClick(dock.field, Qt.Key.Key_Return)
    leaf = dock.results.topLevelItem(0).child(0)
    shown = leaf.text(0)
    assert shown.index("[") <= 42  # the hit near the start, never cut off
    sentence = leaf.toolTip(0)
    assert sentence.startswith("A spokesman for the Russian foreign ministry")
    assert sentence.endswith("would treat unescorted convoys as a military threat.")


def test_the_status_bar_keeps_the_documents_counts(qtbot: QtBot, window: MainWindow) -> None:
    counts = window.counts_label
    assert "annotations (Position 0" in counts.text()
    select_with_keyboard(qtbot, window.reader, FIRST)
    window.statusBar().showMessage("A passing word", 50)
    assert not counts.isVisible()  # covered for a moment
    qtbot.waitUntil(counts.isVisible, timeout=2000)  # then back, never blank
    assert "annotations" in counts.text()


def test_what_happened_is_announced_to_screen_readers(qtbot: QtBot, window: MainWindow) -> None:
    from ui.announce import RECENT

    RECENT.clear()
    pane = window.reader
    qtbot.keyClick(pane.view, Qt.Key.Key_2)  # nothing selected: said, and announced
    select_with_keyboard(qtbot, pane, FIRST)
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    assert RECENT[0].startswith("Select the words to tag first")
    assert RECENT[-1].startswith("Tagged as Red line")


def test_the_librarys_current_row_is_the_open_document_once_left(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    window = demo_window
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    table = window.library.table
    opened = window.reader.document
    assert opened is not None
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # moved, not opened
    assert window.library.selected_document() != opened.id
    qtbot.keyClick(table, Qt.Key.Key_Tab)  # left without Enter
    assert not table.hasFocus()
    assert window.library.selected_document() == opened.id
