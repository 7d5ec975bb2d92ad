"""Reversible user edits: each one applies to a store and reverts, returning ``Changes``.

The window wraps each edit in one generic ``QUndoCommand``; the command line
just applies them.  Every edit can go apply → revert → apply any number of
times: an added record is tombstoned on revert and restored on the next apply,
so its id (and anything pointing at it) survives.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Protocol, Unpack

from workbench.clock import now_iso
from workbench.model import Actor, Annotation, BriefPart, Changes, Document, Review, Tag
from workbench.store import Store
from workbench.store.fields import (
    ActorFields,
    AnnotationFields,
    BriefFields,
    DocumentFields,
    TagFields,
)

EditableRecord = Annotation | Tag | Actor | Document | Review | BriefPart


class Edit(Protocol):
    """What the undo stack needs of an edit."""

    label: str

    def apply(self, store: Store) -> Changes: ...

    def revert(self, store: Store) -> Changes: ...


def changes_for(record: EditableRecord) -> Changes:
    """The ``Changes`` value naming one record."""
    ids = frozenset({record.id})
    if isinstance(record, Annotation):
        return Changes(annotations=ids, documents=frozenset({record.document_id}))
    if isinstance(record, Tag):
        return Changes(tags=ids)
    if isinstance(record, Actor):
        return Changes(actors=ids)
    if isinstance(record, Review):
        return Changes(reviews=ids, annotations=frozenset({record.annotation_id}))
    if isinstance(record, BriefPart):
        return Changes(brief=ids)
    return Changes(documents=ids)


@dataclass
class AddRecord:
    """Add an annotation, tag or actor (restored on re-apply, tombstoned on revert)."""

    record: EditableRecord
    label: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or f"Add {type(self.record).__name__.lower()}"

    def apply(self, store: Store) -> Changes:
        with store.transaction():
            table = store.table(type(self.record))
            if table.exists(self.record.id):
                self.record = table.restore(self.record.id)
            else:
                self.record = table.insert(self.record)
        return changes_for(self.record)

    def revert(self, store: Store) -> Changes:
        return changes_for(store.table(type(self.record)).tombstone(self.record.id))


@dataclass
class ChangeRecord:
    """Change some fields of a record; revert puts the previous values back.

    Made by the typed ``change_*`` functions below, so the field names are checked.
    """

    record_type: type[EditableRecord]
    record_id: str
    values: dict[str, Any]
    label: str = ""
    _before: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.label = self.label or f"Change {self.record_type.__name__.lower()}"
        unknown = set(self.values) - {f.name for f in fields(self.record_type)}
        if unknown:
            raise ValueError(f"A {self.record_type.__name__.lower()} has no column(s) "
                             f"{sorted(unknown)}")

    def apply(self, store: Store) -> Changes:
        with store.transaction():
            table = store.table(self.record_type)
            current = table.get(self.record_id)
            self._before = {name: getattr(current, name) for name in self.values}
            updated = table.update_fields(self.record_id, self.values)
        return changes_for(updated)

    def revert(self, store: Store) -> Changes:
        return changes_for(store.table(self.record_type).update_fields(self.record_id,
                                                                       self._before))


@dataclass
class DeleteRecord:
    """Tombstone a record; revert brings it back."""

    record_type: type[EditableRecord]
    record_id: str
    label: str = ""

    def __post_init__(self) -> None:
        self.label = self.label or f"Delete {self.record_type.__name__.lower()}"

    def apply(self, store: Store) -> Changes:
        return changes_for(store.table(self.record_type).tombstone(self.record_id))

    def revert(self, store: Store) -> Changes:
        return changes_for(store.table(self.record_type).restore(self.record_id))


@dataclass
class AddRecords:
    """Add many new records at once (an import): one statement batch, one undo step."""

    records: list[Annotation | Tag | Actor | Review]
    label: str = "Import annotations"
    _stored: bool = False

    def changes(self) -> Changes:
        def ids(kind: type) -> frozenset[str]:
            return frozenset(r.id for r in self.records if isinstance(r, kind))
        return Changes(annotations=ids(Annotation), tags=ids(Tag), actors=ids(Actor),
                       reviews=ids(Review), documents=frozenset(
                           r.document_id for r in self.records if isinstance(r, Annotation)))

    def _each_type(self) -> list[tuple[type, list[str]]]:
        order = (Tag, Actor, Annotation, Review)
        return [(kind, [r.id for r in self.records if isinstance(r, kind)]) for kind in order]

    def apply(self, store: Store) -> Changes:
        with store.transaction():
            if not self._stored:
                store.insert_many(self.records)
                self._stored = True
            else:
                for kind, ids in self._each_type():
                    store.table(kind).set_deleted(ids, None)
        return self.changes()

    def revert(self, store: Store) -> Changes:
        with store.transaction():
            stamp = now_iso()
            for kind, ids in reversed(self._each_type()):
                store.table(kind).set_deleted(ids, stamp)
        return self.changes()


@dataclass
class CompositeEdit:
    """Several edits applied as one (in order) and reverted as one (in reverse)."""

    label: str
    edits: list[Edit] = field(default_factory=list)

    def apply(self, store: Store) -> Changes:
        changes = Changes()
        with store.transaction():
            for edit in self.edits:
                changes |= edit.apply(store)
        return changes

    def revert(self, store: Store) -> Changes:
        changes = Changes()
        with store.transaction():
            for edit in reversed(self.edits):
                changes |= edit.revert(store)
        return changes


def add_annotation(annotation: Annotation) -> AddRecord:
    """Tag a passage."""
    return AddRecord(annotation, label="Tag passage")


def change_annotation(annotation_id: str, *, label: str = "Change annotation",
                      **values: Unpack[AnnotationFields]) -> ChangeRecord:
    """Change an annotation's tag, actor, note, status or anchor."""
    return ChangeRecord(Annotation, annotation_id, dict(values), label=label)


