"""The one object that owns a project file: every read and write goes through it.

Methods take keyword arguments and return frozen dataclasses from
:mod:`workbench.model`.  Each public write runs in one transaction; nested
calls (an edit made of several writes) share the outer one through savepoints.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from workbench.clock import new_id, now_iso
from workbench.errors import AmbiguousReference, NotFound, StoreWriteError
from workbench.history import action_of, log_import, log_writes
from workbench.model import (
    Actor,
    Annotation,
    Block,
    Document,
    DocumentSummary,
    PassageFilter,
    Review,
    Tag,
)
from workbench.passage_sql import filter_condition
from workbench.projectfile import immediate_transaction, memory_database, open_database
from workbench.schema import DEFAULT_TAGS, SCHEMA_VERSION
from workbench.text import BlockRange

Record = Document | Tag | Actor | Annotation | Review
R = TypeVar("R", bound=Document | Tag | Actor | Annotation | Review)

TABLES: dict[type[Any], str] = {
    Document: "documents",
    Tag: "tags",
    Actor: "actors",
    Annotation: "annotations",
    Review: "reviews",
}
_ID_PREFIX = re.compile(r"[0-9a-fA-F-]+")
_DOCUMENT_META = ("source", "author", "published", "url", "language", "format", "filename")


_ANNOTATION_COLUMNS = ", ".join(f'"{f.name}"' for f in fields(Annotation))


def _from_row(cls: type[R], row: dict[str, Any]) -> R:
    return cls(**{f.name: row[f.name] for f in fields(cls) if f.name in row})


class Store:
    """A project: documents, tags, actors, annotations and reviews in one SQLite file."""

    def __init__(self, db: Database, *, path: Path | None = None, analyst: str = "",
                 read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.analyst = analyst
        self.role = "analyst"  # recorded in the history of every write
        self.read_only = read_only
        self._columns = {t: set(db[t].columns_dict) for t in TABLES.values()}
        if not db.execute("SELECT 1 FROM project").fetchone():
            self._seed(path.stem if path else "Untitled")

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False, analyst: str = "") -> Store:
        """Open the project at ``path`` (creating it if ``create``); refuse foreign files."""
        path = Path(path)
        opened = open_database(path, create=create)
        return cls(opened.db, path=path, analyst=analyst, read_only=opened.read_only)

    @classmethod
    def memory(cls, *, analyst: str = "") -> Store:
        """A new project held in memory only."""
        return cls(memory_database(), analyst=analyst)

    def close(self) -> None:
        """Close the file, first copying the write-ahead log into it.

        After this the ``.wbproj`` alone holds every change (a copy of it is complete).
        """
        if self.path is not None and not self.read_only:
            self.checkpoint(truncate=True)
        self.db.close()

    def checkpoint(self, *, truncate: bool = False) -> bool:
        """Copy committed changes from the write-ahead log into the project file.

        Returns whether every change is now in the file itself (another process
        reading an older state can hold some back until it finishes).
        """
        if self.path is None or self.read_only:
            return True
        mode = "TRUNCATE" if truncate else "PASSIVE"
        try:
            busy, _, _ = self.db.execute(f"PRAGMA wal_checkpoint({mode})").fetchone()
        except sqlite3.Error:
            return False
        return not busy

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file."""
        return int(self.db.execute("PRAGMA data_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """One ``BEGIN IMMEDIATE`` transaction (or a savepoint inside the caller's).

        A failure to take the write lock or to commit becomes a
        :class:`~workbench.errors.StoreWriteError` that says why; nothing is half-written.
        """
        if self.read_only:
            raise StoreWriteError(f"{self.path} is open read-only: changes cannot be saved.")
        with immediate_transaction(self.db, self.path):
            yield self

    def _seed(self, name: str) -> None:
        with self.transaction():
            self.db.table("project").insert(
                {"id": new_id(), "name": name, "created_at": now_iso(),
                 "schema_version": SCHEMA_VERSION, "settings": "{}"}
            )
            for order, (tag_name, color, key, description) in enumerate(DEFAULT_TAGS):
                self.insert(Tag(id=new_id(), name=tag_name, color=color, shortcut=key,
                                description=description, sort_order=order))

    # -- project settings ------------------------------------------------------------

    def project_name(self) -> str:
        """The project's display name."""
        return str(self.db.execute("SELECT name FROM project").fetchone()[0])

    def settings(self) -> dict[str, Any]:
        """Settings that belong to the project (briefing title, marking, ...)."""
        raw = self.db.execute("SELECT settings FROM project").fetchone()[0]
        value = json.loads(raw or "{}")
        return value if isinstance(value, dict) else {}

    def update_settings(self, **values: Any) -> None:
        """Merge ``values`` into the project's settings."""
        merged = {**self.settings(), **values}
        with self.transaction():
            self.db.execute("UPDATE project SET settings = ?", [json.dumps(merged)])

    # -- generic records ---------------------------------------------------------------

    def get(self, cls: type[R], record_id: str) -> R:
        """The record of type ``cls`` with this id (tombstoned ones included)."""
        return self._select_one(cls, "id = ?", [record_id], what=f"with id {record_id}")

    def _select(self, cls: type[R], where: str = "1", params: Sequence[Any] = (),
                order_by: str = "") -> list[R]:
        """Records of ``cls`` matching an SQL condition (one plain query, no row dicts)."""
        names = [f.name for f in fields(cls)]
        columns = ", ".join(f'"{n}"' for n in names)
        order = f" ORDER BY {order_by}" if order_by else ""
        rows = self.db.execute(f"SELECT {columns} FROM {TABLES[cls]} WHERE {where}{order}",
                               list(params)).fetchall()
        return [cls(*row) for row in rows]

    def _select_one(self, cls: type[R], where: str, params: Sequence[Any], *, what: str) -> R:
        found = self._select(cls, where, params)
        if not found:
            raise NotFound(f"No {cls.__name__.lower()} {what}.")
        return found[0]

    def exists(self, cls: type[R], record_id: str) -> bool:
        """Whether a row with this id exists (live or tombstoned)."""
        table = TABLES[cls]
        return self.db.execute(f"SELECT 1 FROM {table} WHERE id = ?", [record_id]).fetchone() \
            is not None

    def existing_ids(self, cls: type[R], ids: Sequence[str]) -> set[str]:
        """Which of these ids have a row (live or tombstoned)."""
        table, found = TABLES[cls], set()
        for at in range(0, len(ids), 500):
            chunk = list(ids[at:at + 500])
            found |= {row[0] for row in self.db.execute(
                f"SELECT id FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
        return found

    def insert(self, record: R) -> R:
        """Insert a new record, stamping timestamps and the analyst where unset."""
        table = TABLES[type(record)]
        now = now_iso()
        row = {k: v for k, v in asdict(record).items() if k in self._columns[table]}
        row["created_at"] = row.get("created_at") or now
        row["updated_at"] = row.get("updated_at") or now
        if "analyst" in self._columns[table] and not row.get("analyst"):
            row["analyst"] = self.analyst
        with self.transaction():
            self.db.table(table).insert(row)
            self._log("add", table, [record.id])
        return self.get(type(record), record.id)

    def _log(self, action: str, table: str, ids: Sequence[str],
             values: dict[str, Any] | None = None) -> None:
        log_writes(self.db, who=self.analyst, role=self.role, action=action, table=table,
                   ids=ids, values=values)

    def insert_many(self, records: Sequence[Record]) -> None:
        """Insert many new records at once (a bulk import), stamping what is unset."""
        now = now_iso()
        by_type: dict[type[Any], list[Record]] = {}
        for record in records:
            by_type.setdefault(type(record), []).append(record)
        with self.transaction():
            for cls in (Tag, Actor, Document, Annotation, Review):
                if cls not in by_type:
                    continue
                table = TABLES[cls]
                names = [f.name for f in fields(cls) if f.name in self._columns[table]]
                stamps = {"created_at": now, "updated_at": now, "analyst": self.analyst}
                stamps = {k: v for k, v in stamps.items() if k in self._columns[table]}
                extra = [k for k in stamps if k not in names]
                rows = [[getattr(r, n) or stamps[n] if n in stamps else getattr(r, n)
                         for n in names] + [stamps[k] for k in extra] for r in by_type[cls]]
                names += extra
                columns = ", ".join(f'"{n}"' for n in names)
                insert = f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(names))})"
                if cls is Annotation:
                    self._insert_annotations_indexed_once(insert, rows)
                else:
                    self.db.conn.executemany(insert, rows)
            log_import(self.db, who=self.analyst, role=self.role, table="annotations",
                       per_document=Counter(r.document_id for r in by_type.get(Annotation, [])
                                            if isinstance(r, Annotation)))

    def _insert_annotations_indexed_once(self, insert: str, rows: list[list[Any]]) -> None:
        """Insert annotation rows with the FTS trigger paused, then index them in one go."""
        last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM annotations").fetchone()[0]
        self.db.execute("INSERT INTO fts_pause VALUES ('annotations')")
        self.db.conn.executemany(insert, rows)
        self.db.execute("INSERT INTO annotations_fts(rowid, exact, note) "
                        "SELECT rowid, exact, note FROM annotations WHERE rowid > ?", [last])
        self.db.execute("DELETE FROM fts_pause WHERE table_name = 'annotations'")

    def set_deleted(self, cls: type[R], ids: Sequence[str], deleted_at: str | None) -> None:
        """Tombstone (or restore, with ``None``) many records of one type at once."""
        table = TABLES[cls]
        with self.transaction():
            self.db.conn.executemany(
                f"UPDATE {table} SET deleted_at = ?, rev = rev + 1, updated_at = ? WHERE id = ?",
                [(deleted_at, now_iso(), i) for i in ids])
            self._log("restore" if deleted_at is None else "delete", table, ids)

    def update(self, cls: type[R], record_id: str, **values: Any) -> R:
        """Change fields of a record; bumps its ``rev`` and ``updated_at``."""
        table = TABLES[cls]
        unknown = set(values) - self._columns[table]
        if unknown:
            raise ValueError(f"{table} has no column(s) {sorted(unknown)}")
        assignments = ", ".join(f'"{name}" = ?' for name in values)
        with self.transaction():
            cursor = self.db.execute(
                f"UPDATE {table} SET {assignments}, rev = rev + 1, updated_at = ? WHERE id = ?",
                [*values.values(), now_iso(), record_id],
            )
            if cursor.rowcount != 1:
                raise NotFound(f"No {cls.__name__.lower()} with id {record_id}.")
            self._log(action_of(values), table, [record_id], values)
        return self.get(cls, record_id)

    def tombstone(self, cls: type[R], record_id: str) -> R:
        """Mark a record deleted (kept, so merges see the deletion)."""
        return self.update(cls, record_id, deleted_at=now_iso())

    def restore(self, cls: type[R], record_id: str) -> R:
        """Undo a tombstone."""
        return self.update(cls, record_id, deleted_at=None)

    # -- documents ------------------------------------------------------------------

    def add_document(
        self, *, title: str, text: str, sha256: str, blocks: Sequence[BlockRange],
        meta: dict[str, str] | None = None, version_of: str | None = None,
    ) -> Document:
        """Store a normalised document and its blocks in one transaction."""
        meta = meta or {}
        document = Document(
            id=new_id(), title=title, text=text, sha256=sha256, imported_at=now_iso(),
            version_of=version_of, **{k: meta.get(k, "") for k in _DOCUMENT_META},
        )
        with self.transaction():
            self.insert(document)
            self.db.table("blocks").insert_all(
                {"document_id": document.id, "index": b.index, "kind": b.kind,
                 "start": b.start, "end": b.end}
                for b in blocks
            )
        return self.get(Document, document.id)

    def document_ids(self) -> list[str]:
        """Ids of live documents, oldest import first."""
        return [r[0] for r in self.db.execute(
            "SELECT id FROM documents WHERE deleted_at IS NULL ORDER BY imported_at, rowid")]

    def document_titles(self) -> list[tuple[str, str]]:
        """(id, title) of live documents, oldest import first: cheap, for choosers."""
        return self.db.execute(
            "SELECT id, title FROM documents WHERE deleted_at IS NULL "
            "ORDER BY imported_at, rowid").fetchall()

    def document_urls(self) -> dict[str, str]:
        """Web address → id of the live documents that have one."""
        return dict(self.db.execute(
            "SELECT url, id FROM documents WHERE deleted_at IS NULL AND url != ''").fetchall())

    def tag_counts(self, document_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """Live annotation counts per document and tag."""
        marks = ",".join("?" * len(document_ids))
        counts: dict[str, dict[str, int]] = {d: {} for d in document_ids}
        for doc, tag, n in self.db.execute(
                f"SELECT document_id, tag_id, count(*) FROM annotations WHERE deleted_at IS NULL"
                f" AND document_id IN ({marks}) GROUP BY document_id, tag_id", list(document_ids)):
            counts[doc][tag] = n
        return counts

    def find_document_by_sha(self, sha256: str) -> Document | None:
        """The live document whose normalised text has this fingerprint, if any."""
        rows = list(self.db["documents"].rows_where(
            "sha256 = ? AND deleted_at IS NULL", [sha256], limit=1))
        return _from_row(Document, rows[0]) if rows else None

    def list_documents(self, ids: Sequence[str] | None = None) -> list[DocumentSummary]:
        """Live documents (all, or those ``ids``), oldest import first, with counts."""
        sql = """
            SELECT d.id, d.title, d.source, d.author, d.published, d.url, d.sha256,
                   length(d.text) AS chars, d.imported_at,
                   (SELECT count(*) FROM blocks b WHERE b.document_id = d.id) AS blocks,
                   (SELECT count(*) FROM annotations a
                     WHERE a.document_id = d.id AND a.deleted_at IS NULL) AS annotations
            FROM documents d WHERE d.deleted_at IS NULL {where} ORDER BY d.imported_at, d.rowid"""
        if ids is None:
            return [DocumentSummary(**row) for row in self.db.query(sql.format(where=""))]
        where = f"AND d.id IN ({','.join('?' * len(ids))})"
        return [DocumentSummary(**row) for row in self.db.query(sql.format(where=where), ids)]

    def resolve_document(self, ref: str) -> Document:
        """A live document by id, unambiguous id prefix, or exact title."""
        rows = list(self.db.query(
            "SELECT id FROM documents WHERE deleted_at IS NULL AND (id = :r OR title = :r)",
            {"r": ref}))
        if not rows and len(ref) >= 4 and _ID_PREFIX.fullmatch(ref):
            rows = list(self.db.query(
                "SELECT id FROM documents WHERE deleted_at IS NULL "
                "AND substr(id, 1, :n) = :p", {"p": ref.lower(), "n": len(ref)}))
        if not rows:
            raise NotFound(f"No document matches '{ref}' (give an id, id prefix or title).")
        if len(rows) > 1:
            raise AmbiguousReference(
                f"'{ref}' matches {len(rows)} documents; give more of the id.")
        return self.get(Document, rows[0]["id"])

    def blocks(self, document_id: str, *, skip_paragraphs: bool = False) -> list[Block]:
        """A document's structure, in order (headings, lists... only, if ``skip_paragraphs``)."""
        only = "AND kind != 'paragraph'" if skip_paragraphs else ""
        rows = self.db.execute(
            'SELECT document_id, "index", kind, start, "end" FROM blocks '
            f'WHERE document_id = ? {only} ORDER BY "index"', [document_id]).fetchall()
        return [Block(*row) for row in rows]

    # -- tags and actors -----------------------------------------------------------------

    def tags(self, *, include_deleted: bool = False) -> list[Tag]:
        """Tags in the project's order."""
        where = "1" if include_deleted else "deleted_at IS NULL"
        return self._select(Tag, where, order_by="sort_order, name")

    def find_tag(self, name: str) -> Tag:
        """A live tag by name (case-insensitive) or shortcut."""
        for tag in self.tags():
            if tag.name.casefold() == name.casefold() or (tag.shortcut and tag.shortcut == name):
                return tag
        known = ", ".join(t.name for t in self.tags())
        raise NotFound(f"No tag named '{name}' (the project has: {known}).")

    def actors(self, *, include_deleted: bool = False) -> list[Actor]:
        """Actors by name."""
        where = "1" if include_deleted else "deleted_at IS NULL"
        return self._select(Actor, where, order_by="name COLLATE NOCASE")

    def find_actor(self, name: str) -> Actor | None:
        """A live actor by name or alias (case-insensitive), if any."""
        wanted = name.strip().casefold()
        for actor in self.actors():
            aliases = [a.strip().casefold() for a in actor.aliases.split(";")]
            if actor.name.casefold() == wanted or wanted in aliases:
                return actor
        return None

    # -- annotations ------------------------------------------------------------------------

    def annotation_spans(self, document_id: str, *, starting_from: int = 0,
                         starting_before: int | None = None,
                         analyst: str | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, id, tag id) of a document's live annotations: cheap, for display.

        ``starting_from`` and ``starting_before`` keep those whose start lies in
        ``[starting_from, starting_before)``, so a reader can load its first screen first;
        ``analyst`` keeps one analyst's.
        """
        limit = "AND start < ?" if starting_before is not None else ""
        who = "AND analyst = ?" if analyst is not None else ""
        params = [document_id, starting_from, *([starting_before] if limit else []),
                  *([analyst] if who else [])]
        return self.db.execute(
            'SELECT start, "end", id, tag_id FROM annotations '
            f"WHERE document_id = ? AND start >= ? {limit} {who} AND deleted_at IS NULL",
            params).fetchall()

    def annotations_by_id(self, ids: Sequence[str]) -> list[Annotation]:
        """These annotations (tombstoned included), in no particular order."""
        found: list[Annotation] = []
        for at in range(0, len(ids), 500):
            chunk = list(ids[at:at + 500])
            marks = ",".join("?" * len(chunk))
            cursor = self.db.execute(
                f"SELECT {_ANNOTATION_COLUMNS} FROM annotations WHERE id IN ({marks})", chunk)
            found += [Annotation(*row) for row in cursor.fetchall()]
        return found

    def count_passages(self, passage_filter: PassageFilter) -> tuple[int, int]:
        """(passages, documents) the filter keeps: one query, cheap enough for live counts."""
        where, params = filter_condition(passage_filter)
        passages, documents = self.db.execute(
            "SELECT count(*), count(DISTINCT a.document_id) FROM annotations a "
            f"JOIN documents d ON d.id = a.document_id WHERE {where}", params).fetchone()
        return int(passages), int(documents)

    def filtered_annotations(self, passage_filter: PassageFilter) -> list[Annotation]:
        """Live annotations the filter keeps, in library order, then text order."""
        where, params = filter_condition(passage_filter)
        columns = ", ".join(f"a.{c}" for c in _ANNOTATION_COLUMNS.split(", "))
        rows = self.db.execute(
            f"SELECT {columns} FROM annotations a JOIN documents d ON d.id = a.document_id "
            f'WHERE {where} ORDER BY d.imported_at, d.rowid, a.start, a."end"', params)
        return [Annotation(*row) for row in rows.fetchall()]

    def paragraph_starts(self, document_ids: Sequence[str]) -> dict[str, list[int]]:
        """Start offsets of each document's blocks other than headings, in order."""
        starts: dict[str, list[int]] = {d: [] for d in document_ids}
        for at in range(0, len(document_ids), 500):
            chunk = list(document_ids[at:at + 500])
            for document_id, start in self.db.execute(
                    "SELECT document_id, start FROM blocks WHERE kind != 'heading' AND "
                    f"document_id IN ({','.join('?' * len(chunk))}) "
                    'ORDER BY document_id, "index"', chunk):
                starts[document_id].append(start)
        return starts

    def reviews(self, annotation_ids: Sequence[str] | None = None) -> list[Review]:
        """Live review verdicts (of these annotations, or all), oldest first."""
        sql = "SELECT * FROM reviews WHERE deleted_at IS NULL"
        if annotation_ids is None:
            return [_from_row(Review, r) for r in self.db.query(sql + " ORDER BY created_at")]
        found: list[Review] = []
        for at in range(0, len(annotation_ids), 500):
            chunk = list(annotation_ids[at:at + 500])
            where = f" AND annotation_id IN ({','.join('?' * len(chunk))}) ORDER BY created_at"
            found += [_from_row(Review, r) for r in self.db.query(sql + where, chunk)]
        return found

    def annotations(
        self, *, document_id: str | None = None, tag_id: str | None = None,
        actor_id: str | None = None, status: str | None = None, analyst: str | None = None,
        include_deleted: bool = False,
    ) -> list[Annotation]:
        """Annotations matching every filter given, in document order.

        Live ones are those of live documents too: a deleted document's passages
        are gone with it (as the exports and the queue see it), though kept in the file.
        """
        clauses, params = [], []
        for column, value in (("document_id", document_id), ("tag_id", tag_id),
                              ("actor_id", actor_id), ("status", status),
                              ("analyst", analyst)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if not include_deleted:
            clauses.append("deleted_at IS NULL AND document_id IN "
                           "(SELECT id FROM documents WHERE deleted_at IS NULL)")
        where = " AND ".join(clauses) or None
        return [_from_row(Annotation, r) for r in self.db["annotations"].rows_where(
            where, params, order_by="document_id, start, \"end\"")]
