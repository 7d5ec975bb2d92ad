"""Writing the briefing in the window, the actor-stance matrix, and project search, all
driven by keys and clicks as a user would."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from ui.main_window import MainWindow
from workbench.briefing.written import read_draft

RED_LINE = "will not allow any vessel to pass without a Russian inspector on board"
PROPOSAL = "mixed teams would inspect cargo in Turkish waters rather than at sea"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _tag(qtbot: QtBot, window: MainWindow, quote: str, key: Qt.Key, actor: str) -> None:
    """Tag a passage by key and name its actor, as in the reader."""
    select_with_keyboard(qtbot, window.reader, quote)
    qtbot.keyClick(window.reader.view, key)
    card = next(c for c in window.reader.margin.cards.values() if c.is_editing())
    qtbot.keyClicks(card.actor_edit, actor)
    popup = card.actor_edit.completer().popup()
    if popup.isVisible():  # a known actor: Return takes the completion first
        qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.keyClick(card.actor_edit, Qt.Key.Key_Return)
    assert not card.is_editing()


def test_writing_the_bottom_line_and_a_judgement_citing_a_passage(
    qtbot: QtBot, window: MainWindow
) -> None:
    _tag(qtbot, window, RED_LINE, Qt.Key.Key_3, "Russia")
    qtbot.keyClick(window, Qt.Key.Key_4, CTRL)  # Briefing ▸ Briefing Writer
    dock = window.briefing.dock
    assert dock.isVisible()
    editor = dock.bluf.editor
    assert editor.hasFocus()
    qtbot.keyClicks(editor, "Moscow ")
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)  # bold, not a window shortcut
    qtbot.keyClicks(editor, "holds firm")
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_I, CTRL)  # italics, not File ▸ Import
    qtbot.keyClicks(editor, " on inspections")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # leaving the field saves it
    store = window.session.store
    assert read_draft(store).bluf == "Moscow **holds firm** *on inspections*"
    window.undo_action.trigger()  # one undoable edit
    assert read_draft(store).bluf == ""
    assert dock.bluf.markdown() == ""
    window.redo_action.trigger()
    assert "**holds firm**" in dock.bluf.markdown()
    # Back in the reader on the tagged passage, cite it: a judgement is made for it.
    passage = store.annotations.where()[0]
    window.open_passage(passage.id)
    window.reader.view.setFocus()
    qtbot.keyClick(window.reader.view, Qt.Key.Key_J, CTRL | SHIFT)
    (judgement,) = read_draft(store).judgements
    assert judgement.cited == [passage.id]
    assert dock.cites.count() == 1
    assert dock.cites.item(0).text().startswith("[1] “will not allow")
    dock.judgement.editor.setFocus()
    dock.judgement.editor.selectAll()
    qtbot.keyClicks(dock.judgement.editor, "No inspectors, no corridor.")
    dock.title.setFocus()  # the judgement field is left: saved
    assert read_draft(store).judgements[0].text == "No inspectors, no corridor."
    assert dock.judgements.item(0).text().startswith("1. No inspectors, no corridor.")


def test_a_section_comment_is_kept_per_section(qtbot: QtBot, window: MainWindow) -> None:
    dock = window.briefing.show_writer()
    dock.section.setCurrentIndex(dock.section.findText("Red line"))
    dock.comment.editor.setFocus()
    qtbot.keyClicks(dock.comment.editor, "Both sides restated their lines.")
    dock.comment.commit()
    dock.section.setCurrentIndex(dock.section.findText("Position"))
    assert dock.comment.markdown() == ""
    comments = read_draft(window.session.store).comments
    assert list(comments.values()) == ["Both sides restated their lines."]
    assert dock.section.findText("Red line ✎") >= 0  # the list shows what has a comment


def test_a_click_on_a_matrix_cell_lists_exactly_its_passages(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _tag(qtbot, window, RED_LINE, Qt.Key.Key_3, "Russia")
    _tag(qtbot, window, "ended a third round of talks", Qt.Key.Key_3, "Russia")
    _tag(qtbot, window, PROPOSAL, Qt.Key.Key_1, "Turkey")
    qtbot.keyClick(window, Qt.Key.Key_X, CTRL | SHIFT)  # Briefing ▸ Actor-Stance Matrix
    dialog = window.briefing.matrix
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not dialog.loading)  # read on another thread
    table = dialog.table
    row = next(r for r in range(table.rowCount())
               if table.verticalHeaderItem(r).text() == "Russia")
    column = next(c for c in range(table.columnCount())
                  if table.horizontalHeaderItem(c).text() == "Red line")
    assert table.item(row, column).text().startswith("2\n")
    assert table.verticalHeaderItem(0).text() == "Russia"  # most red lines first
    rect = table.visualItemRect(table.item(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    listed = [dialog.list.item(n).data(Qt.ItemDataRole.UserRole)
              for n in range(dialog.list.count())]
    store = window.session.store
    red = store.tags.find("Red line").id
    russia = store.actors.find("Russia")
    assert russia is not None
    expected = {a.id for a in store.annotations.where()
                if a.tag_id == red and a.actor_id == russia.id}
    assert set(listed) == expected
    assert len(listed) == 2
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)  # side by side
    assert window.tabs.currentWidget() is window.compare
    shown = {window.compare.left.pane.view.current, window.compare.right.pane.view.current}
    assert shown == expected
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml")):
        saved = dialog.save_chart(str(tmp_path / f"matrix{suffix}"))
        assert saved is not None
        assert Path(saved).read_bytes().startswith(magic)


def test_project_search_finds_word_forms_counts_hits_and_opens_them(
    qtbot: QtBot, window: MainWindow
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL | SHIFT)
    dock = window.search_dock
    qtbot.keyClicks(dock.field, "inspection")
    qtbot.keyClick(dock.field, Qt.Key.Key_Return)
    group = dock.results.topLevelItem(0)
    text = window.reader.content.text if window.reader.content else ""
    import re
    expected = re.findall(r"\binspect(?:ion|ions|ed)?\b", text, flags=re.IGNORECASE)
    assert group.text(0).startswith(f"{len(expected)} hits — ")
    assert group.childCount() == len(expected)
    assert "[inspected]" in " ".join(group.child(n).text(0) for n in range(group.childCount()))
    last = group.child(group.childCount() - 1)
    dock.results.setCurrentItem(last)
    qtbot.keyClick(dock.results, Qt.Key.Key_Return)
    selected = window.reader.view.textCursor().selectedText()
    assert selected.casefold().startswith("inspect")
    QApplication.processEvents()


def test_the_actor_order_set_in_the_matrix_orders_the_briefing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from exports.run import default_briefing_options, run_export
    from workbench.briefing.selection import select_passages

    _tag(qtbot, window, RED_LINE, Qt.Key.Key_3, "Russia")
    _tag(qtbot, window, PROPOSAL, Qt.Key.Key_1, "Turkey")
    dialog = window.briefing.show_matrix()
    qtbot.waitUntil(lambda: not dialog.loading)
    table = dialog.table
    assert [table.verticalHeaderItem(r).text() for r in range(2)] == ["Russia", "Turkey"]
    table.setCurrentCell(1, 0)
    qtbot.mouseClick(dialog.findChild(QPushButton, "actorUp"), Qt.MouseButton.LeftButton)
    assert [table.verticalHeaderItem(r).text() for r in range(2)] == ["Turkey", "Russia"]
    store = window.session.store
    options = default_briefing_options("p", store.settings(), "Tess", read_draft(store))
    out = run_export("briefing", select_passages(store), tmp_path / "b.docx", options=options)
    import docx
    actors = [p.text for p in docx.Document(str(out)).tables[0].columns[0].cells[1:3]]
    assert actors == ["Turkey", "Russia"]
