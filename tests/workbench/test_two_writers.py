"""Two writers at once: the second waits for the lock (BEGIN IMMEDIATE), nothing is refused."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from workbench.samples import build_demo
from workbench.store import Store

ROOT = Path(__file__).resolve().parents[2]
WRITERS, EDITS = 3, 200


def test_three_processes_writing_at_once_lose_and_refuse_nothing(tmp_path: Path) -> None:
    project = tmp_path / "shared.wbproj"
    build_demo(project).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    workers = [subprocess.Popen(
        [sys.executable, "-m", "tests.crash_worker", "writer", str(project), str(seed),
         str(EDITS)], cwd=ROOT, stdout=subprocess.PIPE, text=True, env=env)
        for seed in range(WRITERS)]
    outputs = [w.communicate(timeout=300)[0].splitlines() for w in workers]
    assert [w.returncode for w in workers] == [0] * WRITERS
    done = [line.split() for out in outputs for line in out if line.startswith("done")]
    assert [(int(added), int(refused)) for _, added, refused in done] == [(EDITS, 0)] * WRITERS
    acked = {line.split()[1] for out in outputs for line in out if line.startswith("ack")}
    store = Store.open(project)
    saved = {a.id for a in store.annotations.where()}
    assert len(acked) == WRITERS * EDITS
    assert acked <= saved


def test_concurrent_annotate_commands_all_succeed(tmp_path: Path) -> None:
    project = tmp_path / "shared.wbproj"
    build_demo(project).close()
    quotes = ["Inspection Regime", "Turkish waters", "Russian inspector", "food as a weapon",
              "mixed teams", "United Nations staff"]

    def annotate(number: int) -> int:
        quote = quotes[number % len(quotes)]
        return subprocess.run(
            [sys.executable, "-m", "workbench", "-p", str(project), "annotate",
             "Black Sea Grain Talks Stall Over Inspection Regime", "--quote", quote,
             "--tag", str(1 + number % 3), "--occurrence", "1", "--note", f"call {number}"],
            cwd=ROOT, capture_output=True, text=True, check=False, timeout=120).returncode

    with ThreadPoolExecutor(max_workers=6) as pool:
        codes = list(pool.map(annotate, range(24)))
    assert codes == [0] * 24
    notes = {a.note for a in Store.open(project).annotations.where()}
    assert {f"call {n}" for n in range(24)} <= notes
