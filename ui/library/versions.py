"""Asking how to bring in a file that looks like a new version of a document.

An imported text with a document's title and at least 80% of its words is held
back (``Outcome.HELD``) until the user says: a new version (its passages carried
over onto it) or a document of its own.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from workbench.library.bringing_in import AsVersion, ImportResult


def ask_how(parent: QWidget, result: ImportResult) -> AsVersion | None:
    """New version, separate document, or (None) not at all."""
    candidate = result.candidate
    if candidate is None:
        return AsVersion()
    name = result.path.name or "The pasted article"
    box = QMessageBox(QMessageBox.Icon.Question, "Import", f"{name} {result.message}.",
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("askNewVersion")
    box.setInformativeText(
        f"Import it as a new version of “{candidate.title}” (its passages are carried over "
        "onto the new text and the old version stays readable), or as a separate document?")
    version = box.addButton("Import as New &Version", QMessageBox.ButtonRole.AcceptRole)
    separate = box.addButton("Import as &Separate Document", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(version)
    box.exec()
    clicked = box.clickedButton()
    if clicked is version:
        return AsVersion(of=candidate.id)
    if clicked is separate:
        return AsVersion(separate=True)
    return None
