"""Offset mapping between two versions of a text, through their diff.

The diff runs on lines first (cheap on long articles, where most lines are
unique paragraphs) and then on characters inside the lines that changed, so a
position keeps its exact place in every stretch of text that did not change.
"""

from __future__ import annotations

from bisect import bisect_right
from difflib import SequenceMatcher

_CHAR_DIFF_LIMIT = 20_000


def _line_starts(lines: list[str]) -> list[int]:
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line)
    starts.append(at)
    return starts


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
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        old_at, new_at = _line_starts(old_lines), _line_starts(new_lines)
        lines = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, i1, i2, j1, j2 in lines.get_opcodes():
            o1, o2, n1, n2 = old_at[i1], old_at[i2], new_at[j1], new_at[j2]
            if tag == "equal":
                self._add(o1, n1, o2 - o1)
            elif tag == "replace" and max(o2 - o1, n2 - n1) <= _CHAR_DIFF_LIMIT:
                chars = SequenceMatcher(None, old[o1:o2], new[n1:n2], autojunk=False)
                for a, b, size in chars.get_matching_blocks():
                    self._add(o1 + a, n1 + b, size)

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
