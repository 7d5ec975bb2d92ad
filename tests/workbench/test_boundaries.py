"""The core and the exporters never load Qt (checked in a fresh interpreter)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import exports
import workbench

SCRIPT = """
import importlib, pkgutil, sys
import workbench, exports
for package in (workbench, exports):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if info.name != "workbench.cli":
            importlib.import_module(info.name)
import workbench.cli  # the composition root may import ui/ only inside commands
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print(len([m for m in sys.modules if m.startswith(("workbench", "exports"))]))
print(",".join(loaded))
"""


def test_core_and_exports_import_without_loading_qt() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                          check=True)
    count, loaded = done.stdout.splitlines()
    modules = list(pkgutil.walk_packages(workbench.__path__, "workbench."))
    assert int(count) >= len(modules)  # every module really was imported
    assert loaded == ""


def test_exports_package_is_importable() -> None:
    assert exports.__doc__
