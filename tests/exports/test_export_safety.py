"""An export writes only its own file: never a project, its own input, or a missing folder."""

from __future__ import annotations

import hashlib
import os
import stat
from pathlib import Path

import pytest

from exports.briefing import BriefingOptions
from exports.common import UnsafeTarget
from exports.run import KINDS, run_export
from tests.workbench.helpers import run_cli as run
from workbench.briefing.selection import select_passages
from workbench.store import Store


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()




@pytest.mark.parametrize("kind", sorted(KINDS))
def test_no_export_writes_over_the_open_project(demo: Store, kind: str) -> None:
    project = demo.path
    assert project is not None
    demo.close()
    before = digest(project)
    code, out, err = run("-p", str(project), "export", kind, "-o", str(project))
    assert code == 1
    assert "Wrote" not in out
    assert "project" in err or "is a file" in err  # brat writes a folder
    assert len(err.strip().splitlines()) == 1
    assert digest(project) == before
    assert Store.open(project).annotations.where()


def test_no_export_writes_over_another_project_or_its_log(demo: Store, tmp_path: Path) -> None:
    other = tmp_path / "colleague.wbproj"
    Store.open(other, create=True).close()
    before = digest(other)
    selection = select_passages(demo)
    for target in (other, tmp_path / "colleague.wbproj-wal", tmp_path / "colleague.wbproj-shm"):
        with pytest.raises(UnsafeTarget):
            run_export("csv", selection, target)
    assert digest(other) == before
    assert not (tmp_path / "colleague.wbproj-wal").exists()


def test_a_briefing_never_writes_over_its_template(demo: Store, tmp_path: Path) -> None:
    template = tmp_path / "house-style.docx"
    run_export("briefing", select_passages(demo), template)  # any Word file will do
    before = digest(template)
    with pytest.raises(UnsafeTarget, match="reads"):
        run_export("briefing", select_passages(demo), template,
                   options=BriefingOptions(template=template))
    assert digest(template) == before


def test_an_existing_export_is_replaced_with_the_usual_permissions(
        demo: Store, tmp_path: Path) -> None:
    target = tmp_path / "passages.csv"
    target.write_text("old export", encoding="utf-8")
    old_mask = os.umask(0o022)
    try:
        run_export("csv", select_passages(demo), target)
        fresh = run_export("jsonl", select_passages(demo), tmp_path / "new.jsonl")
    finally:
        os.umask(old_mask)
    assert "old export" not in target.read_text(encoding="utf-8-sig")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_a_missing_folder_is_refused_not_created(demo: Store, tmp_path: Path) -> None:
    project = str(demo.path)
    demo.close()
    code, _out, err = run("-p", project, "export", "csv", "-o",
                         str(tmp_path / "no" / "such" / "x.csv"))
    assert code == 1
    assert "does not exist" in err
    assert not (tmp_path / "no").exists()


def test_a_folder_is_refused_as_a_file_target(demo: Store, tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").mkdir()
    with pytest.raises(UnsafeTarget, match="folder"):
        run_export("jsonl", select_passages(demo), tmp_path / "out.jsonl")
