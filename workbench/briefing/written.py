"""Writing the briefing: its title, bottom line up front, key judgements and comments.

Each written part is a row of the project (``store.brief``) and each change of one
is an :mod:`edit <workbench.edits>` like any other: undoable in the window, logged,
merged by id.  Text is Markdown (bold, italics, lists), which the window's editor
reads and writes and the Word briefing turns into runs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.briefing.citations import broken_citations
from workbench.clock import new_id
from workbench.edits import AddRecord, DeleteRecord, Edit, change_brief_part
from workbench.errors import NotFound, WorkbenchError
from workbench.model import BriefPart, Changes
from workbench.review.workflow import find_passage
from workbench.store import Store
from workbench.store.fields import BriefFields

TITLE_ID, BLUF_ID = "brief:title", "brief:bluf"


class BriefError(WorkbenchError):
    """A written part cannot be stored as asked (an unknown section or passage)."""


@dataclass(frozen=True)
class Section:
    """A section of the briefing that can carry a comment: a tag's or an actor's."""

    key: str  # "tag:<id>" or "actor:<id>"
    name: str


@dataclass
class BriefDraft:
    """Everything written for the briefing, as the export and the window read it."""

    title: str = ""
    bluf: str = ""
    judgements: list[BriefPart] = field(default_factory=list)
    comments: dict[str, str] = field(default_factory=dict)  # section key -> text
    broken: dict[str, str] = field(default_factory=dict)  # cited passage id -> why broken

    def is_empty(self) -> bool:
        return not (self.bluf.strip() or self.judgements or self.comments)

    def citations(self) -> dict[str, int]:
        """Each cited passage's number, in order of first citation (1, 2, 3...)."""
        numbers: dict[str, int] = {}
        for judgement in self.judgements:
            for passage in judgement.cited:
                numbers.setdefault(passage, len(numbers) + 1)
        return numbers


def read_draft(store: Store) -> BriefDraft:
    """The project's written briefing (empty parts where nothing was written)."""
    title, bluf = store.brief.part(TITLE_ID), store.brief.part(BLUF_ID)
    return BriefDraft(
        title=title.text if title else "", bluf=bluf.text if bluf else "",
        judgements=store.brief.judgements(),
        comments={key: part.text for key, part in store.brief.comments().items()},
        broken={c.passage_id: c.why for c in broken_citations(store)})


def sections(store: Store) -> list[Section]:
    """Every section a comment can open: each tag's, then each actor's."""
    return ([Section(f"tag:{t.id}", t.name) for t in store.tags.all()]
            + [Section(f"actor:{a.id}", a.name) for a in store.actors.all()])


def section_named(store: Store, name: str) -> Section:
    """The section of the tag or actor called ``name`` (a key such as ``tag:ID`` too)."""
    for section in sections(store):
        if name in (section.key, section.name) or section.name.casefold() == name.casefold():
            return section
    actor = store.actors.find(name)
    if actor is not None:
        return Section(f"actor:{actor.id}", actor.name)
    known = ", ".join(s.name for s in sections(store))
    raise BriefError(f"No section called {name!r}: a section is a tag or an actor ({known}).")


def section_name(store: Store, key: str) -> str:
    """The display name of a section key (the key itself if its tag or actor is gone)."""
    return next((s.name for s in sections(store) if s.key == key), key)


def _write(store: Store, part_id: str, kind: str, text: str, label: str,
           section: str = "") -> Edit | None:
    """The edit that makes a fixed part say ``text`` (None when it already does)."""
    text = text.strip()
    try:
        current = store.brief.get(part_id)
    except NotFound:
        return AddRecord(BriefPart(id=part_id, kind=kind, text=text, section=section),
                         label) if text else None
    if current.text == text and current.deleted_at is None:
        return None
    return change_brief_part(part_id, label, text=text, deleted_at=None)


def set_title(store: Store, text: str) -> Edit | None:
    return _write(store, TITLE_ID, "title", text, "Change the briefing's title")


def set_bluf(store: Store, text: str) -> Edit | None:
    return _write(store, BLUF_ID, "bluf", text, "Write the bottom line")


def set_comment(store: Store, section: Section, text: str) -> Edit | None:
    return _write(store, f"brief:comment:{section.key}", "comment", text,
                  f"Comment on {section.name}", section.key)


def _checked_cites(store: Store, refs: Sequence[str]) -> str:
    """Cited passages' full ids from ids or unambiguous prefixes, each once."""
    ids: list[str] = []
    for ref in refs:
        try:
            passage = find_passage(store, ref)
        except WorkbenchError as exc:
            raise BriefError(f"Cannot cite {ref!r}: {exc}") from exc
        if passage.id not in ids:
            ids.append(passage.id)
    return " ".join(ids)


def add_judgement(store: Store, text: str,
                  cites: Sequence[str] = ()) -> tuple[Edit, BriefPart]:
    """A new key judgement at the end of the list, citing these passages."""
    if not text.strip():
        raise BriefError("A judgement needs some text.")
    last = max((j.position for j in store.brief.judgements()), default=0.0)
    part = BriefPart(id=new_id(), kind="judgement", text=text.strip(),
                     cites=_checked_cites(store, cites), position=last + 1)
    return AddRecord(part, "Add a key judgement"), part


def change_judgement(store: Store, part_id: str, *, text: str | None = None,
                     cites: Sequence[str] | None = None) -> Edit | None:
    """Reword a judgement or change what it cites (None when nothing changes)."""
    current = store.brief.get(part_id)
    values: BriefFields = {}
    if text is not None and text.strip() != current.text:
        values["text"] = text.strip()
    if cites is not None:
        checked = _checked_cites(store, cites)
        if checked != current.cites:
            values["cites"] = checked
    return change_brief_part(part_id, "Change a key judgement", **values) if values else None


def move_judgement(store: Store, part_id: str, steps: int) -> Edit | None:
    """Move a judgement up (negative) or down the list (None at either end)."""
    order = [j.id for j in store.brief.judgements()]
    at = order.index(part_id)
    to = max(0, min(len(order) - 1, at + steps))
    if to == at:
        return None
    order.insert(to, order.pop(at))
    positions = {pid: float(n + 1) for n, pid in enumerate(order)}
    return _Reorder(positions)


def remove_judgement(part_id: str) -> Edit:
    return DeleteRecord(BriefPart, part_id, "Remove a key judgement")


@dataclass
class _Reorder:
    """Give the judgements new positions; revert puts the old ones back."""

    positions: dict[str, float]
    label: str = "Reorder the key judgements"
    _before: dict[str, float] = field(default_factory=dict)

    def apply(self, store: Store) -> Changes:
        with store.transaction():
            changed = []
            for part_id, position in self.positions.items():
                current = store.brief.get(part_id)
                self._before.setdefault(part_id, current.position)
                if current.position != position:
                    store.brief.update(part_id, position=position)
                    changed.append(part_id)
        return Changes(brief=frozenset(changed))

    def revert(self, store: Store) -> Changes:
        with store.transaction():
            for part_id, position in self._before.items():
                store.brief.update(part_id, position=position)
        return Changes(brief=frozenset(self._before))
