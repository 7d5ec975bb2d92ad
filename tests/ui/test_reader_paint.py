"""What the reader paints: a tag repaints its paragraph, not the whole screen; headings
are laid out larger as they come into view, and the page still scrolls to its end."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPaintEvent, QRegion
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from tests.ui.test_reader_tagging import QUOTE
from ui.main_window import MainWindow
from workbench.text import BlockSpec, assemble, sha256_text


class _Painted(QObject):
    """Collects the region of every paint the watched widget receives."""

    def __init__(self, watched: QObject) -> None:
        super().__init__(watched)
        self.region = QRegion()
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(event, QPaintEvent):
            self.region |= event.region()
        return False


def test_a_tag_repaints_its_paragraph_not_the_whole_screen(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane = window.reader
    view = pane.view
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.wait(50)  # every earlier paint done
    painted = _Painted(view.viewport())
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.wait(50)
    assert pane.margin.cards  # the tag was made and its card laid out
    block = view.textCursor().block()
    paragraph = view.blockBoundingGeometry(block).translated(view.contentOffset()) \
        .toAlignedRect().intersected(view.viewport().rect())
    assert not paragraph.isEmpty()
    assert painted.region.boundingRect().contains(paragraph)  # its new tint is shown
    assert painted.region.boundingRect().height() < view.viewport().height() * 0.75


def test_headings_grow_as_they_are_shown_and_the_page_scrolls_to_its_end(
    qtbot: QtBot, window: MainWindow
) -> None:
    paragraphs = [f"Paragraph {n} of the statement on the corridor, its inspections and "
                  "the ports that would open once the talks resume in Geneva." for n in range(60)]
    specs = [spec for n, p in enumerate(paragraphs)
             for spec in ((BlockSpec("heading", f"Section {n}"),) if n % 6 == 0 else ())
             + (BlockSpec("paragraph", p),)]
    text, blocks = assemble(specs)
    store = window.session.store
    with store.transaction():
        document = store.documents.add(title="Sections", text=text, sha256=sha256_text(text),
                                       blocks=blocks, meta={})
    window.open_document(document.id)
    view = window.reader.view
    qtbot.wait(50)
    first, body = view.document().firstBlock(), view.document().firstBlock().next()
    assert first.text() == "Section 0"
    assert first.layout().lineAt(0).height() > body.layout().lineAt(0).height() * 1.2
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    caret = view.cursorRect()  # at the end of the text
    assert view.textCursor().atEnd()
    assert caret.top() >= 0
    assert caret.bottom() <= view.viewport().height()
    scrollbar = view.verticalScrollBar()
    scrollbar.setValue(scrollbar.maximum())  # dragged to the end: the last line is shown
    qtbot.wait(20)
    last = view.document().lastBlock().layout()
    line = last.lineAt(last.lineCount() - 1)
    top = view.blockBoundingGeometry(view.document().lastBlock()).translated(
        view.contentOffset()).top() + line.y()
    assert top + line.height() <= view.viewport().height()
    heading = view.document().find("Section 54").block()  # the last heading, on screen
    assert heading.isValid()
    assert heading.layout().lineAt(0).height() > body.layout().lineAt(0).height() * 1.2
