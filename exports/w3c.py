"""W3C Web Annotation JSON-LD: one ``AnnotationCollection`` of the selected passages.

Each passage is an ``Annotation`` whose target carries a ``TextQuoteSelector``
(exact, prefix, suffix) and a ``TextPositionSelector`` (code points, as the
model asks); the tag is a ``TextualBody`` with purpose ``tagging``, the actor
one with purpose ``identifying`` and the note one with purpose ``commenting``.
Each review verdict is an ``assessing`` annotation targeting the passage.
What the model has no term for (review status, the document's fingerprint)
goes under the ``wb:`` prefix, declared in the context.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from exports.common import Progress, replacing, report
from workbench.briefing.selection import Passage, Selection
from workbench.interop.w3c_terms import CONTEXT
from workbench.model import Document, Review


def iri(record_id: str) -> str:
    """A record's id as an IRI."""
    return f"urn:uuid:{record_id}"


def document_iri(document: Document) -> str:
    """The document's web address when it has one, else its id as a URN."""
    return document.url if document.url.startswith(("http://", "https://")) \
        else iri(document.id)


def _body(purpose: str, value: str) -> dict[str, str]:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}


def passage_annotation(passage: Passage) -> dict[str, Any]:
    """One passage as a W3C ``Annotation``."""
    a, d = passage.annotation, passage.document
    bodies = [_body("tagging", passage.tag.name)]
    if passage.actor_name:
        bodies.append(_body("identifying", passage.actor_name))
    if a.note:
        bodies.append(_body("commenting", a.note))
    found: dict[str, Any] = {
        "@context": CONTEXT, "id": iri(a.id), "type": "Annotation",
        "motivation": "tagging", "created": a.created_at, "modified": a.updated_at,
        "body": bodies,
        "target": {
            "source": document_iri(d),
            "selector": [
                {"type": "TextQuoteSelector", "exact": a.exact, "prefix": a.prefix,
                 "suffix": a.suffix},
                {"type": "TextPositionSelector", "start": a.start, "end": a.end},
            ],
            "wb:documentSha256": d.sha256,
        },
        "wb:status": a.status, "wb:anchorStatus": a.anchor_status,
        "wb:tagColor": passage.tag.color,
    }
    if a.analyst:
        found["creator"] = {"type": "Person", "name": a.analyst}
    return found


def review_annotation(review: Review) -> dict[str, Any]:
    """A review verdict as an ``assessing`` annotation of the passage."""
    bodies = [_body("assessing", review.verdict)]
    if review.comment:
        bodies.append(_body("commenting", review.comment))
    return {"@context": CONTEXT, "id": iri(review.id), "type": "Annotation",
            "motivation": "assessing", "created": review.created_at,
            "creator": {"type": "Person", "name": review.reviewer},
            "body": bodies, "target": iri(review.annotation_id)}


def _items(selection: Selection, progress: Progress | None) -> Iterator[dict[str, Any]]:
    """Every passage, each followed by its verdicts, one at a time."""
    total = len(selection.passages)
    for n, passage in enumerate(selection.passages, 1):
        if n % 10000 == 0:
            report(progress, n, total)
        yield passage_annotation(passage)
        yield from (review_annotation(r) for r in passage.reviews)


def _encoded(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except orjson.JSONEncodeError:  # a lone surrogate somewhere: replace it, keep the rest
        return json.dumps(value, ensure_ascii=False).encode("utf-8", errors="replace")


def write_w3c(selection: Selection, path: Path, progress: Progress | None = None) -> Path:
    """Write the collection to ``path`` as UTF-8 JSON-LD, an annotation at a time.

    The same text as one ``orjson.dumps`` of the whole collection, without ever
    holding it: 100,000 passages take the memory of one.
    """
    total = len(selection.passages) + sum(len(p.reviews) for p in selection.passages)
    head = _encoded({
        "@context": CONTEXT, "id": iri(str(uuid.uuid4())), "type": "AnnotationCollection",
        "label": selection.project_name or "Annotation Workbench export", "total": total,
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": []}})
    opening, closing = head[:-len(b"[]}}")] + b"[", b"]}}"
    with replacing(path) as temporary, temporary.open("wb") as out:
        out.write(opening)
        for n, item in enumerate(_items(selection, progress)):
            out.write(b"," + _encoded(item) if n else _encoded(item))
        out.write(closing)
    return path
