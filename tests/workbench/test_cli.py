"""The command line, driven as a user drives it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workbench.helpers import run_cli as run
from tests.workbench.helpers import snapshot
from workbench.cli import cli
from workbench.samples import sample_text

TITLE = "Black Sea Grain Talks Stall Over Inspection Regime"
QUOTE = "will not allow any vessel to pass without a Russian inspector on board"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "grain.txt"
    path.write_text(sample_text(), encoding="utf-8")
    return path




def test_every_documented_command_exists() -> None:
    assert {"init", "import", "docs", "annotate", "annotations", "search", "check", "export",
            "import-w3c", "backups", "restore", "copy"} <= set(cli.commands)


def test_import_annotate_list_and_search(tmp_path: Path, article: Path) -> None:
    project = str(tmp_path / "t.wbproj")
    code, out, _ = run("-p", project, "import", str(article))
    assert code == 0
    assert out.startswith("added")
    code, out, _ = run("-p", project, "import", str(article))
    assert code == 0
    assert "already in the project" in out
    docs = json.loads(run("-p", project, "docs", "--json")[1])
    assert len(docs) == 1
    assert set(docs[0]) == {"id", "title", "source", "author", "published", "url", "sha256",
                            "chars", "blocks", "annotations"}
    assert docs[0]["title"] == "Black Sea Grain Talks Stall Over Inspection Regime"
    assert docs[0]["published"] == "2026-03-14"
    code, out, err = run("-p", project, "annotate", docs[0]["id"][:8], "--quote", QUOTE,
                         "--tag", "Red line", "--actor", "Russia", "--note", "Core demand")
    assert code == 0, err
    rows = json.loads(run("-p", project, "annotations", "--json")[1])
    assert len(rows) == 1
    row = rows[0]
    text = sample_text()
    assert row["quote"] == QUOTE
    assert row["tag"] == "Red line"
    assert row["actor"] == "Russia"
    assert text.replace("\n\n\n", "\n\n").find(QUOTE) >= 0
    assert row["analyst"] == "tester"
    assert row["anchor_status"] == "anchored"
    found = json.loads(run("-p", project, "search", "inspector", "--json")[1])
    assert any(h["annotation_id"] == row["id"] for h in found)
    assert json.loads(run("-p", project, "annotations", "--tag", "Position", "--json")[1]) == []
    code, out, _ = run("-p", project, "check")
    assert code == 0
    assert out.startswith("ok")


def test_annotation_offsets_select_the_quote_in_the_stored_text(
    tmp_path: Path, article: Path
) -> None:
    from workbench.store import Store

    project = tmp_path / "t.wbproj"
    run("-p", str(project), "import", str(article))
    run("-p", str(project), "annotate", "Black Sea Grain Talks Stall Over Inspection Regime",
        "--quote", QUOTE, "--tag", "3")
    store = Store.open(project)
    (annotation,) = store.annotations.where()
    document = store.documents.resolve(annotation.document_id)
    assert document.text[annotation.start:annotation.end] == QUOTE
    store.close()


def test_a_quote_that_matches_several_places_needs_an_occurrence(
    tmp_path: Path, article: Path
) -> None:
    project = str(tmp_path / "t.wbproj")
    run("-p", project, "import", str(article))
    code, _, err = run("-p", project, "annotate", TITLE, "--quote", "Moscow",
                       "--tag", "Position")
    assert code == 1
    assert "occurs in 2 places" in err
    assert "--occurrence" in err
    code, _, err = run("-p", project, "annotate", TITLE, "--quote", "Moscow",
                       "--tag", "Position", "--occurrence", "2")
    assert code == 0, err
    code, _, err = run("-p", project, "annotate", TITLE, "--quote", "no such words",
                       "--tag", "Position")
    assert code == 1
    assert "does not occur" in err


def test_errors_are_one_line_and_leave_the_project_unchanged(
    tmp_path: Path, article: Path
) -> None:
    project = tmp_path / "t.wbproj"
    run("-p", str(project), "import", str(article))
    before = snapshot(project)
    binary = tmp_path / "x.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    for args in (["import", str(binary)], ["annotate", "nope", "--quote", "x", "--tag", "1"],
                 ["annotate", TITLE, "--quote", QUOTE, "--tag", "Nonsense"]):
        code, _, err = run("-p", str(project), *args)
        assert code == 1
        assert len(err.strip().splitlines()) == 1 or args[0] == "import"
        assert "Traceback" not in err
    assert snapshot(project) == before


def test_the_installed_command_reports_a_foreign_file_in_one_line(tmp_path: Path) -> None:
    foreign = tmp_path / "notes.wbproj"
    foreign.write_text("not a project")
    done = subprocess.run(
        [sys.executable, "-c", "from workbench.cli import main; main()", "-p", str(foreign),
         "docs"],
        capture_output=True, text=True, env={**os.environ}, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"Error: {foreign} is not a Workbench project (it is not an SQLite database)."]


def test_default_project_is_created_in_the_data_folder_with_the_sample(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKBENCH_PROJECT", str(tmp_path / "env" / "default.wbproj"))
    code, out, _ = run("docs")
    assert code == 0
    assert "Black Sea Grain Talks" in out
    assert (tmp_path / "env" / "default.wbproj").exists()


def test_streamed_json_is_the_same_text_as_whole(capsys: pytest.CaptureFixture[str]) -> None:
    """`annotations --json` streams its array; the text is what one json.dumps would print."""
    from workbench.cli import emit_json, emit_json_items

    for items in ([], [{"quote": "a\nb", "tag": None}], [{"n": 1}, {"nested": {"k": [1, 2]}}]):
        emit_json(items)
        whole = capsys.readouterr().out
        emit_json_items(iter(items))
        assert capsys.readouterr().out == whole
