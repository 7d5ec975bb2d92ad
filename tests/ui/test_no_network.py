"""No socket is used while importing, showing and exporting hostile files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=300, check=False)


def test_import_rendering_and_export_never_touch_the_network() -> None:
    done = _run("-m", "tests.network_guard")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().splitlines()[-1] == "ok 3 3"


def test_the_guard_catches_a_connection() -> None:
    done = _run("-c", "import socket, sys\n"
                "from tests.network_guard import _guard\n"
                "sys.addaudithook(_guard)\n"
                "socket.create_connection(('127.0.0.1', 9), timeout=1)\n")
    assert done.returncode != 0
    assert "network use during import, rendering or export" in done.stderr
