"""Partial copies left by a killed copy, backup or restore go when a project opens
in their folder, or when the next copy is written there."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.workbench.helpers import run_cli
from workbench.samples import build_demo, open_project


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_what_a_killed_process_left_is_removed_and_nothing_else(tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    build_demo(project).close()
    dead = _dead_pid()
    alive = subprocess.Popen([sys.executable, "-c", "input()"], stdin=subprocess.PIPE)
    try:
        part = tmp_path / f".p.wbproj.{dead}-0a1b2c3d4e5f.part"
        restoring = tmp_path / f".p.wbproj.{dead}-3d4e5f6a7b8c.restoring"
        theirs = tmp_path / f".p.wbproj.{alive.pid}-3d4e5f6a7b8c.restoring"
        someone_elses = tmp_path / ".p.wbproj.notes.part"
        for path in (part, restoring, theirs, someone_elses):
            path.write_bytes(bytes(13 * 1024))
        open_project(project, analyst="tester").close()
        assert not part.exists()
        assert not restoring.exists()
        assert theirs.exists()  # a copy still being written elsewhere keeps its file
        assert someone_elses.exists()  # not a name we give: never ours to delete
    finally:
        alive.kill()
        alive.communicate()


def test_a_killed_copy_is_cleared_by_the_next_copy_into_its_folder(tmp_path: Path) -> None:
    project = tmp_path / "p.wbproj"
    build_demo(project).close()
    out = tmp_path / "out"
    out.mkdir()
    left = out / f".mail.wbproj.{_dead_pid()}-00112233aabb.part"
    left.write_bytes(bytes(1024))
    code, _, err = run_cli("-p", str(project), "copy", str(out / "mail.wbproj"))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == ["mail.wbproj"]
