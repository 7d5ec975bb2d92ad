"""The project's vocabulary: tags (what a passage is) and actors (whose it is)."""

from __future__ import annotations

from typing import Unpack

from workbench.errors import NotFound
from workbench.model import Actor, Tag
from workbench.store.fields import ActorFields, TagFields
from workbench.store.records import RecordTable


def _live(include_deleted: bool) -> str:
    return "1" if include_deleted else "deleted_at IS NULL"


class Tags(RecordTable[Tag]):
    """Tags in the project's order, found by name or shortcut key."""

    record_type = Tag
    table = "tags"

    def all(self, *, include_deleted: bool = False) -> list[Tag]:
        """Tags in the project's order."""
        return self.select(_live(include_deleted), order_by="sort_order, name")

    def update(self, tag_id: str, **values: Unpack[TagFields]) -> Tag:
        """Rename, recolour, reorder or re-key a tag."""
        return self.update_fields(tag_id, values)

    def find(self, name: str) -> Tag:
        """A live tag by name (case-insensitive) or shortcut."""
        tags = self.all()
        for tag in tags:
            if tag.name.casefold() == name.casefold() or (tag.shortcut and tag.shortcut == name):
                return tag
        known = ", ".join(t.name for t in tags)
        raise NotFound(f"No tag named '{name}' (the project has: {known}).")


class Actors(RecordTable[Actor]):
    """Actors by name, found by name or alias."""

    record_type = Actor
    table = "actors"

    def all(self, *, include_deleted: bool = False) -> list[Actor]:
        """Actors by name."""
        return self.select(_live(include_deleted), order_by="name COLLATE NOCASE")

    def update(self, actor_id: str, **values: Unpack[ActorFields]) -> Actor:
        """Rename or recolour an actor, or change its aliases."""
        return self.update_fields(actor_id, values)

    def find(self, name: str) -> Actor | None:
        """A live actor by name or alias (case-insensitive), if any."""
        wanted = name.strip().casefold()
        for actor in self.all():
            aliases = [a.strip().casefold() for a in actor.aliases.split(";")]
            if actor.name.casefold() == wanted or wanted in aliases:
                return actor
        return None
