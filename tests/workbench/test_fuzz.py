"""Fuzzing the importers: arbitrary and mutated input is imported or refused in words."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import ImportRefused
from workbench.importers import read_article

ROOT = Path(__file__).resolve().parents[2]
SHORT_ROUND = 1000


def test_a_short_mutation_round_has_no_failure() -> None:
    """Mutated real files of every format: no stray exception, none over 5 s or 1 GB."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.fuzzing", "--count", str(SHORT_ROUND), "--seed", "7"],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    summary = json.loads(done.stdout)
    assert summary["failures"] == []
    assert done.returncode == 0
    assert summary["inputs"] == SHORT_ROUND
    assert summary["accepted"] > SHORT_ROUND // 10
    assert summary["refused"] > SHORT_ROUND // 10
    assert summary["slowest_s"] < 5
    assert summary["peak_mb"] < 1024


def _import_bytes(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            article = read_article(path)
        except ImportRefused as exc:
            refusal = str(exc)
        else:
            refusal = ""
            assert article.text.strip()
            assert all(0 <= b.start < b.end <= len(article.text) for b in article.blocks)
        assert not refusal or refusal.startswith(path.name)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_bytes_as_a_text_file(data: bytes, suffix: str) -> None:
    _import_bytes(data, suffix)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=2000), suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_any_unicode_text(text: str, suffix: str) -> None:
    _import_bytes(text.encode("utf-8", "surrogatepass"), suffix)


@settings(max_examples=40, deadline=None)
@given(data=st.binary(min_size=1, max_size=2000), suffix=st.sampled_from([".docx", ".pdf"]))
def test_any_bytes_as_a_word_or_pdf_file(data: bytes, suffix: str) -> None:
    _import_bytes(data, suffix)
