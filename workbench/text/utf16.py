"""Conversion between code-point offsets (the core's) and UTF-16 offsets (Qt's).

Qt counts UTF-16 code units: every character outside the Basic Multilingual
Plane (emoji, many CJK extensions, mathematical letters) takes two.  The core
counts code points.  This is the one place where the two meet.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class Utf16Map:
    """Converts offsets of one text between code points and UTF-16 units.

    Building it is one pass over the text; each conversion is a binary search
    over the positions of astral characters, so it stays fast on long texts.
    """

    def __init__(self, text: str) -> None:
        self._astral = [] if text.isascii() else [m.start() for m in _ASTRAL.finditer(text)]
        # UTF-16 position of each astral character's first unit.
        self._astral_u16 = [i + n for n, i in enumerate(self._astral)]
        self._length = len(text)

    @property
    def utf16_length(self) -> int:
        """The text's length in UTF-16 units."""
        return self._length + len(self._astral)

    def to_utf16(self, index: int) -> int:
        """The UTF-16 offset of code-point offset ``index`` (clamped to the text)."""
        index = max(0, min(index, self._length))
        return index + bisect_left(self._astral, index)

    def from_utf16(self, position: int) -> int:
        """The code-point offset of UTF-16 offset ``position``.

        A position inside a surrogate pair falls back to the start of its
        character, so a selection never splits an emoji.
        """
        position = max(0, min(position, self.utf16_length))
        # Astral characters starting before ``position`` each add one unit;
        # one starting at ``position - 1`` is split, and maps to its own start.
        return position - bisect_right(self._astral_u16, position - 1)


def to_utf16(text: str, index: int) -> int:
    """One-off conversion of a code-point offset into ``text`` to UTF-16."""
    return Utf16Map(text).to_utf16(index)


def from_utf16(text: str, position: int) -> int:
    """One-off conversion of a UTF-16 offset into ``text`` to code points."""
    return Utf16Map(text).from_utf16(position)
