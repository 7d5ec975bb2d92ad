"""Importing W3C Web Annotation JSON-LD: ours, or another tool's on the same texts.

Each annotation is matched to a document (by the fingerprint we write, by our
document URN, or by the document's web address), then placed by its quote:
the position selector is trusted when the text there is the quote, otherwise
the quote is searched for with its context, as when re-anchoring.  Tags and
actors are matched by name (new ones are created); ``assessing`` annotations
become review verdicts.  Nothing is written until the returned edit is
applied, as one undoable step; importing the same file twice adds nothing.
"""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import orjson

from workbench.clock import new_id, now_iso
from workbench.edits import AddRecords
from workbench.errors import Cancelled, NotFound, WorkbenchError
from workbench.interop.w3c_terms import WB_NAMESPACE
from workbench.memory import collector_paused
from workbench.model import (
    Actor,
    AnchorStatus,
    Annotation,
    Document,
    Review,
    ReviewStatus,
    Tag,
)
from workbench.store import Store
from workbench.text.anchoring import Selector, locate
from workbench.text.printable import CONTROL, SURROGATE
from workbench.words import plural

IMPORTED_TAG = "Imported"
STATUSES = frozenset(s.value for s in ReviewStatus)
DRAFT = ReviewStatus.DRAFT.value
ANCHORED, ORPHAN = AnchorStatus.ANCHORED.value, AnchorStatus.ORPHAN.value
# Where a search may put a quote: on the same words (anchored), or on nearly the same
# (changed: typography, a word).  A weaker match is kept as an orphan with its quote.
PLACED = frozenset({AnchorStatus.ANCHORED, AnchorStatus.MOVED, AnchorStatus.CHANGED})
UNKNOWN_CREATOR = "unknown"  # a file that names no creator: not the importing user
NEW_TAG_COLORS = ["#7c3aed", "#059669", "#db2777", "#0891b2", "#65a30d", "#9a3412"]
MAX_REASONS = 20
CANCEL_EVERY = 200  # annotations placed between two looks at Cancel
MAX_W3C_BYTES = 128 * 1024 * 1024  # about 200,000 of our annotations
MAX_W3C_ITEMS = 250_000


_CANONICAL_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z")


class W3CFormatError(WorkbenchError):
    """The file is not W3C Web Annotation JSON(-LD) we can read."""


@dataclass
class W3CImport:
    """What an import would add, and what it left out and why."""

    edit: AddRecords
    added: int = 0
    reviews: int = 0
    already: int = 0
    orphans: int = 0
    skipped: int = 0
    reasons: list[str] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        self.skipped += 1
        if len(self.reasons) < MAX_REASONS:
            self.reasons.append(reason)

    def summary(self) -> str:
        parts = [f"{plural(self.added, 'annotation')} added"]
        if self.reviews:
            parts.append(plural(self.reviews, "review verdict"))
        if self.already:
            parts.append(f"{self.already} already in the project")
        if self.orphans:
            parts.append(f"{self.orphans} whose quote is not in the text (kept as orphans)")
        if self.skipped:
            parts.append(f"{self.skipped} skipped")
        return ", ".join(parts) + "."


def read_items(path: Path) -> list[dict[str, Any]]:
    """The annotations of a file: a collection, a page, a list or a single annotation."""
    size = path.stat().st_size
    if size > MAX_W3C_BYTES:  # what parsing it would cost in memory: several times this
        raise W3CFormatError(f"{path.name} is {size / 1024 / 1024:,.0f} MB; Workbench imports "
                             f"W3C files of up to {MAX_W3C_BYTES // 1024 // 1024} MB. Split "
                             "it into smaller files.")
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:  # also what invalid UTF-8 raises
        raise W3CFormatError(f"{path.name} is not JSON ({exc.msg}, line {exc.lineno}).") from exc
    if isinstance(data, dict) and _has_type(data, "AnnotationCollection"):
        data = data.get("first", data.get("items", []))
        if isinstance(data, str):
            raise W3CFormatError(f"{path.name} refers to its pages by address; "
                                 "only collections with their items inline can be imported.")
    if isinstance(data, dict) and _has_type(data, "AnnotationPage"):
        data = data.get("items", [])
    if isinstance(data, dict) and _has_type(data, "Annotation"):
        data = [data]
    items = [item for item in data if isinstance(item, dict) and _has_type(item, "Annotation")] \
        if isinstance(data, list) else []
    if not items:
        raise W3CFormatError(f"{path.name} holds no W3C annotations (objects with "
                             "\"type\": \"Annotation\").")
    if len(items) > MAX_W3C_ITEMS:
        raise W3CFormatError(f"{path.name} holds {len(items):,} annotations; Workbench imports "
                             f"up to {MAX_W3C_ITEMS:,} at once. Split it into smaller files.")
    return items


