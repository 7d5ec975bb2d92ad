"""The briefing writer: a dock beside the passages for the briefing's written parts.

Title, bottom line up front, key judgements (each citing passages: the reader's
current passage is cited with one key) and the comment that opens each section.
Every change is saved as it is made, as one undoable edit; an undo, a merge or
another program's change shows here at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ui.briefing.rich_field import RichField
from ui.session import ProjectSession
from workbench.briefing.written import (
    BriefDraft,
    add_judgement,
    change_judgement,
    move_judgement,
    read_draft,
    remove_judgement,
    sections,
    set_bluf,
    set_comment,
    set_title,
)
from workbench.edits import Edit
from workbench.errors import WorkbenchError
from workbench.model import Changes
from workbench.store import Store

NEW_JUDGEMENT = "New judgement"


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(f"<b>{text}</b>", parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def shortened(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, with '…' where it was cut."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[:limit - 1].rstrip() + "…"


class BriefingDock(QDockWidget):
    """Writes the project's briefing; ``passageActivated`` opens a cited passage."""

    passageActivated = Signal(str)
    citeRefused = Signal(str)  # why nothing was cited

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__("Briefing", parent)
        self.setObjectName("briefingDock")
        self.session = session
        # The passage the window has selected (the reader's, or the review queue's).
        self.current_passage: Callable[[], str | None] = lambda: None
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.title = QLineEdit(body)
        self.title.setObjectName("briefTitle")
        self.title.setPlaceholderText("Briefing title")
        self.title.setAccessibleName("Briefing title")
        self.title.editingFinished.connect(self._title_done)
        self.bluf = RichField("briefBluf", "Bottom line up front: the few sentences a "
                              "reader must take away", body)
        self.bluf.committed.connect(lambda text: self._apply(set_bluf(self.store, text)))
        layout.addWidget(_heading("Title", body))
        layout.addWidget(self.title)
        layout.addWidget(_heading("Bottom line up front", body))
        layout.addWidget(self.bluf)
        layout.addWidget(_heading("Key judgements", body))
        layout.addWidget(self._judgement_list(body))
        self.judgement = RichField("briefJudgement", "The selected judgement", body)
        self.judgement.committed.connect(self._judgement_done)
        layout.addWidget(self.judgement)
        layout.addWidget(QLabel("Cited passages (double-click to open):", body))
        self.cites = QListWidget(body)
        self.cites.setObjectName("briefCites")
        self.cites.setAccessibleName("Passages the judgement cites")
        self.cites.setWordWrap(True)
        self.cites.itemActivated.connect(
            lambda item: self.passageActivated.emit(item.data(Qt.ItemDataRole.UserRole)))
        layout.addWidget(self.cites)
        layout.addLayout(self._cite_buttons(body))
        layout.addWidget(_heading("Section comments", body))
        self.section = QComboBox(body)
        self.section.setObjectName("briefSection")
        self.section.setAccessibleName("Section to comment on")
        self.section.currentIndexChanged.connect(lambda _n: self._show_comment())
        layout.addWidget(self.section)
        self.comment = RichField("briefComment", "What opens this section", body)
        self.comment.committed.connect(self._comment_done)
        layout.addWidget(self.comment)
        scroll = QScrollArea(self)
        scroll.setObjectName("briefScroll")
        scroll.setAccessibleName("Briefing writer")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a frame, not a Tab stop: its fields are
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        self.setWidget(scroll)
        # Wide enough for every button of the writer (Add, Up, Down, Remove, Remove
        # Citation) without a horizontal scroll bar.
        self.setMinimumWidth(body.minimumSizeHint().width()
                             + scroll.verticalScrollBar().sizeHint().width() + 8)
        self.draft = BriefDraft()
        self._stale = False
        session.changed.connect(self._on_changes)
        self.reload()

    @property
    def store(self) -> Store:
        return self.session.store

    def _judgement_list(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.judgements = QListWidget(box)
        self.judgements.setObjectName("briefJudgements")
        self.judgements.setAccessibleName("Key judgements")
        self.judgements.setWordWrap(True)
        self.judgements.currentRowChanged.connect(lambda _row: self._show_judgement())
        row.addWidget(self.judgements, 1)
        buttons = QVBoxLayout()
        for text, name, slot in (("&Add", "addJudgement", self.add_judgement),
                                 ("Up", "judgementUp", lambda: self._move(-1)),
                                 ("Down", "judgementDown", lambda: self._move(1)),
                                 ("Remove", "removeJudgement", self._remove)):
            button = QPushButton(text, box)
            button.setObjectName(name)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row.addLayout(buttons)
        return box

    def _cite_buttons(self, parent: QWidget) -> QHBoxLayout:
        row = QHBoxLayout()
        self.cite_button = QPushButton("&Cite Current Passage (Ctrl+Shift+J)", parent)
        self.cite_button.setObjectName("citePassage")
        self.cite_button.clicked.connect(self.cite_current)
        self.uncite_button = QPushButton("Remove Citation", parent)
        self.uncite_button.setObjectName("removeCitation")
        self.uncite_button.clicked.connect(self._uncite)
        row.addWidget(self.cite_button)
        row.addWidget(self.uncite_button)
        row.addStretch(1)
        return row

    # -- showing ---------------------------------------------------------------------

    def set_session(self, session: ProjectSession) -> None:
        self.session.changed.disconnect(self._on_changes)
        self.session = session
        session.changed.connect(self._on_changes)
        self.reload()

    def _on_changes(self, changes: Changes) -> None:
        """Show what changed: at once when the writer is shown, else when it next is
        (a tag elsewhere costs nothing here unless a judgement cites that passage)."""
        cited = {c for j in self.draft.judgements for c in j.cited}
        if not (changes.brief or changes.tags or changes.actors
                or changes.annotations & cited):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self.reload()
        super().showEvent(event)

    def reload(self) -> None:
        """Show what the project holds (fields being typed in keep their text)."""
        self._stale = False
        self.draft = read_draft(self.store)
        if not self.title.hasFocus():
            self.title.setText(self.draft.title)
        self.bluf.set_markdown(self.draft.bluf)
        chosen = self._chosen_judgement()
        self.judgements.blockSignals(True)
        self.judgements.clear()
        for n, judgement in enumerate(self.draft.judgements, 1):
            first = judgement.text.strip().splitlines()[0] if judgement.text.strip() else ""
            item = QListWidgetItem(f"{n}. {first}  ({len(judgement.cited)} cited)")
            item.setData(Qt.ItemDataRole.UserRole, judgement.id)
            self.judgements.addItem(item)
            if judgement.id == chosen:
                self.judgements.setCurrentItem(item)
        if self.judgements.currentRow() < 0 and self.judgements.count():
            self.judgements.setCurrentRow(0)
        self.judgements.blockSignals(False)
        self._show_judgement()
        key = self.section.currentData()
        self.section.blockSignals(True)
        self.section.clear()
        for section in sections(self.store):
            written = " ✎" if section.key in self.draft.comments else ""
            self.section.addItem(f"{section.name}{written}", section.key)
        self.section.setCurrentIndex(max(0, self.section.findData(key)))
        self.section.blockSignals(False)
        self._show_comment()

    def _chosen_judgement(self) -> str | None:
        item = self.judgements.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _show_judgement(self) -> None:
        chosen = self._chosen_judgement()
        judgement = next((j for j in self.draft.judgements if j.id == chosen), None)
        self.judgement.setEnabled(judgement is not None)
        self.judgement.set_markdown(judgement.text if judgement else "")
        self.cites.clear()
        numbers = self.draft.citations()
        for passage_id in judgement.cited if judgement else []:
            try:
                passage = self.store.annotations.get(passage_id)
                title = self.store.documents.get(passage.document_id).title
                text = f"[{numbers[passage_id]}] “{shortened(passage.exact, 90)}” — {title}"
            except WorkbenchError:
                text = f"[{numbers[passage_id]}] (a passage no longer in the project)"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, passage_id)
            self.cites.addItem(item)

    def _show_comment(self) -> None:
        key = self.section.currentData()
        self.comment.setEnabled(key is not None)
        self.comment.set_markdown(self.draft.comments.get(str(key), "") if key else "")

    # -- writing ---------------------------------------------------------------------

    def _apply(self, edit: Edit | None) -> bool:
        return edit is not None and self.session.apply(edit)

    def _title_done(self) -> None:
        self._apply(set_title(self.store, self.title.text()))

    def _judgement_done(self, text: str) -> None:
        chosen = self._chosen_judgement()
        if chosen is not None and text.strip():
            self._apply(change_judgement(self.store, chosen, text=text))

    def _comment_done(self, text: str) -> None:
        key = self.section.currentData()
        found = next((s for s in sections(self.store) if s.key == key), None)
        if found is not None:
            self._apply(set_comment(self.store, found, text))

    def add_judgement(self) -> None:
        """A new judgement at the end, selected, its text ready to be typed over."""
        edit, part = add_judgement(self.store, NEW_JUDGEMENT)
        if self._apply(edit):
            for row in range(self.judgements.count()):
                if self.judgements.item(row).data(Qt.ItemDataRole.UserRole) == part.id:
                    self.judgements.setCurrentRow(row)
            self.judgement.editor.setFocus()
            self.judgement.editor.selectAll()

    def _move(self, steps: int) -> None:
        chosen = self._chosen_judgement()
        if chosen is not None:
            self._apply(move_judgement(self.store, chosen, steps))

    def _remove(self) -> None:
        chosen = self._chosen_judgement()
        if chosen is not None:
            self._apply(remove_judgement(chosen))

    def cite_current(self) -> bool:
        """Cite the window's current passage in the selected judgement (in a new one when
        none is selected); False when there is no passage to cite or it is cited already."""
        passage_id = self.current_passage()
        if not passage_id:
            self.citeRefused.emit("Select a passage (in the reader or the review queue), "
                                  "then cite it.")
            return False
        chosen = self._chosen_judgement()
        if chosen is None:
            edit, _ = add_judgement(self.store, NEW_JUDGEMENT, [passage_id])
            return self._apply(edit)
        judgement = next(j for j in self.draft.judgements if j.id == chosen)
        if passage_id in judgement.cited:
            return False
        return self._apply(change_judgement(self.store, chosen,
                                            cites=[*judgement.cited, passage_id]))

    def _uncite(self) -> None:
        chosen, item = self._chosen_judgement(), self.cites.currentItem()
        if chosen is None or item is None:
            return
        judgement = next(j for j in self.draft.judgements if j.id == chosen)
        gone = item.data(Qt.ItemDataRole.UserRole)
        self._apply(change_judgement(self.store, chosen,
                                     cites=[c for c in judgement.cited if c != gone]))
