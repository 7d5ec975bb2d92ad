"""Preferences: the name stamped on your work, and your role (analyst or supervisor)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)

from workbench.errors import WorkbenchError
from workbench.identity import Identity, read_identity, save_identity
from workbench.model import Role


def current_role() -> Role:
    """The role in the preferences: the one the command line stamps too."""
    return read_identity().role


class PreferencesDialog(QDialog):
    """Name and role; saved when accepted."""

    def __init__(self, name: str, role: Role, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.name = QLineEdit(name, self)
        self.name.setObjectName("preferencesName")
        self.role = QComboBox(self)
        self.role.setObjectName("preferencesRole")
        self.role.addItem("Analyst — tags passages and submits them", Role.ANALYST.value)
        self.role.addItem("Supervisor — accepts, rejects, sends back", Role.SUPERVISOR.value)
        self.role.setCurrentIndex(self.role.findData(role.value))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Your name:", self.name)
        form.addRow("&Role:", self.role)
        note = QLabel("Both are recorded on every edit and verdict you make.", self)
        note.setWordWrap(True)
        form.addRow(note)
        form.addRow(buttons)

    def chosen(self) -> tuple[str, Role]:
        return self.name.text().strip(), Role(self.role.currentData())

    def _accept(self) -> None:
        name, role = self.chosen()
        if not name:
            self.name.setPlaceholderText("A name is needed")
            return
        try:
            save_identity(Identity(name, role))
        except WorkbenchError as exc:
            QMessageBox.warning(self, "Preferences", str(exc))
            return
        self.accept()
