"""A reader pane: one document's text, overview strip and margin, and the find bar.

The main window has one; the compare view has two.  A pane turns the view's
requests (tag this, delete that) into core edits applied through the session,
and refreshes only what an edit changed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ui.announce import announce
from ui.reader.content import ReaderContent
from ui.reader.findbar import FindBar
from ui.reader.margin import MarginWidget
from ui.reader.overview import OverviewStrip
from ui.reader.view import ReaderView
from ui.session import ProjectSession
from ui.widgets.choices import refill
from ui.widgets.elided_label import ElidedLabel
from workbench.edits import delete_annotation
from workbench.errors import NotFound, WorkbenchError
from workbench.model import Changes, Document, Tag
from workbench.review.workflow import Step, apply_step, submit
from workbench.tagging import describe_passage, retag_passage, tag_passage

MEASURE_CHARS = 80  # a comfortable line length for long reading


class ReaderPane(QWidget):
    """Shows one document for reading and tagging."""

    documentChanged = Signal()  # another document, or the counts of this one changed

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.content: ReaderContent | None = None
        self.title = ElidedLabel(self)  # a long title is shortened, never widens the window
        self.title.setObjectName("paneTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.tag_filter = QComboBox(self)
        self.tag_filter.setAccessibleName("Show cards of tag")
        self.actor_filter = QComboBox(self)
        self.actor_filter.setAccessibleName("Show cards of actor")
        self.analyst_filter = QComboBox(self)
        self.analyst_filter.setObjectName("analystFilter")
        self.analyst_filter.setAccessibleName("Show cards of analyst")
        self.analyst_filter.hide()
        for combo in (self.tag_filter, self.actor_filter, self.analyst_filter):  # stay narrow
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        self.view = ReaderView(self)
        self.overview = OverviewStrip(self)
        self.margin = MarginWidget(self.view, self)
        self.find_bar = FindBar(self)
        self.measured = False  # True once the text column has its reading width
        self.analyst_only: str | None = None  # show one analyst's passages only
        self._build_layout()
        self._connect()

    def _build_layout(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 4)
        header.addWidget(self.title, 1)
        header.addWidget(QLabel("Cards:", self))
        header.addWidget(self.tag_filter)
        header.addWidget(self.actor_filter)
        header.addWidget(self.analyst_filter)
        text_box = QWidget(self)
        row = QHBoxLayout(text_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.view, 1)
        row.addWidget(self.overview)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(text_box)
        self.splitter.addWidget(self.margin)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(header)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.find_bar)

    def _connect(self) -> None:
        self.session.changed.connect(self.on_changes)
        self.view.tagRequested.connect(self.tag)
        self.view.annotationClicked.connect(self.select_annotation)
        self.view.deleteRequested.connect(self.delete_annotation)
        self.view.editRequested.connect(self.edit_current)
        self.margin.cardDoubleClicked.connect(self._edit_card)
        self.margin.cardStep.connect(self._step_card)
        self.margin.cardClicked.connect(self.go_to_annotation)
        self.margin.replyRequested.connect(self.reply)
        self.margin.editCommitted.connect(self.describe)
        self.margin.editCancelled.connect(lambda _: self.view.setFocus())
        self.splitter.splitterMoved.connect(
            lambda *_: self.margin.relayout())
        self.overview.positionRequested.connect(lambda p: self.view.select_span(p, p))
        self.find_bar.hitsChanged.connect(self._show_hits)
        self.find_bar.closed.connect(self.view.setFocus)
        self.tag_filter.currentIndexChanged.connect(self._apply_filters)
        self.actor_filter.currentIndexChanged.connect(self._apply_filters)
        self.analyst_filter.currentIndexChanged.connect(
            lambda _: self.show_analyst(self.analyst_filter.currentData()))

    def showEvent(self, event: QShowEvent) -> None:
        """First show: give the text a comfortable measure, the margin the rest."""
        super().showEvent(event)
        if not self.measured:
            self.measured = True
            text = self.view.fontMetrics().averageCharWidth() * MEASURE_CHARS + 48
            total = sum(self.splitter.sizes())
            if total > text + self.margin.minimumWidth():
                self.splitter.setSizes([text, total - text])

    # -- documents -------------------------------------------------------------------

    @property
    def document(self) -> Document | None:
        return self.content.document if self.content else None

    def open_document(self, document_id: str | None) -> None:
        """Show a document (None: nothing)."""
        store = self.session.store
        self.content = ReaderContent(store, store.documents.get(document_id), progressive=True,
                                     analyst=self.analyst_only) if document_id else None
        self.view.tags = store.tags.all()
        # Laid out once, when the view announces its new viewport.
        self.margin.set_content(self.content, layout_now=False)
        self.view.set_content(self.content)
        self.overview.set_content(self.content)
        self._fill_filters()
        QTimer.singleShot(0, self._fill_analysts)
        self.title.setText(self.content.document.title if self.content else
                           "Open a document from the library")
        self.documentChanged.emit()
        if self.content is not None and not self.content.complete:
            content = self.content
            QTimer.singleShot(0, lambda: self._finish_loading(content))

    def _finish_loading(self, content: ReaderContent) -> None:
        """After the first paint: load the rest of the passages, mark the strip, count."""
        if content is self.content and content.load_rest():
            self.overview.update()
            self.documentChanged.emit()

    def on_changes(self, changes: Changes) -> None:
        """Refresh what the change touched, and nothing else."""
        if self.content is None:
            return
        document_id = self.content.document.id
        if document_id in changes.documents:
            try:
                current = self.session.store.documents.get(document_id)
            except NotFound:
                current = None
            if current is None or current.deleted_at is not None:
                self.open_document(None)
                return
            if current.title != self.content.document.title:  # its details were edited
                self.title.setText(current.title)
            self.content.document = current
        if changes.tags or changes.actors:
            self.content.reload_labels()
            self.view.tags = self.session.store.tags.all()
            self.margin.refresh_actor_names()
            self._fill_filters()
            if changes.tags:
                self.view.recolor()
        if changes.annotations:
            dirty = self.content.refresh_annotations(changes.annotations)
            self.view.refresh_ranges(dirty)
            self.overview.update()
            self.documentChanged.emit()
            if self._new_analysts(changes.annotations):
                QTimer.singleShot(0, self._fill_analysts)  # after this change is shown
        self.margin.relayout()

    def _new_analysts(self, annotation_ids: frozenset[str]) -> bool:
        """Whether passages by someone not yet in the analyst filter appeared."""
        assert self.content is not None
        listed = {self.analyst_filter.itemData(n) for n in range(self.analyst_filter.count())}
        return any(self.content.annotation(i).analyst not in listed
                   for i in annotation_ids if i in self.content.spans)

    # -- editing -------------------------------------------------------------------------

    def tag(self, tag: Tag, start: int, end: int) -> str | None:
        """Tag a passage of the open document; the new card opens for actor and note."""
        if self.content is None:
            return None
        if self.analyst_only not in (None, self.session.store.analyst):
            self._show_everyone()  # else the new passage would be hidden as someone else's
        current = self.content.spans.get(self.view.current or "")
        if current is not None and (current.start, current.end) == (start, end):
            retag = retag_passage(self.session.store, current.key, tag)
            if retag is not None:  # the same passage again: change its tag
                self.session.apply(retag)
            return current.key
        edit, annotation = tag_passage(self.session.store, document=self.content.document,
                                       start=start, end=end, tag=tag)
        self.margin.expect_edit(annotation.id)
        if not self.session.apply(edit):
            self.margin.expect_edit(None)
            return None
        self.view.current = annotation.id
        self.margin.begin_edit(annotation.id)
        announce(self.view, f"Tagged as {tag.name}. Type the actor, or press Escape.")
        return annotation.id

    def tag_selection(self, tag: Tag) -> bool:
        """Tag whatever is selected in the view (for the palette and menus)."""
        return self.view.request_tag(tag)

    def describe(self, annotation_id: str, actor: str, note: str) -> None:
        edit = describe_passage(self.session.store, annotation_id, actor_name=actor, note=note)
        if edit is not None and not self.session.apply(edit):
            return  # not saved: the card stays open with what was typed
        self.margin.end_edit()
        self.view.setFocus()

    def delete_annotation(self, annotation_id: str) -> None:
        self.session.apply(delete_annotation(annotation_id))
        if self.view.current == annotation_id:
            self.view.current = None

    def reply(self, annotation_id: str, resubmit: bool) -> bool:
        """Answer a passage's review thread from its card (and submit it again, if asked)."""
        title = "Reply and resubmit" if resubmit else "Reply"
        text, ok = QInputDialog.getMultiLineText(self, title, "Your answer:")
        if not ok or not text.strip():
            return False
        store, role = self.session.store, self.session.role
        try:
            edit = submit(store, [annotation_id], person=store.analyst, role=role,
                          comment=text) if resubmit else \
                apply_step(store, [annotation_id], Step(None, store.analyst, role, text))
        except WorkbenchError as exc:
            self.session.failed.emit(str(exc))
            return False
        return self.session.apply(edit)

    def edit_current(self) -> bool:
        """Open the current annotation's card for its actor and note (F2)."""
        if self.view.current and self.content and self.view.current in self.content.spans:
            self.margin.begin_edit(self.view.current)
            return True
        return False

    def _edit_card(self, annotation_id: str) -> None:
        self.select_annotation(annotation_id)
        self.edit_current()

    def delete_current(self) -> bool:
        if self.view.current:
            self.delete_annotation(self.view.current)
            return True
        return False

    def select_annotation(self, annotation_id: str) -> None:
        """Mark an annotation current: its card and underline stand out."""
        self.view.current = annotation_id
        self.margin.select(annotation_id)
        self.view.viewport().update()

    def _step_card(self, annotation_id: str, step: int) -> None:
        """Up / Down on a card: the previous / next passage in the text, its card focused."""
        if self.content is None:
            return
        spans = self.content.spans
        order = sorted(spans, key=lambda k: (spans[k].start, spans[k].end, k))
        if annotation_id not in order:
            return
        at = min(max(order.index(annotation_id) + step, 0), len(order) - 1)
        self.go_to_annotation(order[at])
        self.margin.focus_card(order[at])

    def go_to_annotation(self, annotation_id: str) -> None:
        """Select an annotation's passage and scroll to it."""
        if self.content is None or annotation_id not in self.content.spans:
            return
        annotation = self.content.spans[annotation_id]
        self.view.select_span(annotation.start, annotation.end)
        self.select_annotation(annotation_id)

    # -- find and filters ---------------------------------------------------------------

    def open_find(self) -> None:
        if self.content is not None:
            selected = self.view.textCursor().selectedText()
            self.find_bar.open(self.content.text, selected if "\u2029" not in selected else "")

    def _show_hits(self, hits: list[tuple[int, int]], current: int) -> None:
        self.view.set_find_hits(hits, current)
        if 0 <= current < len(hits):
            self.view.select_span(*hits[current])

    def _fill_filters(self) -> None:
        store = self.session.store
        refill(self.tag_filter, "All tags", [(t.name, t.id) for t in store.tags.all()],
               self.tag_filter.currentData())
        refill(self.actor_filter, "All actors", [(a.name, a.id) for a in store.actors.all()],
               self.actor_filter.currentData())
        self._apply_filters()

    def _fill_analysts(self) -> None:
        """Who tagged passages here (looked up after the first paint: it reads them all)."""
        names = self._analysts()
        if self.analyst_only and self.analyst_only not in names:
            names.append(self.analyst_only)
        refill(self.analyst_filter, "All analysts", [(n, n) for n in names], self.analyst_only)
        # Only worth its room when several tagged here.
        self.analyst_filter.setVisible(len(names) > 1)
        self._apply_filters()

    def _analysts(self) -> list[str]:
        """Who tagged passages in the open document."""
        if self.content is None or self.session.closed:
            return []
        return self.session.store.queue.analysts(document_id=self.content.document.id)

    def _apply_filters(self) -> None:
        self.margin.tag_filter = self.tag_filter.currentData()
        self.margin.actor_filter = self.actor_filter.currentData()
        self.margin.relayout()

    def _show_everyone(self) -> None:
        """Everyone's passages again, keeping the selection (about to be tagged)."""
        cursor = self.view.textCursor()
        self.analyst_filter.blockSignals(True)
        self.analyst_filter.setCurrentIndex(0)
        self.analyst_filter.blockSignals(False)
        self.show_analyst(None)
        self.view.setTextCursor(cursor)

    def show_analyst(self, analyst: str | None) -> None:
        """Show only this analyst's passages (None: everyone's), highlights and cards."""
        if analyst == self.analyst_only:
            return
        self.analyst_only = analyst
        if self.content is not None:
            self.open_document(self.content.document.id)
