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
from workbench.edits import ChangeRecord
from workbench.importers.article import iso_date
from workbench.model import Document

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
        document = session.store.get(Document, document_id)
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

    def values(self) -> dict[str, str]:
        """What changed, cleaned: a date in ISO form when it clearly is one."""
        document = self.session.store.get(Document, self.document_id)
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        if values["published"]:
            values["published"] = iso_date(values["published"])
        return {k: v for k, v in values.items() if v != getattr(document, k)}

    def save(self) -> bool:
        values = self.values()
        if "title" in values and not values["title"]:
            self.message.setText("A document needs a title.")
            return False
        if values and not self.session.apply(
                ChangeRecord(Document, self.document_id, values, label="Change details")):
            return False  # the window said why; what was typed stays
        self.saved.emit(self.document_id)
        self.accept()
        return True
