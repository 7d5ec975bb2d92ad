"""Render the window offscreen to PNG files: ``python -m ui.screenshots OUTDIR``.

Builds a small demo project (the shipped sample and a second statement, with
overlapping annotations), then saves the main window, the compare view, the
dark palette, the export dialog, the review queue with a card's thread, the
document details panel, and a merge of a second analyst's file: its summary,
the conflict it left and the agreement between the two; the briefing writer, the
actor-stance matrix and its red-line timeline, and a project search.  ``make screenshots``
writes them to ``screenshots/``.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from ui import settings
from ui.app import application, apply_palette
from ui.main_window import MainWindow
from ui.session import ProjectSession
from ui.team.merge_dialog import MergeSummaryDialog
from workbench.edits import change_annotation
from workbench.file.copies import copy_database
from workbench.model import Changes, ReviewStatus, Role
from workbench.review.workflow import Step, apply_step, submit
from workbench.samples import build_demo, write_demo_brief
from workbench.store import Store
from workbench.tagging import tag_passage
from workbench.team.merge import merge_project


def _review_some(window: MainWindow, store: Store) -> str:
    """Submit the demo's passages, give three verdicts and an answer; the answered id."""
    session = window.session
    ids = [a.id for a in store.annotations.where()]
    session.apply(submit(store, ids, person=store.analyst))
    session.role = Role.SUPERVISOR
    for status, target, comment in (
            (ReviewStatus.ACCEPTED, ids[0], ""),
            (ReviewStatus.REJECTED, ids[1], "Not a red line: a reported view."),
            (ReviewStatus.CHANGES_REQUESTED, ids[2], "Name the actor: who says this?")):
        session.apply(apply_step(store, [target], Step(status, "J. Boss", Role.SUPERVISOR,
                                                        comment)))
    session.role = Role.ANALYST
    session.apply(apply_step(store, [ids[2]], Step(
        ReviewStatus.SUBMITTED, store.analyst, Role.ANALYST, "Actor added: the Kremlin.")))
    session.role = Role.SUPERVISOR
    store.analyst = "J. Boss"
    window.review_dock.set_role(Role.SUPERVISOR)
    window.update_status()
    return ids[2]


def _team_shots(window: MainWindow, store: Store, outdir: Path) -> list[Path]:
    """Bob tags on his copy and edits a note the desk edits too; the desk merges his file."""
    app = QApplication.instance()
    assert app is not None
    assert store.path is not None
    store.checkpoint(truncate=True)
    bob_path = copy_database(store.path, store.path.with_name("bob.wbproj"))
    bob = Store.open(bob_path, analyst="B. Novak")
    document = bob.documents.get(bob.documents.ids()[0])
    shared = bob.annotations.where(document_id=document.id)[0]
    with bob.transaction():
        for quote, tag, actor in (
                ("mixed teams would inspect cargo in Turkish waters", "Criticism", "Turkey"),
                ("will not allow any vessel to pass without a Russian inspector", "Red line",
                 "Russia"),
                ("accused Moscow of using food as a weapon", "Criticism", "Ukraine")):
            start = document.text.index(quote)
            edit, _ = tag_passage(bob, document=document, start=start, end=start + len(quote),
                                  tag=bob.tags.find(tag), actor_name=actor)
            edit.apply(bob)
        change_annotation(shared.id, note="Moscow's condition for any corridor").apply(bob)
    bob.close()
    window.session.apply(change_annotation(shared.id, note="Precondition, repeated twice"))
    summary = merge_project(store, bob_path)
    window.session.notify(summary.changes())
    shots = [outdir / "merge-summary.png", outdir / "conflict.png", outdir / "agreement.png"]
    dialog = MergeSummaryDialog([("bob.wbproj", summary)], 1, window)
    dialog.show()
    app.processEvents()
    dialog.grab().save(str(shots[0]))
    dialog.close()
    conflicts = window.team.show_conflicts()
    app.processEvents()
    conflicts.grab().save(str(shots[1]))
    conflicts.close()
    window.team.show_agreement()
    while window.jobs:  # agreement is worked out by a job
        loop = QEventLoop()  # (the interpreter free for the job's thread meanwhile)
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    agreement = window.team.agreement
    assert agreement is not None
    app.processEvents()
    agreement.grab().save(str(shots[2]))
    agreement.close()
    return shots


