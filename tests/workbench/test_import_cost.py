"""No input costs more than 5 s a megabyte or ten times its size in memory (above 64 MB).

Each case runs in a fresh process (:mod:`tests.import_cost`), so the peak
memory it reports is its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.import_cost import CASES

ROOT = Path(__file__).resolve().parents[2]
ALLOWANCE_MB = 64  # what any parse may use whatever the size: interpreter, caches, arenas
SECONDS_FLOOR = 5.0


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_import_stays_within_its_time_and_memory(case: str) -> None:
    done = subprocess.run([sys.executable, "-m", "tests.import_cost", case], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    cost = json.loads(done.stdout)
    megabytes = cost["bytes"] / 1024 / 1024
    assert cost["imported"]
    assert cost["seconds"] <= max(SECONDS_FLOOR, 5 * megabytes)
    assert cost["grown_mb"] <= ALLOWANCE_MB + 10 * megabytes
