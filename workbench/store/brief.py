"""The briefing's written parts: its title, BLUF, key judgements and section comments."""

from __future__ import annotations

from typing import Unpack

from workbench.model import BriefPart
from workbench.store.fields import BriefFields
from workbench.store.records import RecordTable


class Brief(RecordTable[BriefPart]):
    """The written parts of the project's briefing (live ones unless asked)."""

    record_type = BriefPart
    table = "brief"

    def update(self, part_id: str, **values: Unpack[BriefFields]) -> BriefPart:
        """Reword, re-cite or move a written part."""
        return self.update_fields(part_id, values)

    def part(self, part_id: str) -> BriefPart | None:
        """The live part with this id, if any."""
        found = self.select("id = ? AND deleted_at IS NULL", [part_id])
        return found[0] if found else None

    def judgements(self) -> list[BriefPart]:
        """The key judgements, in their order."""
        return self.select("kind = 'judgement' AND deleted_at IS NULL",
                           order_by="position, created_at, id")

    def comments(self) -> dict[str, BriefPart]:
        """Each section's comment, by its section key."""
        return {p.section: p for p in self.select("kind = 'comment' AND deleted_at IS NULL")
                if p.text.strip()}
