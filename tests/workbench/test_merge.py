"""Merging analysts' project files: the team loop, and every edge a merge meets."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import docx
import pytest

from exports.briefing import BriefingOptions
from exports.run import run_export
from tests.corpus import sample_project
from tests.workbench.helpers import do, run_cli, snapshot, tag_quote
from workbench.briefing.selection import select_passages
from workbench.edits import change_annotation, delete_annotation
from workbench.errors import ProjectFileError
from workbench.file.copies import copy_database
from workbench.model import PassageFilter, ReviewStatus, Role
from workbench.review.workflow import Step, apply_step, submit, thread
from workbench.store import Store
from workbench.team.conflicts import Keep, ResolveConflict, list_conflicts
from workbench.team.merge import MergeCancelled, merge_project

S = ReviewStatus


_do, _tag = do, tag_quote


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """The supervisor's project with the sample article, closed (all in the main file)."""
    return sample_project(tmp_path / "desk.wbproj", "J. Boss")


def _copy_for(desk: Path, name: str) -> Store:
    path = copy_database(desk, desk.with_name(f"{name}.wbproj"))
    return Store.open(path, analyst=name)


def _merge(target: Store, source: Store) -> None:
    assert source.path is not None
    source.checkpoint()
    merge_project(target, source.path)


QUOTES = ("will not allow any vessel to pass", "mixed teams would inspect cargo",
          "accused Moscow of using food as a weapon")


def test_the_team_loop_with_three_project_files(desk: Path, tmp_path: Path) -> None:
    ann, bob = _copy_for(desk, "Ann"), _copy_for(desk, "Bob")
    # Two analysts tag the same article, overlapping and disagreeing.
    red = _tag(ann, QUOTES[0], "Red line", "Russia")
    proposal = _tag(ann, QUOTES[1], "Position", "Turkey")
    overlap = _tag(bob, QUOTES[0], "Criticism", "Russia")
    blame = _tag(bob, QUOTES[2], "Criticism", "Ukraine")
    # Ann changes a passage Bob never saw.
    _do(ann, change_annotation(proposal.id, note="The compromise on the table"))
    _do(ann, submit(ann, [red.id, proposal.id], person="Ann"))
    _do(bob, submit(bob, [overlap.id, blame.id], person="Bob"))
    boss = Store.open(desk, analyst="J. Boss")
    boss.role = Role.SUPERVISOR.value
    _merge(boss, ann)
    _merge(boss, bob)
    assert {a.analyst for a in boss.annotations.where()} == {"Ann", "Bob"}
    assert boss.actors.find("Russia") is not None
    assert len([a for a in boss.actors.all() if a.name == "Russia"]) == 1  # one Russia
    assert boss.annotations.get(proposal.id).note == "The compromise on the table"
    # The supervisor reviews.
    for target, status, comment in ((red.id, S.ACCEPTED, ""), (overlap.id, S.REJECTED, ""),
                                    (proposal.id, S.CHANGES_REQUESTED, "Whose offer?")):
        _do(boss, apply_step(boss, [target], Step(status, "J. Boss", Role.SUPERVISOR, comment)))
    boss.checkpoint()
    # Ann takes the supervisor's file, answers on her own, and resubmits.
    _merge(ann, boss)
    assert ann.annotations.get(proposal.id).status == S.CHANGES_REQUESTED.value
    _do(ann, apply_step(ann, [proposal.id], Step(S.SUBMITTED, "Ann", Role.ANALYST,
                                                "Turkey's: it proposed the mixed teams.")))
    # A second merge brings the answer back.
    _merge(boss, ann)
    assert boss.annotations.get(proposal.id).status == S.SUBMITTED.value
    assert [(r.verdict, r.reviewer) for r in thread(boss, proposal.id)] == [
        ("submitted", "Ann"), ("changes_requested", "J. Boss"), ("submitted", "Ann")]
    assert boss.annotations.get(red.id).status == S.ACCEPTED.value
    assert boss.annotations.get(overlap.id).status == S.REJECTED.value
    assert list_conflicts(boss) == []
    # A briefing of accepted passages holds exactly the accepted one.
    chosen = select_passages(boss, PassageFilter(statuses=frozenset({"accepted"})))
    out = run_export("briefing", chosen, tmp_path / "accepted.docx", options=BriefingOptions())
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert QUOTES[0] in text
    assert QUOTES[1] not in text
    assert QUOTES[2] not in text


def test_merging_the_same_source_twice_changes_nothing(desk: Path) -> None:
    ann = _copy_for(desk, "Ann")
    _tag(ann, QUOTES[0], "Red line", "Russia")
    boss = Store.open(desk)
    _merge(boss, ann)
    boss.checkpoint(truncate=True)
    before = snapshot(desk)
    assert ann.path is not None
    again = merge_project(boss, ann.path)
    assert not again.changed()
    assert again.unchanged["annotations"] == 1
    boss.checkpoint(truncate=True)
    assert snapshot(desk) == before


