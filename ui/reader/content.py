"""What a reader pane shows of one document, in core terms (code points).

Keeps the document, its blocks, a span for each live annotation (offsets and
tag: all that painting needs) and the UTF-16 map.  Full annotations (note,
actor, analyst...) are fetched only for what the margin shows, and cached.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

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
        self.spans = {row[2]: Span(*row) for row in store.annotation_spans(document.id)}
        self._full: dict[str, Annotation] = {}
        self.tags: dict[str, Tag] = {}
        self.actors: dict[str, Actor] = {}
        self.reload_labels()
        self.index = IntervalIndex(list(self.spans.values()))
        self.revision = 0
        # What the latest revision only added (None when it also changed or removed).
        self.last_added: list[Span] | None = None

    def reload_labels(self) -> None:
        """Re-read tags and actors (names and colours)."""
        self.tags = {t.id: t for t in self.store.tags(include_deleted=True)}
        self.actors = {a.id: a for a in self.store.actors(include_deleted=True)}

    def annotation(self, annotation_id: str) -> Annotation:
        """The full annotation behind a span (fetched once, then cached)."""
        if annotation_id not in self._full:
            self.fetch([annotation_id])
        return self._full[annotation_id]

    def fetch(self, ids: Iterable[str]) -> None:
        """Fetch the full annotations not cached yet, in one query."""
        missing = [i for i in ids if i not in self._full]
        for annotation in self.store.annotations_by_id(missing) if missing else []:
            self._full[annotation.id] = annotation

    def refresh_annotations(self, ids: frozenset[str]) -> list[tuple[int, int]]:
        """Re-read the given annotations; returns the ranges whose painting changed."""
        dirty: list[tuple[int, int]] = []
        added: list[Span] = []
        only_added = True
        fresh = {a.id: a for a in self.store.annotations_by_id(sorted(ids))}
        for annotation_id in ids:
            self._full.pop(annotation_id, None)
            old = self.spans.pop(annotation_id, None)
            if old is not None:
                only_added = False
                dirty.append((old.start, old.end))
                self.index.remove(annotation_id)
            new = fresh.get(annotation_id)
            if new is None or new.document_id != self.document.id or new.deleted_at:
                continue
            span = Span(new.start, new.end, new.id, new.tag_id)
            self.spans[new.id] = span
            self._full[new.id] = new
            self.index.add(span)
            added.append(span)
            dirty.append((new.start, new.end))
        self.revision += 1
        self.last_added = added if only_added else None
        return dirty

    def tag_counts(self) -> dict[str, int]:
        """How many annotations each tag has in this document."""
        counts: dict[str, int] = {}
        for span in self.spans.values():
            counts[span.tag] = counts.get(span.tag, 0) + 1
        return counts

    def block_kind_at(self, position: int) -> str:
        """The structural kind (heading, paragraph, ...) of the block at ``position``."""
        at = bisect_right(self._block_starts, position) - 1
        if at >= 0 and position < self.blocks[at].end:
            return self.blocks[at].kind
        return "paragraph"

    def color(self, tag_id: str) -> str:
        tag = self.tags.get(tag_id)
        return tag.color if tag else "#888888"

    def label_of(self, annotation: Annotation) -> tuple[str, str]:
        """Tag name and actor name of an annotation."""
        tag = self.tags.get(annotation.tag_id)
        actor = self.actors.get(annotation.actor_id or "")
        return (tag.name if tag else "?"), (actor.name if actor else "")

