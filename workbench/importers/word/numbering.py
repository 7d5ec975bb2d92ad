"""Numbered and bulleted paragraphs of a Word file, numbered as Word shows them.

Word stores a list item's number nowhere in the text: the paragraph (or its
style) names a list and a level, and the numbering part says how that level
counts (1, 2, 3 / a, b, c / i, ii, iii), where it starts and how the label reads
("%1.%2."); a reader who quotes "paragraph 3 b" needs those labels.  Counting
follows each list from paragraph to paragraph; a deeper level starts again
under each new item above it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docx.oxml import parse_xml
from docx.oxml.ns import qn

_VAL = qn("w:val")
_NUMPR, _ILVL, _NUMID = qn("w:numPr"), qn("w:ilvl"), qn("w:numId")
BULLET = "\u2022"
MAX_LEVELS = 9


@dataclass(frozen=True)
class Level:
    """How one level of a list counts and labels its items."""

    format: str = "decimal"
    text: str = "%1."
    start: int = 1


def _roman(number: int) -> str:
    numerals = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, letters in numerals:
        while number >= value:
            out, number = out + letters, number - value
    return out


def _letters(number: int) -> str:
    """a..z, then aa, bb (as Word counts past z)."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def count_as(fmt: str, number: int) -> str:
    """A counter in one of Word's number formats."""
    if number <= 0:
        return str(number)
    shown: dict[str, Callable[[int], str]] = {
        "lowerLetter": _letters, "upperLetter": lambda n: _letters(n).upper(),
        "lowerRoman": _roman, "upperRoman": lambda n: _roman(n).upper(),
        "decimalZero": lambda n: f"{n:02d}"}
    return shown.get(fmt, str)(number)


def _int(element: Any, default: int) -> int:
    try:
        return int(element.get(_VAL)) if element is not None else default
    except (TypeError, ValueError):
        return default


def _levels(abstract: Any) -> dict[int, Level]:
    levels = {}
    for lvl in abstract.iterchildren(qn("w:lvl")):
        fmt, text = lvl.find(qn("w:numFmt")), lvl.find(qn("w:lvlText"))
        levels[_int_attr(lvl, qn("w:ilvl"))] = Level(
            fmt.get(_VAL) if fmt is not None else "decimal",
            text.get(_VAL) if text is not None else "",
            _int(lvl.find(qn("w:start")), 1))
    return levels


def _int_attr(element: Any, name: str) -> int:
    try:
        return int(element.get(name) or 0)
    except ValueError:
        return 0


@dataclass
class Numbering:
    """The lists of a Word file and the count each has reached."""

    lists: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_lists: dict[str, tuple[str, int]] = field(default_factory=dict)
    # A list that counts on with another's counters (a .doc's overrides of one list),
    # and the levels it starts afresh at its first item (an override's new start).
    continues: dict[str, str] = field(default_factory=dict)
    restarts: dict[str, set[int]] = field(default_factory=dict)
    _counts: dict[str, list[int]] = field(default_factory=dict)
    _used: set[str] = field(default_factory=set)

    def label(self, paragraph: Any, style_id: str) -> str:
        """The next label of the paragraph's list ("" when it is not a list item)."""
        found = _num_pr(paragraph.find(qn("w:pPr")))
        num_id, level = found if found else self.style_lists.get(style_id, ("", 0))
        return self.next_label(num_id, level)

    def next_label(self, num_id: str, level: int) -> str:
        """The next label of a list at a level ("" for a list or level it lacks)."""
        levels = self.lists.get(num_id)
        if not levels or level not in levels:
            return ""
        counts = self._counts.setdefault(self.continues.get(num_id, num_id), [0] * MAX_LEVELS)
        if num_id not in self._used:
            self._used.add(num_id)
            for restart in self.restarts.get(num_id, ()):
                counts[restart:] = [0] * (MAX_LEVELS - restart)
        level = min(level, MAX_LEVELS - 1)
        counts[level] = counts[level] + 1 if counts[level] else levels[level].start
        for deeper in range(level + 1, MAX_LEVELS):
            counts[deeper] = 0
        spec = levels[level]
        if spec.format == "bullet":
            return BULLET
        if spec.format == "none":
            return ""
        label = spec.text
        for n in range(level + 1):
            shown = levels.get(n, Level())
            value = counts[n] or shown.start
            label = label.replace(f"%{n + 1}", count_as(shown.format, value))
        return label.strip()


def _num_pr(ppr: Any) -> tuple[str, int] | None:
    numpr = ppr.find(_NUMPR) if ppr is not None else None
    if numpr is None:
        return None
    num_id = numpr.find(_NUMID)
    return (num_id.get(_VAL) if num_id is not None else "") or "", \
        _int(numpr.find(_ILVL), 0)


def read_numbering(document: Any) -> Numbering:
    """The file's lists (none when it has no numbering part)."""
    numbering = Numbering()
    for relationship in document.part.rels.values():
        if relationship.reltype.endswith("/numbering") and not relationship.is_external:
            root = parse_xml(relationship.target_part.blob)
            abstracts = {a.get(qn("w:abstractNumId")): _levels(a)
                         for a in root.iterchildren(qn("w:abstractNum"))}
            for num in root.iterchildren(qn("w:num")):
                link = num.find(qn("w:abstractNumId"))
                levels = dict(abstracts.get(link.get(_VAL) if link is not None else "", {}))
                for override in num.iterchildren(qn("w:lvlOverride")):
                    at = _int_attr(override, qn("w:ilvl"))
                    start = override.find(qn("w:startOverride"))
                    if start is not None and at in levels:
                        levels[at] = Level(levels[at].format, levels[at].text,
                                           _int(start, levels[at].start))
                numbering.lists[num.get(qn("w:numId")) or ""] = levels
    for style in document.styles.element.iterchildren(qn("w:style")):
        found = _num_pr(style.find(qn("w:pPr")))
        if found and found[0]:
            numbering.style_lists[style.get(qn("w:styleId")) or ""] = found
    return numbering
