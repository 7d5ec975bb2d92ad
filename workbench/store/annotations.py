"""Tagged passages: what the reader paints, what filters keep, and bulk imports of them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Unpack

from workbench.model import Annotation, PassageFilter
from workbench.store.fields import AnnotationFields
from workbench.store.passage_sql import filter_condition
from workbench.store.records import RecordTable, chunks, column_list, marks

_LIVE_DOCUMENT = "document_id IN (SELECT id FROM documents WHERE deleted_at IS NULL)"


_IN_ORDER = 'document_id, start, "end"'


def _where(*, include_deleted: bool, **equal: str | None) -> tuple[str, list[str]]:
    """The condition for passages whose columns equal the values given (None: any)."""
    clauses = [f"{column} = ?" for column, value in equal.items() if value is not None]
    params = [value for value in equal.values() if value is not None]
    if not include_deleted:
        clauses.append(f"deleted_at IS NULL AND {_LIVE_DOCUMENT}")
    return " AND ".join(clauses) or "1", params


class Annotations(RecordTable[Annotation]):
    """Passages with their anchor, tag, actor, note, analyst and review status."""

    record_type = Annotation
    table = "annotations"

    def ids_starting(self, ref: str) -> list[str]:
        """Ids equal to ``ref``, or starting with it when it has 4 characters or more."""
        return [row[0] for row in self.db.execute(
            "SELECT id FROM annotations WHERE id = ? "
            "OR (length(?) >= 4 AND substr(id, 1, ?) = ?)",
            [ref, ref, len(ref), ref]).fetchall()]

    def update(self, annotation_id: str, **values: Unpack[AnnotationFields]) -> Annotation:
        """Change what a passage says (tag, actor, note), its status or its anchor."""
        return self.update_fields(annotation_id, values)

    def where(self, *, document_id: str | None = None, tag_id: str | None = None,
              actor_id: str | None = None, status: str | None = None,
              analyst: str | None = None, include_deleted: bool = False) -> list[Annotation]:
        """Passages matching every filter given, by document, then text order.

        Live ones are those of live documents too: a deleted document's passages
        are gone with it (as the exports and the queue see it), though kept in the file.
        """
        return self.select(*_where(document_id=document_id, tag_id=tag_id, actor_id=actor_id,
                                   status=status, analyst=analyst,
                                   include_deleted=include_deleted), order_by=_IN_ORDER)

    def iter_where(self, *, document_id: str | None = None, tag_id: str | None = None,
                   actor_id: str | None = None, status: str | None = None,
                   analyst: str | None = None) -> Iterator[Annotation]:
        """Like :meth:`where` (live ones only), read a thousand at a time."""
        return self.iter_select(*_where(document_id=document_id, tag_id=tag_id,
                                        actor_id=actor_id, status=status, analyst=analyst,
                                        include_deleted=False), order_by=_IN_ORDER)

    def spans(self, document_id: str, *, starting_from: int = 0,
              starting_before: int | None = None,
              analyst: str | None = None) -> list[tuple[int, int, str, str]]:
        """(start, end, id, tag id) of a document's live, placed passages: cheap, for display.

        Orphans (whose text could not be found) are left out: they sit nowhere.

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
            f"WHERE document_id = ? AND start >= ? {limit} {who} AND deleted_at IS NULL "
            "AND anchor_status != 'orphan'", params).fetchall()

    def count(self, passage_filter: PassageFilter) -> tuple[int, int]:
        """(passages, documents) the filter keeps: one query, cheap enough for live counts."""
        where, params = filter_condition(passage_filter)
        passages, documents = self.db.execute(
            "SELECT count(*), count(DISTINCT a.document_id) FROM annotations a "
            f"JOIN documents d ON d.id = a.document_id WHERE {where}", params).fetchone()
        return int(passages), int(documents)

    def filtered(self, passage_filter: PassageFilter) -> list[Annotation]:
        """Live passages the filter keeps, in library order, then text order."""
        where, params = filter_condition(passage_filter)
        rows = self.db.execute(
            f"SELECT {column_list(Annotation, 'a')} FROM annotations a "
            f"JOIN documents d ON d.id = a.document_id "
            f'WHERE {where} ORDER BY d.imported_at, d.rowid, a.start, a."end"', params)
        return [Annotation(*row) for row in rows.fetchall()]

    def live_usage(self, ids: Sequence[str] | None = None) -> list[tuple[str, str, str | None]]:
        """(id, tag, actor) of the live passages (of these ids, when given)."""
        live = f"deleted_at IS NULL AND {_LIVE_DOCUMENT}"
        if ids is None:
            return self.db.execute(
                f"SELECT id, tag_id, actor_id FROM annotations WHERE {live}").fetchall()
        found: list[tuple[str, str, str | None]] = []
        for chunk in chunks(ids):
            found += self.db.execute(
                f"SELECT id, tag_id, actor_id FROM annotations WHERE {live} "
                f"AND id IN ({marks(chunk)})", chunk).fetchall()
        return found

    def tag_counts(self, document_ids: Sequence[str]) -> dict[str, dict[str, int]]:
        """Live passage counts per document and tag."""
        counts: dict[str, dict[str, int]] = {d: {} for d in document_ids}
        for doc, tag, n in self.db.execute(
                "SELECT document_id, tag_id, count(*) FROM annotations WHERE deleted_at IS NULL"
                f" AND document_id IN ({marks(document_ids)}) GROUP BY document_id, tag_id",
                list(document_ids)):
            counts[doc][tag] = n
        return counts

    def insert_batch(self, insert: str, rows: list[list[Any]]) -> None:
        """Insert with the search index's trigger paused, then index the new rows in one go."""
        last = self.db.execute("SELECT coalesce(max(rowid), 0) FROM annotations").fetchone()[0]
        self.db.execute("INSERT INTO fts_pause VALUES ('annotations')")
        self.db.conn.executemany(insert, rows)
        self.db.execute("INSERT INTO annotations_fts(rowid, exact, note) "
                        "SELECT rowid, exact, note FROM annotations WHERE rowid > ?", [last])
        self.db.execute("DELETE FROM fts_pause WHERE table_name = 'annotations'")

    def matrix_rows(self) -> list[tuple[Any, ...]]:
        """(id, tag, actor id, actor name, day, dated, quote, document title) of every
        live passage, in one query (the stance matrix reads 100,000 of them)."""
        return self.db.execute(
            "SELECT a.id, a.tag_id, coalesce(a.actor_id, ''), coalesce(ac.name, ''), "
            "substr(coalesce(nullif(d.published, ''), d.imported_at), 1, 10), "
            "d.published != '', a.exact, d.title FROM annotations a "
            "JOIN documents d ON d.id = a.document_id "
            "LEFT JOIN actors ac ON ac.id = a.actor_id AND ac.deleted_at IS NULL "
            "WHERE a.deleted_at IS NULL AND d.deleted_at IS NULL").fetchall()

    def placed_spans(self, document_ids: Sequence[str] | None = None
                     ) -> list[tuple[str, str, str, int, int, str, str, int, str]]:
        """(document, analyst, tag, start, end, id, quote, document length, actor name) of
        every live, placed passage (of these documents, if given), for agreement."""
        where = "a.deleted_at IS NULL AND d.deleted_at IS NULL AND a.anchor_status != 'orphan'"
        params: list[str] = []
        if document_ids is not None:
            where += f" AND a.document_id IN ({','.join('?' * len(document_ids))})"
            params = list(document_ids)
        return self.db.execute(
            'SELECT a.document_id, a.analyst, a.tag_id, a.start, a."end", a.id, a.exact, '
            "length(d.text), coalesce(c.name, '') FROM annotations a "
            "JOIN documents d ON d.id = a.document_id "
            "LEFT JOIN actors c ON c.id = a.actor_id "
            f"WHERE {where}", params).fetchall()
