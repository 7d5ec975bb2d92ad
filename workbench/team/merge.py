"""Merge another project file (an analyst's) into this one, in one transaction.

Rows are matched first (:mod:`workbench.team.matching`: documents by id, text or
version; tags and actors by id, a remembered match, or any name they ever had).
Where only one side changed a row since both had it, that side wins; where both
did, the row is merged field by field against the version both started from
(:mod:`workbench.team.three_way`), and only a field both changed differently is
recorded as a conflict, naming who made each side (:mod:`workbench.team.conflicts`).
Deletions travel; so does the source's history, entry by entry, each under its
own author, role and time, and one entry says who merged what.  A source that
is foreign, damaged or newer is refused before anything is written; merging the
same source twice changes nothing.  A merge can be tried first (``dry_run``:
rolled back, only the summary kept) and undone as one step (``record``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.clock import new_id, now_iso
from workbench.errors import Cancelled, ProjectFileError
from workbench.memory import collector_paused
from workbench.model import AnchorStatus, Changes
from workbench.project.foreign import CleanSource, clean_source
from workbench.store import Store
from workbench.store.journal import RecordedWrites
from workbench.store.row_content import CONTENT
from workbench.team.lineage import Newer, compare, content
from workbench.team.matching import match_by_name, match_documents
from workbench.team.three_way import Versions, base_of, merge_fields
from workbench.text.anchoring import Reanchorer, Selector

Progress = Callable[[int, int], None]  # (rows done, rows in all)
Row = dict[str, Any]
KINDS = ("tags", "actors", "documents", "annotations", "reviews", "brief")
REANCHORED = "_reanchored"  # on a translated passage: placed anew (True: as an orphan)
THEIR_ID = "_their_id"  # on a tag or actor matched to ours by name: its id in the source


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
    history: int = 0  # entries of the source's history brought in
    dry_run: bool = False  # worked out only: nothing was written
    edit: RecordedWrites | None = None  # undoes the merge as one step (when recorded)

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
                  cancelled: Callable[[], bool] | None = None, dry_run: bool = False,
                  record: bool = False) -> MergeSummary:
    """Merge the project at ``source_path`` into ``target`` in one transaction.

    ``dry_run``: work it all out, say what would change, and write nothing.
    ``record``: keep what it wrote as one undoable edit (``summary.edit``).
    """
    source_path = Path(source_path)
    if target.path is not None and source_path.resolve() == target.path.resolve():
        raise ProjectFileError("A project cannot be merged into itself.")
    with collector_paused():  # tens of thousands of rows held: freed by reference counts
        source = clean_source(source_path)  # read as data: see workbench.project.foreign
        merger = _Merger(target, source, source_path.name, progress, cancelled)
        merger.summary.skipped = source.skipped_lines()
        try:
            with target.transaction():
                if record and not dry_run:
                    with target.recording() as steps:
                        merger.run()
                    merger.summary.edit = RecordedWrites(steps, f"Merge {source_path.name}")
                else:
                    merger.run()
                if dry_run:
                    raise _TriedOnly
        except _TriedOnly:
            merger.summary.dry_run = True
    return merger.summary


class _TriedOnly(Exception):
    """Raised inside a dry run's transaction so that nothing it wrote stays."""


