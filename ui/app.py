"""Starting the application: Qt set-up, palette, the analyst's name, the project."""

from __future__ import annotations

import contextlib
import gc
import signal
import sys
from enum import Enum
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QMessageBox

from ui import settings
from ui.crash_guard import CrashGuard
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.errors import ProjectDamaged, WorkbenchError
from workbench.identity import Identity, has_saved_name, read_identity, save_identity
from workbench.model import Role
from workbench.paths import default_analyst, default_project_path
from workbench.project.backups import Backup, edits_since, latest_sound_backup, restore_backup
from workbench.samples import open_project
from workbench.store import Store


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
    known = read_identity()
    if has_saved_name():
        return known.name
    legacy = settings.LEGACY_ANALYST.get().strip()
    if legacy:  # chosen in the window before the identity was shared: kept, not asked
        role = settings.LEGACY_ROLE.get()
        with contextlib.suppress(WorkbenchError, ValueError):
            save_identity(Identity(legacy, Role(role) if role in {r.value for r in Role}
                                   else known.role))
        return legacy
    name, ok = QInputDialog.getText(
        None, "Welcome to Annotation Workbench",
        "Your name, as it will appear on your annotations:", text=default_analyst())
    name = name.strip() if ok and name.strip() else default_analyst()
    with contextlib.suppress(WorkbenchError):  # not kept: asked again next time
        save_identity(Identity(name, known.role))
    return name


class Recovery(Enum):
    """What the user chose when the project could not be opened at start."""

    RESTORE = "restore"
    OTHER = "other"
    QUIT = "quit"


def _lost(project: Path, backup: Backup) -> str:
    lost = edits_since(project, backup.taken_at)
    return "" if not lost else f"; restoring it loses the {lost:,} edit(s) made after it"


def ask_recovery(message: str, backup: Backup | None, path: Path) -> Recovery:
    """Say why the project did not open; offer its latest good backup or another project."""
    box = QMessageBox(QMessageBox.Icon.Critical, "Annotation Workbench", message)
    box.setObjectName("startupProblem")
    box.setInformativeText("Nothing was changed in the file." + (
        f" Its latest good backup is from {backup.describe()}{_lost(path, backup)}."
        if backup else ""))
    restore = box.addButton("Restore Latest Backup", QMessageBox.ButtonRole.AcceptRole) \
        if backup else None
    other = box.addButton("Open Another Project…", QMessageBox.ButtonRole.ActionRole)
    box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return Recovery.RESTORE
    return Recovery.OTHER if clicked is other else Recovery.QUIT


def open_at_start(project: Path | None, analyst: str) -> Store | None:
    """The project to show; when it cannot be opened, the user's way out (or None to quit)."""
    target, create = project, project is not None
    while True:
        try:
            return open_project(target, analyst=analyst, create=create)
        except WorkbenchError as exc:
            path = target or default_project_path()
            sys.stderr.write(f"Error: {exc}\n")
            backup = latest_sound_backup(path) if isinstance(exc, ProjectDamaged) else None
            choice = ask_recovery(str(exc), backup, path)
        if choice is Recovery.RESTORE and backup is not None:
            try:
                restore_backup(backup.path, path)
            except WorkbenchError as exc:  # said, and the choice offered again
                QMessageBox.warning(None, "Restore Latest Backup", str(exc))
            target, create = path, False
        elif choice is Recovery.OTHER:
            chosen, _ = QFileDialog.getOpenFileName(None, "Open project", "",
                                                    "Projects (*.wbproj)")
            if not chosen:
                return None
            target, create = Path(chosen), False
        else:
            return None


def build_window(project: Path | None) -> MainWindow | None:
    """Open the project (the default one when None) in a new main window."""
    store = open_at_start(project, ask_analyst())
    return MainWindow(ProjectSession(store)) if store is not None else None


def hold_terminate() -> list[int]:
    """Until the window is up, a SIGTERM is noted (not fatal): the window then closes
    as soon as it exists, as if asked.  The list it returns fills with the signal."""
    held: list[int] = []
    signal.signal(signal.SIGTERM, lambda number, _frame: held.append(number))
    return held


def close_on_terminate(window: MainWindow, held: list[int] | None = None) -> None:
    """On SIGTERM (a logout, a shutdown) close the window as if asked: layout saved,
    the project's log copied into its file (at once, if one came while it opened)."""
    signal.signal(signal.SIGTERM, lambda *_: window.close())
    if held:
        QTimer.singleShot(0, window.close)
    # Python runs signal handlers between bytecodes: give it some while Qt waits.
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: None)
    ticker.start(500)


def settle_heap() -> None:
    """Put everything built at start-up out of the garbage collector's way.

    The window's widgets, the Qt bindings and the imported modules live as long
    as the process; frozen, the collector no longer walks them each time it runs,
    which otherwise adds a few milliseconds to whichever keystroke it lands on.
    """
    gc.collect()
    gc.freeze()


def main(project: Path | None = None) -> int:
    """Run the application until its window closes; unexpected errors never end it."""
    app = application()
    held = hold_terminate()
    window = build_window(project)
    if window is None:
        return 1
    guard = CrashGuard(lambda: window)
    guard.install()
    close_on_terminate(window, held)
    window.show()
    settle_heap()
    code = app.exec()
    window.session.close()
    guard.uninstall()
    return code
