"""Team work in the window: merge off the GUI thread, conflicts, agreement, orphans."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

import ui.team.actions as team_actions
from tests.ui.helpers import select_with_keyboard
from tests.workbench.helpers import snapshot
from ui.main_window import MainWindow
from workbench.edits import change_annotation
from workbench.file.copies import copy_database
from workbench.model import Annotation
from workbench.store import Store
from workbench.tagging import tag_passage
from workbench.team.agreement import AgreementReport, agreement

QUOTE = "mixed teams would inspect cargo in Turkish waters"
OTHER = "accused Moscow of using food as a weapon"


def _analyst_copy(project: Path, name: str, quotes: dict[str, str]) -> Path:
    """A copy of the project in which ``name`` tagged these quotes (quote → tag)."""
    path = copy_database(project, project.with_name(f"{name}.wbproj"))
    store = Store.open(path, analyst=name)
    document = store.documents.get(store.documents.ids()[0])
    for quote, tag in quotes.items():
        start = document.text.index(quote)
        edit, _ = tag_passage(store, document=document, start=start, end=start + len(quote),
                              tag=store.tags.find(tag))
        with store.transaction():
            edit.apply(store)
    store.close()
    return path


def _merge(qtbot: QtBot, window: MainWindow, paths: list[Path]) -> None:
    """Merge through the window and wait for its summary.  (That a merge leaves the
    window answering is measured at 5,000 passages in test_frozen_loop.)"""
    job = window.team.merge_projects(paths)
    assert job is not None
    qtbot.waitUntil(lambda: window.team.summary is not None and
                    window.team.summary.isVisible(), timeout=20_000)


def test_merging_in_the_window_shows_what_came_and_the_passages(
        qtbot: QtBot, window: MainWindow, project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ann = _analyst_copy(project, "Ann", {QUOTE: "Position"})
    bob = _analyst_copy(project, "Bob", {QUOTE: "Position", OTHER: "Criticism"})
    _merge(qtbot, window, [ann, bob, project.with_name("missing.wbproj")])
    summary = window.team.summary
    assert summary is not None
    assert "2 project(s) merged, 1 not merged" in summary.heading.text()
    cells = [[summary.table.item(r, c).text() if summary.table.item(r, c) else ""
              for c in range(summary.table.columnCount())]
             for r in range(summary.table.rowCount())]
    assert ["", "Annotations", "1", "0", "0", "0"] in cells
    assert any("not merged: Cannot read" in " ".join(row) for row in cells)
    store = window.session.store
    assert {a.analyst for a in store.annotations.where()} == {"Ann", "Bob"}
    assert len(window.reader.content.spans) == 3  # the reader shows them without reopening
    # Agreement: Ann and Bob agree on the Position, Bob alone has the Criticism.  It is
    # worked out on a job's thread (it reads every passage), never the window's.
    threads: list[threading.Thread] = []

    def agreement_watched(*args: Any, **kwargs: Any) -> AgreementReport:
        threads.append(threading.current_thread())
        return agreement(*args, **kwargs)

    monkeypatch.setattr(team_actions, "agreement", agreement_watched)
    window.actions_by_id[next(a for a in window.actions_by_id
                              if a.name == "AGREEMENT")].trigger()
    qtbot.waitUntil(lambda: window.team.agreement is not None)
    assert threads
    assert threads[0] is not threading.main_thread()
    dialog = window.team.agreement
    assert dialog is not None
    cells = [[dialog.scores.item(r, c).text() for c in (0, 1, 9)]
             for r in range(dialog.scores.rowCount())]
    assert sorted(row[1:] for row in cells if row[0] == "All documents") == \
        [["Criticism", "0.00"], ["Position", "1.00"]]
    assert sorted(row[1:] for row in cells if row[0] != "All documents") == \
        [["Criticism", "0.00"], ["Position", "1.00"]]  # the one document's own scores
    # One stretch tagged differently: Bob's Criticism, which Ann did not tag.
    assert dialog.disagreements.rowCount() == 1
    words = [dialog.disagreements.item(0, c).text() for c in range(4)]
    assert words[1].startswith(OTHER)
    assert words[2:] == ["—", "Criticism"]  # Ann, Bob side by side
    rect = dialog.disagreements.visualItemRect(dialog.disagreements.item(0, 1))
    qtbot.mouseClick(dialog.disagreements.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())
    qtbot.mouseDClick(dialog.disagreements.viewport(), Qt.MouseButton.LeftButton,
                      pos=rect.center())
    assert window.tabs.currentWidget() is window.compare
    assert window.compare.left.pane.analyst_only == "Ann"
    assert window.compare.right.pane.analyst_only == "Bob"
    assert not dialog.isVisible()  # Compare in front, not behind the report
    (bobs,) = [a for a in store.annotations.where() if a.exact == OTHER]
    assert window.compare.right.pane.view.current == bobs.id


def test_a_conflict_is_resolved_by_key_and_undone(qtbot: QtBot, window: MainWindow,
                                                  project: Path) -> None:
    pane = window.reader
    select_with_keyboard(qtbot, pane, QUOTE)
    qtbot.keyClick(pane.view, Qt.Key.Key_1)
    qtbot.keyClick(pane.view.focusWidget() or pane.view, Qt.Key.Key_Escape)
    store = window.session.store
    (shared,) = store.annotations.where()
    store.checkpoint(truncate=True)
    ann_path = copy_database(project, project.with_name("Ann.wbproj"))
    ann = Store.open(ann_path, analyst="Ann")
    with ann.transaction():
        change_annotation(shared.id, note="Ann: Turkey's offer").apply(ann)
    ann.close()
    window.session.apply(change_annotation(shared.id, note="Desk: a compromise"))
    _merge(qtbot, window, [ann_path])
    summary = window.team.summary
    assert summary is not None
    assert summary.resolve.isEnabled()
    qtbot.mouseClick(summary.resolve, Qt.MouseButton.LeftButton)
    dialog = window.team.conflicts
    assert dialog is not None
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "note: —"  # what both started from
    assert dialog.table.item(0, 2).text().startswith("Tess Tester (analyst):\nnote — → Desk")
    assert dialog.table.item(0, 3).text() == "Ann (analyst):\nnote — → Ann: Turkey's offer"
    assert list(dialog.choices) == ["note"]
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_B)  # keep both
    notes = sorted(a.note for a in store.annotations.where())
    assert notes == ["Ann: Turkey's offer", "Desk: a compromise"]
    assert dialog.table.rowCount() == 0
    window.session.undo()
    assert [a.note for a in store.annotations.where()] == ["Desk: a compromise"]
    assert dialog.table.rowCount() == 1


def test_a_merge_is_previewed_merged_and_undone_in_one_step(
        qtbot: QtBot, window: MainWindow, project: Path) -> None:
    ann = _analyst_copy(project, "Ann", {QUOTE: "Position"})
    bob = _analyst_copy(project, "Bob", {OTHER: "Criticism"})
    store = window.session.store
    store.checkpoint()
    before = snapshot(project)
    assert window.team.preview_merge([ann, bob]) is not None
    qtbot.waitUntil(lambda: window.team.preview is not None and
                    window.team.preview.isVisible(), timeout=20_000)
    preview = window.team.preview
    assert preview is not None
    assert preview.heading.text().startswith("Merging would add or update")
    assert "Nothing has been changed yet" in preview.heading.text()
    store.checkpoint()
    assert snapshot(project) == before  # the preview changed nothing
    qtbot.mouseClick(preview.merge, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.team.summary is not None and
                    window.team.summary.isVisible(), timeout=20_000)
    assert {a.analyst for a in store.annotations.where()} == {"Ann", "Bob"}
    assert window.session.undo_stack.undoText() == "Merge 2 projects"
    summary = window.team.summary
    assert summary is not None
    qtbot.keyClick(summary, Qt.Key.Key_Escape)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.reader.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.annotations.where() == []
    store.checkpoint()
    assert snapshot(project) == before  # exactly the rows before the merge
    assert window.reader.content.spans == {}
    window.session.redo()
    assert {a.analyst for a in store.annotations.where()} == {"Ann", "Bob"}


def test_an_orphan_is_reattached_to_the_readers_selection(qtbot: QtBot,
                                                          window: MainWindow) -> None:
    store = window.session.store
    document = window.reader.document
    assert document is not None
    orphan = Annotation(id="0f0f0f0f-0000-4000-8000-000000000001", document_id=document.id,
                        start=0, end=5, exact="words no version has", prefix="", suffix="",
                        tag_id=store.tags.find("Position").id, anchor_status="orphan")
    with store.transaction():
        store.annotations.insert(orphan)
    dialog = window.team.show_orphans()
    assert dialog.table.rowCount() == 1
    assert not dialog.reattach_selected()  # nothing selected in the reader yet
    assert "select the words" in dialog.message.text()
    select_with_keyboard(qtbot, window.reader, OTHER)
    qtbot.mouseClick(dialog.attach, Qt.MouseButton.LeftButton)
    placed = store.annotations.get(orphan.id)
    assert (placed.anchor_status, placed.exact) == ("anchored", OTHER)
    assert dialog.table.rowCount() == 0
    assert orphan.id in window.reader.content.spans
