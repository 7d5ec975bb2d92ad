"""The command line: one line and status 1 for every error, nothing run from the text it prints."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workbench.helpers import run_cli as run
from workbench.samples import build_demo
from workbench.store import Store

ROOT = Path(__file__).resolve().parents[2]




@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "desk.wbproj"
    build_demo(path).close()
    return path


@pytest.mark.parametrize("args", [["import"], ["annotate"], ["frobnicate"],
                                  ["export", "pdf", "-o", "x"], ["docs", "--nope"]])
def test_usage_errors_are_one_line_and_status_1(project: Path, args: list[str]) -> None:
    code, _out, err = run("-p", str(project), *args)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("Error: ")
    assert "--help" in err


def test_the_installed_command_also_says_one_line(project: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "workbench", "-p", str(project), "import"],
                          cwd=ROOT, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1


def test_terminal_escapes_in_titles_and_notes_are_shown_not_run(project: Path) -> None:
    store = Store.open(project)
    document_id = store.documents.ids()[0]
    store.documents.update(document_id, title="Clear \x1b[2J\x1b]0;owned\x07 \x9b31m title")
    store.close()
    code, out, _err = run("-p", str(project), "docs")
    assert code == 0
    assert "\x1b" not in out
    assert "\x9b" not in out
    assert "\x07" not in out
    assert "\\x1b[2J" in out
    code, out, _err = run("-p", str(project), "docs", "--json")
    assert "\x9b" not in out
    assert json.loads(out)[0]["title"] == "Clear \x1b[2J\x1b]0;owned\x07 \x9b31m title"


def test_a_pipe_named_as_the_project_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.wbproj"
    os.mkfifo(fifo)
    code, _out, err = run("-p", str(fifo), "docs")
    assert code == 1
    assert "not a regular file" in err


def test_wildcards_never_match_a_document(project: Path) -> None:
    for ref in ("%%%%", "____", "%", "a%b%"):
        code, _out, err = run("-p", str(project), "annotate", ref, "--quote", "grain",
                              "--tag", "1")
        assert code == 1
        assert "No document matches" in err


def test_import_w3c_of_the_wrong_shape_fails(project: Path, tmp_path: Path) -> None:
    for name, content in (("list.json", '[{"a": 1}]'), ("object.json", '{"b": 2}'),
                          ("number.json", "42")):
        (tmp_path / name).write_text(content, encoding="utf-8")
        code, _out, err = run("-p", str(project), "import-w3c", str(tmp_path / name))
        assert code == 1
        assert "holds no W3C annotations" in err


def test_a_newline_in_a_name_never_prints_a_line_of_its_own(tmp_path: Path) -> None:
    from tests.workbench.helpers import run_cli
    from workbench.samples import build_demo

    project = tmp_path / "p.wbproj"
    build_demo(project).close()
    p = ["-p", str(project)]
    document = "Black Sea Grain Talks Stall Over Inspection Regime"
    forged = "ok: every passage accepted"
    code, out, _ = run_cli(*p, "annotate", document, "--quote", "Turkish waters", "--tag", "1",
                           "--actor", f"Russia\n{forged}", "--analyst", f"Eve\n{forged}",
                           "--occurrence", "1")
    assert code == 0
    for args in (["annotations"], ["history", document], ["agreement"], ["matrix"]):
        code, out, err = run_cli(*p, *args)
        assert code == 0, (args, err)
        assert not [line for line in out.splitlines() if line.startswith(forged)], args
    assert "Russia\\nok: every passage accepted" in run_cli(*p, "annotations")[1]
