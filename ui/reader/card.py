"""An annotation's card in the margin: tag and actor, the note, analyst, status and the
review thread's latest word; it opens inline for the actor (with completion) and note."""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QCompleter, QFrame, QLabel, QLineEdit, QMenu, QVBoxLayout, QWidget

from workbench.briefing.selection import anchor_label
from workbench.model import Annotation
from workbench.review.workflow import status_label

Thread = tuple[tuple[str, str], ...]  # a review thread: (who and which step, comment)


def card_key(annotation: Annotation, tag: str, actor: str, color: str, selected: bool,
             comment: str, thread: Thread) -> tuple[object, ...]:
    """Everything a card shows of an annotation (its size follows from it, its width and
    whether it is open for typing)."""
    return (annotation.id, annotation.rev, tag, actor, color, selected, comment, thread)


class _EditField(QLineEdit):
    """A line edit that reports Enter and Escape to its card."""

    committed = Signal()
    cancelled = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer().popup() if self.completer() else None
        if popup is not None and popup.isVisible():
            super().keyPressEvent(event)
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.committed.emit()
        elif event.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(event)


class AnnotationCard(QFrame):
    """One annotation's card: tag and actor, the note's first line, analyst and status."""

    clicked = Signal(str)
    doubleClicked = Signal(str)
    stepRequested = Signal(str, int)  # annotation id, +1 / -1: the next card by keyboard
    committed = Signal(str, str, str)  # annotation id, actor name, note
    cancelled = Signal(str)
    replyRequested = Signal(str, bool)  # annotation id, and whether to resubmit with it

    def __init__(self, parent: QWidget, actor_names: QStringListModel) -> None:
        super().__init__(parent)
        self.annotation_id = ""
        self._shown: tuple[object, ...] = ()
        self.color, self.selected = QColor("#888888"), False
        self.setObjectName("annotationCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # F6 to the margin, arrows between cards
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 5, 6, 5)
        layout.setSpacing(2)
        # Plain text in bold, not markup: a card is filled on every tag that brings it into
        # view, and rich text costs eight times as much to lay out (the tag's colour is
        # the card's bar and frame).
        self.heading = QLabel(self)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        heading_font = self.heading.font()
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # a note is text, never markup
        self.meta = QLabel(self)
        self.meta.setObjectName("cardMeta")
        self.meta.setTextFormat(Qt.TextFormat.PlainText)
        self.meta.setWordWrap(True)
        self.thread_line = QLabel(self)  # the review thread's latest word
        self.thread_line.setObjectName("cardThread")
        self.thread_line.setTextFormat(Qt.TextFormat.PlainText)
        self.thread_line.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        font = self.thread_line.font()
        font.setItalic(True)
        self.thread_line.setFont(font)
        self.thread_line.hide()
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.actor_edit = _EditField(self)
        self.actor_edit.setPlaceholderText("Actor (whose passage?)")
        self.actor_edit.setAccessibleName("Actor")
        completer = QCompleter(actor_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.actor_edit.setCompleter(completer)
        self.note_edit = _EditField(self)
        self.note_edit.setPlaceholderText("Note (Enter or Esc saves; Ctrl+Z undoes)")
        self.note_edit.setAccessibleName("Note")
        for widget in (self.heading, self.note, self.actor_edit, self.note_edit, self.meta,
                       self.thread_line):
            layout.addWidget(widget)
        for field in (self.actor_edit, self.note_edit):
            field.committed.connect(self._commit)
            # Esc leaves the card keeping what was typed (undoable), never throwing it away,
            # and never saving what the card showed but nobody typed.
            field.cancelled.connect(self._leave)
        self.set_editing(False)

    def show_annotation(self, annotation: Annotation, tag: str, actor: str, color: str,
                        selected: bool, comment: str = "",
                        thread: Thread = ()) -> bool:
        """Show an annotation; False (and nothing done) when the card already shows it.

        ``comment`` is the latest word of its review thread, shown under the status
        on one line; ``thread`` (given for the selected card) is the whole thread,
        one step a line, wrapped.
        """
        key = card_key(annotation, tag, actor, color, selected, comment, thread)
        if key == self._shown:
            return False
        self._shown = key
        another = annotation.id != self.annotation_id  # a card reused for another passage
        self.annotation_id = annotation.id
        who = f" · {actor}" if actor else ""
        self.heading.setText(f"{tag}{who}")
        first_line = annotation.note.strip().splitlines()[0] if annotation.note.strip() else ""
        self.note.setText(first_line)
        self.note.setVisible(bool(first_line) and not self.is_editing())
        anchor = "" if annotation.anchor_status in ("anchored", "moved") else \
            f" · {anchor_label(annotation.anchor_status)}"
        self.meta.setText(f"{annotation.analyst} · {status_label(annotation.status)}"
                          f"{anchor}")
        self._show_thread(comment, thread)
        self.color, self.selected = QColor(color), selected
        self.update()
        self.setAccessibleName(f"{tag} annotation{who}")
        self.setToolTip(f"“{annotation.exact[:300]}”")
        if another or not self.is_editing():  # never another passage's words in the fields
            self.actor_edit.setText(actor)
            self.note_edit.setText(annotation.note)
        return True

    def _show_thread(self, comment: str, thread: Thread) -> None:
        """The whole thread when given (the selected card); else the latest word, elided."""
        if thread:
            self.thread_line.setTextFormat(Qt.TextFormat.RichText)  # every part escaped
            self.thread_line.setWordWrap(True)
            self.thread_line.setText("<br>".join(
                f"<b>{html.escape(who, quote=False)}</b>{': ' if said else ''}"
                f"{html.escape(said, quote=False)}" for who, said in thread))
            self.thread_line.setToolTip("")
            self.thread_line.setAccessibleDescription(
                "\n".join(f"{who}: {said}" if said else who for who, said in thread))
        else:
            self.thread_line.setTextFormat(Qt.TextFormat.PlainText)
            self.thread_line.setWordWrap(False)
            short = comment if len(comment) <= 44 else comment[:43] + "…"
            self.thread_line.setText(f"“{short}”" if comment else "")
            self.thread_line.setToolTip(comment)
            self.thread_line.setAccessibleDescription(comment)
        self.thread_line.setVisible(bool(thread or comment))

    def thread_text(self) -> str:
        """What the card says of its review thread, as plain text (screen readers read it)."""
        return self.thread_line.accessibleDescription() if self.thread_line.isVisibleTo(self) \
            else ""

    def forget_size(self) -> None:
        self._shown = ()  # measured again at the next layout

    def is_editing(self) -> bool:
        return not self.actor_edit.isHidden()

    def set_editing(self, editing: bool, *, focus: bool = True) -> None:
        """Open (or close) the actor and note fields; opening puts the caret in the actor
        unless ``focus`` is False."""
        if editing != self.is_editing():
            self._shown = ()  # the size changes: measure again
        self.actor_edit.setVisible(editing)
        self.note_edit.setVisible(editing)
        self.note.setVisible(not editing and bool(self.note.text()))
        if editing and focus:
            self.actor_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.actor_edit.selectAll()

    def _commit(self) -> None:
        self.committed.emit(self.annotation_id, self.actor_edit.text().strip(),
                            self.note_edit.text().strip())

    def _leave(self) -> None:
        """Esc: save what the user typed; with nothing typed, close without a change."""
        if self.actor_edit.isModified() or self.note_edit.isModified():
            self._commit()
        else:
            self.cancelled.emit(self.annotation_id)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit(self.annotation_id)
        super().mousePressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """Answer the review thread here: a comment, or a comment and a new submission."""
        menu = QMenu(self)
        menu.addAction("&Reply…", lambda: self.replyRequested.emit(self.annotation_id, False))
        menu.addAction("Reply and Re&submit…",
                       lambda: self.replyRequested.emit(self.annotation_id, True))
        menu.exec(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Up / Down: the previous / next card; Enter or F2: edit its actor and note."""
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.stepRequested.emit(self.annotation_id, 1 if key == Qt.Key.Key_Down else -1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
            self.doubleClicked.emit(self.annotation_id)
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        if event.reason() in (Qt.FocusReason.TabFocusReason, Qt.FocusReason.BacktabFocusReason,
                              Qt.FocusReason.ShortcutFocusReason):
            self.clicked.emit(self.annotation_id)  # the keyboard's card is the current one
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        self.doubleClicked.emit(self.annotation_id)
        super().mouseDoubleClickEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        """A rounded frame in the tag's colour, thicker when selected, a bar on the left."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width = 3 if self.selected else 1
        painter.setPen(QPen(self.color, width))
        painter.setBrush(self.palette().base())
        half = width / 2
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(half, half, -half, -half), 4, 4)
        painter.fillRect(QRectF(0, 0, 5, self.height()), self.color)
        if self.hasFocus():  # the keyboard is here: a ring in the palette's highlight
            painter.setPen(QPen(self.palette().highlight().color(), 2, Qt.PenStyle.DashLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(2, 2, -2, -2), 3, 3)
        painter.end()
