"""A changed version of an article already in the project, and its passages carried over.

An imported text that differs from every stored one but has the address of a
stored document, or its title and outlet, is a new version of it: stored as
its own document (``version_of`` the older one, which stays readable), with the
older version's passages re-anchored onto it.  Passages whose text changed or
needs a look go back to "submitted" (with a line in their thread saying why);
orphans keep their quote and wait to be re-attached by hand.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import urldefrag

from workbench.clock import new_id
from workbench.edits import ChangeRecord, change_annotation
from workbench.importers import Article
from workbench.model import AnchorStatus, Annotation, Document, Review, ReviewStatus, Role
from workbench.store import Store
from workbench.store.fields import AnnotationFields
from workbench.text.anchoring import Reanchorer, Selector, capture
from workbench.text.similarity import similarity

SENT_BACK = frozenset({AnchorStatus.CHANGED, AnchorStatus.NEEDS_REVIEW})


@dataclass
class Carried:
    """What happened to an older version's passages on the new one."""

    statuses: Counter[str] = field(default_factory=Counter)
    sent_back: int = 0

    def sentence(self) -> str:
        """'5 passages carried over: 3 anchored, 1 moved, 1 orphan'."""
        total = sum(self.statuses.values())
        parts = ", ".join(f"{n} {AnchorStatus(s).label}" for s, n in sorted(self.statuses.items()))
        back = f"; {self.sent_back} back to review" if self.sent_back else ""
        return f"{total} passage(s) carried over" + (f": {parts}" if parts else "") + back


def _address(url: str) -> str:
    return urldefrag(url.strip())[0].rstrip("/").casefold()


def earlier_version(store: Store, article: Article) -> Document | None:
    """The live document this article is a new version of: same address, or same title
    and outlet (with an outlet named), the newest such."""
    url = _address(article.meta.get("url", ""))
    title = article.title.strip().casefold()
    outlet = article.meta.get("source", "").strip().casefold()
    if not url and not outlet:
        return None
    # Candidates by SQL (no texts read); the exact rule is applied to the few found.
    rows = store.documents.version_candidates(url.split("#")[0], title)
    for document_id, their_url, their_title, their_outlet in rows:
        if url and _address(their_url) == url:
            return store.documents.get(document_id)
        if outlet and their_title.strip().casefold() == title \
                and their_outlet.strip().casefold() == outlet:
            return store.documents.get(document_id)
    return None


LIKELY_VERSION = 0.8  # an import this much like a document of the same title: ask


def likely_version(store: Store, article: Article) -> tuple[Document, float] | None:
    """A live document with this article's title whose text is at least 80% the same
    (the most similar one), and how similar: probably an earlier version of it."""
    title = article.title.strip().casefold()
    if not title:
        return None
    best: tuple[Document, float] | None = None
    for document_id, *_rest in store.documents.version_candidates("", title):
        document = store.documents.get(document_id)
        if document.title.strip().casefold() != title:
            continue
        score = similarity(document.text, article.text)
        if score >= LIKELY_VERSION and (best is None or score > best[1]):
            best = (document, score)
    return best


def latest_versions(store: Store) -> set[str]:
    """Ids of live documents that a newer live version has replaced."""
    return store.documents.replaced()


def carry_over(store: Store, old: Document, new: Document) -> Carried:
    """Move the older version's live passages onto the new one (inside a transaction)."""
    anchorer = Reanchorer(old.text, new.text)
    carried = Carried()
    for passage in store.annotations.where(document_id=old.id):
        found = anchorer.reanchor(Selector(passage.start, passage.end, passage.exact,
                                           passage.prefix, passage.suffix))
        carried.statuses[found.status.value] += 1
        placed = found.status is not AnchorStatus.ORPHAN
        moved: AnnotationFields = {"document_id": new.id, "doc_sha256": new.sha256,
                                   "anchor_status": found.status.value}
        if placed:
            moved["start"], moved["end"] = found.start, found.end
        change_annotation(passage.id, label="Carry over", **moved).apply(store)
        if found.status in SENT_BACK and passage.status != ReviewStatus.DRAFT.value:
            _send_back(store, passage, found.status)
            carried.sent_back += 1
    return carried


def _send_back(store: Store, passage: Annotation, status: AnchorStatus) -> None:
    store.reviews.insert(Review(
        id=new_id(), annotation_id=passage.id, reviewer=store.analyst or "Workbench",
        verdict=ReviewStatus.SUBMITTED.value, role=Role.ANALYST.value,
        comment=f"The article has a new version; this passage's text is {status.label}."))
    store.annotations.update(passage.id, status=ReviewStatus.SUBMITTED.value)


def reattach(store: Store, annotation_id: str, start: int, end: int) -> ChangeRecord:
    """The edit that places an orphan (or any passage) on ``text[start:end]`` by hand."""
    passage = store.annotations.get(annotation_id)
    text = store.documents.get(passage.document_id).text
    selector = capture(text, start, end)
    return change_annotation(
        annotation_id, label="Re-attach passage", start=selector.start, end=selector.end,
        exact=selector.exact, prefix=selector.prefix, suffix=selector.suffix,
        anchor_status=AnchorStatus.ANCHORED.value)


def orphans(store: Store) -> list[Annotation]:
    """Live passages whose text could not be found on their document's current version."""
    return store.annotations.select(
        "deleted_at IS NULL AND anchor_status = 'orphan' AND document_id IN "
        "(SELECT id FROM documents WHERE deleted_at IS NULL)", order_by="document_id, start")
