"""What a row from someone else's project file must be before it is ours.

A merge or restore source is data written by another program, perhaps by
hand: every value is checked against the schema's types and ranges before
anything is written (identifiers and names without control characters,
offsets that are integers, statuses from the enums, bounded sizes).  Each
table's columns are declared here once, with the check each value must pass;
:mod:`workbench.foreign` reads the rows and cross-checks the references.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workbench.model import AnchorStatus, ReviewStatus, Role
from workbench.printable import CONTROL, CONTROL_IN_TEXT, SURROGATE
from workbench.review import COMMENT

Check = Callable[[Any], str | None]  # None when the value is fine, else what is wrong
TOO_LONG = "\x00too long\x00"  # what the source query puts in place of an oversized value
MAX_ROW_NUMBER = 2**53


@dataclass(frozen=True)
class TextCheck:
    """Text of at most ``limit`` characters, valid UTF-8, without ``control`` characters."""

    limit: int
    control: re.Pattern[str] = CONTROL
    empty: bool = True

    def __call__(self, value: Any) -> str | None:
        if value == TOO_LONG:
            return f"is longer than {self.limit:,} characters"
        if not isinstance(value, str):
            return f"is {_kind(value)}, not text"
        if SURROGATE.search(value):
            return "is not valid UTF-8"
        if not self.empty and not value.strip():
            return "is empty"
        if self.control.search(value):
            return "holds control characters"
        return None


def name(limit: int = 2_000, *, empty: bool = True) -> TextCheck:
    """One line of text: a name, a title, a date, an identifier."""
    return TextCheck(limit, empty=empty)


def text(limit: int) -> TextCheck:
    """Free text: newlines and tabs allowed, other control characters not."""
    return TextCheck(limit, CONTROL_IN_TEXT)


def integer(low: int = 0, high: int = MAX_ROW_NUMBER) -> Check:
    """A whole number (stored as one: not text, not a float) within bounds."""
    def check(value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"is {_kind(value)}, not a whole number"
        if value < low:
            return f"is {value}, below {low:,}"
        if value > high:
            return f"is {value:,}, above {high:,}"
        return None
    return check


def number(value: Any) -> str | None:
    """A finite number (a position in a list)."""
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value):
        return f"is {_kind(value)}, not a number"
    return None


def one_of(*allowed: str) -> Check:
    """One of a fixed set of words (a status, a kind)."""
    def check(value: Any) -> str | None:
        return None if value in allowed else f"is {_shown(value)}, not one of {', '.join(allowed)}"
    return check


@dataclass(frozen=True)
class Optional:
    """NULL, or a value ``inner`` accepts."""

    inner: Check

    def __call__(self, value: Any) -> str | None:
        return None if value is None else self.inner(value)


optional = Optional


def _kind(value: Any) -> str:
    if value is None:
        return "missing"
    if isinstance(value, bytes):
        return "binary data"
    return type(value).__name__ if not isinstance(value, str) else "text"


def _shown(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


IDENTIFIER = name(200, empty=False)
STAMP = name(64)
TRACKED: dict[str, Check] = {
    "created_at": STAMP, "updated_at": STAMP, "rev": integer(), "analyst": name(500),
    "deleted_at": optional(STAMP), "change_id": name(200),
}

# For each table a merge or restore reads: its columns and the check of each value.
COLUMNS: dict[str, dict[str, Check]] = {
    "project": {"id": IDENTIFIER, "name": name(500), "created_at": STAMP,
                "schema_version": integer(0, 10_000), "settings": text(1_000_000)},
    "documents": {
        "id": IDENTIFIER, "title": name(), "source": name(), "author": name(),
        "published": name(200), "url": name(10_000), "language": name(100),
        "format": name(100), "filename": name(), "imported_at": STAMP,
        "text": text(50_000_000), "sha256": name(128), "version_of": optional(IDENTIFIER),
        **TRACKED},
    "blocks": {"document_id": IDENTIFIER, "index": integer(), "kind": name(50),
               "start": integer(), "end": integer()},
    "tags": {"id": IDENTIFIER, "name": name(200, empty=False), "color": name(32),
             "shortcut": name(20), "description": text(10_000),
             "sort_order": integer(-MAX_ROW_NUMBER), **TRACKED},
    "actors": {"id": IDENTIFIER, "name": name(500, empty=False), "aliases": name(5_000),
               "color": name(32), **TRACKED},
    "annotations": {
        "id": IDENTIFIER, "document_id": IDENTIFIER, "start": integer(), "end": integer(),
        "exact": text(1_000_000), "prefix": text(10_000), "suffix": text(10_000),
        "tag_id": IDENTIFIER, "actor_id": optional(IDENTIFIER), "note": text(200_000),
        "status": one_of(*ReviewStatus), "anchor_status": one_of(*AnchorStatus),
        "doc_sha256": name(128), **TRACKED},
    "reviews": {"id": IDENTIFIER, "annotation_id": IDENTIFIER, "reviewer": name(500),
                "verdict": one_of(*ReviewStatus, COMMENT), "comment": text(200_000),
                "role": one_of("", *Role), **TRACKED},
    "brief": {"id": IDENTIFIER, "kind": one_of("title", "bluf", "comment", "judgement"),
              "text": text(200_000), "section": name(500), "cites": text(100_000),
              "position": number, **TRACKED},
    "superseded": {"row_id": IDENTIFIER, "change_id": name(200)},
}


def size_limit(table: str, column: str) -> int | None:
    """The most characters a text column may hold (checked in SQL, before a value of
    200 MB ever reaches Python)."""
    check = COLUMNS[table][column]
    check = check.inner if isinstance(check, Optional) else check
    return check.limit if isinstance(check, TextCheck) else None


def problem_of(table: str, row: dict[str, Any]) -> str | None:
    """The first thing wrong with ``row`` of ``table`` ('its end is text, not a whole
    number'), or None."""
    for column, check in COLUMNS[table].items():
        if column in row and (wrong := check(row[column])) is not None:
            return f"its {column} {wrong}"
    return None
