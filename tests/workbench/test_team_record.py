"""The team's record after merges: who did what, renames, field-level conflicts, undo.

Sam (supervisor) tags two passages and hands copies of the project to Ana and
Cat; Ben starts a project of his own on the same article.  Ana changes a
passage's actor, Cat its tag; both change the other passage's note; Ben
renames "Criticism" to "Critique" and tags passages of his own.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from tests.corpus import sample_project
from tests.workbench.helpers import do, run_cli, snapshot, tag_quote
from workbench.edits import change_annotation, change_tag
from workbench.file.copies import copy_database
from workbench.store import Store
from workbench.team.conflicts import (
    Keep,
    ResolveConflict,
    list_conflicts,
    side_in_words,
)
from workbench.team.merge import merge_project

SHARED = ("will not allow any vessel to pass", "mixed teams would inspect cargo")
BENS = "accused Moscow of using food as a weapon"


_do, _tag = do, tag_quote


def _open(path: Path, name: str, role: str) -> Store:
    store = Store.open(path, analyst=name)
    store.role = role
    return store


@pytest.fixture
def team(tmp_path: Path) -> dict[str, Path]:
    """The desk (Sam's project) and the three analysts' projects, all closed."""
    desk = sample_project(tmp_path / "desk.wbproj", "Sam")
    sam = _open(desk, "Sam", "supervisor")
    actor_edit, tag_edit = (_tag(sam, SHARED[0], "Red line", "Ukraine"),
                            _tag(sam, SHARED[1], "Position", "Turkey"))
    sam.close()
    paths = {"desk": desk}
    for name in ("Ana", "Cat"):
        paths[name] = copy_database(desk, tmp_path / f"{name.lower()}.wbproj")
    ana, cat = _open(paths["Ana"], "Ana", "analyst"), _open(paths["Cat"], "Cat", "analyst")
    _do(ana, change_annotation(actor_edit.id, actor_id=_actor(ana, "Kyiv")))
    _do(cat, change_annotation(actor_edit.id, tag_id=cat.tags.find("Criticism").id))
    _do(ana, change_annotation(tag_edit.id, note="Ana: a real offer"))
    _do(cat, change_annotation(tag_edit.id, note="Cat: a feint"))
    ana.close()
    cat.close()
    paths["Ben"] = sample_project(tmp_path / "ben.wbproj", "Ben")
    ben = _open(paths["Ben"], "Ben", "analyst")
    _tag(ben, BENS, "Criticism", "Ukraine")
    _do(ben, change_tag(ben.tags.find("Criticism").id, name="Critique"))
    ben.close()
    return paths


def _actor(store: Store, name: str) -> str:
    from workbench.edits import AddRecord
    from workbench.model import Actor

    actor = Actor(id=f"actor-{name.lower()}", name=name)
    _do(store, AddRecord(actor))
    return actor.id


def _merged(team: dict[str, Path], order: tuple[str, ...], target: Path) -> Store:
    copy_database(team["desk"], target)
    sam = _open(target, "Sam", "supervisor")
    for name in order:
        merge_project(sam, team[name])
    return sam


def _picture(store: Store) -> dict[str, object]:
    """Tags, actors and passages by name; a conflicted field as the set of both values."""
    conflicted = {c.row_id: c for c in list_conflicts(store)}
    passages = set()
    for p in store.annotations.select("deleted_at IS NULL"):
        note: object = p.note
        if p.id in conflicted:
            note = frozenset({p.note, conflicted[p.id].theirs["note"]})
        actor = store.actors.get(p.actor_id).name if p.actor_id else ""
        passages.add((p.id, p.start, p.end, store.tags.get(p.tag_id).name, actor, note))
    return {"tags": sorted(t.name for t in store.tags.select("deleted_at IS NULL")),
            "actors": sorted(a.name for a in store.actors.select("deleted_at IS NULL")),
            "passages": passages}


def test_history_after_the_merge_names_each_analyst_in_their_role(
        team: dict[str, Path], tmp_path: Path) -> None:
    sam = _merged(team, ("Ana", "Ben", "Cat"), tmp_path / "merged.wbproj")
    document_id = sam.documents.ids()[0]
    entries = sam.document_history(document_id)
    by = {(e.who, e.role, e.action) for e in entries}
    assert ("Ana", "analyst", "change") in by
    assert ("Cat", "analyst", "change") in by
    assert ("Ben", "analyst", "add") in by
    merges = [e for e in entries if e.action == "merge"]
    assert [(e.who, e.role) for e in merges] == [("Sam", "supervisor")] * 3
    assert "merged from ana.wbproj" in merges[0].detail
    # Each analyst's edit keeps its own time, before the merge that brought it.
    ana_change = next(e for e in entries if e.who == "Ana" and e.action == "change")
    assert ana_change.at < merges[0].at
    assert not any(e.who == "Sam" and e.action == "change" for e in entries)
    # A second merge of the same file brings no entry twice.
    count = len(entries)
    merge_project(sam, team["Ana"])
    assert len(sam.document_history(document_id)) == count


def test_the_rename_travels_in_every_merge_order(team: dict[str, Path],
                                                  tmp_path: Path) -> None:
    pictures = []
    for number, order in enumerate(itertools.permutations(("Ana", "Ben", "Cat"))):
        sam = _merged(team, order, tmp_path / f"order{number}.wbproj")
        pictures.append(_picture(sam))
        sam.close()
    assert pictures[0]["tags"] == ["Critique", "Position", "Red line"]
    assert all(p == pictures[0] for p in pictures[1:]), "the merge order changed the result"


def test_edits_of_different_fields_both_survive_and_one_field_is_a_conflict(
        team: dict[str, Path], tmp_path: Path) -> None:
    sam = _merged(team, ("Ana", "Cat"), tmp_path / "merged.wbproj")
    document = sam.documents.get(sam.documents.ids()[0])
    by_quote = {p.exact: p for p in sam.annotations.where(document_id=document.id)}
    both = by_quote[SHARED[0]]
    assert sam.actors.get(both.actor_id).name == "Kyiv"  # Ana's actor
    assert sam.tags.get(both.tag_id).name == "Criticism"  # Cat's tag
    (conflict,) = list_conflicts(sam)
    assert conflict.row_id == by_quote[SHARED[1]].id
    assert conflict.fields == ("note",)
    assert conflict.base is not None
    assert conflict.base["note"] == ""
    assert side_in_words(sam, conflict, theirs=False) == "Ana (analyst): note — → Ana: a real offer"
    assert side_in_words(sam, conflict, theirs=True) == "Cat (analyst): note — → Cat: a feint"
    # Resolved field by field: Cat's note stays, nothing else of the passage moves.
    _do(sam, ResolveConflict(conflict.id, Keep.OURS, choices={"note": Keep.THEIRS}))
    resolved = sam.annotations.get(conflict.row_id)
    assert resolved.note == "Cat: a feint"
    assert resolved.tag_id == by_quote[SHARED[1]].tag_id
    assert list_conflicts(sam) == []


def test_undo_after_the_merge_restores_exactly_the_previous_rows(
        team: dict[str, Path], tmp_path: Path) -> None:
    target = copy_database(team["desk"], tmp_path / "merged.wbproj")
    sam = _open(target, "Sam", "supervisor")
    merge_project(sam, team["Ana"])
    sam.checkpoint()
    before = snapshot(target)
    summary = merge_project(sam, team["Cat"], record=True)
    assert summary.edit is not None
    assert summary.changed()
    sam.checkpoint()
    after = snapshot(target)
    assert after != before
    summary.edit.revert(sam)
    sam.checkpoint()
    assert snapshot(target) == before
    summary.edit.apply(sam)  # redo
    sam.checkpoint()
    assert snapshot(target) == after


def test_a_dry_run_says_what_would_change_and_writes_nothing(
        team: dict[str, Path], tmp_path: Path) -> None:
    target = copy_database(team["desk"], tmp_path / "merged.wbproj")
    sam = _open(target, "Sam", "supervisor")
    sam.checkpoint()
    before = snapshot(target)
    tried = merge_project(sam, team["Ben"], dry_run=True)
    assert tried.dry_run
    assert tried.added["annotations"] == 1
    assert tried.updated["tags"] == 1
    sam.checkpoint()
    assert snapshot(target) == before
    done = merge_project(sam, team["Ben"])
    assert done.lines() == tried.lines()


def test_the_command_line_tries_merges_and_resolves_conflicts_field_by_field(
        team: dict[str, Path], tmp_path: Path) -> None:
    target = str(copy_database(team["desk"], tmp_path / "merged.wbproj"))
    before = snapshot(Path(target))
    code, out, err = run_cli("-p", target, "merge", "--dry-run", str(team["Ben"]))
    assert code == 0, err
    assert "would merge (a dry run: nothing was changed)" in out
    assert "Annotations  1 added" in out
    assert snapshot(Path(target)) == before
    for name in ("Ana", "Cat"):
        assert run_cli("-p", target, "merge", str(team[name]))[0] == 0
    code, out, err = run_cli("-p", target, "conflicts")
    assert code == 0, err
    assert "ours    Ana (analyst): note — → Ana: a real offer" in out
    assert "theirs  Cat (analyst): note — → Cat: a feint" in out
    conflict_id = out.split()[0]
    code, _out, err = run_cli("-p", target, "resolve", conflict_id, "--field", "tag=theirs")
    assert code != 0
    assert "That conflict is about note; not tag." in err
    code, out, err = run_cli("-p", target, "resolve", conflict_id, "--field", "note=theirs")
    assert code == 0, err
    assert run_cli("-p", target, "conflicts")[1].strip() == "No conflicts."


def test_a_new_version_made_by_an_analyst_arrives_with_its_passages_and_orphans(
        team: dict[str, Path], tmp_path: Path) -> None:
    ana_path = str(team["Ana"])
    ana = Store.open(team["Ana"], analyst="Ana")
    old = ana.documents.get(ana.documents.ids()[0])
    ana.close()
    # The revised article: one tagged sentence rewritten, one gone, a paragraph added.
    gone = next(s for s in re.split(r"(?<=[.!?])\s+", old.text) if SHARED[0] in s)
    revised = old.text.replace(SHARED[1], "joint crews would look at the cargo")
    revised = revised.replace(gone, "Russia's delegation left early")
    revised = revised.replace("Workbench Sample Desk", "The Desk")  # no outlet to go by
    path = tmp_path / "revised.txt"
    path.write_text(revised, encoding="utf-8")
    code, out, err = run_cli("-p", ana_path, "import", str(path))
    assert code != 0
    assert f"held    revised.txt: looks like a new version of '{old.title}'" in err
    assert "--version-of DOC" in err
    code, out, err = run_cli("-p", ana_path, "import", "--version-of", old.id[:8], str(path))
    assert code == 0, err
    assert out.startswith("version ")
    assert "2 passage(s) carried over:" in out
    assert "orphan" in out
    ana = Store.open(team["Ana"], analyst="Ana")
    (new,) = [d for d in ana.documents.select("version_of IS NOT NULL")]
    carried = {p.anchor_status for p in ana.annotations.where(document_id=new.id)}
    ana.close()
    assert "orphan" in carried
    sam = _merged(team, ("Ana",), tmp_path / "merged.wbproj")
    arrived = sam.documents.get(new.id)
    assert (arrived.version_of, arrived.text) == (old.id, new.text)
    on_new = {p.id: p.anchor_status for p in sam.annotations.where(document_id=new.id)}
    assert len(on_new) == 2
    assert "orphan" in on_new.values()
    assert sam.annotations.where(document_id=old.id) == []  # not moved back onto version 1
    from workbench.library.new_versions import orphans
    assert [p.id for p in orphans(sam)] == [i for i, s in on_new.items() if s == "orphan"]
