"""Someone else's project file, read as data and never as code.

A merge source or a backup to restore may have been doctored: a trigger that
runs SQL when a row is written, a view in place of a table that never ends,
values of the wrong type or size.  So the file is opened read-only (and
immutable where its folder cannot be written and no log is pending), with
``trusted_schema`` off; nothing in its schema is executed: only tables that
are tables are read, by name, with our columns listed; every row is checked
(:mod:`workbench.project.foreign_rows`) and its references followed before it goes
into a fresh project file that our own migrations built.  Rows that fail are
skipped and listed in words.
"""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from workbench.errors import ProjectFileError
from workbench.file.projectfile import check_project_path, error_for, read_only_uri
from workbench.file.schema import MIGRATION_SET, SCHEMA_VERSION, known_migrations, migrations
from workbench.project.foreign_rows import COLUMNS, TOO_LONG, problem_of, size_limit
from workbench.text.blocks import sha256_text
from workbench.text.printable import one_line

# Tables in the order their references need (a passage after its document and tag).
ORDER = ("project", "documents", "blocks", "tags", "actors", "annotations", "reviews",
         "brief", "superseded", "history")
SHOWN_SKIPS = 20  # rows named one by one; the rest are counted
BATCH = 500  # rows inserted at once
Row = dict[str, Any]


@dataclass
class CleanCopy:
    """A fresh project file holding a source's valid rows, and the rows left out."""

    path: Path
    skipped: list[str] = field(default_factory=list)


def open_as_data(path: Path) -> sqlite3.Connection:
    """A read-only connection that runs nothing the file's schema holds."""
    check_project_path(path)
    try:
        conn = _connect(read_only_uri(path))
    except sqlite3.OperationalError:
        # A folder we may not write (another user's): SQLite cannot make the shared
        # memory file beside it.  Without a pending log the file alone is the project.
        log = path.with_name(path.name + "-wal")
        if log.exists() and log.stat().st_size:
            raise ProjectFileError(
                f"{path} has changes still in its log ({log.name}) and its folder cannot be "
                "written; copy both files to a folder of yours and try again.") from None
        try:
            conn = _connect(read_only_uri(path) + "&immutable=1")
        except sqlite3.Error as exc:
            raise _refusal(exc, path) from exc
    except sqlite3.Error as exc:
        raise _refusal(exc, path) from exc
    return conn


def _connect(uri: str) -> sqlite3.Connection:
    conn = sqlite3.connect(uri, uri=True)
    conn.execute("PRAGMA trusted_schema=OFF")
    conn.execute("PRAGMA query_only=ON")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn


def _refusal(exc: sqlite3.Error, path: Path) -> ProjectFileError:
    if "not a database" in str(exc):
        return ProjectFileError(f"{path} is not a Workbench project (it is not an SQLite "
                                "database).")
    return error_for(exc, path)


def clean_copy(source: Path, target: Path) -> CleanCopy:
    """Copy the valid rows of the project at ``source`` into a new project at ``target``
    (built by our migrations, up to the source's schema, then brought up to date)."""
    with _reading(source) as reader:
        applied = reader.applied_migrations()
        checked = _Checker(reader).run()
        db = Database(target)
        try:
            pending = [m.name for m in migrations._migrations if m.name not in applied]
            migrations.apply(db, stop_before=pending[:1])
            _write(db, checked.rows)
            migrations.apply(db)
            db.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        finally:
            db.close()
    return CleanCopy(target, checked.skipped)


@dataclass
class CleanSource:
    """A source project's valid rows, held in memory for a merge to read."""

    rows: dict[str, list[Row]]
    skipped: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._versions: dict[str, dict[str, tuple[str, str | None]]] = {}
        for row in self.rows.get("superseded", []):
            self._versions.setdefault(row["row_id"], {})[row["change_id"]] = (
                row.get("at") or "", row.get("content"))
        self._authors: dict[str, tuple[str, str]] = {}
        for row in sorted(self.rows.get("history", []), key=lambda r: r["at"]):
            self._authors[row["row_id"]] = (row["who"], row["role"])
        self._blocks: dict[str, list[Row]] = {}
        for row in self.rows.get("blocks", []):
            self._blocks.setdefault(row["document_id"], []).append(row)

    def pasts(self, ids: Iterable[str]) -> dict[str, set[str]]:
        """The changes each of these rows has left behind (as store.merging.pasts gives)."""
        return {i: set(self._versions.get(i, ())) for i in ids}

    def versions(self, ids: Iterable[str]) -> dict[str, dict[str, tuple[str, str | None]]]:
        """Each row's past changes with when they were made and what the row said then
        (as store.merging.versions gives)."""
        return {i: dict(self._versions.get(i, {})) for i in ids}

    def last_author(self, row_id: str) -> tuple[str, str] | None:
        """Who last wrote this row in the source, and in which role (from its history)."""
        return self._authors.get(row_id)

    def blocks(self, document_id: str) -> list[Row]:
        """The structural blocks of one document."""
        return self._blocks.get(document_id, [])

    def skipped_lines(self) -> list[str]:
        """The rows left out, in words: the first ones named, the rest counted."""
        lines = self.skipped[:SHOWN_SKIPS]
        if len(self.skipped) > SHOWN_SKIPS:
            lines.append(f"… and {len(self.skipped) - SHOWN_SKIPS:,} more rows left out.")
        return lines


