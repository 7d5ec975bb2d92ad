"""File ▸ Export…: filters with a live count, an export off the GUI thread, W3C import."""

from __future__ import annotations

from pathlib import Path

import docx
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from exports.w3c import write_w3c
from ui.actions import ActionId
from ui.exporting.dialog import ExportDialog
from ui.main_window import MainWindow
from workbench.briefing.selection import select_passages
from workbench.samples import build_demo


def _uncheck(dialog: ExportDialog, list_name: str, label: str) -> None:
    widget = getattr(dialog.filters, list_name).list
    item = next(widget.item(n) for n in range(widget.count()) if widget.item(n).text() == label)
    item.setCheckState(Qt.CheckState.Unchecked)


def test_the_count_follows_the_filters(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_window.actions_by_id[ActionId.EXPORT_BRIEFING].trigger()
    dialog = demo_window.export_dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal()
    assert dialog.count.text() == "<b>6 passages</b> from 2 documents will be included."
    _uncheck(dialog, "tags", "Red line")
    assert dialog.count.text() == "<b>4 passages</b> from 1 document will be included."
    dialog.filters.statuses.check_all(False)
    assert dialog.count.text().startswith("<b>0 passages</b>")
    assert not dialog.export_button.isEnabled()


def test_export_a_briefing_off_the_gui_thread_and_open_it(
        qtbot: QtBot, demo_window: MainWindow, tmp_path: Path) -> None:
    dialog = demo_window.show_export("briefing")
    opened: list[Path] = []
    dialog.opener = opened.append
    dialog.briefing.title_edit.setText("Corridor talks, week 11")
    dialog.briefing.marking.setCurrentText("RESTRICTED")
    _uncheck(dialog, "actors", "Ukraine")
    (tmp_path / "out").mkdir()
    dialog.output.setText(str(tmp_path / "out" / "week11"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is not None
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert dialog.last_written == tmp_path / "out" / "week11.docx"
    assert opened == [dialog.last_written]
    word = docx.Document(str(dialog.last_written))
    texts = [p.text for p in word.paragraphs]
    assert "Corridor talks, week 11" in texts
    assert "Handling: RESTRICTED" in texts
    assert word.sections[0].header.paragraphs[0].text.startswith("RESTRICTED")
    assert "Ukraine" not in [p.text for p in word.paragraphs
                             if p.style is not None and p.style.name == "Heading 2"]
    assert demo_window.session.store.settings()["briefing_title"] == "Corridor talks, week 11"
    again = demo_window.show_export("briefing")  # the project remembers the title page
    assert again.briefing.title_edit.text() == "Corridor talks, week 11"


def test_annotated_copy_starts_on_the_open_document(
        qtbot: QtBot, demo_window: MainWindow, tmp_path: Path) -> None:
    store = demo_window.session.store
    first = store.documents.ids()[0]
    demo_window.open_document(first)
    dialog = demo_window.show_export("annotated")
    assert dialog.filters.documents.chosen() == frozenset({first})
    assert dialog.count.text() == "<b>5 passages</b> from 1 document will be included."
    dialog.open_when_done.setChecked(False)
    dialog.output.setText(str(tmp_path / "copy.docx"))
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert len(list(docx.Document(str(tmp_path / "copy.docx")).comments)) == 5


def test_a_failed_export_says_why(qtbot: QtBot, demo_window: MainWindow,
                                  tmp_path: Path) -> None:
    dialog = demo_window.show_export("briefing")
    dialog.open_when_done.setChecked(False)
    (tmp_path / "fake.docx").write_bytes(b"not a zip")
    dialog.briefing.template.setText(str(tmp_path / "fake.docx"))
    dialog.output.setText(str(tmp_path / "b.docx"))
    dialog.start_export()
    qtbot.waitUntil(lambda: dialog.job is None, timeout=20_000)
    assert "not a Word document" in dialog.message.text()
    assert not (tmp_path / "b.docx").exists()


def test_w3c_import_is_one_undoable_step(qtbot: QtBot, window: MainWindow,
                                         tmp_path: Path) -> None:
    other = build_demo(tmp_path / "other.wbproj")  # another analyst's project, same sample
    exported = write_w3c(select_passages(other), tmp_path / "theirs.jsonld")
    other.close()
    store = window.session.store
    assert store.annotations.where() == []
    steps = window.session.undo_stack.count()
    job = window.team.import_w3c(exported)  # read and stored off the GUI thread
    assert job is not None
    qtbot.waitUntil(lambda: window.session.undo_stack.count() == steps + 1, timeout=10_000)
    assert len(store.annotations.where()) == 5
    assert "5 annotations added" in window.last_report.text()
    assert "1 skipped" in window.last_report.text()
    assert "no document in the project matches" in window.last_report.detailedText()
    assert window.reader.content is not None
    window.session.undo_stack.undo()
    assert store.annotations.where() == []
    window.session.undo_stack.redo()
    assert len(store.annotations.where()) == 5


def test_the_dialog_refuses_to_export_over_the_open_project(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    project = demo_window.session.store.path
    assert project is not None
    before = project.read_bytes()
    dialog = demo_window.show_export("csv")
    dialog.output.setText(str(project))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.job is None
    assert "project" in dialog.message.text()
    assert project.read_bytes() == before


def test_a_briefing_starts_on_the_accepted_passages_when_there_are_any(
        qtbot: QtBot, demo_window: MainWindow) -> None:
    from workbench.model import ReviewStatus, Role
    from workbench.review.workflow import Step, apply_step, submit

    store = demo_window.session.store
    first = store.annotations.where()[0].id
    demo_window.session.apply(submit(store, [first], person="M. Keller"))
    demo_window.session.apply(apply_step(store, [first], Step(ReviewStatus.ACCEPTED, "J. Boss",
                                                              Role.SUPERVISOR)))
    dialog = demo_window.show_export("briefing")
    assert dialog.count.text().startswith("<b>1 passage</b>")
    dialog = demo_window.show_export("csv")
    assert dialog.count.text().startswith("<b>6 passages</b>")
