"""Conflicts a merge left: both sides changed the same field; the supervisor picks.

A conflict holds "theirs" (the other project's version of the row), the version
both started from (the base), the fields both changed, and who made each side;
"ours" is the row as it is (with every edit of theirs that did not clash already
in it).  Resolving is one undoable edit: keep ours, take theirs (their values of
the clashing fields), choose field by field, or (for a passage) keep both,
theirs becoming a passage of its own.  Either way the row gets a new change that
has both sides' changes in its past, so the resolution wins when the projects
are merged again, in either direction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from workbench.clock import new_id
from workbench.edits import AddRecord, ChangeRecord
from workbench.errors import NotFound, WorkbenchError
from workbench.model import Annotation, Changes
from workbench.store import Store
from workbench.team.three_way import SPAN, groups


class Keep(StrEnum):
    """How a conflict is resolved."""

    OURS = "ours"
    THEIRS = "theirs"
    BOTH = "both"


@dataclass(frozen=True)
class Conflict:
    """One row both sides changed: ours as it is now, theirs as the merge found it."""

    id: str
    kind: str  # the table: annotations, tags, actors, documents, reviews
    row_id: str
    ours: dict[str, Any]
    theirs: dict[str, Any]
    theirs_change: str
    source: str
    created_at: str
    resolved_at: str | None = None
    resolution: str = ""
    base: dict[str, Any] | None = None  # what both started from (None: not kept)
    fields: tuple[str, ...] = ()  # the fields both changed (empty: the whole row)
    ours_who: str = ""  # "Ana (analyst)"
    theirs_who: str = ""

    def groups(self) -> list[tuple[str, ...]]:
        """The clashing fields, as they change together (a passage's span is one)."""
        clashing = set(self.fields) or {f for f in self.ours if self.ours[f] != self.theirs.get(f)}
        return [g for g in groups(self.kind) if clashing & set(g)]


def _current(store: Store, kind: str, row_id: str) -> dict[str, Any]:
    row = store.merging.content_of(kind, row_id)
    if row is None:
        raise NotFound(f"The row of a conflict is gone ({kind} {row_id[:8]}).")
    return row


def list_conflicts(store: Store, *, include_resolved: bool = False) -> list[Conflict]:
    """Conflicts left by merges, oldest first (the open ones only, unless asked)."""
    rows = store.merging.conflict_rows(include_resolved=include_resolved)
    return [Conflict(i, kind, row_id, _current(store, kind, row_id), json.loads(theirs), change,
                     source, created, resolved, resolution,
                     json.loads(base) if base else None,
                     tuple(json.loads(fields)) if fields else (), ours_who, theirs_who)
            for (i, kind, row_id, theirs, change, source, created, resolved, resolution, base,
                 fields, ours_who, theirs_who) in rows]


def group_name(group: tuple[str, ...]) -> str:
    """A group of fields as people call it: 'span', 'tag', 'actor', 'note', 'deleted'."""
    if group == SPAN:
        return "span"
    name = group[0]
    return {"tag_id": "tag", "actor_id": "actor", "deleted_at": "deleted"}.get(name, name)


def value_in_words(store: Store, group: tuple[str, ...], values: dict[str, Any]) -> str:
    """What one version says in these fields: names for ids, the quote for a span."""
    name = group_name(group)
    if name == "span":
        return f"“{' '.join(str(values.get('exact', '')).split())[:60]}”"
    value = values.get(group[0])
    if name == "deleted":
        return "deleted" if value is not None else "kept"
    if name == "tag" and value and store.tags.exists(value):
        return store.tags.get(value).name
    if name == "actor":
        return store.actors.get(value).name if value and store.actors.exists(value) else "no actor"
    return "—" if value in ("", None) else " ".join(str(value).split())[:60]


def side_in_words(store: Store, conflict: Conflict, theirs: bool) -> str:
    """'Ana (analyst): actor Ukraine → Kyiv': one side's change of each clashing field,
    from the base (or just its value where no base was kept)."""
    values = conflict.theirs if theirs else conflict.ours
    who = (conflict.theirs_who or conflict.source) if theirs else \
        (conflict.ours_who or "this project")
    parts = []
    for group in conflict.groups():
        now = value_in_words(store, group, values)
        was = "" if conflict.base is None else \
            f"{value_in_words(store, group, conflict.base)} → "
        parts.append(f"{group_name(group)} {was}{now}")
    return f"{who}: " + "; ".join(parts)


def describe_version(store: Store, kind: str, values: dict[str, Any]) -> dict[str, Any]:
    """A version of a row as people read it: a passage's tag and actor by name."""
    if kind != "annotations":
        return values
    tag = store.tags.get(values["tag_id"]).name if store.tags.exists(values["tag_id"]) else ""
    actor_id = values.get("actor_id")
    actor = store.actors.get(actor_id).name if actor_id and store.actors.exists(actor_id) else ""
    return {"quote": values["exact"], "note": values["note"], "tag": tag, "actor": actor,
            "start": values["start"], "end": values["end"],
            "deleted": values["deleted_at"] is not None}


def find_conflict(store: Store, ref: str) -> Conflict:
    """An open conflict by its id, an id prefix, or the id (prefix) of its row."""
    ref = ref.strip().lower()
    found = [c for c in list_conflicts(store)
             if c.id.startswith(ref) or (len(ref) >= 4 and c.row_id.startswith(ref))]
    if len(found) != 1:
        raise NotFound(f"No open conflict matches '{ref}'." if not found else
                       f"'{ref}' matches {len(found)} conflicts; give more of the id.")
    return found[0]


@dataclass
class ResolveConflict:
    """Keep ours, take theirs, keep both, or choose per field: one undoable step.

    ``choices`` maps a field group's name (:func:`group_name`) to the side kept for
    it; groups it leaves out keep ``keep``.
    """

    conflict_id: str
    keep: Keep
    label: str = ""
    choices: dict[str, Keep] = field(default_factory=dict)
    _before: dict[str, Any] = field(default_factory=dict)
    _copy: AddRecord | None = None

    def __post_init__(self) -> None:
        self.label = self.label or f"Resolve conflict (keep {self.keep.value})"

    def wanted(self, conflict: Conflict) -> dict[str, Any]:
        """The row as this resolution leaves it."""
        if not conflict.fields and not self.choices:  # a whole-row conflict of old
            return dict(conflict.theirs if self.keep is Keep.THEIRS else conflict.ours)
        wanted = dict(conflict.ours)
        for group in conflict.groups():
            if self.choices.get(group_name(group), self.keep) is Keep.THEIRS:
                wanted.update({f: conflict.theirs[f] for f in group})
        return wanted

    def apply(self, store: Store) -> Changes:
        with store.transaction():
            conflict = next((c for c in list_conflicts(store, include_resolved=True)
                             if c.id == self.conflict_id), None)
            if conflict is None or conflict.resolved_at is not None:
                raise WorkbenchError("That conflict is resolved already.")
            if self.keep is Keep.BOTH and conflict.kind != "annotations":
                raise WorkbenchError("Only a passage can be kept in both versions.")
            self._before = conflict.ours
            # A new change of the row, with both sides' changes in its past.
            table = store.table_named(conflict.kind)
            changes = ChangeRecord(table.record_type, conflict.row_id, self.wanted(conflict),
                                   self.label).apply(store)
            record = table.get(conflict.row_id)
            store.merging.remember([(conflict.row_id, conflict.theirs_change)])
            if self.keep is Keep.BOTH:
                self._copy = self._copy or AddRecord(_copy_of(record, conflict.theirs),
                                                     label="Keep both versions")
                changes |= self._copy.apply(store)
            store.merging.mark_resolved(self.conflict_id,
                                        self.keep.value if not self.choices else "fields")
        return changes

    def revert(self, store: Store) -> Changes:
        with store.transaction():
            kind, row_id = store.merging.conflict_row_of(self.conflict_id)
            table = store.table_named(kind)
            changes = ChangeRecord(table.record_type, row_id, self._before,
                                   self.label).apply(store)
            if self._copy is not None:
                changes |= self._copy.revert(store)
            store.merging.mark_resolved(self.conflict_id, None)
        return changes


def _copy_of(ours: Any, theirs: dict[str, Any]) -> Annotation:
    """Their version of a passage as a passage of its own (a new id; the same review state)."""
    assert isinstance(ours, Annotation)
    values = {k: v for k, v in theirs.items() if k in Annotation.__dataclass_fields__}
    values.update(id=new_id(), rev=1, created_at="", updated_at="", deleted_at=None)
    return replace(ours, **values)
