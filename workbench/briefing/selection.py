"""What an export covers: the passages a filter keeps, and what goes with them.

A :class:`~workbench.model.PassageFilter` names documents, tags, actors,
review statuses and a date range; ``Store.count_passages`` answers "how
many?" with one query (the export dialog's live count), and
:func:`select_passages` gathers the passages with their documents, tags,
actors, paragraph numbers and review verdicts, so that the exporters never
touch the store.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from workbench.errors import NotFound, WorkbenchError
from workbench.model import (
    NO_ACTOR,
    Actor,
    AnchorStatus,
    Annotation,
    Block,
    Document,
    PassageFilter,
    Review,
    ReviewStatus,
    Tag,
)
from workbench.review.workflow import status_label
from workbench.store import Store


@dataclass(frozen=True)
class Passage:
    """One annotation with what an export shows beside it."""

    annotation: Annotation
    document: Document
    tag: Tag
    actor: Actor | None
    paragraph: int  # 1-based number of the paragraph (headings not counted) holding it
    reviews: tuple[Review, ...] = ()

    @property
    def actor_name(self) -> str:
        return self.actor.name if self.actor else ""


@dataclass(frozen=True)
class Selection:
    """The passages an export covers (in document order) and the project's labels."""

    passages: list[Passage]
    # Those with at least one passage, or every document the filter names, in library order.
    documents: list[Document]
    tags: list[Tag]  # every live tag, in the project's order
    actors: list[Actor]  # every live actor, by name
    project_name: str = ""
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (tag id, actor id)
    blocks: dict[str, list[Block]] = field(default_factory=dict)  # by document id
    _by_document: dict[str, list[Passage]] = field(default_factory=dict, repr=False)

    def passages_of(self, document_id: str) -> list[Passage]:
        """The passages of one document, in text order."""
        if not self._by_document and self.passages:
            for passage in self.passages:
                self._by_document.setdefault(passage.document.id, []).append(passage)
        return self._by_document.get(document_id, [])


def select_passages(store: Store, passage_filter: PassageFilter | None = None) -> Selection:
    """The passages the filter keeps, with documents, labels, paragraph numbers and verdicts."""
    passage_filter = passage_filter or PassageFilter()
    annotations = store.annotations.filtered(passage_filter)
    document_ids = list(dict.fromkeys(a.document_id for a in annotations))
    if passage_filter.documents:
        named = set(passage_filter.documents) | set(document_ids)
        document_ids = [d for d in store.documents.ids() if d in named]
    documents = {d: store.documents.get(d) for d in document_ids}
    tags = {t.id: t for t in store.tags.all(include_deleted=True)}
    actors = {a.id: a for a in store.actors.all(include_deleted=True)}
    paragraph_starts = store.documents.paragraph_starts(document_ids)
    reviews: dict[str, list[Review]] = defaultdict(list)
    for review in store.reviews.of([a.id for a in annotations]):
        reviews[review.annotation_id].append(review)
    passages = [
        Passage(annotation=a, document=documents[a.document_id], tag=tags[a.tag_id],
                actor=actors.get(a.actor_id or ""),
                paragraph=max(1, bisect_right(paragraph_starts[a.document_id], a.start)),
                reviews=tuple(reviews.get(a.id, ())))
        for a in annotations
    ]
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for passage in passages:
        counts[(passage.tag.id, passage.actor.id if passage.actor else NO_ACTOR)] += 1
    return Selection(
        passages=passages, documents=[documents[d] for d in document_ids],
        tags=store.tags.all(), actors=store.actors.all(), project_name=store.project_name(),
        counts=dict(counts), blocks={d: store.documents.blocks(d) for d in document_ids})


def accepted_exist(store: Store) -> bool:
    """Whether any passage is accepted (then briefings default to the accepted ones)."""
    accepted = PassageFilter(statuses=frozenset({ReviewStatus.ACCEPTED.value}))
    return store.annotations.count(accepted)[0] > 0


def anchor_label(anchor_status: str) -> str:
    """An anchor status as people write it ("needs review"); an unknown one as it is."""
    try:
        return AnchorStatus(anchor_status).label
    except ValueError:
        return anchor_status


def filter_from_names(store: Store, *, documents: Sequence[str] = (), tags: Sequence[str] = (),
                      actors: Sequence[str] = (), statuses: Sequence[str] = (),
                      analysts: Sequence[str] = (), since: str = "",
                      until: str = "") -> PassageFilter:
    """A filter from what people type (titles, names); unknown names are a clear error."""
    known_statuses = {s.value for s in ReviewStatus}
    for status in statuses:
        if status not in known_statuses:
            raise WorkbenchError(f"Unknown status '{status}' (one of: "
                                 f"{', '.join(sorted(known_statuses))}).")
    actor_ids = set()
    for name in actors:
        actor = store.actors.find(name)
        if actor is None:
            raise NotFound(f"No actor named '{name}'.")
        actor_ids.add(actor.id)
    for label, value in (("--since", since), ("--until", until)):
        if value:
            try:
                date.fromisoformat(value)
            except ValueError:
                raise WorkbenchError(f"{label} takes a date like 2026-03-01, not '{value}'.") \
                    from None
    return PassageFilter(
        documents=frozenset(store.documents.resolve(d).id for d in documents),
        tags=frozenset(store.tags.find(t).id for t in tags), actors=frozenset(actor_ids),
        statuses=frozenset(statuses), analysts=frozenset(analysts), since=since, until=until)


def describe_filter(store: Store, passage_filter: PassageFilter) -> str:
    """The filter in one sentence, for the briefing's title page ("Scope: ...")."""
    f = passage_filter
    titles = dict(store.documents.titles())
    tags = {t.id: t.name for t in store.tags.all(include_deleted=True)}
    actors = {a.id: a.name for a in store.actors.all(include_deleted=True)}
    parts = [
        f"documents: {', '.join(titles.get(d, d) for d in sorted(f.documents))}" if f.documents
        else "all documents",
        f"tags: {', '.join(tags.get(t, t) for t in sorted(f.tags))}" if f.tags else "all tags",
        f"actors: {', '.join(actors.get(a, 'no actor named') for a in sorted(f.actors))}"
        if f.actors else "all actors",
        f"status: {', '.join(status_label(s) for s in sorted(f.statuses))}" if f.statuses
        else "every status",
    ]
    if f.analysts:
        parts.append(f"tagged by {', '.join(sorted(f.analysts))}")
    if f.since or f.until:
        parts.append(f"dated {f.since or '…'} to {f.until or '…'}")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."
