"""The one object that owns a project file, and its managers, one per kind of record.

``Store`` holds the connection, the transaction and the project's settings; its
managers (``store.documents``, ``store.annotations``, ``store.tags``,
``store.actors``, ``store.reviews``) read and write one table each over that
same connection, as Anki's collection does with its managers.  Every public
write runs in one transaction; nested calls (an edit made of several writes)
share the outer one through savepoints.  Records come back as frozen
dataclasses from :mod:`workbench.model`.  Beside the per-table managers,
``store.queue`` (the review queue's queries) and ``store.merging`` (rows read
and written whole by a merge, their lineage and conflicts) hold the rest of the
core's SQL: nothing outside the store (and the file layer under it) writes any.

Layer: may import ``workbench.file`` and ``text``, with the shared core
modules (``model``, ``errors``, ``clock``); nothing above.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workbench.clock import new_id, now_iso
from workbench.errors import StoreWriteError
from workbench.file import held_files
from workbench.file.copies import copy_database
from workbench.file.projectfile import immediate_transaction, memory_database, open_database
from workbench.file.schema import DEFAULT_TAGS, SCHEMA_VERSION
from workbench.model import Actor, Annotation, BriefPart, Changes, Document, Review, Tag
from workbench.store.annotations import Annotations
from workbench.store.brief import Brief
from workbench.store.documents import Documents
from workbench.store.history import HistoryEntry, changes_since, document_history, log_import
from workbench.store.journal import Step, recording
from workbench.store.merging import MergeRows
from workbench.store.queue import Queue
from workbench.store.records import RecordTable
from workbench.store.reviews import Reviews
from workbench.store.vocabulary import Actors, Tags

Record = Document | Tag | Actor | Annotation | Review | BriefPart

__all__ = ["Record", "Store"]


class Store:
    """A project: documents, tags, actors, annotations and reviews in one SQLite file."""

    def __init__(self, db: Database, *, path: Path | None = None, analyst: str = "",
                 read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.analyst = analyst
        self.role = "analyst"  # recorded in the history of every write
        self.read_only = read_only
        self.documents = Documents(self)
        self.annotations = Annotations(self)
        self.tags = Tags(self)
        self.actors = Actors(self)
        self.reviews = Reviews(self)
        self.brief = Brief(self)
        self.queue = Queue(db)
        self.merging = MergeRows(db)
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
        self.release()

    def release(self) -> None:
        """Close the connection without a checkpoint (a worker's second connection,
        beside the window's, which does the checkpointing)."""
        self.db.close()
        if self.path is not None:
            held_files.release(self.path)

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
                 "schema_version": SCHEMA_VERSION, "settings": "{}"})
            for order, (tag_name, color, key, description) in enumerate(DEFAULT_TAGS):
                self.tags.insert(Tag(id=new_id(), name=tag_name, color=color, shortcut=key,
                                     description=description, sort_order=order))

    def write_copy(self, target: Path, *,
                   cancelled: Callable[[], bool] = lambda: False) -> Path:
        """One consistent, checked copy of the project, as it stands, to the new file
        ``target`` (through this connection: an unsaved project too)."""
        return copy_database(self.db.conn, target, cancelled=cancelled)

    def recording(self) -> AbstractContextManager[list[Step]]:
        """Record every row written inside the block, to undo and redo it as one step
        (:mod:`workbench.store.journal`)."""
        return recording(self.db)

    def forbid_writes(self) -> None:
        """From now on this connection may only read (a job that must not write)."""
        self.db.execute("PRAGMA query_only=ON")

    def defer_checkpoints(self) -> None:
        """Never copy the log into the file inside a write; the caller does it
        (:meth:`checkpoint`) when the user pauses."""
        if not self.read_only:
            self.db.execute("PRAGMA wal_autocheckpoint=0")

    def changes_since(self, stamp: str) -> Changes:
        """What the history records as changed after ``stamp`` (another program's
        commits, say)."""
        return changes_since(self.db, stamp)

    def document_history(self, document_id: str) -> list[HistoryEntry]:
        """Every edit and verdict on a document and its passages, oldest first."""
        return document_history(self.db, document_id)

    def tidy_search_index(self, work: int = 64) -> None:
        """Merge some of the full-text indexes' segments (a bounded amount of ``work``):
        what an insert would otherwise do at a random moment, done at a quiet one."""
        with self.transaction():
            for fts in ("annotations_fts", "documents_fts"):
                self.db.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('merge', ?)", [work])

    def table(self, record_type: type[Any]) -> RecordTable[Any]:
        """The manager of one kind of record (for edits that work on any kind)."""
        managers: dict[type[Any], RecordTable[Any]] = {
            Document: self.documents, Annotation: self.annotations, Tag: self.tags,
            Actor: self.actors, Review: self.reviews, BriefPart: self.brief}
        return managers[record_type]

    def table_named(self, name: str) -> RecordTable[Any]:
        """The manager of the table ``name`` ('annotations', 'tags', ...)."""
        managers: dict[str, RecordTable[Any]] = {
            m.table: m for m in (self.documents, self.annotations, self.tags, self.actors,
                                 self.reviews, self.brief)}
        return managers[name]

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

    # -- bulk imports -----------------------------------------------------------------

    def insert_many(self, records: Sequence[Record]) -> None:
        """Add many new records of any kind at once (an import): one transaction.

        The audit log gets one line per document ("40 annotations"), not one per record.
        """
        now = now_iso()
        with self.transaction():
            for cls in (Tag, Actor, Document, Annotation, Review):
                batch = [r for r in records if type(r) is cls]
                if batch:
                    self.table(cls).insert_rows(batch, now)
            log_import(self.db, who=self.analyst, role=self.role, table="annotations",
                       per_document=Counter(r.document_id for r in records
                                            if isinstance(r, Annotation)))
