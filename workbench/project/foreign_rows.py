"""What a row from someone else's project file must be before it is ours.

A merge or restore source is data written by another program, perhaps by
hand: every value is checked against the schema's types and ranges before
anything is written (identifiers and names without control characters,
offsets that are integers, statuses from the enums, bounded sizes).  Each
table's columns are declared here once, with the check each value must pass;
:mod:`workbench.project.foreign` reads the rows and cross-checks the references.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from workbench.model import AnchorStatus, ReviewStatus, Role
from workbench.review.workflow import COMMENT
from workbench.text.printable import CONTROL, CONTROL_IN_TEXT, SURROGATE

# What a name or a free text may not hold: control characters, or halves of surrogate
# pairs (what undecodable bytes were read as), found in one pass.
NOT_IN_NAME = re.compile(f"{CONTROL.pattern}|{SURROGATE.pattern}")
NOT_IN_TEXT = re.compile(f"{CONTROL_IN_TEXT.pattern}|{SURROGATE.pattern}")

Check = Callable[[Any], str | None]  # None when the value is fine, else what is wrong
TOO_LONG = "\x00too long\x00"  # what the source query puts in place of an oversized value
MAX_ROW_NUMBER = 2**53


@dataclass(frozen=True)
class TextCheck:
    """Text of at most ``limit`` characters, valid UTF-8, without ``control`` characters."""

    limit: int
    control: re.Pattern[str] = NOT_IN_NAME
    empty: bool = True

    def __call__(self, value: Any) -> str | None:
        if value == TOO_LONG:
            return f"is longer than {self.limit:,} characters"
        if not isinstance(value, str):
            return f"is {_kind(value)}, not text"
        if not self.empty and not value.strip():
            return "is empty"
        found = self.control.search(value)  # one pass: control characters or surrogates
        if found is None:
            return None
        return "is not valid UTF-8" if SURROGATE.match(found.group()) else \
            "holds control characters"


def name(limit: int = 2_000, *, empty: bool = True) -> TextCheck:
    """One line of text: a name, a title, a date, an identifier."""
    return TextCheck(limit, empty=empty)


def text(limit: int) -> TextCheck:
    """Free text: newlines and tabs allowed, other control characters not."""
    return TextCheck(limit, NOT_IN_TEXT)


@dataclass(frozen=True)
class IntegerCheck:
    """A whole number (stored as one: not text, not a float) within bounds."""

    low: int = 0
    high: int = MAX_ROW_NUMBER

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"is {_kind(value)}, not a whole number"
        if value < self.low:
            return f"is {value}, below {self.low:,}"
        if value > self.high:
            return f"is {value:,}, above {self.high:,}"
        return None


integer = IntegerCheck


def number(value: Any) -> str | None:
    """A finite number (a position in a list)."""
    if isinstance(value, bool) or not isinstance(value, int | float) \
            or not math.isfinite(value):
        return f"is {_kind(value)}, not a number"
    return None


@dataclass(frozen=True)
class OneOf:
    """One of a fixed set of words (a status, a kind)."""

    allowed: tuple[str, ...]

    def __call__(self, value: Any) -> str | None:
        if isinstance(value, str) and value in self.allowed:
            return None
        return f"is {_shown(value)}, not one of {', '.join(self.allowed)}"


def one_of(*allowed: str) -> OneOf:
    """One of a fixed set of words (a status, a kind)."""
    return OneOf(tuple(allowed))


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
    "superseded": {"row_id": IDENTIFIER, "change_id": name(200),
                   "content": optional(text(1_000_000)), "at": STAMP},
    "history": {"at": STAMP, "who": name(500), "role": name(50), "action": name(50),
                "kind": name(50), "row_id": name(200), "document_id": optional(IDENTIFIER),
                "detail": text(100_000), "uid": IDENTIFIER},
}


def size_limit(table: str, column: str) -> int | None:
    """The most characters a text column may hold (checked in SQL, before a value of
    200 MB ever reaches Python)."""
    check = COLUMNS[table][column]
    check = check.inner if isinstance(check, Optional) else check
    return check.limit if isinstance(check, TextCheck) else None


@dataclass(frozen=True)
class _Plan:
    """A table's checks grouped for speed.  Texts (names, free text) are searched in
    one pass over all of them joined; whole numbers and words from a list are compared
    inline; anything else, or any row the quick path doubts, goes through the checks
    one by one, which also say what is wrong."""

    names: tuple[str, ...]  # names, and identifiers that must not be empty
    texts: tuple[str, ...]
    required: tuple[str, ...]  # of the names: those that must not be empty
    optional: tuple[str, ...]  # names that may also be NULL
    whole: tuple[tuple[str, int, int], ...]
    words: tuple[tuple[str, frozenset[str]], ...]
    rest: tuple[tuple[str, Check], ...]


def _plan(columns: dict[str, Check]) -> _Plan:
    def texts(pattern: re.Pattern[str]) -> tuple[str, ...]:
        return tuple(c for c, k in columns.items()
                     if isinstance(k, TextCheck) and k.control is pattern)
    optional = tuple(c for c, k in columns.items() if isinstance(k, Optional)
                     and isinstance(k.inner, TextCheck) and k.inner.control is NOT_IN_NAME)
    whole = tuple((c, k.low, k.high) for c, k in columns.items() if isinstance(k, IntegerCheck))
    words = tuple((c, frozenset(k.allowed)) for c, k in columns.items()
                  if isinstance(k, OneOf))
    planned = {*texts(NOT_IN_NAME), *texts(NOT_IN_TEXT), *optional,
               *(c for c, *_ in whole), *(c for c, _ in words)}
    return _Plan(texts(NOT_IN_NAME), texts(NOT_IN_TEXT),
                 tuple(c for c, k in columns.items()
                       if isinstance(k, TextCheck) and not k.empty), optional, whole, words,
                 tuple((c, k) for c, k in columns.items() if c not in planned))


_PLANS = {table: _plan(columns) for table, columns in COLUMNS.items()}


def _passes(plan: _Plan, row: dict[str, Any]) -> bool:
    """The quick path: True when every value is surely fine."""
    names = [row[c] for c in plan.names if c in row]
    names += [row[c] for c in plan.optional if row.get(c) is not None]
    texts = [row[c] for c in plan.texts if c in row]
    return (all(type(v) is str for v in names) and all(type(v) is str for v in texts)
            and not NOT_IN_NAME.search("".join(names))
            and not NOT_IN_TEXT.search("".join(texts))
            and all(row[c].strip() for c in plan.required if c in row)
            and all(type(row[c]) is int and low <= row[c] <= high
                    for c, low, high in plan.whole if c in row)
            and all(row[c] in allowed for c, allowed in plan.words if c in row)
            and all(check(row[c]) is None for c, check in plan.rest if c in row))


def problem_of(table: str, row: dict[str, Any]) -> str | None:
    """The first thing wrong with ``row`` of ``table`` ('its end is text, not a whole
    number'), or None.  Rows that pass (nearly all) pass on the quick path."""
    if _passes(_PLANS[table], row):
        return None
    for column, check in COLUMNS[table].items():  # which value, and what is wrong with it
        if column in row and (wrong := check(row[column])) is not None:
            return f"its {column} {wrong}"
    return None
