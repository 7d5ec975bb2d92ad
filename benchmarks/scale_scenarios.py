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
if sys.argv[1] == "bare":  # the floor: an empty main window, nothing read
    from PySide6.QtWidgets import QMainWindow
    window = QMainWindow()
else:
    from pathlib import Path
    from ui.main_window import MainWindow
    from ui.session import ProjectSession
    from workbench.store import Store
    window = MainWindow(ProjectSession(Store.open(Path(sys.argv[1]), analyst="bench")))
window.resize(1400, 860)
window.show()
app.processEvents()
shown = time.perf_counter() - start
if sys.argv[1] != "bare":
    window.review.show_queue()
end = time.perf_counter() + 3
while time.perf_counter() < end:
    app.processEvents()
    time.sleep(0.01)
print(shown, _peak_mb())
"""


def _started(project: str) -> tuple[float, float]:
    """(seconds to the window shown, peak MB with the queue open) of a new process."""
    done = subprocess.run([sys.executable, "-c", _WINDOW, project], check=True,
                          capture_output=True, text=True)
    shown, peak = (float(v) for v in done.stdout.split())
    return shown, peak


def _fts_floor(path: Path, words: str) -> float:
    """The least work a search does: the FTS5 matches of both indexes, ids only."""
    import sqlite3

    from workbench.store.search import fts_query
    conn = sqlite3.connect(path)
    begin = time.perf_counter()
    for table in ("annotations_fts", "documents_fts"):
        conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT 50",
                     [fts_query(words)]).fetchall()
    took = time.perf_counter() - begin
    conn.close()
    return took


def window_at_scale(workdir: Path) -> list[Figure]:
    """The window on 2,000 documents and 100,000 passages: start, open, search, memory;
    each against its floor (an empty main window; a plain text widget given the same
    text; the bare FTS5 matches)."""
    from PySide6.QtWidgets import QApplication

    from benchmarks.harness import median_of, stopwatch
    from benchmarks.ui_scenarios import _plain
    from benchmarks.window_tag import RUNS, _settle, _window
    from workbench.store.search import search

    project = _queue_project(workdir)
    started = [_started(str(project)) for _ in range(RUNS)]
    bare = [_started("bare") for _ in range(RUNS)]
    app = QApplication.instance() or QApplication([])
    window = _window(project)
    ids = window.session.store.documents.ids()
    picks = [ids[n * len(ids) // (RUNS + 1)] for n in range(1, RUNS + 1)]
    texts = iter([window.session.store.documents.get(i).text for i in picks])
    opening = iter(picks)

    def opened() -> float:
        with stopwatch() as took:
            window.open_document(next(opening))
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
    plain = _plain()

    def plain_opened() -> float:
        with stopwatch() as took:
            plain.setPlainText(next(texts))
            plain.viewport().repaint()
        return took[0]

    open_floor, _ = median_of(RUNS, plain_opened)
    plain.close()
    search_floor, _ = median_of(RUNS, lambda: _fts_floor(project, "ceasefire talks"))
    assert app is not None
    return [
        Figure("start to window, 100,000 passages", _middle([s for s, _ in started]), "s",
               1.0, _middle([s for s, _ in bare]), "bare QApplication + empty QMainWindow",
               tuple(s for s, _ in started)),
        Figure("open a document, 100,000 passages", open_value, "s", 0.1, open_floor,
               "setPlainText + paint, plain widget", open_runs),
        Figure("project search, 100,000 passages", search_value, "s", 0.1, search_floor,
               "the FTS5 matches alone, ids only", search_runs),
        Figure("window with the queue open (peak MB)", _middle([p for _, p in started]), "MB",
               300.0, _middle([p for _, p in bare]), "an empty main window's peak",
               tuple(p for _, p in started)),
    ]


def _middle(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


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
