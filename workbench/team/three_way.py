"""A row both sides changed, merged field by field against the version both started from.

Where only one side changed a field since the common version (the *base*), that
side's value is kept; only a field both changed, to different values, is a
conflict.  A passage's place in its text (start, end, quote and its context) is
one field here: half of one span and half of another would point at nothing.
Deleting a row is a conflict with any edit the other side made to it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from workbench.store.row_content import CONTENT

Row = dict[str, Any]
Versions = Mapping[str, tuple[str, str | None]]  # change id → (when made, content as JSON)

SPAN = ("document_id", "start", "end", "exact", "prefix", "suffix", "doc_sha256",
        "anchor_status")
DELETED = "deleted_at"


def groups(kind: str) -> list[tuple[str, ...]]:
    """The fields of a kind of row that change together (each alone, but a passage's span)."""
    fields = CONTENT[kind]
    if kind != "annotations":
        return [(f,) for f in fields]
    return [SPAN] + [(f,) for f in fields if f not in SPAN]


def base_of(ours: str, our_versions: Versions, theirs: str, their_versions: Versions, *,
            same_row: bool) -> Row | None:
    """What the row said at the latest change both sides hold (None where not kept).

    Rows matched by name (``same_row`` False) share no first version: only changes
    one side took from the other count.
    """
    mine = set(our_versions) | {ours}
    common = [c for c in (set(their_versions) | {theirs}) & mine if same_row or c]
    kept = [(versions[c][0], versions[c][1]) for c in common
            for versions in (our_versions, their_versions)
            if c in versions and versions[c][1] is not None]
    if not kept:
        return None
    return dict(json.loads(max(kept, key=lambda k: k[0])[1] or "{}"))


@dataclass
class FieldMerge:
    """Ours with theirs' one-sided edits, and the fields both changed differently."""

    merged: Row
    taken: list[str] = field(default_factory=list)  # fields taken from theirs
    clashes: list[str] = field(default_factory=list)  # fields both sides changed

    def changed(self, ours: Row) -> bool:
        """Whether the merged row says anything ours did not."""
        return any(self.merged[f] != ours[f] for f in self.taken)


def merge_fields(kind: str, base: Row, ours: Row, theirs: Row) -> FieldMerge:
    """Merge ``theirs`` into ``ours`` field by field, against ``base``."""
    result = FieldMerge(merged={f: ours[f] for f in CONTENT[kind]})
    ours_changed: list[str] = []
    theirs_changed: list[str] = []
    for group in groups(kind):
        b, o, t = ([_said(f, row.get(f)) for f in group] for row in (base, ours, theirs))
        if o != b:
            ours_changed += group
        if t in (b, o):
            continue
        theirs_changed += group
        if o == b:
            result.merged.update({f: theirs[f] for f in group})
            result.taken += group
        else:
            result.clashes += group
    if _delete_against_edit(ours_changed, theirs_changed):
        return FieldMerge(merged={f: ours[f] for f in CONTENT[kind]},
                          clashes=sorted(set(ours_changed) | set(theirs_changed)))
    return result


def _said(name: str, value: Any) -> Any:
    """What a field says for merging: for the tombstone, only whether the row is deleted
    (two sides that both deleted it agree, whenever they did)."""
    return value is not None if name == DELETED else value


def _delete_against_edit(ours: list[str], theirs: list[str]) -> bool:
    """One side deleted the row and the other edited it."""
    return bool((DELETED in ours and set(theirs) - {DELETED})
                or (DELETED in theirs and set(ours) - {DELETED}))
