"""Commands and exports at team scale: 100,000 passages in 2,000 documents.

Each command runs in a process of its own; its figure is the peak memory the
process reached (the medians of 3 runs would say nothing more: it is the same
each time), its floor a process that only starts the command line.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Figure
from benchmarks.review_scenarios import _queue_project

LIMIT_MB = 500.0
_RUN = "import sys; from workbench.cli import main; main(sys.argv[1:])"


def _peak(args: list[str]) -> tuple[float, float]:
    """(peak memory in MB, seconds) of ``workbench ARGS`` in a new process of its own."""
    begin = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([sys.executable, "-c", _RUN, *args],
                                   stdout=subprocess.DEVNULL, stderr=errors)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        took = time.perf_counter() - begin
        if process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"workbench {' '.join(args)} failed: {errors.read().decode()}")
    return usage.ru_maxrss / 1024, took


def commands_at_scale(workdir: Path) -> list[Figure]:
    """Peak memory of the commands that read every passage."""
    project = str(_queue_project(workdir))
    floor, _ = _peak(["--version"])
    figures = []
    with tempfile.TemporaryDirectory() as scratch:
        w3c = str(Path(scratch) / "all.jsonld")
        runs = [
            ("check", ["-p", project, "check"]),
            ("annotations --json", ["-p", project, "annotations", "--json"]),
            ("export w3c", ["-p", project, "export", "w3c", "-o", w3c, "--status", "draft",
                            "--status", "submitted"]),
            ("export briefing (all)", ["-p", project, "export", "briefing", "-o",
                                       str(Path(scratch) / "all.docx"), "--status", "draft",
                                       "--status", "submitted"]),
        ]
        for name, args in runs:
            mb, seconds = _peak(args)
            figures.append(Figure(f"{name}, 100,000 passages (peak MB)", mb, "MB", LIMIT_MB,
                                  floor, f"a process starting the command line; {seconds:.1f} s"))
    return figures


SCENARIOS = [commands_at_scale]
