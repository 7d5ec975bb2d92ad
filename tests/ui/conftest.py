"""Window test set-up: settings in a temporary folder, a project with the sample."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from pytestqt.qtbot import QtBot

from ui import settings
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.samples import build_demo, seed_sample
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
    settings.ANALYST.set("Tess Tester")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "ui.wbproj"
    store = Store.open(path, create=True, analyst="Tess Tester")
    seed_sample(store)
    store.close()
    return path


@pytest.fixture
def window(qtbot: QtBot, project: Path) -> Iterator[MainWindow]:
    store = Store.open(project, analyst="Tess Tester")
    main = MainWindow(ProjectSession(store))
    qtbot.addWidget(main)
    main.resize(1300, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.close()
    main.session.close()


@pytest.fixture
def demo_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    """The window on the demo project (two documents, six passages)."""
    store = build_demo(tmp_path / "demo.wbproj")
    main = MainWindow(ProjectSession(store))
    qtbot.addWidget(main)
    main.resize(1300, 800)
    main.show()
    qtbot.waitExposed(main)
    settings.EXPORT_FOLDER.set(str(tmp_path / "out"))
    yield main
    if main.export_dialog is not None:
        main.export_dialog.close()
    main.close()
    main.session.close()
