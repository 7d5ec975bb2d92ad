"""The margin beside a crowded paragraph: only the cards that fit are laid out, none
overlap, and the card being written in stays beside its passage, on screen."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from ui.main_window import MainWindow
from workbench.tagging import tag_passage
from workbench.text.blocks import BlockSpec, assemble, sha256_text

SENTENCE = "The envoy said the corridor would open once inspections were agreed. "
LAST = "Inspectors would board every vessel bound for the southern ports."


def _crowded(window: MainWindow, passages: int = 80) -> str:
    """A one-paragraph article with ``passages`` passages, opened in the reader."""
    text, blocks = assemble([BlockSpec("paragraph", SENTENCE * 40 + LAST)])
    store = window.session.store
    with store.transaction():
        document = store.documents.add(title="Crowded", text=text, sha256=sha256_text(text),
                                       blocks=blocks, meta={})
        tag = store.tags.find("Position")
        step = len(SENTENCE) * 40 // passages
        for n in range(passages):
            tag_passage(store, document=document, start=n * step, end=n * step + 12,
                        tag=tag)[0].apply(store)
    window.open_document(document.id)
    return document.id


def test_a_crowded_paragraph_lays_out_only_the_cards_that_fit(
    qtbot: QtBot, window: MainWindow
) -> None:
    _crowded(window)
    qtbot.wait(50)
    margin = window.reader.margin
    shown = sorted((card.y(), card.y() + card.height()) for card in margin.cards.values())
    assert 3 <= len(shown) < 80
    assert all(card.isVisible() for card in margin.cards.values())
    assert all(top < margin.height() for top, _ in shown)
    assert all(bottom <= top for (_, bottom), (top, _) in pairwise(shown))  # no overlap


def test_the_card_being_written_stays_beside_its_passage_on_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    _crowded(window)
    pane = window.reader
    select_with_keyboard(qtbot, pane, LAST)
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    (card,) = [c for c in pane.margin.cards.values() if c.is_editing()]
    assert card.isVisible()
    assert card.actor_edit.hasFocus()
    assert card.y() >= 0
    assert card.y() + card.height() <= pane.margin.height()
    passage_top = pane.view.cursorRect().top()  # the caret is at the passage's end
    assert abs(card.y() - passage_top) < card.height() + pane.view.cursorRect().height() * 3
    qtbot.keyClicks(card.actor_edit, "Turkey")
    qtbot.keyClick(card.actor_edit, Qt.Key.Key_Return)
    store = window.session.store
    (made,) = [a for a in store.annotations.where() if a.exact == LAST]
    assert store.actors.get(made.actor_id or "").name == "Turkey"
