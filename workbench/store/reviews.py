"""Review verdicts: one row per step of a passage's review, never deleted by a user."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import Review
from workbench.store.records import RecordTable, chunks, marks


class Reviews(RecordTable[Review]):
    """Verdicts (who, role, verdict, comment, when), oldest first."""

    record_type = Review
    table = "reviews"

    def all(self) -> list[Review]:
        """Every live verdict of the project, oldest first."""
        return self.select("deleted_at IS NULL", order_by="created_at, rowid")

    def of(self, annotation_ids: Sequence[str]) -> list[Review]:
        """Live verdicts on these passages, oldest first."""
        found: list[Review] = []
        for chunk in chunks(annotation_ids):
            found += self.select(f"deleted_at IS NULL AND annotation_id IN ({marks(chunk)})",
                                 chunk, order_by="created_at, rowid")
        return sorted(found, key=lambda r: r.created_at)

    def last_comments(self, annotation_ids: Sequence[str]) -> dict[str, str]:
        """These passages' latest comments ('J. Boss: whose position?'), by id; '' when
        none."""
        found = dict.fromkeys(annotation_ids, "")
        for chunk in chunks(annotation_ids):
            rows = self.db.execute(
                "SELECT annotation_id, reviewer || ': ' || comment FROM reviews "
                f"WHERE annotation_id IN ({marks(chunk)}) AND deleted_at IS NULL "
                "AND comment != '' ORDER BY created_at, rowid", list(chunk)).fetchall()
            found.update(rows)  # later rows overwrite earlier ones: the latest stays
        return found
