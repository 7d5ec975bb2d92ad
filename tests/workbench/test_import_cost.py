"""No input costs more than 5 s of CPU a megabyte or ten times its size in memory (above 64 MB).

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

from tests.import_cost import CASES, REFUSED_CASES

ROOT = Path(__file__).resolve().parents[2]
ALLOWANCE_MB = 64  # what any parse may use whatever the size: interpreter, caches, arenas
SECONDS_FLOOR = 5.0


def _cost(case: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-m", "tests.import_cost", case], cwd=ROOT,
                          capture_output=True, text=True, timeout=300, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    cost: dict[str, float] = json.loads(done.stdout)
    megabytes = cost["bytes"] / 1024 / 1024
    assert cost["seconds"] <= max(SECONDS_FLOOR, 5 * megabytes)
    assert cost["grown_mb"] <= ALLOWANCE_MB + 10 * megabytes
    return cost


@pytest.mark.parametrize("case", sorted(CASES))
def test_an_import_stays_within_its_time_and_memory(case: str) -> None:
    assert _cost(case)["imported"]


@pytest.mark.parametrize("case", sorted(REFUSED_CASES))
def test_a_hostile_file_is_refused_within_its_time_and_memory(case: str) -> None:
    """A zip whose part inflates to 1 GB while declaring 20 KB (it peaked at 2 GB), an
    e-mail body of 300,000 paragraphs, a 40 MB folded header, 100,000 attachments."""
    assert not _cost(case)["imported"]
