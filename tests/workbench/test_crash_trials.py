"""Kill -9 at a random moment: every acknowledged edit survives, no half document, no half file.

Each trial runs :mod:`tests.crash_worker` in its own process, reads what it
acknowledged, kills it with SIGKILL, reopens the project and compares.
"""

from __future__ import annotations

import csv
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from workbench.project.integrity import check_project
from workbench.samples import build_demo
from workbench.store import Store

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 20
EDITS = 1000


def _start(*args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "tests.crash_worker", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _kill_after(worker: subprocess.Popen[str], acks: int) -> list[str]:
    """Every line the worker wrote, killing it right after its ``acks``-th acknowledgement."""
    assert worker.stdout is not None
    lines: list[str] = []
    seen = 0
    for line in worker.stdout:
        lines.append(line.strip())
        seen += line.startswith("ack ")
        if seen >= acks:
            worker.send_signal(signal.SIGKILL)
            break
    # The rest through the same file object: lines it already buffered are not lost
    # (communicate() would read the pipe underneath it and miss them).
    lines += [line.strip() for line in worker.stdout.read().splitlines()]
    worker.stdout.close()
    assert worker.stderr is not None
    worker.stderr.read()
    worker.stderr.close()
    worker.wait()
    return lines


def _integrity_ok(path: Path) -> bool:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.wbproj"
    build_demo(path).close()
    return path


@pytest.mark.parametrize("trial", range(TRIALS))
def test_acknowledged_edits_survive_a_kill(demo_file: Path, tmp_path: Path, trial: int) -> None:
    project = tmp_path / "trial.wbproj"
    shutil.copyfile(demo_file, project)
    worker = _start("edits", str(project), str(trial), str(EDITS))
    lines = _kill_after(worker, random.Random(trial).randint(1, EDITS))
    acked: dict[str, dict[str, object]] = {}
    in_flight = ""
    for line in lines:
        if line.startswith("begin "):
            in_flight = line.split()[1]
        elif line.startswith("ack "):
            state = json.loads(line[4:])
            acked[str(state["id"])] = state
            in_flight = ""
    assert acked, lines[-3:]
    assert _integrity_ok(project)
    store = Store.open(project)
    assert check_project(store).clean
    for annotation_id, state in acked.items():
        saved = store.annotations.get(annotation_id)
        found = {"id": saved.id, "deleted": saved.deleted_at is not None, "tag": saved.tag_id,
                 "note": saved.note, "start": saved.start, "end": saved.end}
        assert found == state or annotation_id == in_flight
    store.close()


def _articles(folder: Path, count: int) -> None:
    folder.mkdir()
    for number in range(count):
        paragraphs = [f"Statement {number} on the corridor talks"] + [
            f"Paragraph {p} of statement {number}: the ministers met again and said "
            f"that {'inspections' if p % 2 else 'escorts'} remain the question." * 3
            for p in range(40)]
        (folder / f"article-{number:03d}.txt").write_text("\n\n".join(paragraphs),
                                                          encoding="utf-8")


@pytest.mark.parametrize("trial", range(5))
def test_a_killed_import_leaves_no_half_document(tmp_path: Path, trial: int) -> None:
    project = tmp_path / "import.wbproj"
    Store.open(project, create=True).close()
    _articles(tmp_path / "sent", 60)
    worker = _start("import", str(project), str(tmp_path / "sent"))
    lines = _kill_after(worker, random.Random(trial).randint(1, 59))
    acked = [line.split()[1:] for line in lines if line.startswith("ack ")]
    assert _integrity_ok(project)
    store = Store.open(project)
    assert check_project(store).clean
    for document_id, chars, blocks, sha in acked:
        document = store.documents.get(document_id)
        assert (len(document.text), len(store.documents.blocks(document_id)), document.sha256) == \
            (int(chars), int(blocks), sha)
    for document_id in store.documents.ids():  # acknowledged or not: never half a document
        assert len(store.documents.blocks(document_id)) == 41
    assert len(store.documents.ids()) >= len(acked)
    store.close()


@pytest.mark.parametrize(("kind", "trial"), [(k, t) for k in ("briefing", "csv")
                                             for t in range(3)])
def test_a_killed_export_leaves_the_old_file_or_a_complete_new_one(
        demo_file: Path, tmp_path: Path, kind: str, trial: int) -> None:
    project = tmp_path / "export.wbproj"
    shutil.copyfile(demo_file, project)
    out = tmp_path / f"out.{'docx' if kind == 'briefing' else 'csv'}"
    worker = _start("export", str(project), kind, str(out), "40")
    _kill_after(worker, random.Random(trial).randint(1, 30))
    if kind == "briefing":
        texts = [p.text for p in docx.Document(str(out)).paragraphs]
        assert "Sources" in texts
    else:
        with out.open(encoding="utf-8-sig", newline="") as handle:
            assert len(list(csv.DictReader(handle))) == 6