def _has_type(item: dict[str, Any], name: str) -> bool:
    kind = item.get("type", item.get("@type"))
    return name in kind if isinstance(kind, list) else kind == name


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _uuid_of(value: Any) -> str | None:
    """The UUID of a ``urn:uuid:`` IRI, in canonical form (None for any other kind of id)."""
    if not isinstance(value, str) or not value.startswith("urn:uuid:"):
        return None
    found = value[9:].lower()
    if _CANONICAL_UUID.match(found):
        return found
    try:
        return str(uuid.UUID(found))
    except ValueError:
        return None


def _bodies(item: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(purpose, text) of each textual body."""
    if isinstance(item.get("bodyValue"), str):  # the model's shorthand for one text note
        yield "commenting", item["bodyValue"]
    for body in _as_list(item.get("body")):
        if isinstance(body, str):
            yield "commenting", body
        elif isinstance(body, dict) and isinstance(body.get("value"), str):
            purposes = _as_list(body.get("purpose")) or ["commenting"]
            yield str(purposes[0]), body["value"]


def _address(url: str) -> str:
    """A web address as documents are matched by it: no fragment, no trailing slash."""
    return urldefrag(url.strip())[0].rstrip("/")


def _item_id(item: dict[str, Any]) -> str | None:
    """Our id of an item: its UUID, or one made from another tool's IRI (the same each time)."""
    given = item.get("id")
    found = _uuid_of(given)
    if found is None and isinstance(given, str) and given:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, given))
    return found


def _stable_id(item: dict[str, Any], document_id: str, exact: str, start: int) -> str:
    """An id that is the same each time the same item is imported (ours are UUIDs;
    another tool's may be any IRI, or missing)."""
    given = item.get("id")
    name = given if isinstance(given, str) and given else f"{document_id}|{start}|{exact}"
    return str(uuid.uuid5(uuid.NAMESPACE_URL, name))


def _name(value: Any) -> str:
    """A name from the file as one clean line: control characters and halves of
    surrogate pairs dropped, at most 500 characters (another tool's file is data)."""
    text = value if isinstance(value, str) else ""
    return SURROGATE.sub("", CONTROL.sub(" ", text)).strip()[:500]


def _stamp(value: Any) -> str:
    """A time stamp from the file, or '' when it is not one."""
    return _name(value)[:64] if isinstance(value, str) else ""


def _creator(item: dict[str, Any]) -> str:
    for creator in _as_list(item.get("creator")):
        if isinstance(creator, str):
            return _name(creator)
        if isinstance(creator, dict):
            return _name(creator.get("name") or creator.get("nickname"))
    return ""


