"""The project's documents: adding one with its blocks, finding, listing, their structure."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Unpack

from workbench.clock import new_id, now_iso
from workbench.errors import AmbiguousReference, NotFound
from workbench.model import Block, Document, DocumentSummary
from workbench.store.fields import DocumentFields
from workbench.store.records import RecordTable, chunks, marks
from workbench.text.blocks import BlockRange

_ID_PREFIX = re.compile(r"[0-9a-fA-F-]+")
_META = ("source", "author", "published", "url", "language", "format", "filename")
_LIVE_IN_ORDER = "deleted_at IS NULL ORDER BY imported_at, rowid"
_SUMMARY = """
    SELECT d.id, d.title, d.source, d.author, d.published, d.url, d.sha256,
           length(d.text), (SELECT count(*) FROM blocks b WHERE b.document_id = d.id),
           (SELECT count(*) FROM annotations a
             WHERE a.document_id = d.id AND a.deleted_at IS NULL), d.imported_at,
           EXISTS (SELECT 1 FROM documents n WHERE n.version_of = d.id
                   AND n.deleted_at IS NULL)
    FROM documents d WHERE d.deleted_at IS NULL {where} ORDER BY d.imported_at, d.rowid"""


class Documents(RecordTable[Document]):
    """Imported articles: text, details and block structure."""

    record_type = Document
    table = "documents"

    def add(self, *, title: str, text: str, sha256: str, blocks: Sequence[BlockRange],
            meta: dict[str, str] | None = None, version_of: str | None = None) -> Document:
        """Store a normalised document and its blocks in one transaction."""
        meta = meta or {}
        document = Document(
            id=new_id(), title=title, text=text, sha256=sha256, imported_at=now_iso(),
            version_of=version_of, **{k: meta.get(k, "") for k in _META})
        with self._owner.transaction():
            self.insert(document)
            self.db.conn.executemany(
                'INSERT INTO blocks (document_id, "index", kind, start, "end") '
                "VALUES (?, ?, ?, ?, ?)",
                [(document.id, b.index, b.kind, b.start, b.end) for b in blocks])
        return self.get(document.id)

    def update(self, document_id: str, **values: Unpack[DocumentFields]) -> Document:
        """Change a document's details (title, outlet, author, date, address, language)."""
        return self.update_fields(document_id, values)

    def ids(self) -> list[str]:
        """Ids of live documents, oldest import first."""
        return [r[0] for r in self.db.execute(f"SELECT id FROM documents WHERE {_LIVE_IN_ORDER}")]

    def titles(self) -> list[tuple[str, str]]:
        """(id, title) of live documents, oldest import first: cheap, for choosers."""
        rows = self.db.execute(f"SELECT id, title FROM documents WHERE {_LIVE_IN_ORDER}")
        return [(str(i), str(t)) for i, t in rows.fetchall()]

    def urls(self) -> dict[str, str]:
        """Web address → id of the live documents that have one."""
        return dict(self.db.execute(
            "SELECT url, id FROM documents WHERE deleted_at IS NULL AND url != ''").fetchall())

    def by_sha(self, sha256: str) -> Document | None:
        """The live document whose normalised text has this fingerprint, if any."""
        found = self.select("sha256 = ? AND deleted_at IS NULL", [sha256], order_by="rowid")
        return found[0] if found else None

    def summaries(self, ids: Sequence[str] | None = None) -> list[DocumentSummary]:
        """Live documents (all, or those ``ids``), oldest import first, with counts."""
        where = "" if ids is None else f"AND d.id IN ({marks(ids)})"
        rows = self.db.execute(_SUMMARY.format(where=where), list(ids or [])).fetchall()
        return [DocumentSummary(*(*row[:-1], bool(row[-1]))) for row in rows]

    def details(self, document_id: str) -> dict[str, str]:
        """A document's title, outlet, author, date and address: one lookup by key."""
        names = ("title", "source", "author", "published", "url")
        row = self.db.execute(f"SELECT {', '.join(names)} FROM documents WHERE id = ?",
                              [document_id]).fetchone()
        if row is None:
            raise NotFound(f"No document with id {document_id}.")
        return dict(zip(names, row, strict=True))

    def resolve(self, ref: str) -> Document:
        """A live document by id, unambiguous id prefix, or exact title."""
        rows = self.db.execute("SELECT id FROM documents WHERE deleted_at IS NULL "
                               "AND (id = ? OR title = ?)", [ref, ref]).fetchall()
        if not rows and len(ref) >= 4 and _ID_PREFIX.fullmatch(ref):
            rows = self.db.execute(
                "SELECT id FROM documents WHERE deleted_at IS NULL AND substr(id, 1, ?) = ?",
                [len(ref), ref.lower()]).fetchall()
        if not rows:
            raise NotFound(f"No document matches '{ref}' (give an id, id prefix or title).")
        if len(rows) > 1:
            raise AmbiguousReference(
                f"'{ref}' matches {len(rows)} documents; give more of the id.")
        return self.get(rows[0][0])

    def blocks(self, document_id: str, *, skip_paragraphs: bool = False) -> list[Block]:
        """A document's structure, in order (headings, lists... only, if ``skip_paragraphs``)."""
        only = "AND kind != 'paragraph'" if skip_paragraphs else ""
        rows = self.db.execute(
            'SELECT document_id, "index", kind, start, "end" FROM blocks '
            f'WHERE document_id = ? {only} ORDER BY "index"', [document_id]).fetchall()
        return [Block(*row) for row in rows]

    def paragraph_starts(self, document_ids: Sequence[str]) -> dict[str, list[int]]:
        """Start offsets of each document's blocks other than headings, in order."""
        starts: dict[str, list[int]] = {d: [] for d in document_ids}
        for chunk in chunks(document_ids):
            for document_id, start in self.db.execute(
                    "SELECT document_id, start FROM blocks WHERE kind != 'heading' AND "
                    f'document_id IN ({marks(chunk)}) ORDER BY document_id, "index"', chunk):
                starts[document_id].append(start)
        return starts

    def version_candidates(self, url: str, title: str) -> list[tuple[str, str, str, str]]:
        """(id, url, title, outlet) of live documents whose address holds ``url`` or whose
        title is ``title`` (trimmed, lower case), newest first: no texts read."""
        return [tuple(row) for row in self.db.execute(
            "SELECT id, url, title, source FROM documents WHERE deleted_at IS NULL AND "
            "(instr(lower(url), ?) > 0 OR lower(trim(title)) = ?) "
            "ORDER BY imported_at DESC, rowid DESC", [url or "\x00", title]).fetchall()]

    def text_around(self, document_id: str, start: int, end: int,
                    margin: int = 2000) -> tuple[int, str]:
        """A stretch of a document's text around ``start``-``end`` (``margin`` characters
        each side) and where it starts: for showing a passage in its paragraph without
        reading a long text whole."""
        first = max(0, start - margin)
        row = self.db.execute("SELECT substr(text, ?, ?) FROM documents WHERE id = ?",
                              [first + 1, end - first + margin, document_id]).fetchone()
        return first, row[0] if row and row[0] else ""

    def replaced(self) -> set[str]:
        """Ids of documents that a newer live version has replaced."""
        return {r[0] for r in self.db.execute(
            "SELECT DISTINCT version_of FROM documents WHERE deleted_at IS NULL "
            "AND version_of IS NOT NULL")}

    def live_titles(self, document_ids: Sequence[str]) -> dict[str, str]:
        """Title by id of those of these documents that are live (by primary key)."""
        found: dict[str, str] = {}
        for chunk in chunks(document_ids):
            found.update(self.db.execute(
                f"SELECT id, title FROM documents WHERE deleted_at IS NULL "
                f"AND id IN ({marks(chunk)})", chunk).fetchall())
        return found
