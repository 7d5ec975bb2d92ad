"""The review workflow in the core and on the command line: statuses with an audit trail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.workbench.helpers import run_cli as run
from workbench.briefing.selection import select_passages
from workbench.edits import Edit
from workbench.model import PassageFilter, Review, ReviewStatus, Role
from workbench.review.workflow import ReviewRefused, Step, apply_step, submit, thread
from workbench.samples import build_demo
from workbench.store import Store
from workbench.tagging import retag_passage

S = ReviewStatus


def _do(store: Store, edit: Edit) -> Edit:
    with store.transaction():
        edit.apply(store)
    return edit


def _undo(store: Store, edit: Edit) -> None:
    with store.transaction():
        edit.revert(store)


@pytest.fixture
def demo(tmp_path: Path) -> Store:
    return build_demo(tmp_path / "review.wbproj")


def _status(store: Store, annotation_id: str) -> str:
    return store.annotations.get(annotation_id).status


def test_the_whole_loop_leaves_an_audit_trail_in_order(demo: Store) -> None:
    ids = [a.id for a in demo.annotations.where()][:3]
    accepted, rejected, sent_back = ids
    _do(demo, submit(demo, ids, person="M. Keller"))
    assert [_status(demo, i) for i in ids] == ["submitted"] * 3
    boss = Role.SUPERVISOR
    _do(demo, apply_step(demo, [accepted], Step(S.ACCEPTED, "J. Boss", boss)))
    _do(demo, apply_step(demo, [rejected], Step(S.REJECTED, "J. Boss", boss, "Not a red line")))
    _do(demo, apply_step(demo, [sent_back],
                         Step(S.CHANGES_REQUESTED, "J. Boss", boss, "Whose position?")))
    _do(demo, apply_step(demo, [sent_back], Step(None, "M. Keller", Role.ANALYST, "Ankara's")))
    _do(demo, submit(demo, [sent_back], person="M. Keller", comment="Actor fixed"))
    assert [_status(demo, i) for i in ids] == ["accepted", "rejected", "submitted"]
    steps = [(r.verdict, r.reviewer, r.role, r.comment) for r in thread(demo, sent_back)]
    assert steps == [
        ("submitted", "M. Keller", "analyst", ""),
        ("changes_requested", "J. Boss", "supervisor", "Whose position?"),
        ("comment", "M. Keller", "analyst", "Ankara's"),
        ("submitted", "M. Keller", "analyst", "Actor fixed"),
    ]
    chosen = select_passages(demo, PassageFilter(statuses=frozenset({"accepted"})))
    assert [p.annotation.id for p in chosen.passages] == [accepted]


def test_a_verdict_is_one_undoable_step_and_its_row_is_never_deleted(demo: Store) -> None:
    annotation_id = demo.annotations.where()[0].id
    _do(demo, submit(demo, [annotation_id], person="M. Keller"))
    verdict = _do(demo, apply_step(demo, [annotation_id],
                                   Step(S.ACCEPTED, "J. Boss", Role.SUPERVISOR)))
    rows_before = demo.db.execute("SELECT count(*) FROM reviews").fetchone()[0]
    _undo(demo, verdict)
    assert _status(demo, annotation_id) == "submitted"
    assert [r.verdict for r in thread(demo, annotation_id)] == ["submitted"]
    assert demo.db.execute("SELECT count(*) FROM reviews").fetchone()[0] == rows_before
    _do(demo, verdict)  # redo
    assert _status(demo, annotation_id) == "accepted"


@pytest.mark.parametrize(("status", "to", "role", "words"), [
    ("draft", S.ACCEPTED, Role.SUPERVISOR, "draft cannot be marked accepted"),
    ("submitted", S.ACCEPTED, Role.ANALYST, "Only a supervisor"),
    ("submitted", S.REJECTED, Role.ANALYST, "Only a supervisor"),
])
def test_steps_the_workflow_does_not_allow_are_refused(
        demo: Store, status: str, to: ReviewStatus, role: Role, words: str) -> None:
    annotation_id = demo.annotations.where()[0].id
    if status == "submitted":
        _do(demo, submit(demo, [annotation_id], person="M. Keller"))
    with pytest.raises(ReviewRefused, match=words):
        apply_step(demo, [annotation_id], Step(to, "someone", role))
    assert _status(demo, annotation_id) == status


def test_editing_an_accepted_passage_sends_it_back_and_undo_restores_it(demo: Store) -> None:
    annotation = demo.annotations.where()[0]
    _do(demo, submit(demo, [annotation.id], person="M. Keller"))
    _do(demo, apply_step(demo, [annotation.id], Step(S.ACCEPTED, "J. Boss", Role.SUPERVISOR)))
    other = next(t for t in demo.tags.all() if t.id != annotation.tag_id)
    retag = retag_passage(demo, annotation.id, other)
    assert retag is not None
    _do(demo, retag)
    assert _status(demo, annotation.id) == "submitted"
    assert "Changed after it was accepted: tag_id" in thread(demo, annotation.id)[-1].comment
    _undo(demo, retag)
    assert _status(demo, annotation.id) == "accepted"
    assert demo.annotations.get(annotation.id).tag_id == annotation.tag_id


def test_submitting_what_is_already_submitted_is_refused(demo: Store) -> None:
    annotation_id = demo.annotations.where()[0].id
    _do(demo, submit(demo, [annotation_id], person="M. Keller"))
    with pytest.raises(ReviewRefused, match="submitted or accepted already"):
        submit(demo, [annotation_id], person="M. Keller")


# -- the command line ----------------------------------------------------------------------------

def test_submit_review_edit_delete_and_meta_on_the_command_line(demo: Store) -> None:
    project = str(demo.path)
    title = demo.documents.get(demo.documents.ids()[0]).title
    first, second = [a.id for a in demo.annotations.where(document_id=demo.documents.ids()[0])][:2]
    demo.close()
    code, out, err = run("-p", project, "submit", title)
    assert code == 0, err
    assert "Submitted 5 passage(s)" in out
    code, _out, err = run("-p", project, "review", first[:8], "--accept", "--reviewer", "J. Boss")
    assert code == 1  # an analyst gives no verdicts, and is told how to change role
    assert "whoami --role supervisor" in err
    assert run("whoami", "--role", "supervisor")[0] == 0
    code, _out, err = run("-p", project, "review", first[:8], "--accept", "--reviewer", "J. Boss")
    assert code == 0, err
    code, _out, err = run("-p", project, "review", second, "--request-changes")
    assert code == 1
    assert "--comment" in err
    run("-p", project, "review", second, "--request-changes", "--comment", "Whose?")
    code, out, _err = run("-p", project, "annotations", "--status", "accepted", "--json")
    assert [row["id"] for row in json.loads(out)] == [first]
    code, out, err = run("-p", project, "edit", first, "--actor", "Moscow")
    assert code == 0, err
    code, out, _err = run("-p", project, "meta", title, "--source", "Example Wire",
                          "--published", "14 March 2026", "--url", "https://example.org/x")
    assert "published  2026-03-14" in out
    code, out, _err = run("-p", project, "delete", second[:8])
    assert code == 0
    store = Store.open(project)
    assert store.annotations.get(first).status == "submitted"  # its actor changed
    assert store.annotations.get(second).deleted_at is not None
    document = store.documents.resolve(title)
    assert (document.source, document.url) == ("Example Wire", "https://example.org/x")
    assert [r.verdict for r in store.reviews.of([first])] == ["submitted", "accepted", "submitted"]
    assert all(isinstance(r, Review) and r.role for r in store.reviews.of([first]))


# -- the queue's data ------------------------------------------------------------------------------

def test_the_queue_filters_sorts_and_shows_the_last_comment(demo: Store) -> None:

    ids = demo.queue.ids(PassageFilter())
    assert len(ids) == len(demo.annotations.where())
    first = ids[0]
    _do(demo, submit(demo, [first], person="M. Keller"))
    _do(demo, apply_step(demo, [first], Step(S.CHANGES_REQUESTED, "J. Boss", Role.SUPERVISOR,
                                             "Whose position?")))
    row = demo.queue.rows([first])[first]
    assert (row.status, row.last_comment, row.analyst) == \
        ("changes_requested", "J. Boss: Whose position?", "M. Keller")
    assert demo.queue.ids(PassageFilter(statuses=frozenset({"changes_requested"}))) == [first]
    assert demo.queue.ids(PassageFilter(analysts=frozenset({"nobody"}))) == []
    assert len(demo.queue.ids(PassageFilter(text="ANKARA"))) == 1  # the statement's title
    by_quote = [demo.queue.rows([i])[i].quote.casefold() for i in
                demo.queue.ids(PassageFilter(), sort="quote")]
    assert by_quote == sorted(by_quote)
    assert demo.queue.analysts() == ["M. Keller"]
    assert demo.queue.status_counts(PassageFilter()) == {"draft": 5, "changes_requested": 1}


def test_exports_filter_by_analyst(demo: Store, tmp_path: Path) -> None:
    project = str(demo.path)
    demo.close()
    code, out, err = run("-p", project, "export", "jsonl", "-o", str(tmp_path / "k.jsonl"),
                         "--analyst", "M. Keller")
    assert code == 0, err
    assert "6 passages" in out
    code, out, _err = run("-p", project, "export", "jsonl", "-o", str(tmp_path / "n.jsonl"),
                          "--analyst", "Nobody")
    assert "0 passages" in out


def test_a_briefing_defaults_to_the_accepted_passages(demo: Store, tmp_path: Path) -> None:
    import docx

    first = demo.annotations.where()[0]
    _do(demo, submit(demo, [first.id], person="M. Keller"))
    _do(demo, apply_step(demo, [first.id], Step(S.ACCEPTED, "J. Boss", Role.SUPERVISOR)))
    project = str(demo.path)
    demo.close()
    code, out, err = run("-p", project, "export", "briefing", "-o", str(tmp_path / "b.docx"))
    assert code == 0, err
    assert "1 passage from 1 document (the accepted ones" in out
    texts = [p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs]
    assert "Scope: All documents; all tags; all actors; status: accepted." in texts
    code, out, _err = run("-p", project, "export", "briefing", "-o", str(tmp_path / "all.docx"),
                          "--status", "draft", "--status", "accepted")
    assert "6 passages" in out


def test_the_in_memory_index_agrees_with_the_queries(demo: Store) -> None:
    from workbench.review.queue import QueueIndex
    from workbench.tagging import tag_passage

    assert demo.path is not None
    beside = Store.open(demo.path)  # read on a connection of its own, as a job does
    index = QueueIndex(demo, beside.queue.index_rows())
    beside.close()
    analyst_filter = PassageFilter(analysts=frozenset({"M. Keller"}))
    tag_filter = PassageFilter(tags=frozenset({demo.tags.find("Red line").id}))
    filters = [PassageFilter(), PassageFilter(statuses=frozenset({"submitted"})),
               analyst_filter, tag_filter, PassageFilter(text="moscow")]
    first, second = demo.annotations.where()[:2]
    _do(demo, submit(demo, [first.id], person="M. Keller"))
    _do(demo, apply_step(demo, [first.id], Step(S.REJECTED, "J. Boss", Role.SUPERVISOR)))
    deleted = demo.annotations.where()[2]
    from workbench.edits import delete_annotation
    _do(demo, delete_annotation(deleted.id))
    document = demo.documents.get(first.document_id)
    edit, added = tag_passage(demo, document=document, start=0, end=5, tag=demo.tags.all()[0])
    _do(demo, edit)
    index.refresh([first.id, deleted.id, added.id])
    for passage_filter in [*filters, PassageFilter(statuses=frozenset({"rejected"}))]:
        assert index.ids(passage_filter) == demo.queue.ids(passage_filter)
    assert index.status_counts(index.ids(PassageFilter())) == {"draft": 5, "rejected": 1}
    assert second.id in index.ids(PassageFilter())


def test_a_documents_history_names_every_edit_and_verdict(demo: Store) -> None:
    project = str(demo.path)
    title = demo.documents.get(demo.documents.ids()[1]).title  # the statement: one passage
    (passage,) = demo.annotations.where(document_id=demo.documents.ids()[1])
    demo.close()
    run("-p", project, "submit", title, "--analyst", "M. Keller")
    run("whoami", "--role", "supervisor")
    run("-p", project, "review", passage.id, "--accept", "--reviewer", "J. Boss")
    run("whoami", "--role", "analyst")
    run("-p", project, "edit", passage.id, "--note", "Turkey's line", "--analyst", "M. Keller")
    code, out, err = run("-p", project, "history", title, "--json")
    assert code == 0, err
    steps = [(e["who"], e["role"], e["action"], e["kind"]) for e in json.loads(out)]
    assert steps[0] == ("M. Keller", "analyst", "add", "documents")
    assert steps[-5:] == [
        ("M. Keller", "analyst", "add", "reviews"),
        ("M. Keller", "analyst", "change", "annotations"),
        ("J. Boss", "supervisor", "add", "reviews"),
        ("J. Boss", "supervisor", "change", "annotations"),
        ("M. Keller", "analyst", "change", "annotations")]  # the note: no review again
    run("whoami", "--role", "supervisor")
    run("-p", project, "review", passage.id, "--request-changes", "--comment",
        "Name the ministry", "--reviewer", "J. Boss")
    code, out, _err = run("-p", project, "history", title)
    lines = out.splitlines()
    quote = " ".join(passage.exact.split())[:20]
    assert "M. Keller (analyst)  submitted passage" in lines[-4]
    assert quote in lines[-4]
    assert "J. Boss (supervisor)  accepted passage" in lines[-3]
    assert "M. Keller (analyst)  changed the note of passage" in lines[-2]
    assert lines[-1].endswith("— “Name the ministry”")
    assert "J. Boss (supervisor)  asked for changes to passage" in lines[-1]
    assert not any("status" in line for line in lines)


def test_whoami_sets_the_name_and_role_every_command_stamps(tmp_path: Path) -> None:
    code, out, _err = run("whoami")
    assert (code, out.strip()) == (0, "tester (analyst)")  # $WORKBENCH_ANALYST, nothing saved
    code, out, err = run("whoami", "--name", "Sam Reyes", "--role", "supervisor")
    assert code == 0, err
    assert out.startswith("Sam Reyes (supervisor)")
    assert run("whoami")[1].strip() == "Sam Reyes (supervisor)"
    from workbench.identity import read_identity
    assert read_identity().describe() == "Sam Reyes (supervisor)"  # what the window reads
    code, _out, err = run("whoami", "--name", "   ")
    assert code == 1
    assert "A name is needed" in err
    project = str(tmp_path / "stamped.wbproj")
    article = tmp_path / "stamped.txt"
    article.write_text("Stamped\n\nThe minister said the talks would go on.\n")
    code, out, err = run("-p", project, "import", "--analyst", "Ana", str(article))
    assert code == 0, err
    code, out, _err = run("-p", project, "history", "Stamped", "--json")
    assert [(e["who"], e["role"]) for e in json.loads(out)] == [("Ana", "supervisor")]
