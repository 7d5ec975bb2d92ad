"""F6 and Shift+F6: from pane to pane (library, reader, margin, open docks), as in Word
and Outlook; Tab then moves between the controls inside the pane.  Esc in a dock closes
it and puts the keyboard back in the reader."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:
    from ui.briefing.actions import BriefingActions
    from ui.library.dock import LibraryDock
    from ui.library.search_dock import SearchDock
    from ui.reader.pane import ReaderPane
    from ui.review.dock import ReviewDock

Pane = tuple[QWidget, Callable[[], QWidget | None]]  # the pane, and where focus lands in it


class PaneHost(Protocol):
    """The window's panes, in the order F6 visits them."""

    library: LibraryDock
    reader: ReaderPane
    review_dock: ReviewDock
    search_dock: SearchDock
    briefing: BriefingActions


def window_panes(window: PaneHost) -> list[Pane]:
    """Library, reader text, margin (a card), review queue, search, briefing writer."""
    return [(window.library, lambda: window.library.table),
            (window.reader.view, lambda: window.reader.view),
            (window.reader.margin, window.reader.margin.focus_card),
            (window.review_dock, lambda: window.review_dock.table),
            (window.search_dock, lambda: window.search_dock.field),
            (window.briefing.dock, lambda: window.briefing.dock.title)]


class PaneCycle:
    """Moves the keyboard to the next (or previous) visible pane of a window."""

    def __init__(self, window: QWidget, panes: Callable[[], list[Pane]]) -> None:
        self.window, self.panes = window, panes
        for key, step in (("F6", 1), ("Shift+F6", -1)):
            shortcut = QShortcut(QKeySequence(key), window)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda step=step: self.move(step))

    def visible(self) -> list[Pane]:
        """The panes one can be in now (shown)."""
        return [(pane, entry) for pane, entry in self.panes() if pane.isVisible()]

    def current(self, panes: list[Pane]) -> int:
        """Which pane holds the keyboard now (-1: none of them)."""
        focus = QApplication.focusWidget()
        for number, (pane, _entry) in enumerate(panes):
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                return number
        return -1

    def move(self, step: int) -> QWidget | None:
        """The keyboard to the next pane (``step`` 1) or the previous one (-1)."""
        panes = self.visible()
        if not panes:
            return None
        at = self.current(panes)
        start = at + step if at >= 0 else (0 if step > 0 else -1)
        for offset in range(len(panes)):  # a pane with nowhere to land (no card) is passed
            _pane, entry = panes[(start + offset * step) % len(panes)]
            widget = entry()
            if widget is not None:
                widget.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return widget
        return None


def close_on_escape(dock: QWidget, back_to: Callable[[], QWidget | None]) -> QShortcut:
    """Esc anywhere in a dock closes it and gives the keyboard back (to the reader)."""
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), dock)
    shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

    def close() -> None:
        dock.close()
        target = back_to()
        if target is not None:
            target.setFocus(Qt.FocusReason.ShortcutFocusReason)
    shortcut.activated.connect(close)
    return shortcut