def clean_source(source: Path) -> CleanSource:
    """The valid rows of the project at ``source``, each with every column of our
    schema (those a source from an earlier version lacks take their defaults)."""
    with _reading(source) as reader:
        reader.applied_migrations()
        checked = _Checker(reader).run()
    for table, rows in checked.rows.items():
        missing = [c for c in COLUMNS[table] if rows and c not in rows[0]]
        if set(missing) - set(LATER_COLUMNS):  # not one of ours, even an early one
            raise reader.not_ours()
        defaults = {c: LATER_COLUMNS[c] for c in missing}
        for row in rows if defaults else ():
            row.update(defaults)
    for row in checked.rows.get("history", []):
        row["uid"] = row["uid"] or _entry_id(row)
    return CleanSource(checked.rows, checked.skipped)


def _entry_id(row: Row) -> str:
    """An id for a history entry from before entries had one: the same in every copy."""
    said = "\x1f".join(str(row[c]) for c in ("at", "who", "action", "kind", "row_id", "detail"))
    return hashlib.sha256(said.encode("utf-8", "surrogatepass")).hexdigest()[:32]


@contextmanager
def _reading(source: Path) -> Iterator[_SourceReader]:
    conn = open_as_data(source)
    try:
        yield _SourceReader(conn, source)
    except sqlite3.DatabaseError as exc:
        raise _refusal(exc, source) from exc
    finally:
        conn.close()


def _write(db: Database, rows: dict[str, list[Row]]) -> None:
    """Insert the checked rows, the passages' search index built in one go at the end."""
    paused = "fts_pause" in db.table_names()  # (a schema from 0003_bulk_fts on)
    with db.conn:
        for table in ORDER:
            if table == "annotations" and paused:
                db.execute("INSERT INTO fts_pause VALUES ('annotations')")
            for at in range(0, len(rows[table]), BATCH):
                batch = rows[table][at:at + BATCH]
                db.conn.executemany(_insert(table, batch[0]), [list(r.values()) for r in batch])
        if paused:
            db.execute("INSERT INTO annotations_fts(rowid, exact, note) "
                       "SELECT rowid, exact, note FROM annotations")
            db.execute("DELETE FROM fts_pause")


