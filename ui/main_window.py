"""The main window: library dock, reader and compare tabs, search dock, menus, status."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QToolBar,
    QWidget,
)

from ui import settings
from ui.actions import ActionId, does, slots_of
from ui.announce import announce
from ui.briefing.actions import BriefingActions
from ui.compare import CompareView
from ui.exporting.dialog import ExportDialog
from ui.help.actions import HelpActions
from ui.jobs import Jobs
from ui.library.actions import LibraryActions
from ui.library.details_dialog import DetailsDialog
from ui.library.dock import LibraryDock
from ui.library.importing import ImportJob
from ui.library.models import DocumentTableModel
from ui.library.search_dock import SearchDock
from ui.menus import build_menus
from ui.pane_cycle import PaneCycle, close_on_escape, window_panes
from ui.preferences import current_role
from ui.project.files import ProjectFiles
from ui.reader.pane import ReaderPane
from ui.reading_place import place_of, remember_place, restore_place
from ui.review.actions import ReviewActions
from ui.review.dock import ReviewDock
from ui.session import ProjectSession
from ui.tags_dialog import TagsActorsDialog
from ui.team.actions import TeamActions
from workbench.model import Changes, SearchHit
from workbench.tagging import find_quote


def redo_shortcuts() -> list[QKeySequence]:
    """The platform's redo keys plus Ctrl+Y and Ctrl+Shift+Z, each once.

    Registering one key twice makes Qt call it ambiguous and do nothing.
    """
    keys: list[QKeySequence] = []
    candidates = [*QKeySequence.keyBindings(QKeySequence.StandardKey.Redo),
                  QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    for key in candidates:
        if not key.isEmpty() and all(key != known for known in keys):
            keys.append(key)
    return keys


class MainWindow(QMainWindow):
    """Where analysts spend their day."""

    def __init__(self, session: ProjectSession) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.session = session
        self.actions_by_id: dict[ActionId, QAction] = {}
        self._action_state: tuple[bool, bool] | None = None  # (writable, a document open)
        self.jobs = Jobs(self)  # every job running beside the window
        self.last_report: QMessageBox | None = None  # the latest import's or W3C report
        self.library = LibraryDock(self)
        self.search_dock = SearchDock(self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.library)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.search_dock)
        self.search_dock.hide()
        self.review_dock = ReviewDock(session, self.jobs, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.review_dock)
        self.review_dock.hide()
        self.review_dock.passageActivated.connect(self.open_from_queue)
        self.from_queue = False  # the reader shows a passage opened from the queue
        self.previous_document: str | None = None
        # Each part of the window's work gets the window as the narrow interface it
        # declares (a Protocol in its own module), and the window as its dialogs' parent.
        self.project_files = ProjectFiles(self, self)
        self.review = ReviewActions(self, self)
        self.team = TeamActions(self, self, self.review.compare_analysts_of)
        self.library_actions = LibraryActions(self, self)
        self.briefing = BriefingActions(self, self)
        self.help = HelpActions(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("centralTabs")
        self.setCentralWidget(self.tabs)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("documentCounts")
        self.statusBar().addWidget(self.counts_label, 1)
        self.read_only_badge = QLabel("Read-only", self)
        self.read_only_badge.setObjectName("readOnlyBadge")
        self.read_only_badge.setStyleSheet(
            "QLabel { color: #92400e; background: #fef3c7; border: 1px solid #f59e0b;"
            " border-radius: 3px; padding: 1px 6px; font-weight: bold; }")
        self.statusBar().addPermanentWidget(self.read_only_badge)
        self.tag_bar = QToolBar("Tags", self)
        self.tag_bar.setObjectName("tagPalette")
        self.addToolBar(self.tag_bar)
        self._create_actions()
        build_menus(self)
        self.pane_cycle = PaneCycle(self, lambda: window_panes(self))
        QApplication.instance().focusChanged.connect(self._left_library)  # type: ignore[union-attr]
        for dock in (self.search_dock, self.review_dock, self.briefing.dock):
            close_on_escape(dock, lambda: window_panes(self)[1][0])  # (the reader's text)
        self.library.documentActivated.connect(self.open_document)
        self.library.filesDropped.connect(self.import_paths)
        self.search_dock.hitActivated.connect(self.open_hit)
        self.tags_dialog: TagsActorsDialog | None = None
        self.export_dialog: ExportDialog | None = None
        self.install(session)
        self._restore_layout()

    # -- set-up ---------------------------------------------------------------------------

    def _create_actions(self) -> None:
        """One QAction per declared action, connected to the method that does it."""
        slots = slots_of(self, self.project_files, self.library_actions, self.team,
                         self.review, self.briefing, self.help)
        for action_id, slot in slots.items():
            spec = action_id.spec
            action = QAction(spec.text, self)
            action.setObjectName(action_id.object_name)
            if spec.shortcut:
                action.setShortcuts([QKeySequence(k) for k in (spec.shortcut,
                                                               *spec.more_shortcuts)])
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip or spec.text.replace("&", ""))
            action.setCheckable(spec.checkable)
            if spec.checkable:
                action.triggered.connect(slot)  # (by the user: not when set up)
            else:  # (never the "checked" argument: a slot's own defaults apply)
                action.triggered.connect(lambda _checked=False, s=slot: s())
            self.actions_by_id[action_id] = action
        self.actions_by_id[ActionId.LINK_SCROLL].setChecked(settings.LINK_COMPARE_SCROLL.get())
        self.undo_action = QAction("&Undo", self)
        self.undo_action.setObjectName("action_undo")
        self.undo_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Undo))
        self.redo_action = QAction("&Redo", self)
        self.redo_action.setObjectName("action_redo")
        self.redo_action.setShortcuts(redo_shortcuts())
        self.undo_action.triggered.connect(lambda: self.session.undo())
        self.redo_action.triggered.connect(lambda: self.session.redo())

    def install(self, session: ProjectSession) -> None:
        """Show a (newly opened) project in every part of the window."""
        before: ReaderPane | None = getattr(self, "reader", None)
        if before is not None:  # the project before: its place kept
            remember_place(self.session.store.path, before, self._compare_pair())
        self.session = session
        session.use_jobs(self.jobs)
        store = session.store
        session.role = current_role()
        if self.review_dock.session is not session:
            self.review_dock.set_session(session)
        self.review_dock.set_role(session.role)
        self.briefing.install(session)
        self.model = DocumentTableModel(store, self)
        self.library.set_model(self.model)
        self.search_dock.store = store
        self.tabs.clear()
        self.reader = ReaderPane(session, self.tabs)
        self.reader.view.escaped.connect(self.back_to_queue)
        self.reader.view.said.connect(self.say)
        self.compare = CompareView(session, self.tabs)
        self.compare.linked = self.actions_by_id[ActionId.LINK_SCROLL].isChecked()
        self.tabs.addTab(self.reader, "Reader")
        self.tabs.addTab(self.compare, "Compare")
        splitter_state = settings.READER_SPLITTER.get()
        if splitter_state:
            self.reader.measured = self.reader.splitter.restoreState(splitter_state)
        self.model.live_counts = self._live_counts
        session.changed.connect(self.model.on_changes)
        session.changed.connect(self._on_changes)
        session.failed.connect(self.show_failure)
        session.noticed.connect(lambda notice: self.statusBar().showMessage(notice, 15000))
        self.reader.documentChanged.connect(self.update_status)
        self.reader.documentChanged.connect(self.refresh_actions)
        stack = session.undo_stack
        stack.canUndoChanged.connect(self.undo_action.setEnabled)
        stack.canRedoChanged.connect(self.redo_action.setEnabled)
        stack.undoTextChanged.connect(self._undo_named)
        stack.redoTextChanged.connect(self._redo_named)
        self.undo_action.setEnabled(False)
        self.redo_action.setEnabled(False)
        self._fill_tag_bar()
        read_only = " (read-only)" if store.read_only else ""
        self.setWindowTitle(f"{store.project_name()}{read_only} — Annotation Workbench")
        self.read_only_badge.setVisible(store.read_only)
        self.read_only_badge.setToolTip(
            f"{store.path} is read-only: you can read and export it, not change it.")
        self.project_files.opened(store)
        ids = store.documents.ids()
        place = place_of(store.path)
        if place is not None and place.document in ids:  # where the user left off
            self.open_document(place.document)
            restore_place(self.reader, place)
            for side, document_id in zip((self.compare.left, self.compare.right),
                                         place.compare, strict=True):
                if document_id in ids:
                    side.choose(document_id)
        else:
            self.open_document(ids[0] if ids else None)
        self.refresh_actions()

    def refresh_actions(self) -> None:
        """Enable each action when it can be used (see ``ActionSpec.when``); nothing is
        touched when that has not changed (the reader reports every tag's new counts)."""
        state = (not self.session.store.read_only, self.reader.document is not None)
        if state == self._action_state:
            return
        self._action_state = state
        writable, document_open = state
        for action_id, action in self.actions_by_id.items():
            action.setEnabled(action_id.spec.when.allows(writable=writable,
                                                         document_open=document_open))

    def _restore_layout(self) -> None:
        geometry, state = settings.WINDOW_GEOMETRY.get(), settings.WINDOW_STATE.get()
        if geometry:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        if state:
            self.restoreState(state)
        else:
            self.resizeDocks([self.library], [500], Qt.Orientation.Horizontal)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Keep the window within the screen it is on (a saved size may not fit this one)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        frame = self.frameGeometry()
        extra_w, extra_h = frame.width() - self.width(), frame.height() - self.height()
        width = min(self.width(), room.width() - extra_w)
        height = min(self.height(), room.height() - extra_h)
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)

    # -- documents -------------------------------------------------------------------------

    def active_pane(self) -> ReaderPane:
        """The pane with the keyboard focus (the reader when none has it)."""
        focus = QApplication.focusWidget()
        for pane in [self.reader, *self.compare.panes()]:
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                return pane
        return self.compare.panes()[0] if self.tabs.currentIndex() == 1 else self.reader

    def open_document(self, document_id: str | None) -> None:
        self.tabs.setCurrentIndex(0)
        shown = self.reader.document
        if shown is not None and shown.id != document_id:
            self.previous_document = shown.id  # Compare's right side, the first time
        self.reader.open_document(document_id)
        if document_id:
            self.library.select_document(document_id)
            self.reader.view.setFocus()

    def open_hit(self, hit: SearchHit, query: str) -> None:
        """Open a search result in context: its passage, or the first match of the query."""
        self.open_document(hit.document_id)
        content = self.reader.content
        if content is None:
            return
        if hit.annotation_id and hit.annotation_id in content.spans:
            self.reader.go_to_annotation(hit.annotation_id)
            return
        if hit.start >= 0:  # the hit itself, found by word form
            self.reader.view.select_span(hit.start, hit.end)
            return
        words = query.split()
        spans = find_quote(content.text, query) or (find_quote(content.text, words[0])
                                                    if words else [])
        if spans:
            self.reader.view.select_span(*spans[0])

    def _on_changes(self, changes: Changes) -> None:
        if changes.tags:
            self._fill_tag_bar()
        self.update_status()

    def _undo_named(self, step: str) -> None:
        self._name_step(self.undo_action, "Undo", step)

    def _redo_named(self, step: str) -> None:
        self._name_step(self.redo_action, "Redo", step)

    @staticmethod
    def _name_step(action: QAction, verb: str, step: str) -> None:
        """'Undo Tag passage' in the menu and the tooltip; the tool bar's button keeps
        its one word, so that an edit never moves the bar (and repaints the window)."""
        action.setText(f"&{verb} {step}".strip())
        action.setIconText(verb)
        action.setToolTip(f"{verb} {step}".strip())

    def _live_counts(self, document_id: str) -> dict[str, int] | None:
        """The reader's own counts of the document it shows whole, if it is this one."""
        content = self.reader.content
        if content is None or content.document.id != document_id or not content.complete \
                or self.reader.analyst_only is not None:
            return None
        return content.tag_counts()

    def _left_library(self, old: QWidget | None, new: QWidget | None) -> None:
        """Leaving the library without opening a row: its current row is the open document
        again, so the library never shows one article while the reader has another."""
        if old is self.library.table and new is not self.library.table:
            document = self.reader.document
            if document is not None:
                self.library.select_document(document.id)

    def _compare_pair(self) -> tuple[str, str]:
        compare: CompareView | None = getattr(self, "compare", None)
        if compare is None:
            return "", ""
        left, right = compare.left.pane.document, compare.right.pane.document
        return (left.id if left else "", right.id if right else "")

    def say(self, text: str) -> None:
        """A word for the user: in the status bar, and to screen readers."""
        self.statusBar().showMessage(text, 8000)
        announce(self, text)

    def update_status(self) -> None:
        """Name the open document, its counts, and who is working in which role: kept in
        the status bar (a passing message covers it for a moment, never blanks it)."""
        content = self.reader.content
        if content is None:
            text = f"{len(self.model.ids)} documents"
        elif not content.complete:  # counted once its passages are all loaded
            text = f"{content.document.title[:60]} — loading passages…"
        else:
            counts = content.tag_counts()
            parts = " · ".join(f"{t.name} {counts.get(t.id, 0)}"
                               for t in self.session.store.tags.all())
            text = (f"{content.document.title[:60]} — {len(content.text):,} characters, "
                    f"{len(content.spans)} annotations ({parts}) — "
                    f"{self.session.store.analyst} ({self.session.role.value})")
        self.counts_label.setText(text)

    def open_from_queue(self, annotation_id: str) -> None:
        """A passage from the queue, in the reader; Esc there goes back to the queue."""
        self.open_passage(annotation_id)
        self.from_queue = True
        self.reader.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def back_to_queue(self) -> None:
        """Esc in the reader after opening a passage from the queue: the queue again, on
        the same row."""
        if self.from_queue:
            self.from_queue = False
            self.review.show_queue()

    def open_passage(self, annotation_id: str) -> None:
        """Open a passage in context: its document in the reader, the passage current."""
        passage = self.session.store.annotations.get(annotation_id)
        self.open_document(passage.document_id)
        self.reader.go_to_annotation(annotation_id)

    def show_failure(self, message: str) -> None:
        """Say why an edit was not saved (what was typed stays where it was)."""
        self.statusBar().showMessage(f"Not saved: {message}", 15000)
        box = QMessageBox(QMessageBox.Icon.Warning, "Not saved", message,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("failureMessage")
        box.setInformativeText("Nothing was changed. What you typed is kept; try again.")
        box.setModal(False)
        box.show()
        self.last_failure = box

    def _fill_tag_bar(self) -> None:
        self.tag_bar.clear()
        for tag in self.session.store.tags.all():
            action = self.tag_bar.addAction(f"■ {tag.name}")
            action.setObjectName(f"tagButton_{tag.name}")
            action.setToolTip(f"Tag the selection as {tag.name} (key {tag.shortcut})")
            action.triggered.connect(lambda _=False, t=tag: self.active_pane().tag_selection(t))
            widget = self.tag_bar.widgetForAction(action)
            if widget is not None:
                widget.setStyleSheet(f"color: {tag.color}; font-weight: bold;")
        self.tag_bar.addSeparator()
        self.tag_bar.addAction(self.undo_action)
        self.tag_bar.addAction(self.redo_action)

    # -- importing ---------------------------------------------------------------------------

    def import_paths(self, paths: list[Path]) -> ImportJob:
        """Import files and folders off the GUI thread (see ``LibraryActions``)."""
        return self.library_actions.import_paths(paths)

    @does(ActionId.DOCUMENT_DETAILS)
    def show_details(self, *, intro: str = "") -> DetailsDialog | None:
        """The open document's details, to read and change (not modal)."""
        document = self.reader.document
        if document is None:
            return None
        self.details_dialog = DetailsDialog(self.session, document.id, self, intro=intro)
        self.details_dialog.setModal(False)
        self.details_dialog.show()
        return self.details_dialog

    # -- find, dialogs, projects --------------------------------------------------------------

    @does(ActionId.FIND)
    def find_in_document(self) -> None:
        self.active_pane().open_find()

    @does(ActionId.FIND_PROJECT)
    def find_in_project(self) -> None:
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_dock.field.setFocus()
        self.search_dock.field.selectAll()

    @does(ActionId.TAGS_ACTORS)
    def show_tags_dialog(self) -> None:
        if self.tags_dialog is None or self.tags_dialog.session is not self.session:
            self.tags_dialog = TagsActorsDialog(self.session, self)
        self.tags_dialog.show()
        self.tags_dialog.raise_()

    def show_export(self, kind: str) -> ExportDialog:
        """The export dialog (not modal), set up for ``kind``."""
        if self.export_dialog is None or self.export_dialog.session is not self.session:
            self.export_dialog = ExportDialog(self.session, self.jobs, self)
        document = self.active_pane().document
        self.export_dialog.prepare(kind, document.id if document else None)
        self.export_dialog.show()
        self.export_dialog.raise_()
        return self.export_dialog

    @does(ActionId.EXPORT_BRIEFING)
    def export_briefing(self) -> ExportDialog:
        return self.show_export("briefing")

    @does(ActionId.EXPORT_ANNOTATED)
    def export_annotated(self) -> ExportDialog:
        return self.show_export("annotated")

    @does(ActionId.EXPORT_DATA)
    def export_data(self) -> ExportDialog:
        return self.show_export("csv")

    @does(ActionId.DELETE_ANNOTATION)
    def delete_annotation(self) -> None:
        self.active_pane().delete_current()

    @does(ActionId.SHOW_READER)
    def show_reader(self) -> None:
        self.tabs.setCurrentIndex(0)

    @does(ActionId.SHOW_COMPARE)
    def show_compare(self) -> None:
        """Compare: an empty side shows the open document (left) and the one read before it
        (right), never "choose a document" twice."""
        self.tabs.setCurrentIndex(1)
        current = self.reader.document
        for side, wanted in ((self.compare.left, current.id if current else None),
                             (self.compare.right, self.previous_document)):
            if side.pane.document is None and wanted:
                side.choose(wanted)

    @does(ActionId.QUIT)
    def quit(self) -> None:
        self.close()

    @does(ActionId.LINK_SCROLL)
    def link_scrolling(self, checked: bool) -> None:
        self.compare.linked = checked
        settings.LINK_COMPARE_SCROLL.set(checked)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.project_files.wait()
        self.stop_work()
        settings.WINDOW_GEOMETRY.set(self.saveGeometry())
        settings.WINDOW_STATE.set(self.saveState())
        settings.READER_SPLITTER.set(self.reader.splitter.saveState())
        settings.REVIEW_COLUMNS.set(self.review_dock.table.horizontalHeader().saveState())
        remember_place(self.session.store.path, self.reader, self._compare_pair())
        super().closeEvent(event)

    def stop_work(self) -> None:
        """Stop long work between two of its steps and wait for it (a file being
        imported is finished or not started; a merge is cancelled whole)."""
        self.jobs.stop_all()

    def widget_named(self, name: str) -> QWidget | None:
        """Find a child widget by object name (for tests and accessibility tools)."""
        return self.findChild(QWidget, name)
