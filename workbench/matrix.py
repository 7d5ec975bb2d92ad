"""Who holds which stance: actors by tags across the project, and red lines over time.

Each cell of the :class:`StanceMatrix` counts an actor's passages of one tag and
gives the newest date among them (the article's publication date, else the day
it was imported) with the passages themselves, so a view can open exactly
what lies behind a number.  Actors come in the briefing's default order: most red
lines first, then most passages, then by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.model import NO_ACTOR, Tag
from workbench.selection import Passage

NO_ACTOR_NAME = "(no actor named)"


def is_red_line(tag: Tag) -> bool:
    """Whether a tag is the red-line tag (by its name, whatever its spelling)."""
    return tag.name.casefold().replace(" ", "").replace("-", "") == "redline"


def passage_date(passage: Passage) -> str:
    """The date a passage stands for: its article's publication, else the article's import
    (as the export filters' date range takes it)."""
    return (passage.document.published or passage.document.imported_at)[:10]


@dataclass(frozen=True)
class Cell:
    """One actor's passages of one tag."""

    actor_id: str  # NO_ACTOR for passages naming none
    actor: str
    tag_id: str
    tag: str
    color: str
    passages: tuple[str, ...]  # their ids, newest first
    newest: str  # ISO date

    @property
    def count(self) -> int:
        return len(self.passages)


@dataclass(frozen=True)
class TimelinePoint:
    """A red line of an actor's, at its article's date."""

    actor: str
    date: str
    passage_id: str
    quote: str


@dataclass
class StanceMatrix:
    """Actors (rows) by tags (columns); ``cell(actor, tag)`` or None where empty."""

    actors: list[tuple[str, str]]  # (id, name), in order
    tags: list[Tag]
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)  # (actor id, tag id)
    timeline: list[TimelinePoint] = field(default_factory=list)
    undated: int = 0  # red lines left off the timeline: their articles state no date

    def cell(self, actor_id: str, tag_id: str) -> Cell | None:
        return self.cells.get((actor_id, tag_id))

    def as_json(self) -> dict[str, list[dict[str, object]]]:
        return {"cells": [{"actor": c.actor, "tag": c.tag, "count": c.count,
                           "newest": c.newest, "passages": list(c.passages)}
                          for a, _ in self.actors for t in self.tags
                          if (c := self.cells.get((a, t.id))) is not None]}


def stance_matrix(passages: Sequence[Passage], tags: Sequence[Tag],
                  actor_order: Sequence[str] = ()) -> StanceMatrix:
    """The matrix of these passages; ``actor_order`` (actor ids) overrides the default
    order for the actors it names."""
    grouped: dict[tuple[str, str], list[Passage]] = {}
    names: dict[str, str] = {}
    for passage in passages:
        actor_id = passage.actor.id if passage.actor else NO_ACTOR
        names[actor_id] = passage.actor_name or NO_ACTOR_NAME
        grouped.setdefault((actor_id, passage.tag.id), []).append(passage)
    used = [t for t in tags if any(tag_id == t.id for _, tag_id in grouped)]
    matrix = StanceMatrix(_actor_order(grouped, names, used, actor_order), used)
    for (actor_id, tag_id), mine in grouped.items():
        mine.sort(key=passage_date, reverse=True)
        tag = mine[0].tag
        matrix.cells[(actor_id, tag_id)] = Cell(
            actor_id, names[actor_id], tag_id, tag.name, tag.color,
            tuple(p.annotation.id for p in mine), passage_date(mine[0]))
    red = [p for p in passages if is_red_line(p.tag) and p.actor is not None]
    matrix.timeline = sorted(
        (TimelinePoint(p.actor_name, p.document.published[:10], p.annotation.id,
                       p.annotation.exact) for p in red if p.document.published),
        key=lambda point: (point.date, point.actor))
    matrix.undated = sum(1 for p in red if not p.document.published)
    return matrix


def _actor_order(grouped: dict[tuple[str, str], list[Passage]], names: dict[str, str],
                 tags: Sequence[Tag], chosen: Sequence[str]) -> list[tuple[str, str]]:
    """Chosen actors first (in the chosen order), then most red lines, most passages,
    by name; passages without an actor last."""
    red = {t.id for t in tags if is_red_line(t)}

    def rank(actor_id: str) -> tuple[object, ...]:
        lines = sum(len(v) for (a, t), v in grouped.items() if a == actor_id and t in red)
        total = sum(len(v) for (a, _), v in grouped.items() if a == actor_id)
        placed = chosen.index(actor_id) if actor_id in chosen else len(chosen)
        return actor_id == NO_ACTOR, placed, -lines, -total, names[actor_id].casefold()

    return [(a, names[a]) for a in sorted(names, key=rank)]
