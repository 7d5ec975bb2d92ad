"""The review loop in the window, by keyboard: tag, submit, review, answer, resubmit, brief."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from exports.briefing import BriefingOptions
from exports.run import run_export
from tests.ui.helpers import select_with_keyboard
from ui.main_window import MainWindow
from ui.preferences import PreferencesDialog
from ui.reader.pane import ReaderPane
from ui.review.dock import ReviewDock
from ui.widgets.reason_dialog import ReasonDialog
from workbench.briefing.selection import select_passages
from workbench.model import PassageFilter
from workbench.review.workflow import thread

QUOTES = ["will not allow any vessel to pass without a Russian inspector on board",
          "mixed teams would inspect cargo in Turkish waters",
          "accused Moscow of using food as a weapon"]


def _switch_role(qtbot: QtBot, window: MainWindow, name: str, role_row: int) -> None:
    """Ctrl+, then type the name, choose the role, Enter: as a person does."""
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        dialog.name.selectAll()
        qtbot.keyClicks(dialog.name, name)
        dialog.role.setCurrentIndex(role_row)
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)

    QTimer.singleShot(0, fill)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.session.store.analyst == name
    window.activateWindow()  # back from the dialog
    qtbot.waitUntil(window.isActiveWindow)


def _tag(qtbot: QtBot, pane: ReaderPane, quote: str, key: Qt.Key) -> None:
    """Select the quote by keyboard, press the tag's key, leave the card with Esc."""
    select_with_keyboard(qtbot, pane, quote)
    qtbot.keyClick(pane.view, key)
    qtbot.keyClick(pane.view.focusWidget() or pane.view, Qt.Key.Key_Escape)


def _answers(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda *_a, **_k: (text, True)))


def _back(qtbot: QtBot, window: MainWindow) -> None:
    """The window active again once the question is answered (as the window manager does)."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert window.review_dock.table.hasFocus()  # the queue keeps the keyboard


def _write_reason(qtbot: QtBot, text: str, *, confirm: str = "ctrl+enter") -> None:
    """When the reason box opens: type the text, then confirm with Ctrl+Enter, or with Tab
    to the OK button and Enter."""
    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ReasonDialog):
            QTimer.singleShot(10, fill)
            return
        assert dialog.text.lineWrapMode() == dialog.text.LineWrapMode.WidgetWidth
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        assert dialog.text.hasFocus()  # the box takes the keyboard when it opens
        qtbot.keyClicks(dialog.text, text)
        if confirm == "ctrl+enter":
            qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            return
        qtbot.keyClick(dialog.text, Qt.Key.Key_Tab)  # moves on: types no tab
        assert "\t" not in dialog.text.toPlainText()
        focused = QApplication.focusWidget()
        assert focused is not None
        assert focused is not dialog.text
        qtbot.keyClick(focused, Qt.Key.Key_Return)
    QTimer.singleShot(0, fill)


def _move_to(qtbot: QtBot, dock: ReviewDock, annotation_id: str) -> None:
    """Walk the queue with J (next) and K (previous) to a passage's row."""
    steps = dock.model.row_of(annotation_id) - dock.table.currentIndex().row()
    for _ in range(abs(steps)):
        qtbot.keyClick(dock.table, Qt.Key.Key_J if steps > 0 else Qt.Key.Key_K)
    assert dock.table.currentIndex().row() == dock.model.row_of(annotation_id)


