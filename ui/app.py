"""Starting the application: Qt set-up, palette, the analyst's name, the project."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QInputDialog

from ui import settings
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.paths import default_analyst
from workbench.samples import open_project


def dark_palette() -> QPalette:
    """A dark palette for Fusion, used when the system asks for dark."""
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#1f2125", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#16181b", QPalette.ColorRole.AlternateBase: "#25282d",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#2a2d32",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d6fb6",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#2a2d32",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8a8f98",
        QPalette.ColorRole.Mid: "#8a8f98", QPalette.ColorRole.Link: "#6aa4ff",
    }
    for role, color in roles.items():
        palette.setColor(role, QColor(color))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text,
                 QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7079"))
    return palette


def apply_palette(app: QApplication, dark: bool | None = None) -> None:
    """Fusion style, light or dark as the system says (or as asked)."""
    app.setStyle("Fusion")
    if dark is None:
        dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    app.setPalette(dark_palette() if dark else app.style().standardPalette())


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once, with our names and palette."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv)
    app.setOrganizationName(settings.ORGANIZATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName("Annotation Workbench")
    apply_palette(app)
    QGuiApplication.styleHints().colorSchemeChanged.connect(lambda _: apply_palette(app))
    return app


def ask_analyst() -> str:
    """The analyst's name: asked once, on first start, then remembered."""
    name = settings.ANALYST.get()
    if name:
        return name
    name, ok = QInputDialog.getText(
        None, "Welcome to Annotation Workbench",
        "Your name, as it will appear on your annotations:", text=default_analyst())
    name = name.strip() if ok and name.strip() else default_analyst()
    settings.ANALYST.set(name)
    return name


def build_window(project: Path | None) -> MainWindow:
    """Open the project (the default one when None) in a new main window."""
    store = open_project(project, analyst=ask_analyst(), create=project is not None)
    return MainWindow(ProjectSession(store))


def main(project: Path | None = None) -> int:
    """Run the application until its window closes."""
    app = application()
    window = build_window(project)
    window.show()
    code = app.exec()
    window.session.close()
    return code