class _SourceReader:
    """Reads the source's tables as tables, by name and listed columns, nothing else."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn, self.path = conn, path
        self.tables = {
            str(n): str(sql or "") for n, sql in conn.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'table'")}

    def _is_table(self, name: str) -> bool:
        sql = self.tables.get(name)
        return sql is not None and not sql.lstrip().upper().startswith("CREATE VIRTUAL")

    def not_ours(self) -> ProjectFileError:
        return ProjectFileError(f"{self.path} is an SQLite database but not a Workbench "
                                "project.")

    def applied_migrations(self) -> set[str]:
        """The migrations the source has, checked to be a beginning of ours."""
        table = migrations.migrations_table
        if not self._is_table(table) or not self._is_table("project"):
            raise self.not_ours()
        names = {str(r[0]) for r in self.conn.execute(
            f"SELECT name FROM {table} WHERE migration_set = ? LIMIT 1000", [MIGRATION_SET])}
        row = self.conn.execute("SELECT max(schema_version) FROM project").fetchone()
        version = row[0] if row and isinstance(row[0], int) else 0
        if names - known_migrations() or version > SCHEMA_VERSION:
            raise ProjectFileError(f"{self.path} was written by a newer version of Workbench; "
                                   "update Workbench to read it.")
        ours = [m.name for m in migrations._migrations]
        if not names or set(ours[:len(names)]) != names:
            raise self.not_ours()
        return names

    def columns(self, table: str) -> list[str]:
        """Our columns of ``table`` that the source has as plain stored columns."""
        if not self._is_table(table):
            return []
        present = {str(r[1]) for r in self.conn.execute(f'PRAGMA table_xinfo("{table}")')
                   if r[6] == 0}  # hidden columns (generated, virtual) are not read
        return [c for c in COLUMNS[table] if c in present]

    def rows(self, table: str) -> Iterator[Row]:
        """Every row of ``table``, oversized values replaced by a marker in SQL."""
        columns = self.columns(table)
        if not columns:
            return
        listed, params = [], []
        for column in columns:
            limit = size_limit(table, column)
            if limit is None:
                listed.append(f'"{column}"')
            else:  # a value past the limit never reaches Python: a marker stands for it
                listed.append(f'CASE WHEN length("{column}") > ? THEN ? ELSE "{column}" END')
                params += [limit, TOO_LONG]
        query = f'SELECT {", ".join(listed)} FROM "{table}"'
        done = 0
        try:
            for values in self._fetched(query, params):
                yield dict(zip(columns, values, strict=True))
                done += 1
        except sqlite3.OperationalError as exc:
            if "decode" not in str(exc):
                raise
            # Undecodable text: read again from where it stopped, with such text marked (as
            # surrogates) for the checks to refuse, instead of failing the whole query.
            self.conn.text_factory = _marked
            try:
                for values in itertools.islice(self._fetched(query, params), done, None):
                    yield dict(zip(columns, values, strict=True))
            finally:
                self.conn.text_factory = str

    def _fetched(self, query: str, params: list[Any]) -> Iterator[tuple[Any, ...]]:
        cursor = self.conn.execute(query, params)
        while batch := cursor.fetchmany(500):
            yield from batch


def _marked(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


@dataclass
class _Checked:
    """The rows that passed, table by table, and the ones left out, in words."""

    rows: dict[str, list[Row]]
    skipped: list[str]


class _Checker:
    """Checks every row the source holds and follows its references, table by table."""

    def __init__(self, reader: _SourceReader) -> None:
        self.reader = reader
        self.skipped: list[str] = []
        self.kept: dict[str, set[object]] = {t: set() for t in ORDER}
        self.lengths: dict[str, int] = {}  # document id → length of its text

    def run(self) -> _Checked:
        rows = {"documents": self._documents()}
        for table in ORDER:
            source = rows["documents"] if table == "documents" else self.reader.rows(table)
            rows[table] = list(self._passing(table, source))
        return _Checked(rows, self.skipped)

    def _documents(self) -> list[Row]:
        """Documents first checked on their own, then for the versions they name."""
        rows = []
        for row in self.reader.rows("documents"):
            if (wrong := self._problem("documents", row)) is None:
                rows.append(row)
            else:
                self._skip("documents", row, wrong)
        known = {r["id"] for r in rows}
        while broken := [r for r in rows if r.get("version_of") not in (None, *known)]:
            for row in broken:
                self._skip("documents", row, "it names an earlier version that is not there")
                known.discard(row["id"])
            rows = [r for r in rows if r["id"] in known]
        return rows

    def _passing(self, table: str, rows: Iterable[Row]) -> Iterator[Row]:
        for row in rows:
            wrong = self._problem(table, row) if table != "documents" else None
            key = tuple(row.get(c) for c in KEYS[table])
            if wrong is None and key in self.kept[table]:
                wrong = ("a project file has one project row" if table == "project" else
                         "it is in the file twice; the first was taken")
            if wrong is not None:
                self._skip(table, row, wrong)
                continue
            self.kept[table].add(key)
            if table == "documents":
                self.lengths[row["id"]] = len(row["text"])
            yield row

    def _problem(self, table: str, row: Row) -> str | None:
        wrong = problem_of(table, row)
        if wrong is not None:
            return wrong
        return _REFERENCES.get(table, lambda _c, _r: None)(self, row)

    def _skip(self, table: str, row: Row, why: str) -> None:
        what = table.rstrip("s") if table != "brief" else "briefing part"
        ident = row.get("id") or row.get("row_id") or row.get("document_id") or "?"
        self.skipped.append(f"{what} {one_line(str(ident))[:40]}: {why}; left out.")

    # -- the references each kind of row makes ----------------------------------------

    def _document_refs(self, row: Row) -> str | None:
        if sha256_text(row["text"]) != row["sha256"]:
            return "its fingerprint (sha256) does not match its text"
        return None

    def _span(self, row: Row) -> str | None:
        length = self.lengths.get(row["document_id"])
        if length is None:
            return "its document is not there"
        if not row["start"] <= row["end"] <= length:
            return (f"its span {row['start']}-{row['end']} lies outside its document's "
                    f"{length:,} characters")
        return None

    def _annotation_refs(self, row: Row) -> str | None:
        if (row["tag_id"],) not in self.kept["tags"]:
            return "its tag is not there"
        if row.get("actor_id") is not None and (row["actor_id"],) not in self.kept["actors"]:
            return "its actor is not there"
        return self._span(row)

    def _review_refs(self, row: Row) -> str | None:
        if (row["annotation_id"],) not in self.kept["annotations"]:
            return "the passage it reviews is not there"
        return None


_REFERENCES = {"documents": _Checker._document_refs, "blocks": _Checker._span,
               "annotations": _Checker._annotation_refs, "reviews": _Checker._review_refs}
# Each table's key: a second row with the same key is a duplicate (the project row: one).
KEYS: dict[str, tuple[str, ...]] = {
    "project": (), "blocks": ("document_id", "index"), "superseded": ("row_id", "change_id"),
    # (an entry from before entries had ids is told apart by what it says)
    "history": ("uid", "at", "who", "action", "kind", "row_id", "detail"),
    **{t: ("id",) for t in ("documents", "tags", "actors", "annotations", "reviews", "brief")}}
# Columns later versions added, and what a row from before them holds.
LATER_COLUMNS: dict[str, Any] = {"change_id": "", "role": "", "content": None, "at": "",
                                 "uid": ""}


def _insert(table: str, row: Row) -> str:
    columns = ", ".join(f'"{c}"' for c in row)
    return f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * len(row))})'
