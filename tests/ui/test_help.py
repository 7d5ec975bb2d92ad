"""Help: the keyboard shortcuts sheet (F1, Ctrl+/) and About."""

from __future__ import annotations

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
