"""The margin beside the text: one card per annotation, aligned with its passage.

Only the annotations on screen get a card (cards are reused as the text
scrolls), so a document with thousands of passages costs no more than one with
ten.  Positions are planned first from the cards' heights (measured once for
what each shows), then only the cards that fit are filled in and shown.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QStringListModel, Qt, Signal
from PySide6.QtWidgets import QWidget

from ui.reader.card import AnnotationCard, Thread, card_key
from ui.reader.content import ReaderContent
from ui.reader.view import ReaderView
from workbench.model import Annotation

CARD_GAP = 6
MEASURED_KEPT = 5000  # cards' measured heights remembered, by what they show
Plan = list[tuple[Annotation, int]]  # the cards to show, and their y


class MarginWidget(QWidget):
    """Cards for the annotations on screen, aligned with their passages."""

    cardClicked = Signal(str)
    cardDoubleClicked = Signal(str)
    cardStep = Signal(str, int)  # from this card, to the next (+1) or previous (-1) by key
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
        # Cards put away, newest last, still filled in for their annotation: one that
        # comes back into view is shown again as it was, not filled and measured anew.
        self._spare: dict[str, AnnotationCard] = {}
        self._thread: tuple[tuple[str, int], Thread] = (("", -1), ())
        self._offset = 0  # from the view's viewport to this widget, set by each layout
        self._heights: dict[tuple[object, ...], int] = {}
        self._ruler = AnnotationCard(self, self.actor_names)  # measures, never shown
        self._ruler.hide()
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
        self._offset = self.view.viewport().mapTo(self.window(), QPoint(0, 0)).y() - \
            self.mapTo(self.window(), QPoint(0, 0)).y()
        width = max(120, self.width() - 8)
        placed = set()
        for annotation, y in self._plan(wanted, width):
            self._place(annotation, y, width)
            placed.add(annotation.id)
        for key in [k for k in self.cards if k not in placed]:
            card = self.cards.pop(key, None)
            if card is None:  # (put away meanwhile, by a layout its own closing started)
                continue
            card.set_editing(False)
            card.hide()
            self._spare[key] = card

    def _plan(self, wanted: list[Annotation], width: int) -> Plan:
        """Where the cards go.  They stack down from the top; when that would push the
        card being edited (else the selected one) off the bottom, that card sits beside
        its passage instead and the others stack above and below it.  Cards that would
        fall outside the margin are left out, so a paragraph of a hundred passages
        costs what a screen of cards costs."""
        plan = self._stack_down(wanted, 0, width)
        focus = next((n for n, a in enumerate(wanted) if a.id == self.editing), None)
        if focus is None:
            focus = next((n for n, a in enumerate(wanted) if a.id == self.selected), None)
        if focus is None or focus < len(plan):
            return plan
        height = self._height_of(wanted[focus], width)
        y = min(max(self._desired_y(wanted[focus]), CARD_GAP),
                max(CARD_GAP, self.height() - height))
        return [*self._stack_up(wanted[:focus], y, width), (wanted[focus], y),
                *self._stack_down(wanted[focus + 1:], y + height, width)]

    def _stack_down(self, annotations: list[Annotation], bottom: int, width: int) -> Plan:
        """Cards below ``bottom``, each at its passage or pushed down, until the margin ends."""
        plan = []
        for annotation in annotations:
            y = max(self._desired_y(annotation), bottom + CARD_GAP)
            if y >= self.height():
                break
            plan.append((annotation, y))
            bottom = y + self._height_of(annotation, width)
        return plan

    def _stack_up(self, annotations: list[Annotation], top: int, width: int) -> Plan:
        """Cards above ``top`` (nearest first), each at its passage or pushed up."""
        plan = []
        for annotation in reversed(annotations):
            if top - CARD_GAP <= 0:
                break
            top = min(self._desired_y(annotation),
                      top - CARD_GAP - self._height_of(annotation, width))
            plan.append((annotation, top))
        return plan[::-1]

    def _desired_y(self, annotation: Annotation) -> int:
        """The margin's y level with the first line of the passage."""
        return self.view.y_of(annotation.start) + self._offset

    def _shown(self, annotation: Annotation) -> tuple[str, str, str, bool, str, Thread]:
        """What the annotation's card shows besides the annotation itself."""
        content = self.content
        assert content is not None
        tag, actor = content.label_of(annotation)
        return (tag, actor, content.color(annotation.tag_id), annotation.id == self.selected,
                content.last_comment(annotation.id), self._thread_of(annotation.id))

    def _height_of(self, annotation: Annotation, width: int) -> int:
        """The card's height at this width, measured once for what it shows (a card
        scrolled away and back, or reused, is not measured again)."""
        editing = annotation.id == self.editing
        shown = self._shown(annotation)
        key = (card_key(annotation, *shown), editing, width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > MEASURED_KEPT:
                self._heights.clear()
            self._ruler.set_editing(editing, focus=False)
            self._ruler.show_annotation(annotation, *shown)
            # Measured at its own width: adjustSize() would wrap the note at the
            # card's preferred width and cut off the lines that do not fit.
            height = self._heights[key] = self._ruler.heightForWidth(width)
        return height

    def _place(self, annotation: Annotation, y: int, width: int) -> None:
        """The annotation's card, filled in, sized, moved to ``y`` and shown."""
        card = self.cards.get(annotation.id) or self._take_card(annotation.id)
        if annotation.id == self.editing and not card.is_editing():
            card.set_editing(True)  # laid out once, already open for typing
        changed = card.show_annotation(annotation, *self._shown(annotation))
        if changed or card.width() != width:
            card.setFixedWidth(width)
            card.resize(width, self._height_of(annotation, width))
        card.move(4, y)
        card.show()

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
        """The card put away for this annotation, else the longest put away, else a new one
        (so there are never more cards than have been on screen at once)."""
        card = self._spare.pop(annotation_id, None)
        if card is None and self._spare:
            card = self._spare.pop(next(iter(self._spare)))
        self.cards[annotation_id] = card or self._new_card()
        return self.cards[annotation_id]

    def _new_card(self) -> AnnotationCard:
        card = AnnotationCard(self, self.actor_names)
        card.clicked.connect(self.cardClicked)
        card.doubleClicked.connect(self.cardDoubleClicked)
        card.stepRequested.connect(self.cardStep)
        card.committed.connect(self._on_commit)
        card.cancelled.connect(self._on_cancel)
        card.replyRequested.connect(self.replyRequested)
        return card

    def focus_card(self, annotation_id: str | None = None) -> AnnotationCard | None:
        """Put the keyboard on a card: this passage's, else the selected one, else the first
        on screen (None: no card is shown)."""
        self.relayout()
        wanted = annotation_id or self.selected
        card = self.cards.get(wanted or "") or next(
            iter(sorted(self.cards.values(), key=lambda c: c.y())), None)
        if card is not None:
            card.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return card

    def changeEvent(self, event: QEvent) -> None:
        """Another font or style: every card is measured again."""
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange,
                            QEvent.Type.ApplicationFontChange):
            self._heights.clear()
            for card in [*self.cards.values(), self._ruler]:
                card.forget_size()
            self.relayout()
        super().changeEvent(event)

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
