"""The review queue's in-memory index: every live passage's filter columns, kept current.

The queries themselves (ids in order, a page of rows, counts) are the store's
(``store.queue``, :mod:`workbench.store.queue`).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from workbench.model import PassageFilter
from workbench.store import Store

_FILTERED = ("status", "analyst", "tag_id", "actor_id", "document_id")


class QueueIndex:
    """Every live passage's filter columns in memory, in document order.

    Filtering 100,000 passages by status, analyst, tag, actor or document is then
    a pass over plain lists (a few milliseconds) instead of a query that sorts
    them all again (about 100 ms).  Text filters and other orders still ask SQLite.
    """

    def __init__(self, store: Store, rows: list[tuple[Any, ...]] | None = None) -> None:
        """Index ``store``; ``rows`` (``store.queue.index_rows()``) if they were read
        elsewhere, as on a job's own connection."""
        self.store = store
        self._load(rows if rows is not None else store.queue.index_rows())

    def _load(self, rows: list[tuple[Any, ...]]) -> None:
        """Take rows in order, column by column (sorted by SQLite, split in C)."""
        columns = list(zip(*rows, strict=True)) if rows else [()] * 9
        self.ordered: list[str] = list(columns[0])
        self._order = list(zip(columns[1], columns[2], columns[3], columns[0], strict=True))
        self._columns = {name: list(columns[4 + n]) for n, name in enumerate(_FILTERED)}
        self._position = dict(zip(self.ordered, range(len(self.ordered)), strict=True))

    def refresh(self, ids: Sequence[str]) -> None:
        """Read these passages again (changed, added or deleted)."""
        if not ids:
            return
        fresh = self.store.queue.index_rows(ids)
        alive = {row[0] for row in fresh}
        for key in [k for k in ids if k in self._position and k not in alive]:
            self._remove(self._position[key])
        for row in fresh:
            if row[0] in self._position:
                at = self._position[row[0]]
                for n, name in enumerate(_FILTERED):
                    self._columns[name][at] = row[4 + n]
            else:
                self._insert(row)

    def _remove(self, at: int) -> None:
        del self.ordered[at], self._order[at]
        for column in self._columns.values():
            del column[at]
        self._position = dict(zip(self.ordered, range(len(self.ordered)), strict=True))

    def _insert(self, row: tuple[Any, ...]) -> None:
        key = (row[1], row[2], row[3], row[0])
        at = bisect_left(self._order, key)
        self._order.insert(at, key)
        self.ordered.insert(at, row[0])
        for n, name in enumerate(_FILTERED):
            self._columns[name].insert(at, row[4 + n])
        self._position = dict(zip(self.ordered, range(len(self.ordered)), strict=True))

    def status_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """How many of these passages are in each status."""
        statuses, position = self._columns["status"], self._position
        if len(ids) == len(self.ordered):
            return dict(Counter(statuses))
        return dict(Counter(statuses[position[k]] for k in ids if k in position))

    def ids(self, passage_filter: PassageFilter) -> list[str]:
        """The passages the filter keeps, in document order."""
        f = passage_filter
        wanted = {"status": f.statuses, "analyst": f.analysts, "tag_id": f.tags,
                  "actor_id": f.actors, "document_id": f.documents}
        positions: Iterable[int] = range(len(self.ordered))
        for name, values in wanted.items():
            if values:  # one pass over a plain list per column asked about
                column = self._columns[name]
                positions = [i for i in positions if column[i] in values]
        keep = [self.ordered[i] for i in positions] if any(wanted.values()) \
            else list(self.ordered)  # a copy: the index changes under it later
        if f.text.strip() or f.since or f.until:  # the rest of the filter: ask SQLite
            allowed = set(self.store.queue.ids(PassageFilter(
                text=f.text, since=f.since, until=f.until)))
            keep = [k for k in keep if k in allowed]
        return keep
