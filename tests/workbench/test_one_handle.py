"""One process, one handle: while a connection holds the project, no job of the same
process opens the file (or its -wal/-shm) another way, so no lock is dropped and no
other program deletes the write-ahead log under it."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.workbench.helpers import run_cli
from workbench.project.backups import take_backup
from workbench.samples import build_demo
from workbench.store import Store

ROOT = Path(__file__).resolve().parents[2]
_watched: set[str] = set()
_opened: list[str] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _watched and isinstance(args[0], str | bytes | os.PathLike):
        name = os.fsdecode(args[0])
        if os.path.realpath(name) in _watched:
            _opened.append(name)


sys.addaudithook(_audit)


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[Path]:
    """The project, with every raw open of it (or its companions) recorded."""
    project = tmp_path / "held.wbproj"
    build_demo(project).close()
    real = os.path.realpath(project)
    _watched.update({real, real + "-wal", real + "-shm", real + "-journal"})
    _opened.clear()
    yield project
    _watched.clear()


def _write_elsewhere(project: Path, note: str) -> None:
    """Another program writes one note and closes its connection (the moment a lost lock
    made it delete the log the window still used)."""
    code = ("import sys; from workbench.store import Store; s = Store.open(sys.argv[1]);"
            "s.update_settings(elsewhere=sys.argv[2]); s.close()")
    subprocess.run([sys.executable, "-c", code, str(project), note], cwd=ROOT, check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=120)


def _deleted_logs() -> list[str]:
    links = [os.readlink(f"/proc/self/fd/{fd}") for fd in os.listdir("/proc/self/fd")
             if os.path.islink(f"/proc/self/fd/{fd}")]
    return [link for link in links if link.endswith("-wal (deleted)")]


def _every_job(project: Path, tmp_path: Path, held: Store) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "one.txt").write_text("A statement\n\nMinisters agreed on nothing.\n")
    other = tmp_path / "other.wbproj"
    build_demo(other).close()
    p = ["-p", str(project)]
    backup = take_backup(project, force=True)  # what the window does when it opens a project
    assert backup is not None
    code, _, err = run_cli(*p, "restore", str(backup.path))
    assert code == 1
    assert "open in another window or program" in err
    jobs = [
        [*p, "import", str(articles), str(project)],  # the project itself is refused
        [*p, "import", str(tmp_path)],  # a folder holding the project
        [*p, "export", "briefing", "-o", str(tmp_path / "b.docx")],
        [*p, "export", "annotated", "-o", str(tmp_path / "a.docx")],
        [*p, "export", "csv", "-o", str(tmp_path / "p.csv")],
        [*p, "export", "w3c", "-o", str(tmp_path / "w.jsonld")],
        [*p, "export", "csv", "-o", str(project)],  # refused: it is the project
        [*p, "merge", str(other)],
        [*p, "import-w3c", str(tmp_path / "w.jsonld")],
        [*p, "copy", str(tmp_path / "copy.wbproj")],
        [*p, "backups"],
        [*p, "check"],
    ]
    for args in jobs:
        run_cli(*args)
    held.update_settings(after_jobs="yes")


def test_no_job_opens_the_held_project_another_way(watched: Path, tmp_path: Path) -> None:
    held = Store.open(watched, analyst="window")
    held.update_settings(before="yes")
    _every_job(watched, tmp_path, held)
    assert _opened == []
    _write_elsewhere(watched, "one")
    held.update_settings(window="still saved")  # on the log the other program kept
    _write_elsewhere(watched, "two")
    assert _deleted_logs() == []
    held.close()
    reopened = Store.open(watched)
    settings = reopened.settings()
    assert settings["window"] == "still saved"
    assert settings["elsewhere"] == "two"
    assert reopened.db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    reopened.close()


def test_the_watch_sees_a_raw_open(watched: Path) -> None:
    """The measure itself: a raw read of the held file is recorded."""
    with watched.open("rb") as handle:
        handle.read(16)
    assert _opened == [str(watched)]
