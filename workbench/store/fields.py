"""The fields an edit may change, per kind of record, as typed dictionaries.

``store.annotations.update(id, tagid=...)`` or ``change_annotation(id, notes=...)``
is a type error that mypy reports, not a failure at run time.  The keys are
checked against the table's columns at run time as well.
"""

from __future__ import annotations

from typing import TypedDict


class DocumentFields(TypedDict, total=False):
    """What a user (or a new version's import) may change about a document."""

    title: str
    source: str
    author: str
    published: str
    url: str
    language: str
    deleted_at: str | None


class AnnotationFields(TypedDict, total=False):
    """What may change about a tagged passage: what it says, where it sits, its status."""

    tag_id: str
    actor_id: str | None
    document_id: str  # carried over to a new version of its article
    note: str
    status: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    anchor_status: str
    doc_sha256: str
    deleted_at: str | None


class TagFields(TypedDict, total=False):
    """What may change about a tag."""

    name: str
    color: str
    shortcut: str
    description: str
    sort_order: int
    deleted_at: str | None


class ActorFields(TypedDict, total=False):
    """What may change about an actor."""

    name: str
    aliases: str
    color: str
    deleted_at: str | None


class ReviewFields(TypedDict, total=False):
    """A verdict is never edited; it can only be tombstoned (by undo) or restored."""

    deleted_at: str | None


class BriefFields(TypedDict, total=False):
    """What may change about a written part of the briefing: its words, what it cites,
    its place among the judgements, whether it is deleted."""

    text: str
    cites: str
    position: float
    deleted_at: str | None
