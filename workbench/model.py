"""The domain objects the store hands out: frozen dataclasses, never raw rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class AnchorStatus(StrEnum):
    """How well an annotation's stored quote sits on its document's current text."""

    ANCHORED = "anchored"
    MOVED = "moved"
    CHANGED = "changed"
    NEEDS_REVIEW = "needs_review"
    ORPHAN = "orphan"

    @property
    def label(self) -> str:
        """'needs review': how the window writes it."""
        return self.value.replace("_", " ")


class ReviewStatus(StrEnum):
    """Where an annotation is in the review workflow."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    CHANGES_REQUESTED = "changes_requested"

    @property
    def label(self) -> str:
        """'changes requested': how the window and the exports write it."""
        return self.value.replace("_", " ")


class Role(StrEnum):
    """What a person does in a project; recorded on every verdict."""

    ANALYST = "analyst"
    SUPERVISOR = "supervisor"


@dataclass(frozen=True)
class Document:
    """An imported article: its normalised text and what is known about it."""

    id: str
    title: str
    text: str
    sha256: str
    source: str = ""
    author: str = ""
    published: str = ""
    url: str = ""
    language: str = ""
    format: str = ""
    filename: str = ""
    imported_at: str = ""
    version_of: str | None = None
    deleted_at: str | None = None


@dataclass(frozen=True)
class DocumentSummary:
    """A document as listed: no text, but its size and counts."""

    id: str
    title: str
    source: str
    author: str
    published: str
    url: str
    sha256: str
    chars: int
    blocks: int
    annotations: int
    imported_at: str
    replaced: bool = False  # a newer version of it was imported


@dataclass(frozen=True)
class Block:
    """A structural block (heading, paragraph, quote, list item, table row) of a document."""

    document_id: str
    index: int
    kind: str
    start: int
    end: int


@dataclass(frozen=True)
class Tag:
    """A category an annotation can carry (Position, Criticism, Red line, ...)."""

    id: str
    name: str
    color: str
    shortcut: str = ""
    description: str = ""
    sort_order: int = 0
    rev: int = 1
    deleted_at: str | None = None


@dataclass(frozen=True)
class Actor:
    """Whose position, criticism or red line a passage is."""

    id: str
    name: str
    aliases: str = ""
    color: str = ""
    rev: int = 1
    deleted_at: str | None = None


@dataclass(frozen=True)
class Annotation:
    """A tagged passage: its anchor (offsets + quote + context) and what it says."""

    id: str
    document_id: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    tag_id: str
    actor_id: str | None = None
    note: str = ""
    analyst: str = ""
    status: str = ReviewStatus.DRAFT.value
    anchor_status: str = AnchorStatus.ANCHORED.value
    doc_sha256: str = ""
    created_at: str = ""
    updated_at: str = ""
    rev: int = 1
    deleted_at: str | None = None


@dataclass(frozen=True)
class Review:
    """One verdict on an annotation; the annotation's status is its latest verdict."""

    id: str
    annotation_id: str
    reviewer: str
    verdict: str
    comment: str = ""
    role: str = ""
    created_at: str = ""
    updated_at: str = ""
    rev: int = 1
    analyst: str = ""
    deleted_at: str | None = None


BRIEF_KINDS = ("title", "bluf", "judgement", "comment")


@dataclass(frozen=True)
class BriefPart:
    """One written part of the briefing, in Markdown (bold, italics, lists): its title,
    its bottom line up front, a key judgement (citing passages) or the commentary that
    opens a section.  The title, the BLUF and each section's comment have fixed ids, so
    two analysts' copies merge as one part."""

    id: str
    kind: str  # one of BRIEF_KINDS
    text: str = ""
    section: str = ""  # a comment's section: "tag:<id>" or "actor:<id>"
    cites: str = ""  # a judgement's cited passages: their ids, space-separated
    position: float = 0.0  # a judgement's place in the list
    created_at: str = ""
    updated_at: str = ""
    rev: int = 1
    analyst: str = ""
    deleted_at: str | None = None

    @property
    def cited(self) -> list[str]:
        return self.cites.split()


NO_ACTOR = ""  # in PassageFilter.actors: passages that name no actor


@dataclass(frozen=True)
class PassageFilter:
    """What to include; an empty set means "all".

    ``since`` and ``until`` (ISO dates, inclusive) apply to a document's
    publication date, or to its import date when it has none.
    """

    documents: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    actors: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    analysts: frozenset[str] = frozenset()
    since: str = ""
    until: str = ""
    text: str = ""  # in the quote, the note or the document's title (case-insensitive)


@dataclass(frozen=True)
class SearchHit:
    """One full-text search result: a document passage or an annotation."""

    kind: str  # "document" or "annotation"
    document_id: str
    document_title: str
    snippet: str
    annotation_id: str | None = None
    start: int = -1  # a document hit: where it is in the text (code points)
    end: int = -1
    count: int = 0  # a document hit: how many hits that document has in all


def _ids(values: frozenset[str] | None = None) -> frozenset[str]:
    return values or frozenset()


@dataclass(frozen=True)
class Changes:
    """What an edit changed: the ids of the rows touched, per kind of row.

    The window re-emits one of these after every edit, and each view refreshes
    only what it shows.  Combine two with ``|``.
    """

    documents: frozenset[str] = field(default_factory=_ids)
    annotations: frozenset[str] = field(default_factory=_ids)
    tags: frozenset[str] = field(default_factory=_ids)
    actors: frozenset[str] = field(default_factory=_ids)
    reviews: frozenset[str] = field(default_factory=_ids)
    brief: frozenset[str] = field(default_factory=_ids)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            documents=self.documents | other.documents,
            annotations=self.annotations | other.annotations,
            tags=self.tags | other.tags,
            actors=self.actors | other.actors,
            reviews=self.reviews | other.reviews,
            brief=self.brief | other.brief,
        )

    def __bool__(self) -> bool:
        return bool(
            self.documents or self.annotations or self.tags or self.actors or self.reviews
            or self.brief
        )
