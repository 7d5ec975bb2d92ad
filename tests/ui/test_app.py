"""Starting the application: the default project, the sample, the analyst's name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QInputDialog
from pytestqt.qtbot import QtBot

from ui import settings
from ui.app import build_window
from workbench.identity import identity_path, read_identity


def test_first_start_asks_the_name_and_opens_the_seeded_default_project(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_PROJECT", str(tmp_path / "data" / "default.wbproj"))
    identity_path().unlink()  # a first start: no name chosen yet
    asked: list[str] = []

    def answer(*_args: object, **_kwargs: object) -> tuple[str, bool]:
        asked.append("name")
        return "Ana Lyst", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    window = build_window(None)
    qtbot.addWidget(window)
    window.show()
    assert asked == ["name"]
    assert read_identity().name == "Ana Lyst"  # kept for the command line too
    assert window.session.store.analyst == "Ana Lyst"
    assert (tmp_path / "data" / "default.wbproj").exists()
    assert window.reader.document is not None
    assert window.reader.document.title == "Black Sea Grain Talks Stall Over Inspection Regime"
    assert "default" in window.windowTitle()
    window.close()
    window.session.close()
    again = build_window(None)  # second start: no question, no second sample
    qtbot.addWidget(again)
    assert asked == ["name"]
    assert len(again.session.store.documents.ids()) == 1
    again.close()
    again.session.close()


def test_a_refused_project_leaves_the_window_on_the_current_one(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setenv("WORKBENCH_PROJECT", str(tmp_path / "default.wbproj"))
    window = build_window(None)
    qtbot.addWidget(window)
    foreign = tmp_path / "notes.wbproj"
    foreign.write_text("not a project")
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _p, _t, text: warnings.append(text))
    current = window.session
    window.project_files.switch_project(foreign)
    assert window.session is current
    assert "not a Workbench project" in warnings[0]
    assert foreign.read_text() == "not a project"
    window.close()
    window.session.close()


def test_the_command_line_opens_the_window_when_given_no_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from click.testing import CliRunner

    import ui.app
    from workbench.cli import cli

    opened: list[object] = []
    monkeypatch.setattr(ui.app, "main", lambda project: opened.append(project) or 0)
    assert CliRunner().invoke(cli, []).exit_code == 0
    target = tmp_path / "p.wbproj"
    assert CliRunner().invoke(cli, ["-p", str(target), "gui"]).exit_code == 0
    assert opened == [None, target]


def test_a_terminate_signal_closes_the_window_and_leaves_one_complete_file(
        tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    config = tmp_path / "config" / settings.ORGANIZATION
    config.mkdir(parents=True)
    (config / f"{settings.APPLICATION}.conf").write_text("[user]\nanalyst=Tess\n",
                                                         encoding="utf-8")
    project = tmp_path / "desk.wbproj"
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"),
           "XDG_DATA_HOME": str(tmp_path / "data"), "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": str(root)}
    app = subprocess.Popen([sys.executable, "-m", "workbench", "-p", str(project)], cwd=root,
                           env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not project.with_name("desk.wbproj-wal").exists() and app.poll() is None:
        time.sleep(0.05)  # the project is open: a signal from now on closes the window
    app.send_signal(signal.SIGTERM)
    assert app.wait(timeout=30) == 0
    assert not project.with_name("desk.wbproj-wal").exists()  # all in the file itself
    assert (config / f"{settings.APPLICATION}.conf").read_text(encoding="utf-8") \
        .count("windowGeometry") == 1  # closed as if asked: its layout was saved


def test_a_name_chosen_before_the_identity_was_shared_is_kept_not_asked(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKBENCH_PROJECT", str(tmp_path / "data" / "default.wbproj"))
    identity_path().unlink()
    settings.LEGACY_ANALYST.set("Old Hand")
    settings.LEGACY_ROLE.set("supervisor")
    monkeypatch.setattr(QInputDialog, "getText", lambda *_a, **_k: pytest.fail("asked"))
    window = build_window(None)
    qtbot.addWidget(window)
    assert window.session.store.analyst == "Old Hand"
    assert read_identity().describe() == "Old Hand (supervisor)"  # the command line's too
