"""What a reader pane shows of one document, in core terms (code points).

Keeps the document, its blocks, its live annotations, the span index and the
UTF-16 map, and updates them incrementally when annotations change.
"""

from __future__ import annotations

from bisect import bisect_right

from workbench.errors import NotFound
from workbench.intervals import IntervalIndex, Span
from workbench.model import Actor, Annotation, Block, Document, Tag
from workbench.store import Store
from workbench.utf16 import Utf16Map


class ReaderContent:
    """One document's text, structure and annotations, ready for painting."""

    def __init__(self, store: Store, document: Document) -> None:
        self.store = store
        self.document = document
        self.text = document.text
        self.utf16 = Utf16Map(self.text)
        self.blocks: list[Block] = store.blocks(document.id)
        self._block_starts = [b.start for b in self.blocks]
        self.annotations = {a.id: a for a in store.annotations(document_id=document.id)}
        self.tags: dict[str, Tag] = {}
        self.actors: dict[str, Actor] = {}
        self.reload_labels()
        self.index = self._build_index()

    def reload_labels(self) -> None:
        """Re-read tags and actors (names and colours)."""
        self.tags = {t.id: t for t in self.store.tags(include_deleted=True)}
        self.actors = {a.id: a for a in self.store.actors(include_deleted=True)}

    def _build_index(self) -> IntervalIndex:
        return IntervalIndex([Span(a.start, a.end, a.id) for a in self.annotations.values()])

    def refresh_annotations(self, ids: frozenset[str]) -> list[tuple[int, int]]:
        """Re-read the given annotations; returns the ranges whose painting changed."""
        dirty: list[tuple[int, int]] = []
        for annotation_id in ids:
            old = self.annotations.pop(annotation_id, None)
            if old is not None:
                dirty.append((old.start, old.end))
            try:
                new = self.store.get(Annotation, annotation_id)
            except NotFound:
                continue
            if new.document_id == self.document.id and new.deleted_at is None:
                self.annotations[annotation_id] = new
                dirty.append((new.start, new.end))
        if dirty:
            self.index = self._build_index()
        return dirty

    def block_kind_at(self, position: int) -> str:
        """The structural kind (heading, paragraph, ...) of the block at ``position``."""
        at = bisect_right(self._block_starts, position) - 1
        if at >= 0 and position < self.blocks[at].end:
            return self.blocks[at].kind
        return "paragraph"

    def block_number_at(self, position: int) -> int:
        """1-based number of the structural block at ``position`` (for source lines)."""
        return max(1, bisect_right(self._block_starts, position))

    def color_of(self, annotation: Annotation) -> str:
        tag = self.tags.get(annotation.tag_id)
        return tag.color if tag else "#888888"

    def label_of(self, annotation: Annotation) -> tuple[str, str]:
        """Tag name and actor name of an annotation."""
        tag = self.tags.get(annotation.tag_id)
        actor = self.actors.get(annotation.actor_id or "")
        return (tag.name if tag else "?"), (actor.name if actor else "")