class _Importer:
    """Turns items into new records, matching documents, tags and actors."""

    def __init__(self, store: Store, chosen: Document | None = None,
                 cancelled: Callable[[], bool] = lambda: False) -> None:
        self.store = store
        self.chosen = chosen
        self.cancelled = cancelled
        self.tags = {t.name.casefold(): t for t in store.tags.all()}
        self.actors = {a.name.casefold(): a for a in store.actors.all()}
        self.documents: dict[str, Document | None] = {}
        self.by_url = {_address(url): i for url, i in store.documents.urls().items()}
        self.new: list[Annotation | Tag | Actor | Review] = []
        self.known: set[str] = set()
        self.existing: set[str] = set()
        self.result = W3CImport(edit=AddRecords([]))

    def run(self, items: list[dict[str, Any]]) -> W3CImport:
        ids = [_item_id(item) for item in items]
        existing = self.existing = self._existing_ids([i for i in ids if i])
        assessing = []
        seen: set[str] = set()
        for number, (item, item_id) in enumerate(zip(items, ids, strict=True)):
            if number % CANCEL_EVERY == 0 and self.cancelled():
                raise Cancelled("The W3C import was stopped; nothing was added.")
            if item_id is not None and item_id in seen:
                self.result.skip(f"{_name(item.get('id')) or '?'}: the same id is in the file "
                                 "twice; the first was taken.")
                continue
            seen.add(item_id or "")
            if "assessing" in _as_list(item.get("motivation")):
                assessing.append((item, item_id))
            elif item_id in existing:
                self.result.already += 1
            else:
                self._annotation(item, item_id)
        for item, item_id in assessing:
            if item_id not in existing:
                self._review(item, item_id)
        self._statuses_from_verdicts()
        self.result.edit = AddRecords(self.new, label="Import W3C annotations")
        return self.result

    def _statuses_from_verdicts(self) -> None:
        """A passage imported with verdicts takes the latest one as its status.

        (Files from tools that know no statuses carry the verdicts alone.)
        """
        latest: dict[str, Review] = {}
        for record in self.new:
            if isinstance(record, Review) and record.verdict in STATUSES:
                known = latest.get(record.annotation_id)
                if known is None or record.created_at >= known.created_at:
                    latest[record.annotation_id] = record
        self.new = [replace(r, status=latest[r.id].verdict)
                    if isinstance(r, Annotation) and r.id in latest else r for r in self.new]

    def _existing_ids(self, ids: list[str]) -> set[str]:
        return self.store.annotations.existing_ids(ids) | self.store.reviews.existing_ids(ids)

    def _document(self, target: dict[str, Any]) -> Document | None:
        """The document a target's source names: the one chosen, else by our id, the
        fingerprint of its text, or its web address (fragment ignored)."""
        if self.chosen is not None:
            return self.chosen
        source = str(target.get("source", ""))
        sha = str(target.get("wb:documentSha256", target.get(f"{WB_NAMESPACE}documentSha256",
                                                              "")))
        if not sha and source.startswith("urn:sha256:"):
            sha = source[len("urn:sha256:"):].lower()
        key = f"{sha}|{source}"
        if key not in self.documents:
            found = self.store.documents.by_sha(sha) if sha else None
            doc_id = _uuid_of(source) or self.by_url.get(_address(source))
            if found is None and doc_id:
                try:
                    candidate = self.store.documents.get(doc_id)
                    found = candidate if candidate.deleted_at is None else None
                except NotFound:
                    found = None
            self.documents[key] = found
        return self.documents[key]

    def _annotation(self, item: dict[str, Any], item_id: str | None) -> None:
        target = next((t for t in _as_list(item.get("target")) if isinstance(t, dict)), None)
        if target is None:
            self.result.skip(f"{item.get('id', '?')}: no target with a source and selectors.")
            return
        document = self._document(target)
        if document is None:
            self.result.skip(f"{item.get('id', '?')}: no document in the project matches "
                             f"{target.get('source', 'its source')}.")
            return
        placed = self._place(document.text, target, str(item.get("wb:anchorStatus", ANCHORED)))
        if placed is None:
            self.result.skip(f"{item.get('id', '?')}: it has neither a quote nor a position.")
            return
        start, end, exact, prefix, suffix, status = placed
        said = list(_bodies(item))
        tags = [v for p, v in said if p == "tagging" and v.strip()] or [IMPORTED_TAG]
        actor = self._actor(next((v for p, v in said if p == "identifying"), ""))
        note = "\n\n".join(v for p, v in said if p in ("commenting", "describing"))
        declared = item.get("wb:status", DRAFT)
        declared = declared if isinstance(declared, str) and declared in STATUSES else DRAFT
        created = _stamp(item.get("created")) or now_iso()
        first_id = item_id or _stable_id(item, document.id, exact, start)
        if not item_id and self.store.annotations.exists(first_id):
            self.result.already += 1  # an item without an id, imported before
            return
        for number, name in enumerate(dict.fromkeys(tags)):
            passage_id = first_id if number == 0 else str(uuid.uuid5(uuid.UUID(first_id), name))
            self.new.append(Annotation(
                id=passage_id, document_id=document.id, start=start, end=end, exact=exact,
                prefix=prefix, suffix=suffix, tag_id=self._tag(name, item.get("wb:tagColor")).id,
                actor_id=actor.id if actor else None, note=note,
                analyst=_creator(item) or UNKNOWN_CREATOR,
                status=declared, anchor_status=status,
                doc_sha256=document.sha256, created_at=created,
                updated_at=_stamp(item.get("modified")) or created))
            self.known.add(passage_id)
            self.result.added += 1
            self.result.orphans += status == ORPHAN

    @staticmethod
    def _place(text: str, target: dict[str, Any],
               declared: str) -> tuple[int, int, str, str, str, str] | None:
        """(start, end, exact, prefix, suffix, anchor status) on ``text``; None: not there."""
        quote: dict[str, Any] = {}
        position: dict[str, Any] = {}
        for selector in _as_list(target.get("selector")):
            kind = selector.get("type") if isinstance(selector, dict) else None
            if kind == "TextQuoteSelector":
                quote = selector
            elif kind == "TextPositionSelector":
                position = selector
        start, end = position.get("start"), position.get("end")
        a, b = (start, end) if isinstance(start, int) and isinstance(end, int) and \
            0 <= start < end <= len(text) else (-1, -1)
        fits = a >= 0
        exact = unicodedata.normalize("NFC", str(quote.get("exact", "")))
        if fits and (not exact or text[a:b] == exact):
            return (a, b, text[a:b], str(quote.get("prefix", text[max(0, a - 32):a])),
                    str(quote.get("suffix", text[b:b + 32])), declared)
        if not exact:
            return None
        prefix, suffix = str(quote.get("prefix", "")), str(quote.get("suffix", ""))
        found = locate(Selector(max(a, 0), max(b, 0), exact, prefix, suffix), text,
                       a if fits else None)
        if found.status not in PLACED:  # never on text that does not say the quote
            return (max(a, 0), max(b, 0), exact, prefix, suffix, ORPHAN)
        s, e = found.start, found.end
        return s, e, text[s:e], text[max(0, s - 32):s], text[e:e + 32], found.status.value

    def _tag(self, name: str, color: Any) -> Tag:
        name = _name(name) or IMPORTED_TAG
        tag = self.tags.get(name.casefold())
        if tag is None:
            fallback = NEW_TAG_COLORS[len(self.tags) % len(NEW_TAG_COLORS)]
            tag = Tag(id=new_id(), name=name, color=color if isinstance(color, str) and
                      color.startswith("#") else fallback, sort_order=len(self.tags))
            self.tags[name.casefold()] = tag
            self.new.append(tag)
        return tag

    def _actor(self, name: str) -> Actor | None:
        name = _name(name)
        if not name:
            return None
        actor = self.actors.get(name.casefold())
        if actor is None:
            actor = Actor(id=new_id(), name=name)
            self.actors[name.casefold()] = actor
            self.new.append(actor)
        return actor

    def _review(self, item: dict[str, Any], item_id: str | None) -> None:
        targets = [_uuid_of(t) for t in _as_list(item.get("target"))]
        annotation_id = next((t for t in targets if t), None)
        said = dict(_bodies(item))
        verdict = said.get("assessing", "")
        if annotation_id is None or verdict not in STATUSES:
            self.result.skip(f"{item.get('id', '?')}: an assessment without a verdict "
                             "or a passage to apply it to.")
            return
        if annotation_id not in self.known and not self.store.annotations.exists(annotation_id):
            self.result.skip(f"{item.get('id', '?')}: it assesses a passage not imported.")
            return
        self.new.append(Review(
            id=item_id or new_id(), annotation_id=annotation_id,
            reviewer=_creator(item) or self.store.analyst, verdict=verdict,
            comment=said.get("commenting", ""),
            created_at=_stamp(item.get("created")) or now_iso()))
        self.result.reviews += 1


def plan_w3c_import(store: Store, path: Path, *, document: Document | None = None,
                    cancelled: Callable[[], bool] = lambda: False) -> W3CImport:
    """Read ``path`` and work out what importing it adds (apply ``.edit`` to do it).

    ``document``, when given, receives every annotation whatever source it names.
    Once ``cancelled()`` says so, :class:`Cancelled` is raised (nothing was written).
    """
    with collector_paused():
        return _Importer(store, document, cancelled).run(read_items(path))
