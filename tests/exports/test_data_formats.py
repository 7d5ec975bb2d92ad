"""CSV, JSON Lines and brat standoff: one record per passage, offsets that point at it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from exports.brat import FolderInUse, write_brat
from exports.tabular import COLUMNS, write_csv, write_jsonl
from workbench.briefing.selection import select_passages
from workbench.edits import change_annotation
from workbench.store import Store


def test_jsonl_has_every_column_and_the_stored_values(demo: Store, tmp_path: Path) -> None:
    out = write_jsonl(select_passages(demo), tmp_path / "a.jsonl")
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(demo.annotations.where())
    by_id = {a.id: a for a in demo.annotations.where()}
    for row in rows:
        assert tuple(row) == COLUMNS
        annotation = by_id[row["id"]]
        document = demo.documents.get(annotation.document_id)
        assert document.text[row["start"]:row["end"]] == row["quote"] == annotation.exact
        assert row["document_sha256"] == document.sha256
        assert row["note"] == annotation.note
        assert row["status"] == annotation.status


def test_csv_reads_back_and_defuses_formulas(demo: Store, tmp_path: Path) -> None:
    first = demo.annotations.where()[0]
    change_annotation(first.id, note="=HYPERLINK(\"http://evil\")").apply(demo)
    out = write_csv(select_passages(demo), tmp_path / "a.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == len(demo.annotations.where())
    assert tuple(rows[0]) == COLUMNS
    note = next(r["note"] for r in rows if r["id"] == first.id)
    assert note == "'=HYPERLINK(\"http://evil\")"


def test_brat_offsets_point_at_the_passages(demo: Store, tmp_path: Path) -> None:
    folder = write_brat(select_passages(demo), tmp_path / "brat")
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    assert "Red_line" in conf
    lines = 0
    for ann in sorted(folder.glob("*.ann")):
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        assert text in {demo.documents.get(d).text for d in demo.documents.ids()}
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                lines += 1
                _, kind_and_spans, quote = line.split("\t")
                spans = kind_and_spans.split(" ", 1)[1].split(";")
                pieces = [text[int(s.split()[0]):int(s.split()[1])] for s in spans]
                assert " ".join(pieces) == quote
    assert lines == len(demo.annotations.where())


def test_brat_writes_only_its_own_files_and_deletes_nothing(demo: Store, tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    theirs = {"thesis.odt": b"precious", "notes.txt": b"my notes", "old.ann": b"T1\tX 0 1\tx"}
    for name, data in theirs.items():
        (folder / name).write_bytes(data)
    write_brat(select_passages(demo), folder)
    for name, data in theirs.items():
        assert (folder / name).read_bytes() == data
    written = sorted(p.name for p in folder.iterdir() if p.name not in theirs)
    assert "annotation.conf" in written
    assert not [n for n in written if n.endswith(".part")]
    assert len(written) == 1 + 2 * len(select_passages(demo).documents)
    # Exporting again replaces its own files in place, still touching nothing else.
    write_brat(select_passages(demo), folder)
    assert sorted(p.name for p in folder.iterdir() if p.name not in theirs) == written


def test_brat_refuses_a_file_and_a_missing_parent(demo: Store, tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"keep")
    with pytest.raises(FolderInUse, match="is a file"):
        write_brat(select_passages(demo), tmp_path / "file")
    with pytest.raises(FolderInUse, match="does not exist"):
        write_brat(select_passages(demo), tmp_path / "no" / "such")
    assert (tmp_path / "file").read_bytes() == b"keep"
    assert not (tmp_path / "no").exists()
