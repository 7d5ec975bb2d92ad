"""An index of annotation spans for fast "what overlaps here?" and display lanes.

The reader asks it, for every block it paints, which passages overlap that
block; overlapping passages get different lanes so their underlines stack
instead of hiding each other.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A passage on the text: code-point offsets and the id of its annotation."""

    start: int
    end: int
    key: str


class IntervalIndex:
    """Spans sorted by start; overlap queries in O(log n + k) for bounded lengths."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = sorted(spans, key=lambda s: (s.start, -s.end, s.key))
        self._starts = [s.start for s in self.spans]
        self._longest = max((s.end - s.start for s in self.spans), default=0)
        self.lanes = self._assign_lanes()

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
