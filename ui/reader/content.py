"""What a reader pane shows of one document, in core terms (code points).

Keeps the document, its blocks, a span for each live annotation (offsets and
tag: all that painting needs) and the UTF-16 map.  Full annotations (note,
actor, analyst...) are fetched only for what the margin shows, and cached.

A long document can be opened *progressively*: only the passages that start
in its first :data:`FIRST_SCREEN_CHARS` characters are loaded, enough to paint
the top of the article, and the rest is loaded by :meth:`ReaderContent.load_rest`,
which the pane calls right after the first paint and which every question
about the rest of the text calls first.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable

from workbench.model import Actor, AnchorStatus, Annotation, Block, Document, Tag
from workbench.review.workflow import thread, thread_heading
from workbench.store import Store
from workbench.text.intervals import IntervalIndex, Span
from workbench.text.utf16 import Utf16Map

FIRST_SCREEN_CHARS = 20_000  # far more text than one screen holds


BULK_REFRESH = 200  # more changed passages than this: the index is rebuilt, not patched


class ReaderContent:
    """One document's text, structure and annotations, ready for painting."""

    def __init__(self, store: Store, document: Document, *, progressive: bool = False,
                 analyst: str | None = None) -> None:
        self.store = store
        self.document = document
        self.analyst = analyst  # only this analyst's passages, when given
        self.text = document.text
        self.utf16 = Utf16Map(self.text)
        # Paragraphs are the default; only the other kinds (headings...) are kept.
        self.blocks: list[Block] = store.documents.blocks(document.id, skip_paragraphs=True)
        self._block_starts = [b.start for b in self.blocks]
        # Passages starting at or after this offset are not loaded yet (None: all are).
        self.loaded_until: int | None = (
            FIRST_SCREEN_CHARS if progressive and len(self.text) > FIRST_SCREEN_CHARS else None)
        rows = store.annotations.spans(document.id, starting_before=self.loaded_until,
                                      analyst=analyst)
        self._spans = {row[2]: Span._make(row) for row in rows}
        self._index = IntervalIndex(list(self._spans.values()))
        self._counts = Counter(span.tag for span in self._spans.values())
        self._full: dict[str, Annotation] = {}
        self._comments: dict[str, str] = {}  # review threads' last words, fetched with cards
        self.tags: dict[str, Tag] = {}
        self.actors: dict[str, Actor] = {}
        self.reload_labels()
        self.revision = 0
        # What the latest revision only added (None when it also changed or removed).
        self.last_added: list[Span] | None = None

    @property
    def complete(self) -> bool:
        """Whether every passage of the document is loaded."""
        return self.loaded_until is None

    def load_rest(self) -> bool:
        """Load the passages a progressive open left out; False when there were none left."""
        if self.loaded_until is None:
            return False
        rows = self.store.annotations.spans(self.document.id, starting_from=self.loaded_until,
                                           analyst=self.analyst)
        self.loaded_until = None
        self._spans.update((row[2], Span._make(row)) for row in rows)
        self._index = IntervalIndex(list(self._spans.values()))
        self._counts = Counter(span.tag for span in self._spans.values())
        self.revision += 1
        self.last_added = None
        return True

    @property
    def spans(self) -> dict[str, Span]:
        """Every live passage of the document by annotation id."""
        self.load_rest()
        return self._spans

    @property
    def index(self) -> IntervalIndex:
        """The interval index over every live passage."""
        self.load_rest()
        return self._index

    def overlapping(self, lo: int, hi: int) -> list[Span]:
        """Passages overlapping ``[lo, hi)``; loads the rest only when the range needs it."""
        if self.loaded_until is not None and max(hi, lo + 1) > self.loaded_until:
            self.load_rest()
        return self._index.overlapping(lo, hi)

    def lane(self, annotation_id: str) -> int:
        """The display lane of a passage (stacked underlines)."""
        return self._index.lanes.get(annotation_id, 0)

    def reload_labels(self) -> None:
        """Re-read tags and actors (names and colours)."""
        self.tags = {t.id: t for t in self.store.tags.all(include_deleted=True)}
        self.actors = {a.id: a for a in self.store.actors.all(include_deleted=True)}

    def annotation(self, annotation_id: str) -> Annotation:
        """The full annotation behind a span (fetched once, then cached)."""
        if annotation_id not in self._full:
            self.fetch([annotation_id])
        return self._full[annotation_id]

    def fetch(self, ids: Iterable[str]) -> None:
        """Fetch the full annotations not cached yet, in one query."""
        missing = [i for i in ids if i not in self._full]
        for annotation in self.store.annotations.by_ids(missing) if missing else []:
            self._full[annotation.id] = annotation
        unasked = [i for i in ids if i not in self._comments]
        if unasked:  # the cards on screen show their thread's latest word: one query
            self._comments.update(self.store.reviews.last_comments(unasked))

    def last_comment(self, annotation_id: str) -> str:
        """The latest comment in a passage's review thread ('' when none)."""
        if annotation_id not in self._comments:
            self._comments.update(self.store.reviews.last_comments([annotation_id]))
        return self._comments[annotation_id]

    def thread(self, annotation_id: str) -> tuple[tuple[str, str], ...]:
        """The passage's whole review thread: (who and which step, comment), oldest first."""
        return tuple((thread_heading(r), r.comment) for r in thread(self.store, annotation_id))

    def refresh_annotations(self, ids: frozenset[str]) -> list[tuple[int, int]]:
        """Re-read the given annotations; returns the ranges whose painting changed."""
        for annotation_id in ids:
            self._comments.pop(annotation_id, None)
        self.load_rest()
        dirty: list[tuple[int, int]] = []
        added: list[Span] = []
        only_added = True
        # Many at once (a merge, an import): the index is built again in one go.
        bulk = len(ids) > BULK_REFRESH
        fresh = {a.id: a for a in self.store.annotations.by_ids(sorted(ids))}
        for annotation_id in ids:
            self._full.pop(annotation_id, None)
            old = self._spans.pop(annotation_id, None)
            if old is not None:
                self._counts[old.tag] -= 1
                only_added = False
                dirty.append((old.start, old.end))
                if not bulk:
                    self._index.remove(old)
            new = fresh.get(annotation_id)
            if new is None or new.document_id != self.document.id or new.deleted_at \
                    or new.anchor_status == AnchorStatus.ORPHAN.value \
                    or (self.analyst is not None and new.analyst != self.analyst):
                continue
            span = Span(new.start, new.end, new.id, new.tag_id)
            self._spans[new.id] = span
            self._counts[span.tag] += 1
            self._full[new.id] = new
            if not bulk:
                self._index.add(span)
            added.append(span)
            dirty.append((new.start, new.end))
        if bulk:
            self._index = IntervalIndex(list(self._spans.values()))
        self.revision += 1
        self.last_added = added if only_added else None
        return dirty

    def tag_counts(self) -> dict[str, int]:
        """How many annotations each tag has in this document (kept up to date by delta)."""
        self.load_rest()
        return {tag: n for tag, n in self._counts.items() if n}

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

