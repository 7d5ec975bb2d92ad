"""The margin beside the text: one card per annotation, aligned with its passage.

Only the annotations on screen get a card (cards are reused as the text
scrolls), so a document with thousands of passages costs no more than one with
ten.  A card can be edited inline: the actor (with completion) and the note.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QRectF, QStringListModel, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QContextMenuEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import (
    QCompleter,
    QFrame,
    QLabel,
    QLineEdit,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from ui.reader.content import ReaderContent
from ui.reader.view import ReaderView
from workbench.model import Annotation
from workbench.selection import anchor_label, status_label

CARD_GAP = 6
Thread = tuple[tuple[str, str], ...]  # a review thread: (who and which step, comment)


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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 5, 6, 5)
        layout.setSpacing(2)
        self.heading = QLabel(self)
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
            # Esc leaves the card keeping what was typed (undoable), never throwing it away.
            field.cancelled.connect(self._commit)
        self.set_editing(False)

    def show_annotation(self, annotation: Annotation, tag: str, actor: str, color: str,
                        selected: bool, comment: str = "",
                        thread: Thread = ()) -> bool:
        """Show an annotation; False (and nothing done) when the card already shows it.

        ``comment`` is the latest word of its review thread, shown under the status
        on one line; ``thread`` (given for the selected card) is the whole thread,
        one step a line, wrapped.
        """
        key = (annotation.id, annotation.rev, tag, actor, color, selected, comment, thread)
        if key == self._shown:
            return False
        self._shown = key
        self.annotation_id = annotation.id
        who = f" · {actor}" if actor else ""
        self.heading.setText(f"<b style='color:{color}'>■</b> <b>{html.escape(tag)}</b>"
                             f"{html.escape(who)}")
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
        if not self.is_editing():
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

    def is_editing(self) -> bool:
        return not self.actor_edit.isHidden()

    def set_editing(self, editing: bool) -> None:
        self._shown = ()  # the size changes: measure again
        self.actor_edit.setVisible(editing)
        self.note_edit.setVisible(editing)
        self.note.setVisible(not editing and bool(self.note.text()))
        if editing:
            self.actor_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            self.actor_edit.selectAll()

    def _commit(self) -> None:
        self.committed.emit(self.annotation_id, self.actor_edit.text().strip(),
                            self.note_edit.text().strip())

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
        painter.end()


class MarginWidget(QWidget):
    """Cards for the annotations on screen, aligned with their passages."""

    cardClicked = Signal(str)
    cardDoubleClicked = Signal(str)
    replyRequested = Signal(str, bool)
    editCommitted = Signal(str, str, str)
    editCancelled = Signal(str)

    def __init__(self, view: ReaderView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.content: ReaderContent | None = None
        self.selected: str | None = None
        self.editing: str | None = None
        self.tag_filter: str | None = None
        self.actor_filter: str | None = None
        self.actor_names = QStringListModel(self)
        self.cards: dict[str, AnnotationCard] = {}
        self._spare: list[AnnotationCard] = []
        self._thread: tuple[tuple[str, int], Thread] = (("", -1), ())
        self.setMinimumWidth(160)  # two compare panes and the library fit 800 px
        self.setAccessibleName("Annotation margin")
        view.viewportChanged.connect(self.relayout)

    def set_content(self, content: ReaderContent | None, *, layout_now: bool = True) -> None:
        """Show the cards of another document (laid out now, or at the next relayout)."""
        self.content = content
        self.selected = self.editing = None
        self.refresh_actor_names()
        if layout_now:
            self.relayout()

    def refresh_actor_names(self) -> None:
        if self.content is not None:
            self.actor_names.setStringList(sorted(
                a.name for a in self.content.actors.values() if a.deleted_at is None))

    def passes_filter(self, annotation: Annotation) -> bool:
        return ((self.tag_filter is None or annotation.tag_id == self.tag_filter)
                and (self.actor_filter is None or annotation.actor_id == self.actor_filter))

    def visible_annotations(self) -> list[Annotation]:
        """Annotations with a passage on screen that pass the filters, in text order."""
        if self.content is None:
            return []
        lo, hi = self.view.visible_range()
        spans = self.content.overlapping(lo, hi)
        keys = [s.key for s in spans]
        if self.editing and self.editing in self.content.spans and self.editing not in keys:
            keys.append(self.editing)
        self.content.fetch(keys)
        found = [self.content.annotation(key) for key in keys]
        return sorted((a for a in found if self.passes_filter(a) or a.id == self.editing),
                      key=lambda a: (a.start, a.end))

    def relayout(self) -> None:
        """Place a card beside each visible passage, pushing cards apart when close."""
        wanted = self.visible_annotations()
        keep = {a.id for a in wanted}
        for key in [k for k in self.cards if k not in keep]:
            card = self.cards.pop(key)
            card.set_editing(False)
            card.hide()
            self._spare.append(card)
        offset = self.view.viewport().mapToGlobal(QPoint(0, 0)).y() - \
            self.mapToGlobal(QPoint(0, 0)).y()
        bottom = 0
        width = max(120, self.width() - 8)
        assert self.content is not None or not wanted
        for annotation in wanted:
            card = self.cards.get(annotation.id) or self._take_card(annotation.id)
            if annotation.id == self.editing and not card.is_editing():
                card.set_editing(True)  # laid out once, already open for typing
            tag, actor = self.content.label_of(annotation)  # type: ignore[union-attr]
            changed = card.show_annotation(
                annotation, tag, actor, self.content.color(annotation.tag_id),  # type: ignore[union-attr]
                annotation.id == self.selected,
                self.content.last_comment(annotation.id),  # type: ignore[union-attr]
                self._thread_of(annotation.id))
            if changed or card.width() != width:
                card.setFixedWidth(width)
                # Measured at its own width: adjustSize() would wrap the note at the
                # card's preferred width and cut off the lines that do not fit.
                card.resize(width, card.heightForWidth(width))
            y = max(self.view.y_of(annotation.start) + offset, bottom + CARD_GAP)
            card.move(4, y)
            card.show()
            bottom = y + card.height()

    def _thread_of(self, annotation_id: str) -> Thread:
        """The whole review thread for the selected card (read once per selection)."""
        if annotation_id != self.selected or self.content is None \
                or not self.content.last_comment(annotation_id):
            return ()
        if self._thread[0] != (annotation_id, self.content.revision):
            self._thread = ((annotation_id, self.content.revision),
                            self.content.thread(annotation_id))
        return self._thread[1]

    def _take_card(self, annotation_id: str) -> AnnotationCard:
        card = self._spare.pop() if self._spare else self._new_card()
        self.cards[annotation_id] = card
        return card

    def _new_card(self) -> AnnotationCard:
        card = AnnotationCard(self, self.actor_names)
        card.clicked.connect(self.cardClicked)
        card.doubleClicked.connect(self.cardDoubleClicked)
        card.committed.connect(self._on_commit)
        card.cancelled.connect(self._on_cancel)
        card.replyRequested.connect(self.replyRequested)
        return card

    def select(self, annotation_id: str | None) -> None:
        self.selected = annotation_id
        self.relayout()

    def expect_edit(self, annotation_id: str | None) -> None:
        """The passage about to be stored opens for editing: its card is laid out so
        from the first time (None: it was not stored after all)."""
        self.editing = annotation_id
        if annotation_id is not None:
            self.selected = annotation_id

    def begin_edit(self, annotation_id: str) -> None:
        """Open the card's actor and note fields, focus on the actor."""
        self.editing = annotation_id
        self.selected = annotation_id
        card = self.cards.get(annotation_id)
        if card is None:  # not laid out yet
            self.relayout()
            card = self.cards.get(annotation_id)
        if card is not None and not card.is_editing():
            card.set_editing(True)  # measured again by the next layout
            self.relayout()
        elif card is None:
            self.relayout()
        if card is not None:  # (laid out open already when the tag was expected)
            card.actor_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def end_edit(self) -> None:
        if self.editing and self.editing in self.cards:
            self.cards[self.editing].set_editing(False)
        self.editing = None
        self.relayout()

    def _on_commit(self, annotation_id: str, actor: str, note: str) -> None:
        self.editCommitted.emit(annotation_id, actor, note)

    def _on_cancel(self, annotation_id: str) -> None:
        self.end_edit()
        self.editCancelled.emit(annotation_id)
