"""Offset mapping between two versions of a text, through their diff.

Both texts are first *folded*: every run of spaces and line breaks inside a
paragraph becomes one space, a paragraph break one line break, and curly
quotes, dashes and non-breaking spaces their plain forms.  A revision that
re-wraps paragraphs or changes typography then leaves the folded text as it
was, and the diff (paragraphs first, with difflib's matcher; then words
inside the paragraphs that changed, with Google's diff-match-patch) only sees
what was really rewritten.  Unchanged stretches of the folded texts are carried back to the
original offsets, so a position keeps its exact place in every stretch whose
words did not change.  A deadline bounds the work on texts rewritten from end
to end (the diff is then coarser, never wrong).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import pairwise

from diff_match_patch import diff_match_patch

DIFF_DEADLINE_SECONDS = 1.0
_EQUAL, _DELETE, _INSERT = 0, -1, 1
_SPACES = re.compile(r"\s+")
_PLAIN = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00ab": '"', "\u00bb": '"', "\u2010": "-", "\u2011": "-", "\u2012": "-",
    "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-", "\u00a0": " ",
    "\u202f": " ", "\u2009": " ", "\u200a": " "})


def fold(text: str) -> str:
    """The text as compared: typography plain, a paragraph break one line break,
    any other run of white space one space."""
    return _Folded(text).text


@dataclass
class _Folded:
    """A folded text and the way back from its offsets to the original's."""

    text: str
    starts: list[int]  # folded offsets where a new shift begins
    shifts: list[int]  # original offset = folded offset + shift

    def __init__(self, original: str) -> None:
        plain = original.translate(_PLAIN)
        pieces: list[str] = []
        self.starts, self.shifts = [0], [0]
        at = folded = 0
        for match in _SPACES.finditer(plain):
            run = match.group()
            one = "\n" if run.count("\n") >= 2 else " "
            if run == one:
                continue
            pieces.append(plain[at:match.start()])
            folded += match.start() - at
            pieces.append(one)
            folded += 1
            at = match.end()
            self.starts.append(folded)
            self.shifts.append(at - folded)
        pieces.append(plain[at:])
        self.text = "".join(pieces)

    def original(self, position: int) -> int:
        return position + self.shifts[bisect_right(self.starts, position) - 1]

    def cuts(self, start: int, length: int) -> list[int]:
        """Offsets (from ``start``) inside ``[start, start + length)`` where the shift changes."""
        first = bisect_right(self.starts, start)
        last = bisect_right(self.starts, start + length - 1)
        return [s - start for s in self.starts[first:last]]


_PARAGRAPHS = re.compile(r"[^\n]*\n|[^\n]+")
_WORDS = re.compile(r"\w+|\s+|[^\w\s]")


def _by_units(differ: diff_match_patch, old: str, new: str,
              units: re.Pattern[str]) -> list[tuple[int, str]]:
    """The diff of two texts in whole units (paragraphs, words): each unit is coded as one
    character, so the diff's work follows the number of units, not of characters."""
    codes: dict[str, str] = {}
    pieces: list[str] = []

    def encode(text: str) -> str:
        out = []
        for unit in units.findall(text):
            code = codes.get(unit)
            if code is None:
                code = codes[unit] = chr(0xE000 + len(pieces)) if len(pieces) < 6400 \
                    else chr(0x10000 + len(pieces))
                pieces.append(unit)
            out.append(code)
        return "".join(out)

    diffs = differ.diff_main(encode(old), encode(new), checklines=False)
    index = {code: unit for unit, code in codes.items()}
    return [(op, "".join(index[c] for c in coded)) for op, coded in diffs]


def _by_paragraphs(old: str, new: str) -> list[tuple[int, str]]:
    """The diff of two texts in whole paragraphs.

    Paragraphs are nearly all unique, which is where difflib's matcher (longest
    common runs first) is fastest: a few milliseconds for thousands of them.
    """
    a, b = _PARAGRAPHS.findall(old), _PARAGRAPHS.findall(new)
    out: list[tuple[int, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            out.append((_EQUAL, "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append((_DELETE, "".join(a[i1:i2])))
        if j2 > j1:
            out.append((_INSERT, "".join(b[j1:j2])))
    return out


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
            self._diff(_Folded(old), _Folded(new))
        self._old_starts = [s[0] for s in self.segments]

    def _diff(self, old: _Folded, new: _Folded) -> None:
        """Paragraphs first; inside each run of changed paragraphs, words."""
        differ = diff_match_patch()
        differ.Diff_Timeout = DIFF_DEADLINE_SECONDS
        old_at = new_at = 0
        pending: list[tuple[int, str]] = []
        for op, chunk in _by_paragraphs(old.text, new.text):
            if op != _EQUAL:
                pending.append((op, chunk))
                continue
            old_at, new_at = self._rediff(differ, old, new, old_at, new_at, pending)
            pending = []
            self._add_folded(old, new, old_at, new_at, len(chunk))
            old_at += len(chunk)
            new_at += len(chunk)
        self._rediff(differ, old, new, old_at, new_at, pending)

    def _rediff(self, differ: diff_match_patch, old: _Folded, new: _Folded, old_at: int,
                new_at: int, changed: list[tuple[int, str]]) -> tuple[int, int]:
        """Diff a run of changed paragraphs word by word; where the run ends on each side."""
        deleted = "".join(c for op, c in changed if op == _DELETE)
        inserted = "".join(c for op, c in changed if op == _INSERT)
        if deleted and inserted:
            o, n = old_at, new_at
            for op, chunk in _by_units(differ, deleted, inserted, _WORDS):
                if op == _EQUAL:
                    self._add_folded(old, new, o, n, len(chunk))
                o += len(chunk) if op != _INSERT else 0
                n += len(chunk) if op != _DELETE else 0
        return old_at + len(deleted), new_at + len(inserted)

    def _add_folded(self, old: _Folded, new: _Folded, old_at: int, new_at: int,
                    length: int) -> None:
        """Carry an unchanged folded stretch back to original offsets, piece by piece
        (a piece ends where either side folded a run of white space into one)."""
        cuts = sorted({0, length, *old.cuts(old_at, length), *new.cuts(new_at, length)})
        for a, b in pairwise(cuts):
            self._add(old.original(old_at + a), new.original(new_at + a), b - a)

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
