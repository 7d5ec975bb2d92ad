"""Merge another project file (an analyst's) into this one, in one transaction.

Documents match by id, then by the sha256 of their text, then (a different
version of the same article) by web address or by title and outlet: passages
on such a version are re-anchored onto this project's text.  Tags and actors
match by id, then by name.  Passages and reviews match by id.  Where only one
side changed a row, that side wins; where both did, ours stays and theirs is
recorded as a conflict (:mod:`workbench.team.conflicts`).  Deletions travel.  A
source that is foreign, damaged or newer is refused before anything is
written; merging the same source twice changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from workbench.clock import new_id, now_iso
from workbench.errors import Cancelled, ProjectFileError
from workbench.memory import collector_paused
from workbench.model import AnchorStatus, Changes
from workbench.project.foreign import CleanSource, clean_source
from workbench.store import Store
from workbench.team.lineage import CONTENT, Newer, compare, content, pasts, remember
from workbench.text.anchoring import Reanchorer, Selector

Progress = Callable[[int, int], None]  # (rows done, rows in all)
Row = dict[str, Any]
KINDS = ("tags", "actors", "documents", "annotations", "reviews", "brief")
REANCHORED = "_reanchored"  # on a translated passage: placed anew (True: as an orphan)


class MergeCancelled(Cancelled):
    """The user cancelled a merge; nothing was changed."""


@dataclass
class MergeSummary:
    """What a merge did, per kind of row, and what happened to moved passages."""

    source: str
    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    updated: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    unchanged: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    conflicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    reanchored: int = 0
    orphaned: int = 0
    documents_matched: int = 0  # the same text under another id
    versions_matched: int = 0  # another version of one of ours
    touched: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    skipped: list[str] = field(default_factory=list)  # the source's invalid rows, in words

    def changes(self) -> Changes:
        """The rows the merge added or changed, for the window to show them again."""
        t = self.touched
        return Changes(documents=frozenset(t["documents"]), tags=frozenset(t["tags"]),
                       actors=frozenset(t["actors"]), reviews=frozenset(t["reviews"]),
                       annotations=frozenset(t["annotations"]), brief=frozenset(t["brief"]))

    def changed(self) -> bool:
        """Whether the merge changed anything at all."""
        return any(sum(d.values()) for d in (self.added, self.updated, self.conflicts))

    def lines(self) -> list[str]:
        """The summary as people read it, one line per kind that has something."""
        out = []
        for kind in KINDS:
            parts = [f"{self.added[kind]} added", f"{self.updated[kind]} updated",
                     f"{self.unchanged[kind]} unchanged", f"{self.conflicts[kind]} conflicts"]
            out.append(f"{kind.capitalize():<12} " + ", ".join(parts))
        out.append(f"Passages re-anchored onto another version: {self.reanchored}, "
                   f"orphaned: {self.orphaned}")
        if self.skipped:
            out.append("Rows of the source that were not valid, left out:")
            out += [f"  {line}" for line in self.skipped]
        return out


def merge_project(target: Store, source_path: Path, *, progress: Progress | None = None,
                  cancelled: Callable[[], bool] | None = None) -> MergeSummary:
    """Merge the project at ``source_path`` into ``target`` in one transaction."""
    source_path = Path(source_path)
    if target.path is not None and source_path.resolve() == target.path.resolve():
        raise ProjectFileError("A project cannot be merged into itself.")
    with collector_paused():  # tens of thousands of rows held: freed by reference counts
        source = clean_source(source_path)  # read as data: see workbench.project.foreign
        merger = _Merger(target, source, source_path.name, progress, cancelled)
        merger.summary.skipped = source.skipped_lines()
        with target.transaction():
            merger.run()
    return merger.summary


def _rows(store: Store, table: str, where: str = "1", params: Sequence[Any] = ()) -> list[Row]:
    cursor = store.db.execute(f"SELECT * FROM {table} WHERE {where}", list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _by_id(store: Store, table: str, ids: Sequence[str]) -> dict[str, Row]:
    found: dict[str, Row] = {}
    for at in range(0, len(ids), 500):
        chunk = list(ids[at:at + 500])
        for row in _rows(store, table, f"id IN ({','.join('?' * len(chunk))})", chunk):
            found[row["id"]] = row
    return found


def _address(url: str) -> str:
    return urldefrag(url.strip())[0].rstrip("/").casefold()


def _title_key(row: Row) -> tuple[str, str]:
    return row["title"].strip().casefold(), row["source"].strip().casefold()


class _Merger:
    """One merge: maps the source's ids onto ours, then merges kind by kind."""

    def __init__(self, target: Store, source: CleanSource, name: str, progress: Progress | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.target, self.source = target, source
        self.summary = MergeSummary(source=name)
        self.maps: dict[str, dict[str, str]] = {k: {} for k in ("tags", "actors", "documents")}
        self.versions: dict[str, tuple[Reanchorer, str, str]] = {}  # id → (re-anchorer, ours, sha)
        self.touched: set[str] = set()  # passages whose status is recomputed from reviews
        self._progress, self._cancelled = progress, cancelled
        self._done = 0
        self._total = sum(len(source.rows[k]) for k in KINDS)

    def run(self) -> None:
        for kind in KINDS:
            theirs = [dict(row) for row in self.source.rows[kind]]
            getattr(self, f"_match_{kind}", lambda rows: rows)(theirs)
            self._merge_rows(kind, theirs)
        self._recompute_statuses()
        if self.summary.changed():
            self._log()

    # -- matching rows the ids do not match ---------------------------------------------

    def _match_by_name(self, kind: str, theirs: list[Row], names: Callable[[Row], set[str]],
                       ) -> None:
        ours = _rows(self.target, kind, "deleted_at IS NULL")
        known = {r["id"] for r in _rows(self.target, kind)}
        by_name = {name: r["id"] for r in ours for name in names(r)}
        for row in theirs:
            if row["id"] in known:
                continue
            match = next((by_name[n] for n in names(row) if n in by_name), None)
            if match is not None:
                self.maps[kind][row["id"]] = match

    def _match_tags(self, theirs: list[Row]) -> None:
        self._match_by_name("tags", theirs, lambda r: {r["name"].strip().casefold()})

    def _match_actors(self, theirs: list[Row]) -> None:
        self._match_by_name("actors", theirs, lambda r: {
            n.strip().casefold() for n in [r["name"], *r["aliases"].split(";")] if n.strip()})

    def _match_documents(self, theirs: list[Row]) -> None:
        ours = _rows(self.target, "documents", "deleted_at IS NULL")
        known = {r["id"] for r in _rows(self.target, "documents")}
        by_sha = {r["sha256"]: r for r in ours}
        by_url = {_address(r["url"]): r for r in ours if r["url"].strip()}
        by_title = {_title_key(r): r for r in ours}
        for row in theirs:
            if row["id"] in known:
                continue
            same = by_sha.get(row["sha256"])
            if same is not None:
                self.maps["documents"][row["id"]] = same["id"]
                self.summary.documents_matched += 1
                continue
            version = (by_url.get(_address(row["url"])) if row["url"].strip() else None) \
                or by_title.get(_title_key(row))
            if version is not None:
                self.maps["documents"][row["id"]] = version["id"]
                self.versions[row["id"]] = (Reanchorer(row["text"], version["text"]),
                                            version["id"], version["sha256"])
                self.summary.versions_matched += 1

    # -- merging rows ---------------------------------------------------------------------

    def _merge_rows(self, kind: str, theirs: list[Row]) -> None:
        mapped = [r for r in theirs if r["id"] not in self.maps.get(kind, {})]
        self.summary.unchanged[kind] += len(theirs) - len(mapped)
        ours = _by_id(self.target, kind, [r["id"] for r in mapped])
        ids = [r["id"] for r in mapped if r["id"] in ours]
        our_past, their_past = pasts(self.target.db, ids), self.source.pasts(ids)
        new_rows: list[Row] = []
        for at, row in enumerate(mapped):
            if at % 2000 == 0:
                self._step(2000 if at else 0)
            row = self._translated(kind, row)
            mine = ours.get(row["id"])
            if mine is None:
                new_rows.append(row)
                continue
            side = compare(mine["change_id"], our_past[row["id"]], row["change_id"],
                           their_past[row["id"]])
            self._settle(kind, mine, row, side)
        self._step(len(mapped) % 2000)
        self._insert(kind, new_rows)

    def _settle(self, kind: str, mine: Row, theirs: Row, side: Newer) -> None:
        if side in (Newer.SAME, Newer.OURS):
            self.summary.unchanged[kind] += 1
        elif side is Newer.THEIRS:
            self._take(kind, mine, theirs)
        elif content(kind, mine) == content(kind, theirs):
            remember(self.target.db, [(mine["id"], theirs["change_id"])])
            self.summary.unchanged[kind] += 1
        elif self._conflict(kind, mine, theirs):
            self.summary.conflicts[kind] += 1
        else:
            self.summary.unchanged[kind] += 1  # recorded by an earlier merge of this source

    def _take(self, kind: str, mine: Row, theirs: Row) -> None:
        names = CONTENT[kind]
        assignments = ", ".join(f'"{n}" = ?' for n in names)
        self.target.db.execute(
            f"UPDATE {kind} SET {assignments}, change_id = ?, updated_at = ?, rev = rev + 1 "
            "WHERE id = ?", [*(theirs[n] for n in names), theirs["change_id"],
                             theirs["updated_at"], mine["id"]])
        past = self.source.pasts([mine["id"]])[mine["id"]] | {mine["change_id"]}
        remember(self.target.db, [(mine["id"], c) for c in past])
        self.summary.updated[kind] += 1
        self.summary.touched[kind].add(mine["id"])
        self._count_reanchored([theirs])
        if kind == "annotations":
            self.touched.add(mine["id"])

    def _conflict(self, kind: str, mine: Row, theirs: Row) -> bool:
        """Record theirs beside ours; False when this very change was recorded before."""
        cursor = self.target.db.execute(
            "INSERT OR IGNORE INTO conflicts (id, kind, row_id, theirs_change, theirs, source, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [new_id(), kind, mine["id"], theirs["change_id"],
             json.dumps({n: theirs[n] for n in CONTENT[kind]}, ensure_ascii=False),
             self.summary.source, now_iso()])
        return cursor.rowcount == 1

    def _insert(self, kind: str, rows: list[Row]) -> None:
        if not rows:
            return
        columns = [c for c in rows[0] if c in self.target.db[kind].columns_dict]
        quoted = ", ".join(f'"{c}"' for c in columns)
        insert = f"INSERT INTO {kind} ({quoted}) VALUES ({', '.join('?' * len(columns))})"
        values = [[r[c] for c in columns] for r in rows]
        self.target.table_named(kind).insert_batch(insert, values)
        if kind == "documents":
            self._copy_blocks([r["id"] for r in rows])
        ids = [r["id"] for r in rows]
        remember(self.target.db, [(i, c) for i, past in self.source.pasts(ids).items()
                                  for c in past])
        self.summary.added[kind] += len(rows)
        self._count_reanchored(rows)
        self.summary.touched[kind].update(ids)
        if kind == "annotations":
            self.touched.update(ids)
        if kind == "reviews":
            self.touched.update(r["annotation_id"] for r in rows)

    def _copy_blocks(self, document_ids: list[str]) -> None:
        self.target.db.conn.executemany(
            'INSERT INTO blocks (document_id, "index", kind, start, "end") '
            "VALUES (?, ?, ?, ?, ?)",
            [(b["document_id"], b["index"], b["kind"], b["start"], b["end"])
             for document_id in document_ids for b in self.source.blocks(document_id)])

    # -- translating a source row into our ids ----------------------------------------------

    def _translated(self, kind: str, row: Row) -> Row:
        if kind == "tags" and row["id"] not in self.maps["tags"]:
            return self._free_shortcut(row)
        if kind != "annotations":
            return row
        row = dict(row)
        row["tag_id"] = self.maps["tags"].get(row["tag_id"], row["tag_id"])
        if row["actor_id"]:
            row["actor_id"] = self.maps["actors"].get(row["actor_id"], row["actor_id"])
        version = self.versions.get(row["document_id"])
        row["document_id"] = self.maps["documents"].get(row["document_id"], row["document_id"])
        return self._reanchored(row, *version) if version else row

    def _free_shortcut(self, row: Row) -> Row:
        taken = self.target.db.execute(
            "SELECT 1 FROM tags WHERE shortcut = ? AND id != ? AND deleted_at IS NULL",
            [row["shortcut"], row["id"]]).fetchone()
        return {**row, "shortcut": ""} if row["shortcut"] and taken else row

    def _reanchored(self, row: Row, anchorer: Reanchorer, _ours: str, sha: str) -> Row:
        """A passage captured on another version of the text, placed on ours."""
        found = anchorer.reanchor(Selector(row["start"], row["end"], row["exact"],
                                           row["prefix"], row["suffix"]))
        placed = {} if found.status is AnchorStatus.ORPHAN else {"start": found.start,
                                                                 "end": found.end}
        # Counted once stored (a row a second merge leaves as it is was not re-anchored).
        return {**row, **placed, "anchor_status": found.status.value, "doc_sha256": sha,
                REANCHORED: found.status is AnchorStatus.ORPHAN}

    def _count_reanchored(self, rows: list[Row]) -> None:
        for row in rows:
            if REANCHORED in row:
                self.summary.reanchored += 1
                self.summary.orphaned += bool(row[REANCHORED])

    # -- afterwards ---------------------------------------------------------------------------

    def _recompute_statuses(self) -> None:
        """A passage's status is its latest verdict, once both sides' verdicts are in."""
        ids = sorted(self.touched)
        self.summary.touched["annotations"].update(ids)
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            self.summary.touched["documents"].update(r[0] for r in self.target.db.execute(
                f"SELECT DISTINCT document_id FROM annotations WHERE id IN "
                f"({','.join('?' * len(chunk))})", chunk))
        for at in range(0, len(ids), 500):
            chunk = ids[at:at + 500]
            latest = dict(self.target.db.execute(
                "SELECT annotation_id, verdict FROM reviews WHERE deleted_at IS NULL "
                f"AND verdict != 'comment' AND annotation_id IN ({','.join('?' * len(chunk))}) "
                "ORDER BY created_at, rowid", chunk).fetchall())
            self.target.db.conn.executemany(
                "UPDATE annotations SET status = ?, rev = rev + 1 WHERE id = ? AND status != ?",
                [(verdict, i, verdict) for i, verdict in latest.items()])

    def _log(self) -> None:
        s = self.summary
        detail = (f"merged {s.source}: {sum(s.added.values())} added, "
                  f"{sum(s.updated.values())} updated, {sum(s.conflicts.values())} conflicts")
        self.target.db.execute(
            "INSERT INTO history (at, who, role, action, kind, row_id, document_id, detail) "
            "VALUES (?, ?, ?, 'merge', 'project', '', NULL, ?)",
            [now_iso(), self.target.analyst, self.target.role, detail])

    def _step(self, rows: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise MergeCancelled("The merge was cancelled; nothing was changed.")
        self._done += rows
        if self._progress is not None:
            self._progress(min(self._done, self._total), self._total)
