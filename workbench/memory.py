"""Pausing Python's cycle collector during long work that makes millions of objects.

Each automatic collection walks every object alive in the process, whichever
thread triggered it, and holds every other thread meanwhile: during an export
of thousands of passages that stalls the window for tens of milliseconds at a
time.  The objects such work makes are freed by reference counting; cycles
among them (none are expected) are collected once the work is done.
"""

from __future__ import annotations

import gc
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
