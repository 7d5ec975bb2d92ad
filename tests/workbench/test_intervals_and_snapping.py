"""The span index behind the reader, and word snapping of selections."""

from __future__ import annotations

import random

import pytest

from workbench.tagging import snap_to_words
from workbench.text.intervals import IntervalIndex, Span


def test_overlapping_matches_a_brute_force_scan() -> None:
    rng = random.Random(4)
    spans = []
    for n in range(400):
        start = rng.randrange(0, 5000)
        spans.append(Span(start, start + rng.randint(1, 120), f"a{n}"))
    index = IntervalIndex(spans)
    for _ in range(200):
        lo = rng.randrange(0, 5100)
        hi = lo + rng.randint(0, 300)
        expected = {s.key for s in spans if s.end > lo and s.start < max(hi, lo + 1)}
        assert {s.key for s in index.overlapping(lo, hi)} == expected


def test_overlapping_spans_get_different_lanes() -> None:
    index = IntervalIndex([Span(0, 10, "a"), Span(5, 15, "b"), Span(12, 20, "c"),
                           Span(6, 8, "d")])
    assert index.lanes["a"] != index.lanes["b"]
    assert index.lanes["d"] not in (index.lanes["a"], index.lanes["b"])
    assert index.lanes["c"] == index.lanes["a"]  # a has ended: its lane is reused
    assert [s.key for s in index.at(7)] == ["d", "a", "b"]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [(2, 9, "Moscow views"), (0, 6, "Moscow"), (6, 13, "views"), (3, 3, ""),
     (6, 7, ""), (29, 40, "non-negotiable")],
)
def test_snap_to_words(start: int, end: int, expected: str) -> None:
    text = "Moscow views concessions as non-negotiable."
    s, e = snap_to_words(text, start, end)
    assert text[s:e] == expected
