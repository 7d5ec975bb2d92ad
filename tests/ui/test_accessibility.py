"""Every interactive control of the window and its dialogs has a name for screen readers."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from tests.ui.accessibility import unnamed_controls
from ui.main_window import MainWindow


def test_every_control_of_the_main_window_is_named(qtbot: QtBot,
                                                   demo_window: MainWindow) -> None:
    window = demo_window
    window.review.show_queue()
    window.briefing.dock.show()
    window.search_dock.show()
    assert unnamed_controls(window) == []


def test_every_control_of_the_dialogs_the_menus_open_is_named(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    from ui.actions import ActionId

    window = demo_window
    opened = []
    for action_id in (ActionId.SHORTCUTS, ActionId.TAGS_ACTORS, ActionId.DOCUMENT_HISTORY,
                      ActionId.CONFLICTS, ActionId.ORPHANS, ActionId.EXPORT_DATA):
        before = set(window.findChildren(QDialog))
        window.actions_by_id[action_id].trigger()
        qtbot.wait(10)
        new = [d for d in window.findChildren(QDialog) if d not in before and d.isVisible()]
        opened += new
        for dialog in new:
            assert unnamed_controls(dialog) == [], f"{action_id.name}: {dialog.objectName()}"
            dialog.close()
    assert len(opened) >= 5
