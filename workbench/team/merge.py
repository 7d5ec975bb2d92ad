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

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

from workbench.errors import Cancelled, ProjectFileError
from workbench.memory import collector_paused
from workbench.model import AnchorStatus, Changes
from workbench.project.foreign import CleanSource, clean_source
from workbench.store import Store
from workbench.team.lineage import Newer, compare, content
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
        ours = self.target.merging.rows(kind, "deleted_at IS NULL")
        known = {r["id"] for r in self.target.merging.rows(kind)}
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
        ours = self.target.merging.rows("documents", "deleted_at IS NULL")
        known = {r["id"] for r in self.target.merging.rows("documents")}
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
        ours = self.target.merging.by_id(kind, [r["id"] for r in mapped])
        ids = [r["id"] for r in mapped if r["id"] in ours]
        our_past, their_past = self.target.merging.pasts(ids), self.source.pasts(ids)
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
            self.target.merging.remember([(mine["id"], theirs["change_id"])])
            self.summary.unchanged[kind] += 1
        elif self._conflict(kind, mine, theirs):
            self.summary.conflicts[kind] += 1
        else:
            self.summary.unchanged[kind] += 1  # recorded by an earlier merge of this source

    def _take(self, kind: str, mine: Row, theirs: Row) -> None:
        self.target.merging.take(kind, mine["id"], theirs)
        past = self.source.pasts([mine["id"]])[mine["id"]] | {mine["change_id"]}
        self.target.merging.remember([(mine["id"], c) for c in past])
        self.summary.updated[kind] += 1
        self.summary.touched[kind].add(mine["id"])
        self._count_reanchored([theirs])
        if kind == "annotations":
            self.touched.add(mine["id"])

    def _conflict(self, kind: str, mine: Row, theirs: Row) -> bool:
        """Record theirs beside ours; False when this very change was recorded before."""
        return self.target.merging.add_conflict(kind, mine["id"], theirs, self.summary.source)

    def _insert(self, kind: str, rows: list[Row]) -> None:
        if not rows:
            return
        insert, columns = self.target.merging.insert_statement(kind, rows[0])
        values = [[r[c] for c in columns] for r in rows]
        self.target.table_named(kind).insert_batch(insert, values)
        if kind == "documents":
            self._copy_blocks([r["id"] for r in rows])
        ids = [r["id"] for r in rows]
        self.target.merging.remember([(i, c) for i, past in self.source.pasts(ids).items()
                                  for c in past])
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

    def _log(self) -> None:
        s = self.summary
        detail = (f"merged {s.source}: {sum(s.added.values())} added, "
                  f"{sum(s.updated.values())} updated, {sum(s.conflicts.values())} conflicts")
        self.target.merging.log(who=self.target.analyst, role=self.target.role, detail=detail)

    def _step(self, rows: int) -> None:
        if self._cancelled is not None and self._cancelled():
            raise MergeCancelled("The merge was cancelled; nothing was changed.")
        self._done += rows
        if self._progress is not None:
            self._progress(min(self._done, self._total), self._total)
