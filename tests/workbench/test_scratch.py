"""Temporary copies left by a killed merge, copy or restore go at the next start."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from workbench.samples import build_demo, open_project
from workbench.scratch import PREFIX, scratch_folder


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_what_a_killed_process_left_is_removed_when_a_project_opens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system_temp = tmp_path / "tmp"
    system_temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system_temp))
    project = tmp_path / "p.wbproj"
    build_demo(project).close()
    dead, alive = _dead_pid(), subprocess.Popen([sys.executable, "-c", "input()"],
                                                stdin=subprocess.PIPE)
    try:
        left = system_temp / f"{PREFIX}{dead}-abc"
        left.mkdir()
        (left / "source.wbproj").write_bytes(bytes(13 * 1024))
        running = system_temp / f"{PREFIX}{alive.pid}-def"
        running.mkdir()
        part = tmp_path / f".p.wbproj.{dead}-0a1b2c.part"
        restoring = tmp_path / f".p.wbproj.{dead}-3d4e5f.restoring"
        theirs = tmp_path / f".p.wbproj.{alive.pid}-3d4e5f.restoring"
        someone_elses = tmp_path / ".p.wbproj.notes.part"
        for path in (part, restoring, theirs, someone_elses):
            path.write_bytes(b"x")
        open_project(project, analyst="tester").close()
        assert not left.exists()
        assert not part.exists()
        assert not restoring.exists()
        assert running.exists()  # a merge still running elsewhere keeps its copy
        assert theirs.exists()
        assert someone_elses.exists()  # not a name we give: never ours to delete
    finally:
        alive.kill()
        alive.communicate()


def test_a_scratch_folder_is_named_for_its_process_and_removed_after() -> None:
    with scratch_folder() as folder:
        assert folder.name.startswith(f"{PREFIX}{os.getpid()}-")
        (folder / "copy.wbproj").write_bytes(b"x")
    assert not folder.exists()
