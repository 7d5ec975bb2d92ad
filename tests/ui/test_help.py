"""Help: the keyboard shortcuts sheet (F1, Ctrl+/) and About."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from pytestqt.qtbot import QtBot

from ui.actions import ActionId
from ui.help.about import about_text, dependency_licences
from ui.help.shortcuts_dialog import shortcut_rows
from ui.main_window import MainWindow


def test_f1_and_ctrl_slash_open_a_searchable_sheet_of_every_key(
        qtbot: QtBot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_F1)
    sheet = window.help.shortcuts
    assert sheet is not None
    assert sheet.isVisible()
    qtbot.waitUntil(sheet.search.hasFocus)  # type to search at once
    rows = shortcut_rows()
    # Built from the declared actions: every action with a key is on the sheet.
    keyed = [a for a in ActionId if a.spec.shortcut and not QKeySequence(a.spec.shortcut).isEmpty()]
    assert len([r for r in rows if r[0] == "Menus"]) == len(keyed)
    assert any(r[1] == "F1 or Ctrl+/" for r in rows)
    assert any(r[0] == "Review queue" and r[1] == "J / K" for r in rows)
    qtbot.keyClicks(sheet.search, "reject")
    shown = [r for r in range(sheet.table.rowCount()) if not sheet.table.isRowHidden(r)]
    assert [sheet.table.item(r, 1).text() for r in shown] == ["R"]
    sheet.close()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    assert sheet.isVisible()


def test_about_names_the_versions_and_every_libraries_licence(window: MainWindow) -> None:
    window.actions_by_id[ActionId.ABOUT].trigger()
    box = window.help.about
    assert box is not None
    assert box.isVisible()
    names = {name.casefold() for name, _v, _l in dependency_licences()}
    assert {"python-docx", "sqlite-utils", "click"} <= names
    assert all(licence for _n, _v, licence in dependency_licences())
    assert not any("AGPL" in licence for _n, _v, licence in dependency_licences())
    assert "Python 3." in about_text()
    assert "Qt 6." in about_text()


def test_diagnostics_hold_versions_settings_and_errors_but_no_names(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import json
    import zipfile

    from PySide6.QtWidgets import QMessageBox

    from ui import settings
    from ui.crash_guard import write_log

    settings.RECENT_PROJECTS.set(["/home/ana/secret-project.wbproj"])
    write_log("Traceback: something went wrong")
    monkeypatch.setattr(QMessageBox, "information", lambda *_a, **_k: None)
    out = tmp_path / "out"
    out.mkdir()
    saved = window.help.save_diagnostics(out / "diag.zip")
    assert saved is not None
    with zipfile.ZipFile(saved) as archive:
        names = set(archive.namelist())
        about = json.loads(archive.read("about.json"))
        kept = archive.read("settings.json").decode()
        errors = archive.read("last-errors.log").decode()
    assert names == {"about.json", "settings.json", "last-errors.log"}
    assert about["workbench"]
    assert "python-docx" in about["libraries"]
    assert "secret-project" not in kept
    assert "something went wrong" in errors
    assert list(out.iterdir()) == [saved]  # nothing left beside it


def test_the_user_guide_shows_the_readmes_using_sections(window: MainWindow) -> None:
    window.actions_by_id[ActionId.USER_GUIDE].trigger()
    guide = window.help.guide
    assert guide is not None
    assert guide.isVisible()
    text = guide.text.toPlainText()
    assert "Working in the window" in text
    assert "Team work" in text
    assert "How the code is laid out" not in text  # for developers, not here


def test_diagnostics_that_cannot_be_written_leave_nothing_behind(
        window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    import ui.help.diagnostics as diagnostics

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))

    def fails(*_a: object, **_k: object) -> dict[str, object]:
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(diagnostics, "settings_without_names", fails)
    out = tmp_path / "out"
    out.mkdir()
    assert window.help.save_diagnostics(out / "diag.zip") is None
    assert list(out.iterdir()) == []
    assert "No space left on device" in warned[0]
