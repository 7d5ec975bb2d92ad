"""Which of another project's rows are ours under another id, before a merge compares them.

Tags and actors match by a mapping remembered from an earlier merge, else by
name: first their names now against ours now, then every name either side
ever gave the row (so a tag one analyst renamed still meets the tag the others
kept).  A match by name is remembered in the project (``same_as``), so later
merges and renames stay joined whatever the order of merging.  Documents match
by the fingerprint of their text, then, as another version of one of ours, by
web address or title and outlet — unless the source itself says the document
is a new version of another (``version_of``): then it arrives as that version.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag

from workbench.project.foreign import CleanSource
from workbench.store import Store

Row = dict[str, Any]
Names = Callable[[Row], set[str]]


def tag_names(row: Row) -> set[str]:
    """The name a tag goes by, as compared."""
    return {str(row["name"]).strip().casefold()}


def actor_names(row: Row) -> set[str]:
    """An actor's name and aliases, as compared."""
    return {n.strip().casefold() for n in [row["name"], *str(row["aliases"]).split(";")]
            if n.strip()}


NAMES: dict[str, Names] = {"tags": tag_names, "actors": actor_names}


@dataclass
class DocumentMatches:
    """Their documents that are ours: the same text, or another version of ours."""

    same: dict[str, str] = field(default_factory=dict)  # their id → our id (same text)
    versions: dict[str, Row] = field(default_factory=dict)  # their id → our other version


def match_by_name(target: Store, source: CleanSource, kind: str, theirs: list[Row],
                  ) -> dict[str, str]:
    """Their tags or actors (by id) that are ours under another id: theirs → ours."""
    names = NAMES[kind]
    known = {r["id"] for r in target.merging.rows(kind)}
    live = target.merging.rows(kind, "deleted_at IS NULL")
    remembered = {t: o for t, o in target.merging.same_as(kind).items() if o in known}
    now = {n: r["id"] for r in live for n in names(r)}
    ever = dict(now)
    pasts = target.merging.past_contents(kind)
    for row in live:
        for past in pasts.get(row["id"], []):
            for name in _names_in(names, past):
                ever.setdefault(name, row["id"])
    found: dict[str, str] = {}
    for row in theirs:
        if row["id"] in known:
            continue
        if row["id"] in remembered:
            found[row["id"]] = remembered[row["id"]]
            continue
        their_ever = names(row) | {n for p in _their_pasts(source, row["id"])
                                   for n in _names_in(names, p)}
        match = next((now[n] for n in sorted(names(row)) if n in now), None) or \
            next((ever[n] for n in sorted(their_ever) if n in ever), None)
        if match is not None:
            found[row["id"]] = match
    target.merging.add_same_as(kind, [(t, o) for t, o in found.items()
                                      if remembered.get(t) != o])
    return found


def _names_in(names: Names, content: Row) -> set[str]:
    try:
        return names(content)
    except KeyError:  # a version kept without that field
        return set()


def _their_pasts(source: CleanSource, row_id: str) -> Iterable[Row]:
    for _at, content in source.versions([row_id])[row_id].values():
        if content is not None:
            yield json.loads(content)


def address(url: str) -> str:
    """A web address as compared: no fragment, no trailing slash, any case."""
    return urldefrag(url.strip())[0].rstrip("/").casefold()


def _title_key(row: Row) -> tuple[str, str]:
    return row["title"].strip().casefold(), row["source"].strip().casefold()


def match_documents(target: Store, theirs: list[Row]) -> DocumentMatches:
    """Their documents that hold our text, or (not marked a version by them) another
    version of one of ours."""
    ours = target.merging.rows("documents", "deleted_at IS NULL")
    known = {r["id"] for r in target.merging.rows("documents")}
    by_sha = {r["sha256"]: r for r in ours}
    by_url = {address(r["url"]): r for r in ours if r["url"].strip()}
    by_title = {_title_key(r): r for r in ours}
    found = DocumentMatches()
    for row in theirs:
        if row["id"] in known:
            continue
        same = by_sha.get(row["sha256"])
        if same is not None:
            found.same[row["id"]] = same["id"]
        elif not row.get("version_of"):  # a version they made arrives as theirs made it
            version = (by_url.get(address(row["url"])) if row["url"].strip() else None) \
                or by_title.get(_title_key(row))
            if version is not None:
                found.versions[row["id"]] = version
    return found
