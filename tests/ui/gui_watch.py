"""Watching the GUI thread while work runs, in CPU time rather than the clock's.

A timer ticks every 10 ms from the moment the work starts to the moment the
window shows what it did.  Two figures come out: the most CPU time the GUI
thread spent between two ticks (its longest stretch without answering the
user) and the CPU time the whole process spent on the work.  Both are CPU
time, so a machine kept busy by other programs changes neither; and their
ratio does not depend on how fast the machine is.  Work done on the GUI
thread shows as a stretch close to the whole (a share near 1); work done
beside it leaves the GUI thread only its short turns of showing the result.
How long the window really waits, in seconds, is measured by ``make bench``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from ui.app import settle_heap

FROZEN_SHARE = 0.5
"""A share of the work this large, done in one stretch, is the window frozen by it."""


@dataclass(frozen=True)
class Watch:
    """What the GUI thread did while a piece of work ran (CPU seconds)."""

    longest: float
    """The GUI thread's longest stretch of CPU between two turns of its event loop."""
    work: float
    """The CPU time of the whole process from the start of the work to its end."""

    @property
    def share(self) -> float:
        """The longest stretch as a share of the work: near 1 when the GUI thread did it."""
        return self.longest / self.work if self.work else 0.0


def watch_gui_thread(qtbot: QtBot, start: Callable[[], object],
                     done: Callable[[], bool], timeout_ms: int = 60_000) -> Watch:
    """Start the work, wait until ``done``; what the GUI thread did meanwhile."""
    settle_heap()  # as ui.app.main does once the window is up
    ticks: list[float] = [time.thread_time()]
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(time.thread_time()))
    timer.start(10)
    work = time.process_time()
    start()
    qtbot.waitUntil(done, timeout=timeout_ms)
    qtbot.wait(50)  # and what the window does right after
    timer.stop()
    ticks.append(time.thread_time())
    return Watch(longest=max(b - a for a, b in pairwise(ticks)),
                 work=time.process_time() - work)
