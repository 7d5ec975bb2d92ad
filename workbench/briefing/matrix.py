"""Who holds which stance: actors by tags across the project, and red lines over time.

Each cell of the :class:`StanceMatrix` counts an actor's passages of one tag and
gives the newest date among them (the article's publication date, else the day
it was imported) with the passages themselves, so a view can open exactly
what lies behind a number.  Actors come in the briefing's default order: most red
lines first, then most passages, then by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from workbench.briefing.selection import Passage
from workbench.model import NO_ACTOR, Tag
from workbench.store import Store

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


@dataclass(frozen=True)
class MatrixRow:
    """What the matrix needs of one passage."""

    passage_id: str
    tag_id: str
    actor_id: str  # NO_ACTOR for none
    actor: str  # the actor's name, or NO_ACTOR_NAME
    date: str  # the article's publication date, else its import date
    published: bool  # whether that date is the article's own
    quote: str
    title: str  # the article's


def rows_of(passages: Sequence[Passage]) -> list[MatrixRow]:
    """Matrix rows of an export's passages."""
    return [MatrixRow(p.annotation.id, p.tag.id, p.actor.id if p.actor else NO_ACTOR,
                      p.actor_name or NO_ACTOR_NAME, passage_date(p),
                      bool(p.document.published), p.annotation.exact, p.document.title)
            for p in passages]


def _matrix_rows(found: list[Any]) -> list[MatrixRow]:
    return [MatrixRow(key, tag, actor if name else NO_ACTOR, name or NO_ACTOR_NAME, day,
                      bool(dated), quote, title)
            for key, tag, actor, name, day, dated, quote, title in found]


def rows_in_store(store: Store) -> list[MatrixRow]:
    """Matrix rows of every live passage, in one query (not a full selection: the
    window's matrix of 100,000 passages reads in a tenth of the time)."""
    return _matrix_rows(store.annotations.matrix_rows())


def stance_matrix(passages: Sequence[Passage], tags: Sequence[Tag],
                  actor_order: Sequence[str] = ()) -> StanceMatrix:
    """The matrix of an export's passages (see :func:`matrix_of`)."""
    return matrix_of(rows_of(passages), tags, actor_order)


def matrix_of(rows: Sequence[MatrixRow], tags: Sequence[Tag],
              actor_order: Sequence[str] = ()) -> StanceMatrix:
    """The matrix of these rows; ``actor_order`` (actor ids) overrides the default order
    for the actors it names."""
    grouped: dict[tuple[str, str], list[MatrixRow]] = {}
    names: dict[str, str] = {}
    for row in rows:
        names[row.actor_id] = row.actor
        grouped.setdefault((row.actor_id, row.tag_id), []).append(row)
    by_id = {t.id: t for t in tags}
    used = [t for t in tags if any(tag_id == t.id for _, tag_id in grouped)]
    matrix = StanceMatrix(_actor_order({k: len(v) for k, v in grouped.items()}, names, used,
                                       actor_order), used)
    for (actor_id, tag_id), mine in grouped.items():
        if tag_id not in by_id:
            continue
        mine.sort(key=lambda r: (r.date, r.passage_id), reverse=True)  # one order, however read
        tag = by_id[tag_id]
        matrix.cells[(actor_id, tag_id)] = Cell(
            actor_id, names[actor_id], tag_id, tag.name, tag.color,
            tuple(r.passage_id for r in mine), mine[0].date)
    red_tags = {t.id for t in tags if is_red_line(t)}
    red = [r for r in rows if r.tag_id in red_tags and r.actor_id != NO_ACTOR]
    matrix.timeline = sorted(
        (TimelinePoint(r.actor, r.date, r.passage_id, r.quote) for r in red if r.published),
        key=lambda point: (point.date, point.actor, point.passage_id))
    matrix.undated = sum(1 for r in red if not r.published)
    return matrix


def _actor_order(counts: dict[tuple[str, str], int], names: dict[str, str],
                 tags: Sequence[Tag], chosen: Sequence[str]) -> list[tuple[str, str]]:
    """Chosen actors first (in the chosen order), then most red lines, most passages,
    by name; passages without an actor last.  ``counts``: passages by (actor, tag)."""
    red = {t.id for t in tags if is_red_line(t)}

    def rank(actor_id: str) -> tuple[object, ...]:
        lines = sum(n for (a, t), n in counts.items() if a == actor_id and t in red)
        total = sum(n for (a, _), n in counts.items() if a == actor_id)
        placed = chosen.index(actor_id) if actor_id in chosen else len(chosen)
        return actor_id == NO_ACTOR, placed, -lines, -total, names[actor_id].casefold()

    return [(a, names[a]) for a in sorted(names, key=rank)]


def reordered(matrix: StanceMatrix, actor_order: Sequence[str]) -> StanceMatrix:
    """The same matrix with its actors in another order (nothing counted again)."""
    counts = {key: cell.count for key, cell in matrix.cells.items()}
    names = dict(matrix.actors)
    return replace(matrix, actors=_actor_order(counts, names, matrix.tags, actor_order))
