"""The window's Help actions: Keyboard Shortcuts (F1, Ctrl+/) and About."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from ui.actions import ActionId, does
from ui.help.about import show_about
from ui.help.shortcuts_dialog import ShortcutsDialog


class HelpActions:
    """Help for one main window."""

    def __init__(self, parent: QWidget) -> None:
        self.parent_widget = parent
        self.shortcuts: ShortcutsDialog | None = None
        self.about: QMessageBox | None = None

    @does(ActionId.SHORTCUTS)
    def show_shortcuts(self) -> ShortcutsDialog:
        """Every key, searchable (not modal: kept open beside the work)."""
        if self.shortcuts is None:
            self.shortcuts = ShortcutsDialog(self.parent_widget)
        self.shortcuts.show()
        self.shortcuts.raise_()
        self.shortcuts.activateWindow()
        self.shortcuts.search.setFocus()
        return self.shortcuts

    @does(ActionId.ABOUT)
    def show_about(self) -> QMessageBox:
        """Version, Python, Qt and the dependencies' licences."""
        self.about = show_about(self.parent_widget)
        return self.about
