"""Regression test for PySide6 6.12.0 on Python 3.11 (refcount of None corrupted).

Every Qt call that returns nothing decremented None's refcount; after some
thousands the process aborted with ``Fatal Python error: none_dealloc``.  The
pins in pyproject.toml keep 3.11 on 6.11.x; this proves the installed pair is
safe by making 300,000 such calls in a fresh process.
"""

from __future__ import annotations

import os
import subprocess
import sys

CALLS = 300_000

SCRIPT = f"""
import sys
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
widget = QWidget()
before = sys.getrefcount(None)
for i in range({CALLS}):
    widget.resize(100 + i % 7, 80)
    widget.setEnabled(True)
print("calls done", sys.getrefcount(None) - before)
"""


def test_hundreds_of_thousands_of_void_qt_calls_exit_cleanly() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          env=env, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "none_dealloc" not in done.stderr
    line = done.stdout.strip().splitlines()[-1]
    assert line.startswith("calls done")
    # None's refcount must not have drifted by about one per call.
    assert abs(int(line.split()[-1])) < CALLS // 10
