"""An index of annotation spans for fast "what overlaps here?" and display lanes.

The reader asks it, for every block it paints, which passages overlap that
block; overlapping passages get different lanes so their underlines stack
instead of hiding each other.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple


class Span(NamedTuple):
    """A passage on the text: code-point offsets, its annotation's id and tag id."""

    start: int
    end: int
    key: str
    tag: str = ""


def _order(span: Span) -> tuple[int, int, str]:
    return (span.start, -span.end, span.key)


class IntervalIndex:
    """Spans sorted by start; overlap queries in O(log n + k) for bounded lengths."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=_order)
        self._starts = [s.start for s in self.spans]
        self._longest = max((s.end - s.start for s in self.spans), default=0)
        self.lanes = self._assign_lanes()

    def add(self, span: Span) -> None:
        """Insert one span; it takes the lowest lane its neighbours leave free."""
        at = bisect_left(self.spans, _order(span), key=_order)
        self.spans.insert(at, span)
        self._starts.insert(at, span.start)
        self._longest = max(self._longest, span.end - span.start)
        taken = {self.lanes.get(s.key) for s in self.overlapping(span.start, span.end)}
        self.lanes[span.key] = next(n for n in range(len(taken) + 1) if n not in taken)

    def remove(self, span: Span) -> None:
        """Take a span out (its neighbours keep their lanes): found by bisection."""
        at = bisect_left(self.spans, _order(span), key=_order)
        if at < len(self.spans) and self.spans[at].key == span.key:
            del self.spans[at]
            del self._starts[at]
            self.lanes.pop(span.key, None)

    def __len__(self) -> int:
        return len(self.spans)

    def overlapping(self, lo: int, hi: int) -> list[Span]:
        """Spans sharing at least one character with ``[lo, hi)`` (or touching an empty one)."""
        first = bisect_left(self._starts, lo - self._longest)
        last = bisect_left(self._starts, max(hi, lo + 1))
        return [s for s in self.spans[first:last] if s.end > lo and s.start < max(hi, lo + 1)]

    def at(self, position: int) -> list[Span]:
        """Spans containing ``position``, shortest (innermost) first."""
        found = [s for s in self.overlapping(position, position + 1)]
        return sorted(found, key=lambda s: s.end - s.start)

    def _assign_lanes(self) -> dict[str, int]:
        """Greedy interval colouring: each span takes the lowest lane free at its start."""
        lane_ends: list[int] = []
        lanes: dict[str, int] = {}
        for span in self.spans:
            for lane, end in enumerate(lane_ends):
                if end <= span.start:
                    lane_ends[lane] = span.end
                    lanes[span.key] = lane
                    break
            else:
                lanes[span.key] = len(lane_ends)
                lane_ends.append(span.end)
        return lanes
