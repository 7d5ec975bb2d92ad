"""Offset mapping between two versions of a text, through their diff.

The diff is Google's diff-match-patch: lines first (cheap on long articles,
where most lines are unique paragraphs), then characters inside the lines that
changed, so a position keeps its exact place in every stretch of text that did
not change.  A deadline bounds the work on texts rewritten from end to end
(the diff is then coarser, never wrong).
"""

from __future__ import annotations

from bisect import bisect_right

from diff_match_patch import diff_match_patch

DIFF_DEADLINE_SECONDS = 1.0
_EQUAL, _DELETE, _INSERT = 0, -1, 1


class TextMapping:
    """Maps code-point offsets of an old text onto a new text."""

    def __init__(self, old: str, new: str) -> None:
        self.old_length = len(old)
        self.new_length = len(new)
        # Unchanged stretches as (old_start, new_start, length), sorted by old_start.
        self.segments: list[tuple[int, int, int]] = []
        if old == new:
            self.segments.append((0, 0, len(old)))
        else:
            self._diff(old, new)
        self._old_starts = [s[0] for s in self.segments]

    def _diff(self, old: str, new: str) -> None:
        differ = diff_match_patch()
        differ.Diff_Timeout = DIFF_DEADLINE_SECONDS
        old_at = new_at = 0
        for op, chunk in differ.diff_main(old, new, checklines=True):
            if op == _EQUAL:
                self._add(old_at, new_at, len(chunk))
            if op != _INSERT:
                old_at += len(chunk)
            if op != _DELETE:
                new_at += len(chunk)

    def _add(self, old_start: int, new_start: int, length: int) -> None:
        if length <= 0:
            return
        last = self.segments[-1] if self.segments else None
        if last and last[0] + last[2] == old_start and last[1] + last[2] == new_start:
            self.segments[-1] = (last[0], last[1], last[2] + length)
        else:
            self.segments.append((old_start, new_start, length))

    def _segment_at(self, position: int) -> int:
        return bisect_right(self._old_starts, position) - 1

    def map_span(self, start: int, end: int) -> tuple[int, int] | None:
        """The new offsets of ``[start, end)`` if it lies inside one unchanged stretch."""
        index = self._segment_at(start)
        if index < 0:
            return None
        old_start, new_start, length = self.segments[index]
        if end > old_start + length:
            return None
        return new_start + start - old_start, new_start + end - old_start

    def map_position(self, position: int) -> int:
        """Best guess for where an old position went (exact in unchanged text)."""
        index = self._segment_at(position)
        if index < 0:
            return min(position, self.new_length)
        old_start, new_start, length = self.segments[index]
        return min(new_start + min(position - old_start, length), self.new_length)
