"""Test set-up shared by every test: offscreen Qt, isolated user folders."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: no display is needed, in CI or on a laptop.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's data folder or default project."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.delenv("WORKBENCH_PROJECT", raising=False)
    monkeypatch.setenv("WORKBENCH_ANALYST", "tester")


@pytest.fixture
def store() -> Iterator[object]:
    """An in-memory project."""
    from workbench.store import Store

    project = Store.memory(analyst="tester")
    yield project
    project.close()
