"""The window's Help actions: Keyboard Shortcuts (F1, Ctrl+/), Save Diagnostics, About."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ui.actions import ActionId, does
from ui.help.about import show_about
from ui.help.diagnostics import save_diagnostics
from ui.help.guide import GuideDialog
from ui.help.shortcuts_dialog import ShortcutsDialog


class HelpActions:
    """Help for one main window."""

    def __init__(self, parent: QWidget) -> None:
        self.parent_widget = parent
        self.shortcuts: ShortcutsDialog | None = None
        self.about: QMessageBox | None = None
        self.guide: GuideDialog | None = None

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

    @does(ActionId.USER_GUIDE)
    def show_guide(self) -> GuideDialog:
        """How to use the program, in the window (not modal)."""
        if self.guide is None:
            self.guide = GuideDialog(self.parent_widget)
        self.guide.show()
        self.guide.raise_()
        return self.guide

    @does(ActionId.SAVE_DIAGNOSTICS)
    def save_diagnostics(self, target: Path | None = None) -> Path | None:
        """A zip to send with a problem report: version, platform, settings without
        names, the last errors."""
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self.parent_widget, "Save Diagnostics", "workbench-diagnostics.zip",
                "Zip archives (*.zip)")
            if not chosen:
                return None
            target = Path(chosen)
        try:  # (the save dialog asked before replacing a file of that name)
            saved = save_diagnostics(target)
        except OSError as exc:
            QMessageBox.warning(self.parent_widget, "Save Diagnostics",
                                f"{target} could not be written ({exc.strerror or exc}).")
            return None
        QMessageBox.information(self.parent_widget, "Save Diagnostics",
                                f"Saved {saved.name}: the version, the platform, settings "
                                "without names or paths, and the last errors. No project "
                                "data is in it.")
        return saved

    @does(ActionId.ABOUT)
    def show_about(self) -> QMessageBox:
        """Version, Python, Qt and the dependencies' licences."""
        self.about = show_about(self.parent_widget)
        return self.about
