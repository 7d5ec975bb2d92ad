"""``workbench export`` and ``workbench import-w3c``, driven as a user drives them."""

from __future__ import annotations

import json
from pathlib import Path

import docx

from tests.workbench.helpers import run_cli as run
from workbench.store import Store


def test_every_kind_exports_with_filters(demo: Store, tmp_path: Path) -> None:
    project = str(demo.path)
    demo.close()
    for kind in ("briefing", "annotated", "csv", "jsonl", "w3c", "brat"):
        code, out, err = run("-p", project, "export", kind, "-o", str(tmp_path / kind),
                             "--tag", "Red line", "--status", "draft")
        assert code == 0, err
        assert "1 passage from 1 document" in out
    briefing = docx.Document(str(tmp_path / "briefing.docx"))
    assert "R  Turkey will not accept armed escorts" in [p.text for p in briefing.paragraphs]
    scope = next(p.text for p in briefing.paragraphs if p.text.startswith("Scope:"))
    assert scope == "Scope: All documents; tags: Red line; all actors; status: draft."
    rows = (tmp_path / "jsonl.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(r)["actor"] for r in rows] == ["Turkey"]
    assert (tmp_path / "brat" / "annotation.conf").exists()


def test_briefing_options_reach_the_title_page(demo: Store, tmp_path: Path) -> None:
    project = str(demo.path)
    demo.close()
    code, _, err = run("-p", project, "export", "briefing", "-o", str(tmp_path / "b.docx"),
                       "--title", "Weekly note", "--marking", "restricted", "--date",
                       "2026-04-01", "--prepared-by", "Desk B", "--group-by", "actor")
    assert code == 0, err
    text = [p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs]
    assert {"Weekly note", "Handling: RESTRICTED", "Date: 1 April 2026",
            "Prepared by: Desk B"} <= set(text)


def test_bad_filters_are_one_clear_line(demo: Store, tmp_path: Path) -> None:
    project = str(demo.path)
    demo.close()
    for args, message in ((["--tag", "Nope"], "No tag named 'Nope'"),
                          (["--actor", "Nobody"], "No actor named 'Nobody'"),
                          (["--status", "done"], "Unknown status 'done'"),
                          (["--since", "yesterday"], "--since takes a date")):
        code, _, err = run("-p", project, "export", "csv", "-o", str(tmp_path / "x.csv"), *args)
        assert code == 1
        assert message in err
        assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "x.csv").exists()


def test_w3c_export_then_import_into_another_project(demo: Store, tmp_path: Path) -> None:
    project = str(demo.path)
    sample = tmp_path / "sample.txt"
    sample.write_text(demo.documents.get(demo.documents.ids()[0]).text, encoding="utf-8")
    demo.close()
    assert run("-p", project, "export", "w3c", "-o", str(tmp_path / "a.jsonld"))[0] == 0
    other = str(tmp_path / "other.wbproj")
    assert run("-p", other, "init")[0] == 0
    assert run("-p", other, "import", str(sample))[0] == 0
    code, out, err = run("-p", other, "import-w3c", str(tmp_path / "a.jsonld"))
    assert code == 0
    assert out.strip() == "5 annotations added, 1 review verdict, 1 skipped."
    assert "no document in the project matches" in err
    assert run("-p", other, "import-w3c", str(tmp_path / "a.jsonld"))[1].startswith(
        "0 annotations added, 5 already in the project")


def test_the_export_kinds_come_from_one_registry() -> None:
    """The command line offers exactly the registry's kinds, each with a writer that
    exists, and listing them loads no writer."""
    import subprocess
    import sys

    from exports.kinds import KINDS
    from exports.run import writer_of
    from workbench.cli.exporting import export_command

    choice = next(p for p in export_command.params if p.name == "kind")
    assert list(choice.type.choices) == list(KINDS)  # type: ignore[attr-defined]
    assert all(callable(writer_of(kind)) for kind in KINDS.values())
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, workbench.cli; print('docx' in sys.modules)"],
        capture_output=True, text=True, check=True).stdout.strip()
    assert loaded == "False"
