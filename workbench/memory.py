"""Long work beside a window: Python's cycle collector paused, the thread's CPU priority
lowered.

Each automatic collection walks every object alive in the process, whichever
thread triggered it, and holds every other thread meanwhile: during an export
of thousands of passages that stalls the window for tens of milliseconds at a
time.  The objects such work makes are freed by reference counting; cycles
among them (none are expected) are collected once the work is done.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause automatic cycle collection for the block (as it was before, afterwards)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


BACKGROUND_NICENESS = 2
"""A little below the window's thread (about two thirds of its share of a busy
processor), never far below other programs: at 10, a laptop kept busy by
something else gave a job a fourteenth of a processor, and a re-anchoring that
takes 8 s of CPU took minutes."""


def run_in_background() -> None:
    """Lower the calling thread's CPU priority a little (Linux: a thread has its own
    niceness), so that the window's thread gets the processor first when both want it."""
    with contextlib.suppress(AttributeError, OSError):  # elsewhere: left as it is
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), BACKGROUND_NICENESS)
