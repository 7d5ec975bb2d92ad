"""Render the window offscreen to PNG files: ``python -m ui.screenshots OUTDIR``.

Builds a small demo project (the shipped sample and a second statement, with
overlapping annotations), then saves the main window, the compare view and the
dark palette.  ``make screenshots`` writes them to ``screenshots/``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from ui.app import application, apply_palette
from ui.main_window import MainWindow
from ui.session import ProjectSession
from workbench.importers import article_from_text
from workbench.library import store_article
from workbench.samples import seed_sample
from workbench.store import Store
from workbench.tagging import describe_passage, find_quote, tag_passage

STATEMENT = """Ankara Statement on the Inspection Talks

The Turkish foreign ministry said on Saturday that joint inspection teams in Turkish waters \
remain the only realistic basis for reopening the corridor.

Ankara rejected claims that the proposal favours either side, and warned that further delays \
would raise food prices across Africa and the Middle East.

Officials added that Turkey will not accept armed escorts in the Black Sea, which it called a \
recipe for escalation.
"""

PASSAGES = [
    ("will not allow any vessel to pass without a Russian inspector on board", "Red line",
     "Russia", "Precondition for any corridor"),
    ("without a Russian inspector on board. A spokesman for the Russian foreign ministry",
     "Criticism", "Russia", ""),
    ("inspections should be carried out by Turkish and United Nations staff alone", "Position",
     "Ukraine", "Excludes Russian inspectors"),
    ("accused Moscow of using food as a weapon", "Criticism", "Ukraine", "Aimed at Moscow"),
    ("mixed teams would inspect cargo in Turkish waters rather than at sea", "Position",
     "Turkey", "Compromise offer"),
]


def build_demo(path: Path) -> Store:
    store = Store.open(path, create=True, analyst="M. Keller")
    sample = seed_sample(store).document
    second = store_article(store, article_from_text(STATEMENT), filename="ankara.txt").document
    assert sample is not None
    assert second is not None
    for quote, tag, actor, note in PASSAGES:
        start, end = find_quote(sample.text, quote)[0]
        edit, annotation = tag_passage(store, document=sample, start=start, end=end,
                                       tag=store.find_tag(tag), actor_name=actor)
        edit.apply(store)
        if note and (change := describe_passage(store, annotation.id, actor_name=actor,
                                                note=note)):
            change.apply(store)
    start, end = find_quote(second.text, "Turkey will not accept armed escorts")[0]
    tag_passage(store, document=second, start=start, end=end, tag=store.find_tag("Red line"),
                actor_name="Turkey")[0].apply(store)
    return store


def render(outdir: Path) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    app = application([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    with tempfile.TemporaryDirectory() as scratch:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, scratch)
        store = build_demo(Path(scratch) / "demo.wbproj")
        window = MainWindow(ProjectSession(store))
        window.resize(1500, 900)
        window.show()
        app.processEvents()
        window.reader.go_to_annotation(store.annotations()[0].id)
        app.processEvents()
        shots = [outdir / "main.png", outdir / "compare.png", outdir / "dark.png"]
        window.grab().save(str(shots[0]))
        window.tabs.setCurrentIndex(1)
        docs = store.document_ids()
        window.compare.left.choose(docs[0])
        window.compare.right.choose(docs[1])
        app.processEvents()
        window.grab().save(str(shots[1]))
        window.tabs.setCurrentIndex(0)
        apply_palette(app, dark=True)
        app.processEvents()
        window.grab().save(str(shots[2]))
        window.close()
        window.session.close()
    return shots


if __name__ == "__main__":
    for shot in render(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots")):
        print(shot)
    QApplication.quit()
