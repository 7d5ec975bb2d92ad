"""Every reversible edit: apply → revert → apply, with the store checked at each step."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import pytest

from workbench.clock import new_id
from workbench.edits import (
    CompositeEdit,
    Edit,
    add_actor,
    add_annotation,
    add_tag,
    change_actor,
    change_annotation,
    change_tag,
    delete_actor,
    delete_annotation,
    delete_document,
    delete_tag,
)
from workbench.model import Actor, Annotation, Changes, Document, Tag
from workbench.store import Store
from workbench.tagging import tag_passage
from workbench.text.blocks import BlockSpec, assemble, sha256_text


@pytest.fixture
def doc(store: Store) -> Document:
    text, blocks = assemble([BlockSpec("paragraph", "Moscow rejects the plan. Kyiv agrees.")])
    return store.documents.add(title="T", text=text, sha256=sha256_text(text), blocks=blocks)


def _annotation(store: Store, doc: Document, *, actor_id: str | None = None) -> Annotation:
    tag = store.tags.find("Position")
    return Annotation(id=new_id(), document_id=doc.id, start=0, end=6, exact="Moscow",
                      prefix="", suffix=" rejects", tag_id=tag.id, actor_id=actor_id)


def _state(store: Store) -> tuple[object, ...]:
    """What a user could see: live records with their fields (not revs or times)."""
    def strip(items: list[object]) -> list[tuple[object, ...]]:
        keep = ("id", "name", "color", "tag_id", "actor_id", "note", "start", "end")
        return sorted(tuple(getattr(i, k, None) for k in keep) for i in items)
    live_docs = [d.id for d in store.documents.summaries()]
    return (strip(store.tags.all()), strip(store.actors.all()),
            strip(store.annotations.where()), live_docs)


def _round_trip(store: Store, edit: Edit, expected: Callable[[Store], bool]) -> Changes:
    before = _state(store)
    with store.transaction():
        changes = edit.apply(store)
    after = _state(store)
    assert after != before
    assert expected(store)
    with store.transaction():
        reverted = edit.revert(store)
    assert _state(store) == before
    with store.transaction():
        edit.apply(store)
    assert _state(store) == after
    assert expected(store)
    assert changes
    assert reverted
    return changes


def test_add_annotation(store: Store, doc: Document) -> None:
    annotation = _annotation(store, doc)
    changes = _round_trip(store, add_annotation(annotation),
                          lambda s: [a.id for a in s.annotations.where()] == [annotation.id])
    assert changes.annotations == {annotation.id}
    assert changes.documents == {doc.id}


def test_change_annotation(store: Store, doc: Document) -> None:
    annotation = store.annotations.insert(_annotation(store, doc))
    red = store.tags.find("Red line")
    _round_trip(store, change_annotation(annotation.id, tag_id=red.id, note="Core demand"),
                lambda s: s.annotations.get(annotation.id).note == "Core demand")
    assert store.annotations.get(annotation.id).rev == 4  # every apply and revert counts


def test_delete_annotation(store: Store, doc: Document) -> None:
    annotation = store.annotations.insert(_annotation(store, doc))
    _round_trip(store, delete_annotation(annotation.id), lambda s: not s.annotations.where())
    assert store.annotations.get(annotation.id).deleted_at is not None  # a tombstone


def test_add_tag(store: Store) -> None:
    tag = Tag(id=new_id(), name="Offer", color="#10b981", shortcut="4")
    _round_trip(store, add_tag(tag), lambda s: s.tags.find("Offer").id == tag.id)


def test_change_tag(store: Store) -> None:
    tag = store.tags.find("Criticism")
    _round_trip(store, change_tag(tag.id, name="Blame", color="#000000"),
                lambda s: s.tags.find("Blame").color == "#000000")


def test_delete_tag_takes_its_annotations_and_gives_them_back(
    store: Store, doc: Document
) -> None:
    annotation = store.annotations.insert(_annotation(store, doc))
    tag_id = annotation.tag_id
    _round_trip(store, delete_tag(tag_id),
                lambda s: tag_id not in {t.id for t in s.tags.all()} and not s.annotations.where())


def test_add_actor(store: Store) -> None:
    actor = Actor(id=new_id(), name="NATO")
    _round_trip(store, add_actor(actor), lambda s: s.actors.find("nato") is not None)


def test_change_actor(store: Store) -> None:
    actor = store.actors.insert(Actor(id=new_id(), name="Russia"))
    _round_trip(store, change_actor(actor.id, name="Russia / Putin", aliases="Kremlin"),
                lambda s: s.actors.find("kremlin") is not None)


def test_delete_actor_leaves_annotations_without_actor(store: Store, doc: Document) -> None:
    actor = store.actors.insert(Actor(id=new_id(), name="Russia"))
    annotation = store.annotations.insert(_annotation(store, doc, actor_id=actor.id))
    _round_trip(store, delete_actor(actor.id),
                lambda s: s.annotations.get(annotation.id).actor_id is None
                and s.actors.find("Russia") is None)


def test_delete_document(store: Store, doc: Document) -> None:
    _round_trip(store, delete_document(doc.id), lambda s: not s.documents.summaries())


def test_tagging_with_a_new_actor_is_one_composite_edit(store: Store, doc: Document) -> None:
    edit, annotation = tag_passage(store, document=doc, start=0, end=6,
                                   tag=store.tags.find("Red line"), actor_name="Russia")
    assert isinstance(edit, CompositeEdit)
    _round_trip(store, edit, lambda s: s.actors.find("Russia") is not None
                and s.annotations.get(annotation.id).exact == "Moscow")


def test_a_failing_edit_changes_nothing(store: Store, doc: Document) -> None:
    good = _annotation(store, doc)
    bad = Annotation(id=new_id(), document_id="no-such-document", start=0, end=1,
                     exact="M", prefix="", suffix="", tag_id=good.tag_id)
    edit = CompositeEdit("Two", [add_annotation(good), add_annotation(bad)])
    before = _state(store)
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        edit.apply(store)
    assert _state(store) == before
