"""A changed version of an article: passages carried over, sent back, orphaned, re-attached."""

from __future__ import annotations

import json
from pathlib import Path

from tests.workbench.helpers import run_cli
from workbench.library.bringing_in import Outcome, import_file
from workbench.library.new_versions import orphans, reattach
from workbench.model import ReviewStatus, Role
from workbench.review.workflow import Step, apply_step, submit, thread
from workbench.store import Store
from workbench.tagging import tag_passage

FIRST = """Grain Talks Stall

Source: Harbour Wire
URL: https://news.example.org/grain-talks

Negotiators from Turkey, Ukraine and Russia ended a third round of talks without agreement.

Russia's delegation said it will not allow any vessel to pass without a Russian inspector on board.

Turkey proposed that mixed teams would inspect cargo in Turkish waters.

A spokesman called the plan a trap designed to prolong the blockade.
"""

SECOND = FIRST.replace(
    "ended a third round", "ended, after two postponements, a third round").replace(
    "without a Russian inspector on board", "without a Russian official on board").replace(
    "A spokesman called the plan a trap designed to prolong the blockade.\n", "")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _tag(store: Store, document_id: str, quote: str, tag: str) -> str:
    document = store.documents.get(document_id)
    start = document.text.index(quote)
    edit, passage = tag_passage(store, document=document, start=start, end=start + len(quote),
                                tag=store.tags.find(tag))
    with store.transaction():
        edit.apply(store)
    return passage.id


def test_a_new_version_carries_the_passages_over(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.wbproj", create=True, analyst="Ann")
    first = import_file(store, _write(tmp_path, "talks.txt", FIRST))
    assert first.document is not None
    old = first.document
    moved = _tag(store, old.id, "mixed teams would inspect cargo", "Position")
    changed = _tag(store, old.id, "will not allow any vessel to pass without a Russian "
                                  "inspector on board", "Red line")
    gone = _tag(store, old.id, "a trap designed to prolong the blockade", "Criticism")
    with store.transaction():
        submit(store, [changed], person="Ann").apply(store)
        apply_step(store, [changed], Step(ReviewStatus.ACCEPTED, "J. Boss",
                                          Role.SUPERVISOR)).apply(store)
    result = import_file(store, _write(tmp_path, "talks-v2.txt", SECOND))
    assert result.outcome is Outcome.NEW_VERSION
    assert result.document is not None
    new = result.document
    assert new.version_of == old.id
    assert "3 passage(s) carried over" in result.message
    placed = {a.id: a for a in store.annotations.where()}
    assert {a.document_id for a in placed.values()} == {new.id}
    assert placed[moved].anchor_status == "moved"
    assert new.text[placed[moved].start:placed[moved].end] == "mixed teams would inspect cargo"
    assert placed[changed].anchor_status in ("changed", "needs_review")
    assert placed[changed].status == "submitted"  # an accepted passage whose text changed
    assert "new version" in thread(store, changed)[-1].comment
    assert placed[gone].anchor_status == "orphan"
    assert [a.id for a in orphans(store)] == [gone]
    # The old version stays readable, marked as such in the library.
    assert store.documents.get(old.id).text.startswith("Grain Talks Stall")
    summaries = {d.id: d for d in store.documents.summaries()}
    assert summaries[old.id].replaced
    assert not summaries[new.id].replaced
    # An orphan is re-attached by hand to a selection of the new text.
    start = new.text.index("Negotiators")
    with store.transaction():
        reattach(store, gone, start, start + len("Negotiators")).apply(store)
    assert store.annotations.get(gone).anchor_status == "anchored"
    assert orphans(store) == []


def test_import_says_what_it_did_and_orphans_are_listed(tmp_path: Path) -> None:
    project = tmp_path / "desk.wbproj"
    code, out, _ = run_cli("-p", str(project), "import", str(_write(tmp_path, "a.txt", FIRST)))
    assert code == 0
    document_id = out.split()[1]
    store = Store.open(project)
    gone = _tag(store, store.documents.resolve(document_id).id,
                "a trap designed to prolong the blockade", "Criticism")
    store.close()
    code, out, _ = run_cli("-p", str(project), "import", str(_write(tmp_path, "b.txt", SECOND)))
    assert code == 0
    assert out.startswith("version ")
    assert "a new version of 'Grain Talks Stall': 1 passage(s) carried over: 1 orphan" in out
    code, out, _ = run_cli("-p", str(project), "orphans", "--json")
    assert [a["id"] for a in json.loads(out)] == [gone]
    code, out, _ = run_cli("-p", str(project), "annotations", "--json")
    assert json.loads(out)[0]["anchor_status"] == "orphan"


def test_a_different_article_with_the_same_title_is_not_a_version(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "desk.wbproj", create=True)
    import_file(store, _write(tmp_path, "a.txt", "Statement\n\nFirst text."))
    result = import_file(store, _write(tmp_path, "b.txt", "Statement\n\nAnother text."))
    assert result.outcome is Outcome.ADDED  # no outlet or address to say it is the same
