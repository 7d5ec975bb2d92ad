"""A document's details: title, outlet, author, publication date, web address, language.

What the briefing's source lines and sources annex print.  Saving is one
undoable edit; nothing is written when nothing changed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from ui.session import ProjectSession
from workbench.errors import WorkbenchError
from workbench.library.details import details_edit

FIELDS = [("title", "&Title:", ""), ("source", "&Outlet:", "e.g. Reuters, TASS, Kyiv Independent"),
          ("author", "&Author:", ""), ("published", "&Published:", "YYYY-MM-DD"),
          ("url", "&Web address:", "https://…"), ("language", "&Language:", "e.g. en, ru, uk")]


class DetailsDialog(QDialog):
    """Edit one document's details (not modal: the article stays readable beside it)."""

    saved = Signal(str)  # document id

    def __init__(self, session: ProjectSession, document_id: str,
                 parent: QWidget | None = None, *, intro: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("detailsDialog")
        self.setWindowTitle("Document Details")
        self.session = session
        self.document_id = document_id
        document = session.store.documents.get(document_id)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        if intro:
            note = QLabel(intro, self)
            note.setWordWrap(True)
            form.addRow(note)
        for name, label, hint in FIELDS:
            edit = QLineEdit(str(getattr(document, name)), self)
            edit.setObjectName(f"details_{name}")
            edit.setPlaceholderText(hint)
            form.addRow(label, edit)
            self.fields[name] = edit
        self.message = QLabel(self)
        form.addRow(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(560, self.sizeHint().height())

    def save(self) -> bool:
        """Store what changed as one undoable edit; say why when it cannot be."""
        document = self.session.store.documents.get(self.document_id)
        try:
            edit = details_edit(document, {n: e.text() for n, e in self.fields.items()})
        except WorkbenchError as refused:
            self.message.setText(str(refused))
            return False
        if edit is not None and not self.session.apply(edit):
            return False  # the window said why; what was typed stays
        self.saved.emit(self.document_id)
        self.accept()
        return True
