"""The review queue dock: filter every passage, read it in context, give verdicts by key.

Keys in the table: ``A`` accept, ``R`` reject (asks why, optionally), ``C``
request changes (asks what), ``M`` add a comment, ``S`` submit, ``J``/``K``
next/previous (the preview under the table follows: the passage in its
paragraph, with its thread), ``Enter`` open in the reader (``Esc`` or
``Ctrl+3`` there comes back to the same row).  Down in the filter moves into
the list.  A verdict applies to every selected row as one undoable step, and
the next row still waiting for one becomes current; what the role may not do
is refused with a sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui import settings
from ui.announce import announce
from ui.jobs import Jobs
from ui.review.preview import PassagePreview
from ui.review.queue_model import ReviewQueueModel
from ui.session import ProjectSession
from ui.widgets.choices import refill
from ui.widgets.reason_dialog import ask_reason
from workbench.errors import WorkbenchError
from workbench.model import Changes, PassageFilter, ReviewStatus, Role
from workbench.review.workflow import Step, apply_step, submit

S = ReviewStatus
SCAN = 1000  # rows looked at for the next one waiting for a verdict, each way
# What still waits, after a verdict (for a supervisor) or a submission (for an analyst).
UNDECIDED = {"verdict": frozenset({S.SUBMITTED.value}),
             "submit": frozenset({S.DRAFT.value, S.CHANGES_REQUESTED.value})}


class ReviewDock(QDockWidget):
    """Every passage of the project in one table, for reviewing and submitting."""

    passageActivated = Signal(str)  # annotation id: open it in context

    def __init__(self, session: ProjectSession, jobs: Jobs,
                 parent: QWidget | None = None) -> None:
        super().__init__("Review", parent)
        self.setObjectName("reviewDock")
        self.session = session
        self.model = ReviewQueueModel(session.store, jobs, self,
                                      is_open=lambda: not self.session.closed)
        self.message = QLabel(self)
        self.message.setObjectName("reviewMessage")
        self.message.setWordWrap(True)
        self.count = QLabel(self)
        self.count.setObjectName("reviewCount")
        self._build_filters()
        self._build_table()
        self._build_buttons()
        self._lay_out()
        self._bind_keys()
        self._choices_stale = False
        self._pending = Changes()  # passages added elsewhere, not yet in the rows
        self._recount = QTimer(self)
        self._recount.setSingleShot(True)
        self._recount.setInterval(150)
        self._recount.timeout.connect(self._update_count)
        self._stale = True  # the passages are looked up when the queue is first shown
        session.changed.connect(self._on_changes)

    # -- building -----------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.text = QLineEdit(self)
        self.text.setObjectName("reviewFilterText")
        self.text.setPlaceholderText("Filter by text (quote, note, title)")
        self.text.setAccessibleName("Filter passages by text")
        self.text.setClearButtonEnabled(True)
        self.status = QComboBox(self)
        self.status.setObjectName("reviewFilterStatus")
        self.status.setAccessibleName("Status")
        self.status.addItem("Every status", None)
        for status in S:
            self.status.addItem(status.label.capitalize(), status.value)
        self.analyst = QComboBox(self)
        self.analyst.setObjectName("reviewFilterAnalyst")
        self.analyst.setAccessibleName("Analyst")
        self.tag = QComboBox(self)
        self.tag.setObjectName("reviewFilterTag")
        self.tag.setAccessibleName("Tag")
        self._fill_choices()
        self.text.textChanged.connect(self.apply_filter)
        for combo in (self.status, self.analyst, self.tag):
            combo.currentIndexChanged.connect(self.apply_filter)

    def _fill_choices(self) -> None:
        store = self.session.store
        refill(self.analyst, "Every analyst", [(n, n) for n in store.queue.analysts()],
               self.analyst.currentData())
        refill(self.tag, "Every tag", [(t.name, t.id) for t in store.tags.all()],
               self.tag.currentData())

    def _build_table(self) -> None:
        self.table = QTableView(self)
        self.table.setTabKeyNavigation(False)  # one Tab stop: arrows move inside
        self.table.setObjectName("reviewTable")
        self.table.setAccessibleName("Passages to review")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((150, 320, 90, 90, 90, 130, 220, 120)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)  # no empty strip right of the last column
        saved = settings.REVIEW_COLUMNS.get()
        if saved:
            header.restoreState(saved)  # the widths and order the user left
        # No sort indicator until a header is clicked: the queue starts in document order.
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.activated.connect(self._activated)
        self.preview = PassagePreview(self)
        self.table.selectionModel().currentRowChanged.connect(self._show_current)
        self.model.modelReset.connect(self._show_current)
        self.model.dataChanged.connect(self._refresh_preview)

    def _build_buttons(self) -> None:
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
                ("submit", "&Submit (S)", self.submit_selected),
                ("accept", "&Accept (A)", lambda: self.verdict(S.ACCEPTED)),
                ("reject", "&Reject (R)", lambda: self.verdict(S.REJECTED)),
                ("changes", "Request &changes (C)", lambda: self.verdict(S.CHANGES_REQUESTED)),
                ("comment", "Co&mment (M)", self.comment)):
            button = QPushButton(text, self)
            button.setObjectName(f"review_{name}")
            button.clicked.connect(slot)
            self.buttons[name] = button

    def _lay_out(self) -> None:
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)
        filters = QHBoxLayout()
        filters.addWidget(self.text, 2)
        for combo in (self.status, self.analyst, self.tag):
            filters.addWidget(combo, 1)
        layout.addLayout(filters)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.setObjectName("reviewSplit")
        self.split.addWidget(self.table)
        self.split.addWidget(self.preview)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        layout.addWidget(self.split, 1)
        actions = QHBoxLayout()
        actions.addWidget(self.count, 1)
        for button in self.buttons.values():
            actions.addWidget(button)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self.setWidget(body)

    def _bind_keys(self) -> None:
        keys: dict[str, Callable[[], object]] = {
            "A": lambda: self.verdict(S.ACCEPTED), "R": lambda: self.verdict(S.REJECTED),
            "C": lambda: self.verdict(S.CHANGES_REQUESTED), "M": self.comment,
            "S": self.submit_selected, "J": lambda: self.go(1), "K": lambda: self.go(-1),
        }
        for key, slot in keys.items():
            shortcut = QShortcut(QKeySequence(key), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(slot)
        into_list = QShortcut(QKeySequence(Qt.Key.Key_Down), self.text)
        into_list.setContext(Qt.ShortcutContext.WidgetShortcut)
        into_list.activated.connect(self.enter_list)

    def enter_list(self) -> None:
        """Down in the filter: into the list, its first row current if none is."""
        self.table.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not self.table.currentIndex().isValid() and self.model.rowCount():
            self.go(0)

    # -- role, filter, selection -------------------------------------------------------------

    def set_session(self, session: ProjectSession) -> None:
        """Show another project's passages."""
        self.session.changed.disconnect(self._on_changes)
        self.session = session
        self.model.store = session.store
        self.model.forget()
        session.changed.connect(self._on_changes)
        self._fill_choices()
        if self.isVisible():
            self.apply_filter()
        else:
            self.model.set_ids([])
            self._stale = True

    def set_role(self, role: Role) -> None:
        """Offer what the role does: verdicts for supervisors, submitting for analysts."""
        supervisor = role is Role.SUPERVISOR
        for name in ("accept", "reject", "changes"):
            self.buttons[name].setVisible(supervisor)
        self.buttons["submit"].setVisible(not supervisor)

    def apply_filter(self) -> None:
        status, analyst, tag = (c.currentData() for c in (self.status, self.analyst, self.tag))
        self.model.set_filter(PassageFilter(
            statuses=frozenset({status}) if status else frozenset(),
            analysts=frozenset({analyst}) if analyst else frozenset(),
            tags=frozenset({tag}) if tag else frozenset(), text=self.text.text()))
        self._recount.start()  # after the table is painted

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.model.forget()
            self._fill_choices()
            self.apply_filter()
        super().showEvent(event)

    def _update_count(self) -> None:
        if self.session.closed:
            return
        if self._pending:
            self.model.on_changes(self._pending)
            self._pending = Changes()
        if self._choices_stale:
            self._choices_stale = False
            self._fill_choices()
        counts = self.model.status_counts()
        waiting = counts.get(S.SUBMITTED.value, 0)
        self.count.setText(f"{len(self.model.ids):,} passage(s) · {waiting:,} waiting for review"
                           f" · {counts.get(S.CHANGES_REQUESTED.value, 0):,} sent back")

    def selected_ids(self) -> list[str]:
        """The selected rows' passages; the current row's when none is selected."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [key for key in (self.model.id_at(r) for r in rows) if key]

    def go(self, step: int) -> None:
        """Select the next (or previous) row, as J and K do."""
        current = self.table.currentIndex().row()
        row = min(max(0, current + step), self.model.rowCount() - 1)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _activated(self, index: QModelIndex) -> None:
        key = self.model.id_at(index.row())
        if key:
            self.passageActivated.emit(key)

    # -- verdicts -------------------------------------------------------------------------------

    def verdict(self, to: ReviewStatus) -> bool:
        """Give every selected passage this verdict, as one undoable step (a rejection asks
        why, optionally; a request for changes asks what)."""
        comment = ""
        if to is S.REJECTED:
            asked = ask_reason(self, "Reject", "Why is it rejected?", required=False)
        elif to is S.CHANGES_REQUESTED:
            asked = ask_reason(self, "Request changes", "What should the analyst change?",
                               required=True)
        else:
            asked = ""
        self.table.setFocus()  # back from the question: J, K and the verdict keys go on
        if asked is None:
            return False
        comment = asked
        return self._step(Step(to, self.session.store.analyst, self.session.role, comment),
                          advance="verdict")

    def comment(self) -> bool:
        """Add a comment to the selected passages' threads (an analyst's answer, say)."""
        text = ask_reason(self, "Comment", "Your comment:", required=True)
        self.table.setFocus()
        if text is None:
            return False
        return self._step(Step(None, self.session.store.analyst, self.session.role, text),
                          advance="")

    def submit_selected(self) -> bool:
        ids = self.selected_ids()
        try:
            edit = submit(self.session.store, ids, person=self.session.store.analyst,
                          role=self.session.role)
        except WorkbenchError as exc:
            self.message.setText(str(exc))
            return False
        return self._apply(edit, advance="submit")

    def _step(self, step: Step, *, advance: str) -> bool:
        ids = self.selected_ids()
        if not ids:
            self.message.setText("Select one or more passages first.")
            return False
        try:
            edit = apply_step(self.session.store, ids, step)
        except WorkbenchError as exc:
            self.message.setText(str(exc))
            return False
        return self._apply(edit, advance=advance)

    def _apply(self, edit: object, *, advance: str) -> bool:
        if not self.session.apply(edit):  # type: ignore[arg-type]
            return False
        said = f"{getattr(edit, 'label', 'Done')}. Ctrl+Z undoes it."
        self.message.setText(said)
        announce(self.table, said)
        if advance and len(self.selected_ids()) == 1:
            self.next_undecided(UNDECIDED[advance])
        self._refresh_preview()
        return True

    def next_undecided(self, waiting: frozenset[str]) -> None:
        """Make the next row still waiting current (after the current one, then from the
        top); the next row when none waits nearby."""
        current = self.table.currentIndex().row()
        rows = self.model.rowCount()
        ahead = range(current + 1, min(rows, current + 1 + SCAN))
        behind = range(0, min(current, SCAN))
        for row in (*ahead, *behind):
            found = self.model.row_data(row)
            if found is not None and found.status in waiting:
                self.go(row - current)
                return
        self.go(1)

    # -- the preview ----------------------------------------------------------------------------

    def _show_current(self) -> None:
        row = self.table.currentIndex().row()
        found = self.model.row_data(row) if 0 <= row < self.model.rowCount() else None
        self.preview.show_passage(self.session.store, found)

    def _refresh_preview(self) -> None:
        """The current passage again (its status or thread may have changed)."""
        if not self.session.closed:
            self._show_current()

    def _on_changes(self, changes: Changes) -> None:
        if not self.isVisible():  # looked up again when shown
            self._stale = True
            return
        newcomers = self.model.unknown(changes.annotations)
        if newcomers == changes.annotations and not (changes.reviews or changes.tags):
            # Only passages tagged elsewhere (the reader): the rows come in with the
            # counts, after that tag is painted, and once for a burst of them.
            self._pending |= changes
        else:
            self.model.on_changes(self._pending | changes)
            self._pending = Changes()
        if changes.tags:
            self._fill_choices()
        # A new passage may bring a new analyst: the choices are looked up again with the
        # counts, after the repaint (the verdict or the tag is what the user waits for).
        self._choices_stale = self._choices_stale or bool(newcomers)
        self._recount.start()
