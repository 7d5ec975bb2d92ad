"""Numbered and bulleted lists of an OpenDocument text, labelled as they are shown.

A list names its list style; each level of the style says how it counts
(``style:num-format`` 1, a, A, i, I), what stands around the number (prefix and
suffix), where it starts and how many levels the label shows ("2.1.").  A list
may continue another (``text:continue-list``, ``text:continue-numbering``); an
item may restart the count (``text:start-value``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workbench.importers.word.numbering import BULLET, count_as

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_FORMATS = {"1": "decimal", "a": "lowerLetter", "A": "upperLetter", "i": "lowerRoman",
            "I": "upperRoman"}
MAX_LEVELS = 10


def _t(name: str) -> str:
    return f"{{{_TEXT}}}{name}"


@dataclass(frozen=True)
class OdfLevel:
    """How one level of a list style labels its items."""

    format: str = ""  # Word's name for it ("decimal"...), "" for a bullet or none
    prefix: str = ""
    suffix: str = ""
    start: int = 1
    shown: int = 1  # how many levels the label shows
    bullet: bool = False


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _levels(style: Any) -> dict[int, OdfLevel]:
    levels = {}
    for level in style:
        depth = _int(level.get(_t("level")), 1)
        if level.tag == _t("list-level-style-number"):
            levels[depth] = OdfLevel(
                _FORMATS.get(level.get(f"{{{_STYLE}}}num-format") or "", ""),
                level.get(f"{{{_STYLE}}}num-prefix") or "",
                level.get(f"{{{_STYLE}}}num-suffix") or "",
                _int(level.get(_t("start-value")), 1),
                _int(level.get(_t("display-levels")), 1))
        elif level.tag == _t("list-level-style-bullet"):
            levels[depth] = OdfLevel(bullet=True)
    return levels


@dataclass
class _Count:
    style: str
    counts: list[int] = field(default_factory=lambda: [0] * (MAX_LEVELS + 1))


@dataclass
class OdfNumbering:
    """The list styles of a document and the counts its lists have reached."""

    styles: dict[str, dict[int, OdfLevel]] = field(default_factory=dict)
    _lists: dict[str, _Count] = field(default_factory=dict)  # by the list's own id
    _last: dict[str, _Count] = field(default_factory=dict)  # the latest list of a style
    _open: list[_Count] = field(default_factory=list)  # the lists being read, outermost first

    def enter(self, element: Any, inherited: str) -> str:
        """A ``text:list`` begins; returns its style name (a nested list takes its
        parent's when it names none)."""
        style = element.get(_t("style-name")) or inherited
        if self._open and style == self._open[-1].style:  # a deeper level of the same list
            self._open.append(self._open[-1])
            return style
        continued = element.get(_t("continue-list"))
        count = self._lists.get(continued or "") or (
            self._last.get(style) if element.get(_t("continue-numbering")) == "true"
            else None) or _Count(style)
        if element.get(_XML_ID):
            self._lists[element.get(_XML_ID)] = count
        self._last[style] = count
        self._open.append(count)
        return style

    def leave(self) -> None:
        self._open.pop()

    def label(self, item: Any) -> str:
        """The next label of the list being read ("" when its style shows none)."""
        if not self._open:
            return ""
        count = self._open[-1]
        depth = min(sum(1 for c in self._open if c is count), MAX_LEVELS)
        levels = self.styles.get(count.style, {})
        spec = levels.get(depth)
        if spec is None:
            return ""
        start = _int(item.get(_t("start-value")), 0)
        counts = count.counts
        counts[depth] = start or (counts[depth] + 1 if counts[depth] else spec.start)
        for deeper in range(depth + 1, MAX_LEVELS + 1):
            counts[deeper] = 0
        if spec.bullet:
            return BULLET
        if not spec.format:
            return ""
        numbers = [count_as(levels.get(n, spec).format or "decimal",
                            counts[n] or levels.get(n, spec).start)
                   for n in range(max(1, depth - spec.shown + 1), depth + 1)]
        return f"{spec.prefix}{'.'.join(numbers)}{spec.suffix}".strip()


def read_list_styles(*roots: Any) -> OdfNumbering:
    """The list styles of content.xml and styles.xml (either may be None)."""
    numbering = OdfNumbering()
    for root in roots:
        if root is None:
            continue
        for style in root.iter(_t("list-style")):
            name = style.get(f"{{{_STYLE}}}name")
            if name:
                numbering.styles[name] = _levels(style)
    return numbering
