"""The core and the exporters never load Qt (checked in a fresh interpreter)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import workbench

SCRIPT = """
import importlib, pkgutil, sys
import workbench, exports
for package in (workbench, exports):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        if not info.name.startswith("workbench.cli"):
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


def test_every_module_says_what_it_is_for() -> None:
    """A docstring on every package and module of the program (read, not imported)."""
    root = Path(__file__).resolve().parents[2]
    missing = [str(path.relative_to(root)) for package in ("workbench", "exports", "ui")
               for path in sorted((root / package).rglob("*.py"))
               if ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) is None]
    assert missing == []


def test_every_importer_named_by_a_file_suffix_is_found() -> None:
    """Parsers are loaded by name on first use: each name must lead to a function."""
    from workbench.importers import _FILE_PARSERS, _TEXT_PARSERS, _parser
    for suffix, spec in {**_TEXT_PARSERS, **_FILE_PARSERS}.items():
        assert callable(_parser(spec)), suffix