def test_a_change_on_both_sides_is_kept_as_a_conflict_and_resolved(desk: Path) -> None:
    boss = Store.open(desk, analyst="J. Boss")
    shared = _tag(boss, QUOTES[0], "Red line", "Russia")
    boss.checkpoint(truncate=True)
    ann = _copy_for(desk, "Ann")
    _do(ann, change_annotation(shared.id, note="Ann's reading"))
    _do(boss, change_annotation(shared.id, note="The desk's reading"))
    _merge(boss, ann)
    (conflict,) = list_conflicts(boss)
    assert conflict.ours["note"] == "The desk's reading"
    assert conflict.theirs["note"] == "Ann's reading"
    assert boss.annotations.get(shared.id).note == "The desk's reading"  # nothing lost
    _merge(boss, ann)
    assert len(list_conflicts(boss)) == 1  # recorded once
    # Keep both: theirs becomes a passage of its own; undo takes it back.
    resolve = ResolveConflict(conflict.id, Keep.BOTH)
    _do(boss, resolve)
    notes = sorted(a.note for a in boss.annotations.where())
    assert notes == ["Ann's reading", "The desk's reading"]
    assert list_conflicts(boss) == []
    with boss.transaction():
        resolve.revert(boss)
    assert [a.note for a in boss.annotations.where()] == ["The desk's reading"]
    (conflict,) = list_conflicts(boss)
    _do(boss, ResolveConflict(conflict.id, Keep.THEIRS))
    assert boss.annotations.get(shared.id).note == "Ann's reading"
    # The resolution wins when the analyst takes the desk's file back.
    boss.checkpoint()
    _merge(ann, boss)
    assert ann.annotations.get(shared.id).note == "Ann's reading"
    assert list_conflicts(ann) == []
    _merge(boss, ann)
    assert list_conflicts(boss) == []


def test_a_deletion_on_one_side_travels(desk: Path) -> None:
    boss = Store.open(desk)
    shared = _tag(boss, QUOTES[1], "Position", "Turkey")
    boss.checkpoint(truncate=True)
    ann = _copy_for(desk, "Ann")
    _do(ann, delete_annotation(shared.id))
    _merge(boss, ann)
    assert boss.annotations.where() == []
    assert boss.annotations.get(shared.id).deleted_at is not None


@pytest.mark.parametrize("case", ["newer schema", "not a project", "text file", "damaged"])
def test_a_source_that_cannot_be_merged_changes_nothing(desk: Path, tmp_path: Path,
                                                        case: str) -> None:
    source = tmp_path / "source.wbproj"
    if case == "text file":
        source.write_text("hello", encoding="utf-8")
    elif case == "not a project":
        sqlite3.connect(source).execute("CREATE TABLE t (x)").connection.close()
    else:
        copy_database(desk, source)
        if case == "newer schema":
            with sqlite3.connect(source) as conn:
                conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                             "VALUES ('workbench', '9999_from_the_future', '2030-01-01')")
        else:
            from tests.corpus import damage_pages
            damage_pages(source)
    before_target, before_source = _digest(desk), _digest(source)
    code, _, err = run_cli("-p", str(desk), "merge", str(source))
    assert code == 1
    assert "not merged" in err
    assert len(err.strip().splitlines()) == 2  # its reason, then the count
    assert (_digest(desk), _digest(source)) == (before_target, before_source)


def test_passages_on_another_version_of_an_article_are_reanchored(desk: Path) -> None:
    boss = Store.open(desk)
    original = boss.documents.get(boss.documents.ids()[0])
    boss.checkpoint(truncate=True)
    ann = Store.open(desk.with_name("ann.wbproj"), create=True, analyst="Ann")
    revised = original.text.replace("Negotiators from", "After weeks of delay, negotiators from")
    revised = revised.replace("without a Russian inspector", "without a Russian official")
    from workbench.text.blocks import sha256_text
    ann.documents.add(title=original.title, text=revised, sha256=sha256_text(revised),
                      blocks=[], meta={"source": original.source})
    moved = _tag(ann, QUOTES[1], "Position", "Turkey")
    changed = _tag(ann, "will not allow any vessel to pass without a Russian official",
                   "Red line", "Russia")
    ann.checkpoint()
    assert ann.path is not None
    first = merge_project(boss, ann.path)
    assert (first.versions_matched, first.reanchored, first.orphaned) == (1, 2, 0)
    assert len(boss.documents.ids()) == 1  # the same article, not a second one
    placed = {a.id: a for a in boss.annotations.where()}
    assert placed[moved.id].anchor_status == "moved"
    assert original.text[placed[moved.id].start:placed[moved.id].end] == QUOTES[1]
    assert placed[changed.id].document_id == original.id
    assert placed[changed.id].anchor_status in ("changed", "needs_review")
    assert placed[changed.id].exact.endswith("Russian official")  # the quote is never rewritten
    again = merge_project(boss, ann.path)
    assert (again.changed(), again.reanchored) == (False, 0)


def test_a_cancelled_merge_changes_nothing(desk: Path) -> None:
    ann = _copy_for(desk, "Ann")
    _tag(ann, QUOTES[0], "Red line", "Russia")
    ann.checkpoint()
    boss = Store.open(desk)
    boss.checkpoint(truncate=True)
    before = snapshot(desk)
    assert ann.path is not None
    seen: list[tuple[int, int]] = []
    with pytest.raises(MergeCancelled):
        merge_project(boss, ann.path, progress=lambda d, t: seen.append((d, t)),
                      cancelled=lambda: len(seen) >= 2)
    boss.checkpoint(truncate=True)
    assert snapshot(desk) == before
    assert seen


def test_a_project_is_not_merged_into_itself(desk: Path) -> None:
    boss = Store.open(desk)
    with pytest.raises(ProjectFileError, match="itself"):
        merge_project(boss, desk)
