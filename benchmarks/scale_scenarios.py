"""Commands and exports at team scale: 100,000 passages in 2,000 documents.

Each command runs in a process of its own; its figure is the peak memory the
process reached (VmHWM; one run: it is the same each time), its floor a
process that only starts the command line.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.harness import Figure
from benchmarks.review_scenarios import _queue_project

LIMIT_MB = 500.0
EVERY_STATUS = [arg for status in ("draft", "submitted", "accepted", "rejected",
                                   "changes_requested") for arg in ("--status", status)]
# The peak is read from the process itself (VmHWM): the kernel's figure for a child
# would carry the size of the benchmark process it was forked from.
_PEAK = """
def _peak_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return 0.0
"""
_RUN = _PEAK + """
import atexit, sys
atexit.register(lambda: sys.stderr.write(f"\\nPEAK-MB {_peak_mb()}\\n"))
from workbench.cli import main
main(sys.argv[1:])
"""


def _peak(args: list[str]) -> tuple[float, float]:
    """(peak memory in MB, seconds) of ``workbench ARGS`` in a new process of its own."""
    begin = time.perf_counter()
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen([sys.executable, "-c", _RUN, *args],
                                   stdout=subprocess.DEVNULL, stderr=errors)
        process.wait()
        took = time.perf_counter() - begin
        errors.seek(0)
        said = errors.read().decode()
        if process.returncode != 0:
            raise RuntimeError(f"workbench {' '.join(args)} failed: {said}")
    return float(said.rsplit("PEAK-MB ", 1)[1].split()[0]), took


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
            ("export w3c", ["-p", project, "export", "w3c", "-o", w3c, *EVERY_STATUS]),
            ("export briefing (all)", ["-p", project, "export", "briefing", "-o",
                                       str(Path(scratch) / "all.docx"), *EVERY_STATUS]),
        ]
        for name, args in runs:
            mb, seconds = _peak(args)
            figures.append(Figure(f"{name}, 100,000 passages (peak MB)", mb, "MB", LIMIT_MB,
                                  floor, f"a process starting the command line; {seconds:.1f} s"))
    return figures



_WINDOW = _PEAK + """
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
start = time.perf_counter()
from PySide6.QtWidgets import QApplication
app = QApplication([])
from pathlib import Path
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.store import Store
window = MainWindow(ProjectSession(Store.open(Path(sys.argv[1]), analyst="bench")))
window.resize(1400, 860)
window.show()
app.processEvents()
shown = time.perf_counter() - start
window.review.show_queue()
end = time.perf_counter() + 3
while time.perf_counter() < end:
    app.processEvents()
    time.sleep(0.01)
print(shown, _peak_mb())
"""


def window_at_scale(workdir: Path) -> list[Figure]:
    """The window on 2,000 documents and 100,000 passages: start, open, search, memory."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.harness import median_of, stopwatch
    from benchmarks.window_tag import RUNS, _settle, _window
    from workbench.search import search

    project = _queue_project(workdir)
    starts, peaks = [], []
    for _ in range(RUNS):
        done = subprocess.run([sys.executable, "-c", _WINDOW, str(project)], check=True,
                              capture_output=True, text=True)
        shown, peak = (float(v) for v in done.stdout.split())
        starts.append(shown)
        peaks.append(peak)
    app = QApplication.instance() or QApplication([])
    window = _window(project)
    ids = window.session.store.documents.ids()
    picks = iter(ids[n * len(ids) // (RUNS + 1)] for n in range(1, RUNS + 1))

    def opened() -> float:
        with stopwatch() as took:
            window.open_document(next(picks))
            window.reader.view.viewport().repaint()
        _settle()
        return took[0]

    def searched() -> float:
        with stopwatch() as took:
            search(window.session.store, "ceasefire talks")
        return took[0]

    open_value, open_runs = median_of(RUNS, opened)
    search_value, search_runs = median_of(RUNS, searched)
    window.close()
    window.session.close()
    assert app is not None
    starts.sort()
    peaks.sort()
    return [
        Figure("start to window, 100,000 passages", starts[RUNS // 2], "s", 1.0, 0.0,
               "(no floor: start-up as a whole)", tuple(starts)),
        Figure("open a document, 100,000 passages", open_value, "s", 0.1, 0.0,
               "(first painted screen)", open_runs),
        Figure("project search, 100,000 passages", search_value, "s", 0.1, 0.0,
               "(FTS5 query and snippets)", search_runs),
        Figure("window with the queue open (peak MB)", peaks[RUNS // 2], "MB", 300.0, 0.0,
               "(the process's peak memory)", tuple(peaks)),
    ]



def tag_at_scale(workdir: Path) -> list[Figure]:
    """Tagging in the window on a fresh copy of the team-scale project, the queue open;
    the floor stores a row in that same file and repaints the same range."""
    import random
    import shutil
    import statistics

    from benchmarks.harness import p95
    from benchmarks.window_tag import RUNS, _floor, _idle, _tags, _window

    source = _queue_project(workdir)
    copy = workdir / "scale-tag.wbproj"
    runs, floors = [], []
    for run in range(RUNS):
        for sidecar in ("-wal", "-shm"):  # a stale log would replay the last run's tags
            copy.with_name(copy.name + sidecar).unlink(missing_ok=True)
        shutil.copyfile(source, copy)
        window = _window(copy)
        window.review.show_queue()
        _idle(window)  # the queue's index is read on a thread first
        rng = random.Random(run)
        runs.append(p95(_tags(window, rng)) * 1000)
        floors.append(p95(_floor(copy, window, rng)) * 1000)
        window.close()
        window.session.close()
    return [Figure("tag at 100,000 passages, queue open (p95)", statistics.median(runs), "ms",
                   6.0, statistics.median(floors), "store a row + repaint the range",
                   tuple(runs))]


SCENARIOS = [commands_at_scale, window_at_scale, tag_at_scale]
