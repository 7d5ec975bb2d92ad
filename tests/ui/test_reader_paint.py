"""What the reader paints: a tag repaints its paragraph, not the whole screen, and lays
out no text; its tint is painted beneath the words; headings are laid out larger, and
the page still scrolls to its end."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPaintEvent, QRegion, QTextCursor
from pytestqt.qtbot import QtBot

from tests.ui.helpers import select_with_keyboard
from tests.ui.test_reader_tagging import QUOTE
from ui.main_window import MainWindow
from workbench.text.blocks import BlockSpec, assemble, sha256_text


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
    library = window.library.table
    row_painted = _Painted(library.viewport())
    qtbot.keyClick(view, Qt.Key.Key_3)
    qtbot.wait(50)
    # In the library, only the document's Red line count is painted again.
    red_line = next(n for n in range(library.model().columnCount())
                    if library.model().headerData(n, Qt.Orientation.Horizontal) == "Red")
    row = library.model().index(0, red_line)
    assert row_painted.region.boundingRect() == library.visualRect(row)
    assert pane.margin.cards  # the tag was made and its card laid out
    block = view.textCursor().block()
    paragraph = view.blockBoundingGeometry(block).translated(view.contentOffset()) \
        .toAlignedRect().intersected(view.viewport().rect())
    assert not paragraph.isEmpty()
    assert painted.region.boundingRect().contains(paragraph)  # its new tint is shown
    assert painted.region.boundingRect().height() < view.viewport().height() * 0.75


def _commonest_colour(view: object, area: QRect) -> QColor:
    from ui.reader.view import ReaderView
    assert isinstance(view, ReaderView)
    image = view.viewport().grab().toImage()
    counts = Counter(image.pixel(x, y) for x in range(area.left(), area.right())
                     for y in range(area.top(), area.bottom()))
    return QColor.fromRgb(counts.most_common(1)[0][0])


def test_a_tag_is_tinted_beneath_its_words_and_lays_out_no_text(
    qtbot: QtBot, window: MainWindow
) -> None:
    pane, store = window.reader, window.session.store
    view = pane.view
    assert pane.content is not None
    start16 = pane.content.utf16.to_utf16(pane.content.text.index(QUOTE))
    cursor = QTextCursor(view.document())
    cursor.setPosition(start16)
    block = cursor.block()
    lines_before = [(block.layout().lineAt(n).textStart(), block.layout().lineAt(n).y())
                    for n in range(block.layout().lineCount())]
    relaid: list[int] = []
    view.document().documentLayout().updateBlock.connect(lambda b: relaid.append(b.position()))
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(view, Qt.Key.Key_3)
    card = next(c for c in pane.margin.cards.values() if c.is_editing())
    qtbot.keyClick(card.actor_edit, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)  # no selection
    qtbot.wait(50)
    assert not relaid  # the text was not laid out again, only repainted
    assert block.layout().formats() == []  # nothing set on the text itself
    assert [(block.layout().lineAt(n).textStart(), block.layout().lineAt(n).y())
            for n in range(block.layout().lineCount())] == lines_before
    # The passage's first line, from its start to its line's end, is tinted in the colour
    # of a red line over the white page (the letters drawn on top in black).
    cursor.setPosition(start16)
    first = view.cursorRect(cursor)
    area = QRect(first.left() + 2, first.top() + 1, 60, first.height() - 4)
    red = QColor(store.tags.find("Red line").color)
    alpha = 70 / 255
    expected = [round(255 * (1 - alpha) + c * alpha) for c in (red.red(), red.green(),
                                                                 red.blue())]
    found = _commonest_colour(view, area)
    assert max(abs(a - b) for a, b in zip([found.red(), found.green(), found.blue()],
                                          expected, strict=True)) <= 3
    before = QRect(area.left() - 64, area.top(), 60, area.height())  # text before it
    if before.left() > 20:
        assert _commonest_colour(view, before).name() == view.palette().base().color().name()


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