def test_the_whole_review_loop_by_keyboard(qtbot: QtBot, window: MainWindow,
                                           monkeypatch: pytest.MonkeyPatch,
                                           tmp_path: Path) -> None:
    store, pane = window.session.store, window.reader
    for quote, key in zip(QUOTES, (Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_2), strict=True):
        select_with_keyboard(qtbot, pane, quote)
        qtbot.keyClick(pane.view, key)
        qtbot.keyClick(pane.view.focusWidget() or pane.view, Qt.Key.Key_Escape)
    by_quote = {a.exact: a.id for a in store.annotations.where()}
    accepted, rejected, sent_back = (by_quote[q] for q in QUOTES)
    # The analyst submits the document's passages.
    qtbot.keyClick(pane.view, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert {a.status for a in store.annotations.where()} == {"submitted"}
    # The supervisor, on the same file, reviews them from the queue.
    _switch_role(qtbot, window, "J. Boss", 1)
    qtbot.keyClick(pane.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    dock = window.review_dock
    assert dock.isVisible()
    assert dock.buttons["accept"].isVisible()
    table = dock.table
    assert dock.model.rowCount() == 3
    for annotation_id, key, text in ((accepted, Qt.Key.Key_A, ""),
                                     (rejected, Qt.Key.Key_R, ""),
                                     (sent_back, Qt.Key.Key_C, "Whose position is it?")):
        if key != Qt.Key.Key_A:
            _write_reason(qtbot, text)
        _move_to(qtbot, dock, annotation_id)
        qtbot.keyClick(table, key)
        _back(qtbot, window)
    assert [store.annotations.get(i).status for i in (accepted, rejected, sent_back)] == \
        ["accepted", "rejected", "changes_requested"]
    qtbot.waitUntil(lambda: "1 sent back" in dock.count.text(), timeout=3000)
    # The analyst answers in the thread and resubmits.
    _switch_role(qtbot, window, "Tess Tester", 0)
    assert dock.buttons["submit"].isVisible()
    assert not dock.buttons["accept"].isVisible()
    _move_to(qtbot, dock, sent_back)
    _write_reason(qtbot, "Turkey's: it proposed the mixed teams.")
    qtbot.keyClick(table, Qt.Key.Key_M)
    _back(qtbot, window)
    qtbot.keyClick(table, Qt.Key.Key_S)
    assert store.annotations.get(sent_back).status == "submitted"
    trail = [(r.verdict, r.reviewer, r.role) for r in thread(store, sent_back)]
    assert trail == [("submitted", "Tess Tester", "analyst"),
                     ("changes_requested", "J. Boss", "supervisor"),
                     ("comment", "Tess Tester", "analyst"),
                     ("submitted", "Tess Tester", "analyst")]
    # The analyst's card shows the last word of the thread.
    window.open_passage(sent_back)
    assert "Turkey's" in pane.margin.cards[sent_back].thread_text()
    # A briefing of accepted passages holds exactly the accepted one.
    chosen = select_passages(store, PassageFilter(statuses=frozenset({"accepted"})))
    out = run_export("briefing", chosen, tmp_path / "accepted.docx", options=BriefingOptions())
    texts = [p.text.partition("  ")[2] for p in docx.Document(str(out)).paragraphs]
    assert QUOTES[0] in texts  # (after its tag's mark)
    assert not [t for t in texts if QUOTES[1] in t or QUOTES[2] in t]


def test_undo_takes_a_verdict_back(qtbot: QtBot, window: MainWindow) -> None:
    store = window.session.store
    _tag(qtbot, window.reader, QUOTES[0], Qt.Key.Key_3)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    (annotation,) = store.annotations.where()
    assert annotation.status == "submitted"
    window.undo_action.trigger()
    assert store.annotations.get(annotation.id).status == "draft"
    window.redo_action.trigger()
    assert store.annotations.get(annotation.id).status == "submitted"


def test_details_entered_for_a_pasted_article_reach_the_briefing(
        qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    from PySide6.QtGui import QGuiApplication

    from ui.actions import ActionId

    QGuiApplication.clipboard().setText(
        "Kremlin restates its terms\n\nMoscow views territorial concessions by Ukraine as "
        "non-negotiable, the Kremlin said.")
    window.actions_by_id[ActionId.PASTE_ARTICLE].trigger()
    dialog = window.details_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal()
    for name, text in (("source", "Example Wire"), ("published", "3 March 2026"),
                       ("url", "https://example.org/kremlin-terms")):
        qtbot.keyClicks(dialog.fields[name], text)
    qtbot.keyClick(dialog.fields["url"], Qt.Key.Key_Return)
    assert not dialog.isVisible()
    store = window.session.store
    document = window.reader.document
    assert document is not None
    assert (document.source, document.published) == ("Example Wire", "2026-03-03")
    select_with_keyboard(qtbot, window.reader, "non-negotiable")
    qtbot.keyClick(window.reader.view, Qt.Key.Key_3)
    chosen = select_passages(store, PassageFilter(documents=frozenset({document.id})))
    out = run_export("briefing", chosen, tmp_path / "b.docx", options=BriefingOptions())
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert any("Example Wire, 3 March 2026" in t for t in texts)
    assert any("https://example.org/kremlin-terms" in t for t in texts)
    window.undo_action.trigger()  # the tagging
    window.undo_action.trigger()  # the details: one undoable edit
    assert store.documents.resolve(document.id).source == ""


def test_cards_can_be_shown_for_one_analyst(qtbot: QtBot, window: MainWindow) -> None:
    pane, store = window.reader, window.session.store
    _tag(qtbot, pane, QUOTES[0], Qt.Key.Key_3)
    store.analyst = "Second Analyst"
    _tag(qtbot, pane, QUOTES[1], Qt.Key.Key_1)
    combo = pane.analyst_filter
    # The names are looked up once the new passage is shown.
    qtbot.waitUntil(lambda: [combo.itemText(n) for n in range(combo.count())] ==
                    ["All analysts", "Second Analyst", "Tess Tester"])
    combo.setCurrentIndex(combo.findData("Second Analyst"))
    shown = {store.annotations.get(key).analyst for key, card in pane.margin.cards.items()
             if card.isVisible()}
    assert shown == {"Second Analyst"}


def test_an_analyst_answers_and_resubmits_from_the_card(
        qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QContextMenuEvent
    from PySide6.QtWidgets import QMenu

    from workbench.model import ReviewStatus, Role
    from workbench.review.workflow import Step, apply_step, submit

    store, pane = window.session.store, window.reader
    _tag(qtbot, pane, QUOTES[0], Qt.Key.Key_3)
    (passage,) = store.annotations.where()
    window.session.apply(submit(store, [passage.id], person="Tess Tester"))
    assert not pane.margin.cards[passage.id].thread_text()  # no comment yet: no thread shown
    window.session.apply(apply_step(store, [passage.id], Step(
        ReviewStatus.CHANGES_REQUESTED, "J. Boss", Role.SUPERVISOR, "Name the actor")))
    card = pane.margin.cards[passage.id]
    # The selected card shows the whole thread, one step a line.
    assert card.thread_text() == ("Tess Tester (submitted)\n"
                                  "J. Boss (changes requested): Name the actor")
    _tag(qtbot, pane, QUOTES[1], Qt.Key.Key_1)  # another passage is now the selected one
    assert card.thread_text() == "J. Boss: Name the actor"  # the latest word only
    pane.margin.cardClicked.emit(passage.id)
    _answers(monkeypatch, "Russia's foreign ministry")

    def choose_resubmit() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        qtbot.keyClick(menu, Qt.Key.Key_S)  # Reply and Re&submit…

    QTimer.singleShot(0, choose_resubmit)
    QApplication.sendEvent(card, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard,
                                                   QPoint(5, 5), card.mapToGlobal(QPoint(5, 5))))
    assert store.annotations.get(passage.id).status == "submitted"
    assert [r.comment for r in thread(store, passage.id)][-1] == "Russia's foreign ministry"
    assert pane.margin.cards[passage.id].thread_text().endswith(
        "J. Boss (changes requested): Name the actor\n"
        "Tess Tester (submitted): Russia's foreign ministry")


def test_the_history_of_a_document_by_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    pane = window.reader
    _tag(qtbot, pane, QUOTES[0], Qt.Key.Key_3)
    qtbot.keyClick(pane.view, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(pane.view, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = window.review.history_dialog
    assert dialog is not None
    assert dialog.isVisible()
    rows = dialog.model.rows
    assert rows[-2][2].startswith("added passage Red line · “will not allow any vessel")
    assert rows[-1][2].startswith("submitted passage Red line · “will not allow any vessel")
    assert {r[1] for r in rows[-2:]} == {"Tess Tester (analyst)"}
    dialog.close()


def test_two_analysts_side_by_side_on_the_same_text(qtbot: QtBot, window: MainWindow) -> None:
    pane, store = window.reader, window.session.store
    _tag(qtbot, pane, QUOTES[0], Qt.Key.Key_3)
    store.analyst = "Second Analyst"
    for quote in QUOTES[1:]:
        _tag(qtbot, pane, quote, Qt.Key.Key_1)
    qtbot.keyClick(pane.view, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.tabs.currentWidget() is window.compare
    left, right = window.compare.panes()
    assert left.document is not None
    assert right.document is not None
    assert left.document.id == right.document.id == pane.document.id  # type: ignore[union-attr]
    by = {a.id: a.analyst for a in store.annotations.where()}
    assert left.content is not None
    assert right.content is not None
    assert {by[k] for k in left.content.spans} == {"Second Analyst"}
    assert {by[k] for k in right.content.spans} == {"Tess Tester"}
    assert len(left.content.spans) == 2
    assert len(right.content.spans) == 1


def test_tagging_while_another_analysts_passages_are_shown_shows_everyone(
        qtbot: QtBot, window: MainWindow) -> None:
    pane, store = window.reader, window.session.store
    store.analyst = "Second Analyst"
    _tag(qtbot, pane, QUOTES[1], Qt.Key.Key_1)
    store.analyst = "Tess Tester"
    pane.show_analyst("Second Analyst")
    select_with_keyboard(qtbot, pane, QUOTES[0])
    qtbot.keyClick(pane.view, Qt.Key.Key_3)
    assert pane.analyst_only is None
    assert pane.content is not None
    assert len(pane.content.spans) == 2
    assert {store.annotations.get(k).exact for k in pane.content.spans} >= {QUOTES[0]}


FOURTH = "inspections should be carried out by Turkish and United Nations staff alone"


def test_the_queue_by_keys_alone(qtbot: QtBot, window: MainWindow) -> None:
    """J J A, R with a reason typed, C with Ctrl+Enter, Enter then Esc back on the same
    row; after each verdict the next row still waiting is current."""
    store, pane = window.session.store, window.reader
    for quote, key in zip([*QUOTES, FOURTH], (Qt.Key.Key_3, Qt.Key.Key_1, Qt.Key.Key_2,
                                              Qt.Key.Key_1), strict=True):
        _tag(qtbot, pane, quote, key)
    qtbot.keyClick(pane.view, Qt.Key.Key_Return,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    _switch_role(qtbot, window, "J. Boss", 1)
    qtbot.keyClick(pane.view, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    dock = window.review_dock
    table = dock.table
    assert table.hasFocus()
    assert dock.model.rowCount() == 4
    ids = [dock.model.id_at(r) or "" for r in range(4)]

    def current() -> int:
        return table.currentIndex().row()

    assert current() == 0  # the first row, as the queue takes the keyboard
    qtbot.keyClick(table, Qt.Key.Key_J)
    qtbot.keyClick(table, Qt.Key.Key_J)
    assert current() == 2
    quote = store.annotations.get(ids[2]).exact
    assert quote in dock.preview.toPlainText()  # read without leaving the queue
    qtbot.keyClick(table, Qt.Key.Key_A)
    assert store.annotations.get(ids[2]).status == "accepted"
    assert current() == 3  # the next one waiting
    _write_reason(qtbot, "Not a position of Turkey's", confirm="tab")
    qtbot.keyClick(table, Qt.Key.Key_R)
    _back(qtbot, window)
    assert store.annotations.get(ids[3]).status == "rejected"
    assert thread(store, ids[3])[-1].comment == "Not a position of Turkey's"
    assert current() == 0  # from the top: the rows below are decided
    _write_reason(qtbot, "Whose words are these?")
    qtbot.keyClick(table, Qt.Key.Key_C)
    _back(qtbot, window)
    assert store.annotations.get(ids[0]).status == "changes_requested"
    assert current() == 1
    assert "Whose words are these?" not in dock.preview.toPlainText()  # row 1's thread
    # Enter opens the passage in the reader; Esc comes back to the same row.
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert pane.view.hasFocus()
    assert pane.view.current == ids[1]
    qtbot.keyClick(pane.view, Qt.Key.Key_Escape)
    assert table.hasFocus()
    assert current() == 1
    # Down from the filter moves into the list, not into the filter's text.
    dock.text.setFocus()
    qtbot.keyClick(dock.text, Qt.Key.Key_Down)
    assert table.hasFocus()
    assert dock.text.text() == ""
    # The Note column shows each passage's note.
    headers = [dock.model.headerData(c, Qt.Orientation.Horizontal) for c in
               range(dock.model.columnCount())]
    assert "Note" in headers
