"""Turning a selection or a typed quote into an annotation edit."""

from __future__ import annotations

import re
import unicodedata

from workbench.clock import new_id
from workbench.edits import CompositeEdit, Edit, add_actor, add_annotation, change_annotation
from workbench.errors import AmbiguousReference, NotFound, WorkbenchError
from workbench.model import Actor, Annotation, Document, Tag
from workbench.review.workflow import reopen_if_accepted
from workbench.store import Store
from workbench.store.fields import AnnotationFields
from workbench.text.anchoring import capture

_WORD = re.compile(r"\w", re.UNICODE)


def snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a selection to whole words and trim white space and stray punctuation.

    A selection that starts or ends inside a word takes the whole word; spaces
    at the edges are dropped.  An empty or blank selection stays empty.
    """
    start, end = max(0, min(start, end)), min(len(text), max(start, end))
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        return start, start
    while start > 0 and _WORD.match(text[start - 1]) and _WORD.match(text[start]):
        start -= 1
    while end < len(text) and _WORD.match(text[end - 1]) and _WORD.match(text[end]):
        end += 1
    return start, end


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place ``quote`` occurs in ``text``; white space may differ in width."""
    quote = unicodedata.normalize("NFC", quote).strip()
    if not quote:
        return []
    words = [re.escape(word) for word in quote.split()]
    pattern = re.compile(r"\s+".join(words))
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def locate_quote(document: Document, quote: str, occurrence: int | None) -> tuple[int, int]:
    """The span of the quote in the document, or a clear error saying why not."""
    spans = find_quote(document.text, quote)
    if not spans:
        raise NotFound(f"The quote does not occur in '{document.title}'.")
    if occurrence is None:
        if len(spans) > 1:
            raise AmbiguousReference(
                f"The quote occurs in {len(spans)} places in '{document.title}'; "
                f"choose one with --occurrence 1..{len(spans)}.")
        return spans[0]
    if not 1 <= occurrence <= len(spans):
        raise WorkbenchError(
            f"--occurrence {occurrence} is out of range: the quote occurs "
            f"{len(spans)} time(s).")
    return spans[occurrence - 1]


def describe_passage(store: Store, annotation_id: str, *, actor_name: str,
                     note: str) -> Edit | None:
    """The edit that sets an annotation's actor (created if new) and note; None if unchanged."""
    annotation = store.annotations.get(annotation_id)
    edits: list[Edit] = []
    actor_id: str | None = None
    if actor_name.strip():
        actor = store.actors.find(actor_name)
        if actor is None:
            actor = Actor(id=new_id(), name=actor_name.strip())
            edits.append(add_actor(actor))
        actor_id = actor.id
    values: AnnotationFields = {}
    if actor_id != annotation.actor_id:
        values["actor_id"] = actor_id
    if note != annotation.note:
        values["note"] = note
    if not values:
        return None
    edits.append(change_annotation(annotation_id, **values))
    edits += reopen_if_accepted(store, annotation_id, values, person=store.analyst)
    return edits[0] if len(edits) == 1 else CompositeEdit("Describe passage", edits)


def retag_passage(store: Store, annotation_id: str, tag: Tag) -> Edit | None:
    """The edit that gives a passage another tag (an accepted one goes back to review)."""
    if store.annotations.get(annotation_id).tag_id == tag.id:
        return None
    values: AnnotationFields = {"tag_id": tag.id}
    edits: list[Edit] = [change_annotation(annotation_id, **values)]
    edits += reopen_if_accepted(store, annotation_id, values, person=store.analyst)
    return edits[0] if len(edits) == 1 else CompositeEdit(f"Tag as {tag.name}", edits)


def tag_passage(
    store: Store, *, document: Document, start: int, end: int, tag: Tag,
    actor_name: str = "", note: str = "", analyst: str = "",
) -> tuple[Edit, Annotation]:
    """The edit that tags ``document.text[start:end]`` (adding the actor if new)."""
    if not 0 <= start < end <= len(document.text):
        raise WorkbenchError("Select some text to tag.")
    edits: list[Edit] = []
    actor: Actor | None = None
    if actor_name.strip():
        actor = store.actors.find(actor_name)
        if actor is None:
            actor = Actor(id=new_id(), name=actor_name.strip())
            edits.append(add_actor(actor))
    selector = capture(document.text, start, end)
    annotation = Annotation(
        id=new_id(), document_id=document.id, start=selector.start, end=selector.end,
        exact=selector.exact, prefix=selector.prefix, suffix=selector.suffix,
        tag_id=tag.id, actor_id=actor.id if actor else None, note=note,
        analyst=analyst or store.analyst, doc_sha256=document.sha256,
    )
    edits.append(add_annotation(annotation))
    edit: Edit = edits[0] if len(edits) == 1 else CompositeEdit(f"Tag as {tag.name}", edits)
    return edit, annotation