def _briefing_shots(window: MainWindow, store: Store, outdir: Path) -> list[Path]:
    """The briefing writer beside the reader, the matrix and its timeline, and a search."""
    app = QApplication.instance()
    assert app is not None
    write_demo_brief(store)
    window.session.broadcast(Changes(brief=frozenset(p.id for p in store.brief.select())))
    dock = window.briefing.show_writer()
    dock.judgements.setCurrentRow(1)
    dock.section.setCurrentIndex(dock.section.findText("Red line ✎"))
    window.resize(1500, 1000)
    app.processEvents()
    shots = [outdir / n for n in ("briefing-writer.png", "matrix.png", "timeline.png",
                                  "search.png")]
    window.grab().save(str(shots[0]))
    dock.hide()
    matrix = window.briefing.show_matrix()
    while matrix.loading:  # the passages are read on another thread
        app.processEvents()
        time.sleep(0.01)
    matrix.table.setCurrentCell(0, 2)  # Russia's red line
    app.processEvents()
    matrix.grab().save(str(shots[1]))
    matrix.tabs.setCurrentIndex(1)
    app.processEvents()
    matrix.grab().save(str(shots[2]))
    matrix.close()
    window.find_in_project()
    window.search_dock.field.setText("inspection")
    window.search_dock.run()
    app.processEvents()
    window.grab().save(str(shots[3]))
    window.search_dock.hide()
    window.resize(1500, 900)
    return shots


def _review_shots(window: MainWindow, store: Store, outdir: Path) -> list[Path]:
    app = QApplication.instance()
    assert app is not None
    answered = _review_some(window, store)
    window.review.show_queue()
    app.processEvents()
    window.reader.go_to_annotation(answered)
    dock = window.review_dock
    dock.go(dock.model.row_of(answered) - dock.table.currentIndex().row())  # in the preview
    app.processEvents()
    queue, details = outdir / "review-queue.png", outdir / "details.png"
    window.grab().save(str(queue))
    window.review_dock.hide()
    dialog = window.show_details()
    assert dialog is not None
    app.processEvents()
    dialog.grab().save(str(details))
    dialog.close()
    return [queue, details]


def render(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    app = application([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    with tempfile.TemporaryDirectory() as scratch:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        os.environ["XDG_DATA_HOME"] = scratch  # the demo's backups are not the user's
        store = build_demo(Path(scratch) / "demo.wbproj")
        window = MainWindow(ProjectSession(store))
        window.resize(1500, 900)
        window.show()
        app.processEvents()
        window.reader.go_to_annotation(store.annotations.where()[0].id)
        app.processEvents()
        shots = [outdir / "main.png", outdir / "compare.png", outdir / "dark.png",
                 outdir / "export.png"]
        window.grab().save(str(shots[0]))
        window.tabs.setCurrentIndex(1)
        docs = store.documents.ids()
        window.compare.left.choose(docs[0])
        window.compare.right.choose(docs[1])
        app.processEvents()
        window.grab().save(str(shots[1]))
        window.tabs.setCurrentIndex(0)
        apply_palette(app, dark=True)
        app.processEvents()
        window.grab().save(str(shots[2]))
        apply_palette(app, dark=False)
        settings.EXPORT_FOLDER.set(str(outdir))
        dialog = window.show_export("briefing")
        dialog.resize(1100, 720)
        app.processEvents()
        dialog.grab().save(str(shots[3]))
        dialog.close()
        shots += _briefing_shots(window, store, outdir)
        shots += _review_shots(window, store, outdir)
        shots += _team_shots(window, store, outdir)
        window.close()
        window.session.close()
    return shots


if __name__ == "__main__":
    for shot in render(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")):
        print(shot)
    QApplication.quit()
