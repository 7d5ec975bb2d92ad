"""Window test set-up: settings in a temporary folder, a project with the sample."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from tests.corpus import sample_project
from tests.ui.helpers import window_on
from ui import settings
from ui.main_window import MainWindow
from workbench.identity import Identity, save_identity
from workbench.model import Role
from workbench.samples import build_demo
from workbench.store import Store


@pytest.fixture(autouse=True)
def _qt_settings(tmp_path: Path, qapp: object) -> None:
    """QSettings go to a temporary folder; the analyst is already known."""
    QCoreApplication.setOrganizationName(settings.ORGANIZATION)
    QCoreApplication.setApplicationName("Annotation Workbench Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "settings"))
    QSettings().clear()
    save_identity(Identity("Tess Tester", Role.ANALYST))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return sample_project(tmp_path / "ui.wbproj", "Tess Tester")


@pytest.fixture
def window(qtbot: QtBot, project: Path) -> Iterator[MainWindow]:
    yield from window_on(qtbot, Store.open(project, analyst="Tess Tester"))


@pytest.fixture
def demo_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The window on the demo project (two documents, six passages)."""
    settings.EXPORT_FOLDER.set(str(tmp_path / "out"))
    yield from window_on(qtbot, build_demo(tmp_path / "demo.wbproj"))