class _Merger:
    """One merge: maps the source's ids onto ours, then merges kind by kind."""

    def __init__(self, target: Store, source: CleanSource, name: str, progress: Progress | None,
                 cancelled: Callable[[], bool] | None) -> None:
        self.target, self.source = target, source
        self.summary = MergeSummary(source=name)
        self.maps: dict[str, dict[str, str]] = {k: {} for k in ("tags", "actors", "documents")}
        self.versions: dict[str, tuple[Reanchorer, str, str]] = {}  # id → (re-anchorer, ours, sha)
        self.touched: set[str] = set()  # passages whose status is recomputed from reviews
        self._takes: list[tuple[str, Row, Versions]] = []  # rows of ours theirs replace
        self._progress, self._cancelled = progress, cancelled
        self._done = 0
        self._total = sum(len(source.rows[k]) for k in KINDS)

    def run(self) -> None:
        for kind in KINDS:
            theirs = [dict(row) for row in self.source.rows[kind]]
            if kind in ("tags", "actors"):
                self.maps[kind] = match_by_name(self.target, self.source, kind, theirs)
            elif kind == "documents":
                self._match_documents(theirs)
            self._merge_rows(kind, theirs)
        self._recompute_statuses()
        self._bring_history()
        if self.summary.changed():
            self._log()

    def _match_documents(self, theirs: list[Row]) -> None:
        found = match_documents(self.target, theirs)
        self.maps["documents"] = dict(found.same)
        self.summary.documents_matched += len(found.same)
        by_id = {r["id"]: r for r in theirs}
        for their_id, version in found.versions.items():
            self.maps["documents"][their_id] = version["id"]
            self.versions[their_id] = (Reanchorer(by_id[their_id]["text"], version["text"]),
                                       version["id"], version["sha256"])
            self.summary.versions_matched += 1

    # -- merging rows ---------------------------------------------------------------------

    def _merge_rows(self, kind: str, theirs: list[Row]) -> None:
        mapped: dict[str, str] = self.maps.get(kind) or {}
        if kind == "documents":  # the same text or another version: nothing of theirs to take
            self.summary.unchanged[kind] += len(mapped)
            theirs = [r for r in theirs if r["id"] not in mapped]
        ids: list[str] = [r["id"] for r in theirs]
        ours = self.target.merging.by_id(kind, [mapped.get(i) or i for i in ids])
        present = [i for i in ids if (mapped.get(i) or i) in ours]
        our_pasts = self.target.merging.pasts([mapped.get(i) or i for i in present])
        their_versions = self.source.versions(present)
        new_rows: list[Row] = []
        for at, row in enumerate(theirs):
            if at % 2000 == 0:
                self._step(2000 if at else 0)
            their_id: str = row["id"]
            row = self._translated(kind, row)
            mine = ours.get(mapped.get(their_id) or their_id)
            if mine is None:
                new_rows.append(row)
                continue
            self._settle(kind, mine, row, our_pasts[mine["id"]], their_versions[their_id])
        self._step(len(theirs) % 2000)
        self._write_takes(kind)
        self._insert(kind, _versions_first(new_rows) if kind == "documents" else new_rows)

    def _settle(self, kind: str, mine: Row, theirs: Row, our_past: set[str],
                their_versions: Versions) -> None:
        same_row = mine["id"] == theirs["id"]
        side = compare(mine["change_id"], our_past, theirs["change_id"],
                       set(their_versions), same_row=same_row)
        if side in (Newer.SAME, Newer.OURS):
            self.summary.unchanged[kind] += 1
        elif side is Newer.THEIRS:
            self._take(kind, mine, theirs, their_versions)
        elif content(kind, mine) == content(kind, theirs):
            self._remember(mine["id"], theirs, their_versions)
            self.summary.unchanged[kind] += 1
        else:  # both changed it: what each said before is read for this row only
            our_versions = self.target.merging.versions([mine["id"]])[mine["id"]]
            base = base_of(mine["change_id"], our_versions, theirs["change_id"],
                           their_versions, same_row=same_row)
            if base is None and not same_row:
                base = _first_written(theirs, their_versions)
            self._three_way(kind, mine, theirs, base, their_versions)

    def _three_way(self, kind: str, mine: Row, theirs: Row, base: Row | None,
                   their_versions: Versions) -> None:
        if base is None:  # lineage from before versions were kept: the whole row clashes
            fields = [f for f in CONTENT[kind] if mine[f] != theirs[f]]
            self._clash(kind, mine, theirs, None, fields)
            return
        merged = merge_fields(kind, base, mine, theirs)
        changed = merged.changed(mine)
        if changed:
            self.target.merging.take(kind, mine["id"], {
                **merged.merged, "change_id": new_id(), "updated_at": now_iso()})
            self.summary.touched[kind].add(mine["id"])
            if kind == "annotations":
                self.touched.add(mine["id"])
        if merged.clashes:
            self._clash(kind, mine, theirs, base, merged.clashes)
            return
        self._remember(mine["id"], theirs, their_versions)
        (self.summary.updated if changed else self.summary.unchanged)[kind] += 1

    def _clash(self, kind: str, mine: Row, theirs: Row, base: Row | None,
               fields: list[str]) -> None:
        ours_by = self.target.merging.last_authors([mine["id"]]).get(mine["id"])
        theirs_by = self.source.last_author(str(theirs.get(THEIR_ID) or theirs["id"]))
        who = (_person(ours_by, str(mine.get("analyst", ""))),
               _person(theirs_by, str(theirs.get("analyst", "")) or self.summary.source))
        if self.target.merging.add_conflict(kind, mine["id"], theirs, self.summary.source,
                                            base=base, fields=fields, who=who):
            self.summary.conflicts[kind] += 1
        else:
            self.summary.unchanged[kind] += 1  # recorded by an earlier merge of this source

    def _take(self, kind: str, mine: Row, theirs: Row, their_versions: Versions) -> None:
        """Ours becomes theirs (written with the others of this kind, in a batch)."""
        self._takes.append((mine["id"], theirs, their_versions))
        self.summary.updated[kind] += 1
        self.summary.touched[kind].add(mine["id"])
        self._count_reanchored([theirs])
        if kind == "annotations":
            self.touched.add(mine["id"])

    def _write_takes(self, kind: str) -> None:
        takes, self._takes = self._takes, []
        self.target.merging.take_many(kind, [(i, theirs) for i, theirs, _ in takes])
        self.target.merging.remember([(i, c, at, said) for i, _, versions in takes
                                      for c, (at, said) in versions.items()])

    def _remember(self, our_id: str, theirs: Row, their_versions: Versions, *,
                  current: bool = True) -> None:
        """Their changes (and, unless ours is now theirs, their current one) in our past."""
        entries: list[tuple[str, str, str, str | None]] = [
            (our_id, c, at, said) for c, (at, said) in their_versions.items()]
        if current:
            entries.append((our_id, theirs["change_id"], theirs["updated_at"], None))
        self.target.merging.remember(entries)

    def _insert(self, kind: str, rows: list[Row]) -> None:
        if not rows:
            return
        insert, columns = self.target.merging.insert_statement(kind, rows[0])
        values = [[r[c] for c in columns] for r in rows]
        self.target.table_named(kind).insert_batch(insert, values)
        if kind == "documents":
            self._copy_blocks([r["id"] for r in rows])
        ids = [r["id"] for r in rows]
        self.target.merging.remember([(i, c, at, said)
                                      for i, versions in self.source.versions(ids).items()
                                      for c, (at, said) in versions.items()])
        self.summary.added[kind] += len(rows)
        self._count_reanchored(rows)
        self.summary.touched[kind].update(ids)
        if kind == "annotations":
            self.touched.update(ids)
        if kind == "reviews":
            self.touched.update(r["annotation_id"] for r in rows)

    def _copy_blocks(self, document_ids: list[str]) -> None:
        self.target.merging.add_blocks(b for document_id in document_ids
                                       for b in self.source.blocks(document_id))

    # -- translating a source row into our ids ----------------------------------------------

    def _translated(self, kind: str, row: Row) -> Row:
        if kind == "tags" and row["id"] not in self.maps["tags"]:
            return self._free_shortcut(row)
        if kind in ("tags", "actors") and row["id"] in self.maps[kind]:  # ours, by name
            return {**row, "id": self.maps[kind][row["id"]], THEIR_ID: row["id"]}
        if kind == "documents" and row.get("version_of"):
            return {**row, "version_of": self.maps["documents"].get(row["version_of"],
                                                                    row["version_of"])}
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
        taken = self.target.merging.shortcut_taken(row["shortcut"], row["id"])
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
        self.summary.touched["documents"].update(self.target.merging.documents_of(ids))
        self.target.merging.statuses_from_verdicts(ids)

    def _bring_history(self) -> None:
        """The source's history, each entry under its own author (our ids where they
        differ); entries already here are not added again."""
        documents = self.maps["documents"]
        ids = {**self.maps["tags"], **self.maps["actors"], **documents}
        entries = [{**e, "row_id": ids.get(e["row_id"], e["row_id"]),
                    "document_id": documents.get(e["document_id"] or "", e["document_id"])}
                   for e in self.source.rows.get("history", [])]
        self.summary.history = self.target.merging.add_history(entries)

    def _log(self) -> None:
        s = self.summary
        detail = (f"merged from {s.source}: {sum(s.added.values())} added, "
                  f"{sum(s.updated.values())} updated, {sum(s.conflicts.values())} conflicts")
        self.target.merging.log(who=self.target.analyst, role=self.target.role, detail=detail,
                                documents=s.touched["documents"])

    def _step(self, rows: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise MergeCancelled("The merge was cancelled; nothing was changed.")
        self._done += rows
        if self._progress is not None:
            self._progress(min(self._done, self._total), self._total)


def _person(by: tuple[str, str] | None, fallback: str) -> str:
    """'Ana (analyst)': who made a version, and in which role."""
    if by is None:
        return fallback
    who, role = by
    return f"{who} ({role})" if role else who


def _first_written(theirs: Row, their_versions: Versions) -> Row | None:
    """What their row said when first written (theirs now, if never changed)."""
    if theirs["change_id"] == "":
        return dict(theirs)
    first = their_versions.get("")
    return dict(json.loads(first[1])) if first and first[1] else None


def _versions_first(rows: list[Row]) -> list[Row]:
    """Documents in an order that puts each before its newer versions."""
    placed: list[Row] = []
    waiting = list(rows)
    while waiting:
        pending = {r["id"] for r in waiting}
        ready = [r for r in waiting if r.get("version_of") not in pending]
        placed += ready or waiting  # (a loop cannot pass the source's checks; never stuck)
        waiting = [r for r in waiting if r not in placed]
    return placed