def change_document(document_id: str, *, label: str = "Change details",
                    **values: Unpack[DocumentFields]) -> ChangeRecord:
    """Change a document's details (title, outlet, author, date, address, language)."""
    return ChangeRecord(Document, document_id, dict(values), label=label)


def delete_annotation(annotation_id: str) -> DeleteRecord:
    """Delete (tombstone) an annotation."""
    return DeleteRecord(Annotation, annotation_id, label="Delete annotation")


def change_brief_part(part_id: str, label: str, **values: Unpack[BriefFields]) -> ChangeRecord:
    """Reword, re-cite or move a written part of the briefing."""
    return ChangeRecord(BriefPart, part_id, dict(values), label=label)


def add_tag(tag: Tag) -> AddRecord:
    """Add a tag."""
    return AddRecord(tag, label=f"Add tag {tag.name}")


def change_tag(tag_id: str, **values: Unpack[TagFields]) -> ChangeRecord:
    """Rename, recolour, reorder or re-key a tag."""
    return ChangeRecord(Tag, tag_id, dict(values), label="Change tag")


def add_actor(actor: Actor) -> AddRecord:
    """Add an actor."""
    return AddRecord(actor, label=f"Add actor {actor.name}")


def change_actor(actor_id: str, **values: Unpack[ActorFields]) -> ChangeRecord:
    """Rename or recolour an actor, or change its aliases."""
    return ChangeRecord(Actor, actor_id, dict(values), label="Change actor")


@dataclass
class DeleteTag(CompositeEdit):
    """Delete a tag together with the live annotations that carry it."""

    tag_id: str = ""

    def apply(self, store: Store) -> Changes:
        if not self.edits:  # decided once, so redo repeats exactly what was done
            self.edits = [delete_annotation(a.id)
                          for a in store.annotations.where(tag_id=self.tag_id)]
            self.edits.append(DeleteRecord(Tag, self.tag_id))
        return super().apply(store)


@dataclass
class DeleteActor(CompositeEdit):
    """Delete an actor; its annotations stay, with no actor."""

    actor_id: str = ""

    def apply(self, store: Store) -> Changes:
        if not self.edits:
            self.edits = [change_annotation(a.id, actor_id=None)
                          for a in store.annotations.where(actor_id=self.actor_id)]
            self.edits.append(DeleteRecord(Actor, self.actor_id))
        return super().apply(store)


@dataclass
class MergeActors(CompositeEdit):
    """Fold one actor into another: its annotations move over, then it is deleted."""

    keep_id: str = ""
    drop_id: str = ""

    def apply(self, store: Store) -> Changes:
        if not self.edits:
            self.edits = [change_annotation(a.id, actor_id=self.keep_id)
                          for a in store.annotations.where(actor_id=self.drop_id)]
            self.edits.append(DeleteRecord(Actor, self.drop_id))
        return super().apply(store)


def merge_actors(keep_id: str, drop_id: str) -> MergeActors:
    """Merge the actor ``drop_id`` into ``keep_id``."""
    return MergeActors(label="Merge actors", keep_id=keep_id, drop_id=drop_id)


def delete_tag(tag_id: str) -> DeleteTag:
    """Delete a tag and the annotations that carry it."""
    return DeleteTag(label="Delete tag", tag_id=tag_id)


def delete_actor(actor_id: str) -> DeleteActor:
    """Delete an actor, leaving its annotations without one."""
    return DeleteActor(label="Delete actor", actor_id=actor_id)


def delete_document(document_id: str) -> DeleteRecord:
    """Delete (tombstone) a document; its annotations go with it from every view."""
    return DeleteRecord(Document, document_id, label="Delete document")
