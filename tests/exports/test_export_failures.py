"""An export that cannot be written (a read-only folder, a full disk) says so in one
line and leaves nothing behind: not a crash, not a half file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from tests.workbench.helpers import run_cli
from workbench.samples import build_demo


@pytest.mark.parametrize(("kind", "name"), [("briefing", "b.docx"), ("csv", "p.csv"),
                                            ("w3c", "w.jsonld")])
@pytest.mark.parametrize(("failing", "code", "words"), [
    ("open", errno.EACCES, "Permission denied"),
    ("replace", errno.ENOSPC, "No space left on device"),
])
def test_an_export_that_cannot_be_written_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, name: str,
        failing: str, code: int, words: str) -> None:
    project = tmp_path / "p.wbproj"
    build_demo(project).close()
    out = tmp_path / "out"
    out.mkdir()
    real = getattr(os, failing)

    def refuse(path: object, *args: object, **kwargs: object) -> object:
        if str(out) in os.fsdecode(path):  # type: ignore[arg-type]
            raise OSError(code, os.strerror(code), os.fsdecode(path))  # type: ignore[arg-type]
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, failing, refuse)
    status, _, err = run_cli("-p", str(project), "export", kind, "-o", str(out / name))
    assert status == 1
    assert words in err
    assert err.startswith("Error: Cannot write")
    assert err.count("\n") == 1
    assert list(out.iterdir()) == []
